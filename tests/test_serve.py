"""The preview server: path safety, injection and the reload channel without sockets,
then a real server on a free loopback port (every socket with a timeout).
"""

from __future__ import annotations

import http.client
import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from io import StringIO
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.build.pipeline import BuildOptions, BuildResult, build
from generator.cli import main
from generator.errors import ContentError, Problem, Text
from generator.report import Reporter
from generator.serve.command import Preview
from generator.serve.http import (
    MISSING,
    AddressInUseError,
    content_type,
    inject,
    is_loopback,
    resolve,
)
from generator.serve.preview import BuildThread, PreviewState, sources_hint
from generator.serve.reload import CLOSE_LABEL, overlay, page_url, reload_message, script
from generator.serve.watch import Change, ChangeKind
from tests.conftest import SiteMaker

TIMEOUT = 10.0
EVIL = Problem("content/articles/<b>x</b>.md", 3, Text("bad <script>alert(1)</script>"),
               Text("fix & go"))

# Paths without sockets -------------------------------------------------------------


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    root = tmp_path / "preview"
    (root / "2024/03/banjir").mkdir(parents=True)
    (root / "2024/03/banjir/index.html").write_text("<body>banjir</body>")
    (root / "index.html").write_text("<body>home</body>")
    (root / "static").mkdir()
    (root / "static/style.css").write_text("body{}")
    (root / ".hidden").write_text("secret")
    (tmp_path / "secret.txt").write_text("outside")
    (root / "out.txt").symlink_to(tmp_path / "secret.txt")
    (root / "outdir").symlink_to(tmp_path)
    (root / "in.css").symlink_to(root / "static/style.css")
    return root


def test_files_and_folders_resolve(tree: Path) -> None:
    assert resolve(tree, "/").relative == "index.html"
    assert resolve(tree, "/2024/03/banjir/").relative == "2024/03/banjir/index.html"
    assert resolve(tree, "/2024/03/banjir/?q=1#x").relative == "2024/03/banjir/index.html"
    assert resolve(tree, "/static/style.css").relative == "static/style.css"
    assert resolve(tree, "/static/%73tyle.css").relative == "static/style.css"
    assert resolve(tree, "/in.css").status == 200  # a symlink that stays inside is fine


def test_a_folder_without_its_slash_redirects(tree: Path) -> None:
    found = resolve(tree, "/2024/03/banjir?utm=x")
    assert (found.status, found.location) == (301, "/2024/03/banjir/?utm=x")


@pytest.mark.parametrize("target", [
    "/../secret.txt", "/static/../../secret.txt", "/%2e%2e/secret.txt", "/%2E%2E/secret.txt",
    "/static/%2e%2e%2f%2e%2e%2fsecret.txt", "/..%2fsecret.txt", "//etc/passwd", "/./index.html",
    "/static/%5c..%5csecret.txt", "/index.html%00.css", "/index.html\x00", "/out.txt",
    "/outdir/secret.txt", "/.hidden", "http://evil.example/index.html", "index.html",
    "/%ff%fe", "/nope", "/static/style.css/", "/2024/03/banjir/index.html/..",
])
def test_anything_that_leaves_the_folder_is_missing(tree: Path, target: str) -> None:
    assert resolve(tree, target) == MISSING


@pytest.mark.parametrize(("name", "kind"), [
    ("a.html", "text/html; charset=utf-8"), ("a.css", "text/css; charset=utf-8"),
    ("a.js", "text/javascript; charset=utf-8"), ("feed.xml", "application/xml; charset=utf-8"),
    ("a.json", "application/json"), ("a.svg", "image/svg+xml"), ("a.png", "image/png"),
    ("a.JPG", "image/jpeg"), ("a.webp", "image/webp"), ("a.woff2", "font/woff2"),
    ("robots.txt", "text/plain; charset=utf-8"), ("a.unknownext", "application/octet-stream"),
])
def test_content_types(name: str, kind: str) -> None:
    assert content_type(name) == kind


def test_the_script_goes_before_the_last_body_end() -> None:
    page = b"<html><body><pre></body></pre>text</BODY >\n</html>"
    assert inject(page, "<s>") == b"<html><body><pre></body></pre>text<s></BODY >\n</html>"
    assert inject(b"<p>fragment", "<s>") == b"<p>fragment<s>"


def test_the_script_cannot_be_closed_by_its_state() -> None:
    text = script("a</script><script>alert(1):3")
    assert text.count("</script>") == 1
    assert '"notFound": false' in text and "/_warta/events" in text
    assert '"epoch": "abc:3", "notFound": true' in script("abc:3", not_found=True)


def test_the_overlay_escapes_every_problem() -> None:
    text = overlay([EVIL, Problem("site.toml", None, Text("no title"))])
    assert "<script>" not in text and "<b>" not in text
    assert "content/articles/&lt;b&gt;x&lt;/b&gt;.md:3: bad &lt;script&gt;" in text
    assert "fix &amp; go" in text and "<li>site.toml: no title</li>" in text
    # It can be closed with a real button (focusable, Enter and Space work) that says what
    # it does to a screen reader; the script opens the same one.
    assert f'<button type="button" id="warta-overlay-close" aria-label="{CLOSE_LABEL}"' in text
    assert 'close.id = "warta-overlay-close"' in script("abc:3")


@pytest.mark.parametrize(("path", "url"), [
    ("index.html", "/"),
    ("/", "/"),
    ("2024/03/banjir/index.html", "/2024/03/banjir/"),
    ("/2024/03/banjir/index.html", "/2024/03/banjir/"),
    ("/2024/03/banjir/", "/2024/03/banjir/"),
    ("404.html", "/404.html"),
    ("arsip/halaman.html", "/arsip/halaman.html"),
    ("static/style.css", "/static/style.css"),
    ("tag/myindex.html", "/tag/myindex.html"),
])
def test_output_files_and_locations_become_the_same_page_url(path: str, url: str) -> None:
    assert page_url(path) == url


def test_the_reload_message_names_pages_by_url_and_leaves_feeds_out() -> None:
    # An edited article: its page and the lists it is on, plus feeds no tab shows
    message = reload_message("abc:4", [
        "2024/03/banjir/index.html", "index.html", "tag/banjir/index.html", "feed.xml",
        "tag/banjir/feed.xml", "sitemap.xml", "feed.json", "404.html"])
    assert message == {"epoch": "abc:4", "all": False, "assets": [],
                       "pages": ["/", "/2024/03/banjir/", "/404.html", "/tag/banjir/"]}
    # A stylesheet is swapped in place in every tab; a media file reloads the tabs showing it
    message = reload_message("abc:5", ["static/style.css", "media/2024/foto.jpg"])
    assert message["all"] is False
    assert message["assets"] == ["/media/2024/foto.jpg", "/static/style.css"]
    # A script, font or image of the theme: every page uses it, every tab reloads
    assert reload_message("abc:6", ["static/app.js"])["all"] is True
    assert reload_message("abc:6", ["static/logo.svg", "index.html"])["all"] is True
    # What the server cannot know (another process, a client too far behind): all tabs
    assert reload_message("abc:7", None) == {"epoch": "abc:7", "all": True, "pages": [],
                                             "assets": []}
    # A build that changed nothing still says so: it clears the overlay
    assert reload_message("abc:8", []) == {"epoch": "abc:8", "all": False, "pages": [],
                                           "assets": []}


# The state: epochs, the reload channel, the build lock ----------------------------


def test_a_late_client_gets_what_it_missed() -> None:
    state = PreviewState(Path("/nowhere"))
    state.end_build(frozenset({"index.html"}), ())
    start = state.token()
    state.end_build(frozenset({"a/index.html"}), ())
    state.end_build(frozenset({"static/style.css"}), ())
    messages = state.messages(start, heartbeat=0.05)
    first = next(messages)
    assert "event: reload" in first
    data = json.loads(first.split("data: ")[1])
    assert (data["pages"], data["assets"]) == (["/a/"], ["/static/style.css"])
    assert next(messages) == ": ping\n\n"  # nothing new: a heartbeat after 0.05 s
    state.stop()
    assert list(messages) == []


def test_a_client_of_another_server_reloads_everything() -> None:
    state = PreviewState(Path("/nowhere"))
    state.end_build(frozenset(), ())
    first = next(state.messages("0123abcd:7", heartbeat=0.05))
    assert json.loads(first.split("data: ")[1])["all"] is True


def test_a_failed_build_sends_its_problems() -> None:
    state = PreviewState(Path("/nowhere"))
    state.end_build(frozenset({"index.html"}), ())
    messages = state.messages(state.token(), heartbeat=TIMEOUT)
    state.end_build(frozenset(), (EVIL,))
    text = next(messages)
    assert "reload" not in text and "event: error" in text
    problems = json.loads(text.split("data: ")[1])["problems"]
    assert problems[0]["text"] == str(EVIL)
    # A page loaded while the error lasts is told at once (it also has the overlay inline).
    assert "event: error" in next(state.messages(state.token(), heartbeat=TIMEOUT))
    # A fix that writes nothing (the file put back as it was) still clears the overlay
    state.end_build(frozenset(), ())
    text = next(messages)
    assert "event: error" not in text and "event: reload" in text
    assert json.loads(text.split("data: ")[1])["pages"] == []


def test_a_reader_waits_for_the_build_in_progress() -> None:
    state = PreviewState(Path("/nowhere"))
    state.begin_build()
    served = threading.Event()

    def request() -> None:
        with state.reading():
            served.set()

    reader = threading.Thread(target=request)
    reader.start()
    assert not served.wait(0.3)
    state.end_build(frozenset(), ())
    assert served.wait(TIMEOUT)
    reader.join(TIMEOUT)


def test_any_build_failure_becomes_a_problem(tmp_path: Path) -> None:
    state = PreviewState(tmp_path)
    options = BuildOptions(site_dir=tmp_path)

    def broken(options: BuildOptions) -> BuildResult:
        raise RuntimeError("half a file")

    def invalid(options: BuildOptions) -> BuildResult:
        raise ContentError([EVIL])

    out = StringIO()
    reporter = Reporter(stream=out, out=out)
    assert BuildThread(options, state, reporter, broken).rebuild(None) is None
    assert state.problems[0].message == "RuntimeError: half a file"
    BuildThread(options, state, reporter, invalid).rebuild(None)
    assert state.problems == (EVIL,) and state.epoch == 2
    assert "build failed with 1 problem(s)" in out.getvalue()


def test_a_change_names_the_sources_a_rebuild_looks_at() -> None:
    article = "content/articles/2024/a.md"
    assert sources_hint(Change((article,), frozenset({ChangeKind.ARTICLE}))) == (article,)
    assert sources_hint(Change(("templates/base.html",), frozenset({ChangeKind.TEMPLATE}))) \
        == ()
    # Every source is looked at when the settings change, a folder moves, or nothing
    # says what changed (saves made during the first build).
    for change in (Change(("site.toml", article), frozenset({ChangeKind.CONFIG,
                                                             ChangeKind.ARTICLE})),
                   Change(("content/articles/2024",), frozenset({ChangeKind.ARTICLE})),
                   Change((), frozenset()), None):
        assert sources_hint(change) is None


def test_the_build_thread_looks_at_every_source_first_and_after_a_failure(
        tmp_path: Path) -> None:
    seen: list[tuple[str, ...] | None] = []
    fail = [False]

    def recording(options: BuildOptions) -> BuildResult:
        seen.append(options.sources_changed)
        if fail[0]:
            raise ContentError([EVIL])
        return BuildResult(written=(), unchanged=0, removed=(), parsed=0, rendered=0,
                           seconds=0.0)

    out = StringIO()
    thread = BuildThread(BuildOptions(site_dir=tmp_path), PreviewState(tmp_path),
                         Reporter(stream=out, out=out), recording)
    edit = Change(("content/articles/a.md",), frozenset({ChangeKind.ARTICLE}))
    thread.rebuild(edit)
    thread.rebuild(edit)
    fail[0] = True
    thread.rebuild(edit)
    fail[0] = False
    thread.rebuild(edit)
    thread.rebuild(edit)
    assert seen == [None, ("content/articles/a.md",), ("content/articles/a.md",), None,
                    ("content/articles/a.md",)]


# A real server on a free port ------------------------------------------------------


def three_articles(site: SiteMaker) -> None:
    site.article("2024/03/banjir", "Banjir di Pasar", "2024-03-01T09:00:00+07:00",
                 body="Air setinggi lutut.\n")
    site.article("2024/03/jalan", "Jalan Rusak", "2024-03-02T09:00:00+07:00")
    site.article("2024/03/rancangan", "Rancangan", "2024-03-03T09:00:00+07:00", draft="true")


@pytest.fixture
def preview(site: SiteMaker) -> Iterator[Preview]:
    three_articles(site)
    out = StringIO()
    server = Preview(site.root, port=0, reporter=Reporter(stream=out, out=out), watch=False)
    server.start()
    try:
        yield server
    finally:
        server.stop()


def get(preview: Preview, target: str, method: str = "GET") -> tuple[int, dict[str, str], bytes]:
    """A request with the target sent exactly as given (no client-side normalising)."""
    host, port = preview.server.server_address[:2]
    connection = http.client.HTTPConnection(str(host), port, timeout=TIMEOUT)
    try:
        connection.request(method, target)
        response = connection.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        connection.close()


def test_pages_get_the_reload_script(preview: Preview) -> None:
    status, headers, body = get(preview, "/2024/03/banjir-di-pasar/")
    assert status == 200 and headers["Content-Type"] == "text/html; charset=utf-8"
    assert b"Air setinggi lutut." in body
    assert body.index(b'<script id="warta-reload">') < body.rindex(b"</body>")
    assert b'"notFound": false' in body
    assert b"warta-overlay\" role" not in body


def test_drafts_are_shown_with_a_banner(preview: Preview) -> None:
    status, _, body = get(preview, "/2024/03/rancangan/")
    assert status == 200 and b"draft-banner" in body


def test_unknown_paths_get_the_sites_404_page(preview: Preview) -> None:
    status, headers, body = get(preview, "/tidak/ada/")
    assert status == 404 and headers["Content-Type"].startswith("text/html")
    assert b"not-found" in body and b'"notFound": true' in body
    status, headers, _ = get(preview, "/arsip")
    assert status == 301 and headers["Location"] == "/arsip/"
    status, _, body = get(preview, "/static/style.css", method="HEAD")
    assert status == 200 and body == b""


def test_traversal_attempts_are_refused(preview: Preview, site: SiteMaker) -> None:
    (preview.state.root / "escape.toml").symlink_to(site.root / "site.toml")
    for target in ("/../site.toml", "/../../site.toml", "/%2e%2e/site.toml",
                   "/static/%2e%2e/%2e%2e/%2e%2e/site.toml", "/..%2f..%2fsite.toml",
                   "/escape.toml", "//etc/passwd", "/%00", "/.%2e/.%2e/site.toml"):
        status, _, body = get(preview, target)
        assert status == 404, target
        assert b"Kabar Contoh" not in body or b"not-found" in body, target
        assert b"base_url" not in body, target


def test_content_types_over_the_wire(preview: Preview, site: SiteMaker) -> None:
    files = {"static/app.js": b"1", "static/data.json": b"{}", "static/logo.svg": b"<svg/>",
             "static/font.woff2": b"wOF2", "static/robots.txt": b"x", "static/feed.xml": b"<a/>",
             # (Photos under content/media/ are published as derivatives: issue 16.)
             "static/foto.png": b"\x89PNG", "static/foto.jpg": b"\xff",
             "static/foto.webp": b"RIFF", "content/media/2024/berkas.pdf": b"%PDF"}
    for name, data in files.items():
        site.write(name, data)
    preview.builder.rebuild(None)
    for name, data in files.items():
        url = "/" + name.removeprefix("content/")
        status, headers, body = get(preview, url)
        assert (status, body) == (200, data), url
        assert headers["Content-Type"] == content_type(url)
        assert headers["X-Content-Type-Options"] == "nosniff"


def test_a_failed_build_shows_an_overlay_until_fixed(preview: Preview, site: SiteMaker) -> None:
    # Given a page open in a browser, listening on the reload channel
    _, _, before = get(preview, "/2024/03/jalan-rusak/")
    events = EventReader(preview, preview.state.token())
    # When an article's frontmatter breaks
    site.write("content/articles/2024/03/banjir.md", "---\ntitle: [tidak ditutup\n---\nTeks\n")
    preview.builder.rebuild(None)
    # Then the channel says so, and every page (old content) carries the overlay
    error = events.next_event("error")
    assert "content/articles/2024/03/banjir.md" in error["problems"][0]["text"]
    _, _, during = get(preview, "/2024/03/jalan-rusak/")
    assert b'<div id="warta-overlay"' in during and b"content/articles/2024/03/banjir.md" in during
    _, _, old = get(preview, "/2024/03/banjir-di-pasar/")
    assert b"Air setinggi lutut." in old  # the last good build is still served
    # When it is fixed, the overlay is gone and the changed page is announced
    site.article("2024/03/banjir", "Banjir di Pasar", "2024-03-01T09:00:00+07:00",
                 body="Air sudah surut.\n")
    preview.builder.rebuild(None)
    reload = events.next_event("reload")
    assert "/2024/03/banjir-di-pasar/" in reload["pages"]
    _, _, after = get(preview, "/2024/03/jalan-rusak/")
    assert b'<div id="warta-overlay"' not in after
    assert after.split(b"<script")[0] == before.split(b"<script")[0]
    events.close()


def test_an_empty_file_mid_save_is_a_problem_not_a_crash(preview: Preview,
                                                        site: SiteMaker) -> None:
    site.write("content/articles/2024/03/jalan.md", "")
    preview.builder.rebuild(None)
    assert any("jalan.md" in p.path for p in preview.state.problems)
    status, _, body = get(preview, "/2024/03/jalan-rusak/")
    assert status == 200 and b'<div id="warta-overlay"' in body


def test_a_deleted_article_disappears_everywhere(preview: Preview, site: SiteMaker) -> None:
    events = EventReader(preview, preview.state.token())
    (site.root / "content/articles/2024/03/jalan.md").unlink()
    preview.builder.rebuild(None)
    pages = events.next_event("reload")["pages"]
    assert isinstance(pages, list)
    assert "/2024/03/jalan-rusak/" in pages and "/" in pages
    status, _, _ = get(preview, "/2024/03/jalan-rusak/")
    assert status == 404
    assert b"Jalan Rusak" not in get(preview, "/")[2]
    events.close()


def test_saving_a_file_reloads_through_the_watcher(site: SiteMaker) -> None:
    three_articles(site)
    out = StringIO()
    with Preview(site.root, port=0, reporter=Reporter(stream=out, out=out)) as preview:
        events = EventReader(preview, preview.state.token())
        site.article("2024/03/jalan", "Jalan Rusak", "2024-03-02T09:00:00+07:00",
                     body="Sudah diperbaiki.\n")
        while True:  # the first reload may be the catch-up after a slow first build
            pages = events.next_event("reload")["pages"]
            assert isinstance(pages, list)
            if "/2024/03/jalan-rusak/" in pages:
                break
        assert b"Sudah diperbaiki." in get(preview, "/2024/03/jalan-rusak/")[2]
        events.close()


def test_no_drafts_previews_what_would_be_published(site: SiteMaker) -> None:
    three_articles(site)
    out = StringIO()
    with Preview(site.root, port=0, drafts=False, watch=False,
                 reporter=Reporter(stream=out, out=out)) as preview:
        assert get(preview, "/2024/03/rancangan/")[0] == 404
        assert get(preview, "/2024/03/jalan-rusak/")[0] == 200


def test_requests_wait_for_a_rebuild_and_50_connections_are_served(site: SiteMaker) -> None:
    three_articles(site)
    release = threading.Event()
    slow = {"on": False}

    def slow_build(options: BuildOptions) -> BuildResult:
        if slow["on"]:
            assert release.wait(TIMEOUT)
        return build(options)

    out = StringIO()
    with Preview(site.root, port=0, reporter=Reporter(stream=out, out=out), watch=False,
                 build_function=slow_build) as preview:
        listeners = [EventReader(preview, preview.state.token()) for _ in range(5)]
        # Given a rebuild in progress that changes an article
        slow["on"] = True
        site.article("2024/03/banjir", "Banjir di Pasar", "2024-03-01T09:00:00+07:00",
                     body="Versi kedua.\n")
        preview.builder.submit(Change(("content/articles/2024/03/banjir.md",),
                                      frozenset({ChangeKind.ARTICLE})))
        deadline = time.monotonic() + TIMEOUT
        while not preview.state.building and time.monotonic() < deadline:
            time.sleep(0.01)  # polling a flag with a deadline: the build thread has started
        assert preview.state.building
        # When 60 requests arrive during it
        targets = ["/2024/03/banjir-di-pasar/", "/static/style.css", "/", "/tag/"] * 15
        with ThreadPoolExecutor(max_workers=60) as pool:
            futures = [pool.submit(timed_get, preview, t) for t in targets]
            time.sleep(0.3)
            released_at = time.monotonic()
            release.set()
            results = [f.result(timeout=TIMEOUT) for f in futures]
        # Then none was answered before the build ended, all with the new preview
        assert all(status == 200 for status, _, _ in results)
        assert all(done >= released_at for _, _, done in results)
        pages = [body for (_, body, _), t in zip(results, targets, strict=True)
                 if t == "/2024/03/banjir-di-pasar/"]
        assert all(b"Versi kedua." in body for body in pages)
        for listener in listeners:
            assert "/2024/03/banjir-di-pasar/" in listener.next_event("reload")["pages"]
            listener.close()


def timed_get(preview: Preview, target: str) -> tuple[int, bytes, float]:
    status, _, body = get(preview, target)
    return status, body, time.monotonic()


def test_a_taken_port_is_a_clear_error(preview: Preview) -> None:
    port = preview.server.server_address[1]
    with pytest.raises(AddressInUseError):
        Preview(preview.site_dir, port=port, watch=False)
    result = CliRunner().invoke(main, ["serve", "--site", str(preview.site_dir),
                                       "--port", str(port), "--bind", "0.0.0.0"])
    assert result.exit_code == 2
    assert f"Port {port} sedang dipakai" in result.output and "--port 0" in result.output
    assert "komputer lain di jaringan dapat melihat pratinjau" in result.output


def test_stop_frees_the_port(site: SiteMaker) -> None:
    three_articles(site)
    out = StringIO()
    preview = Preview(site.root, port=0, reporter=Reporter(stream=out, out=out))
    preview.start()
    port = preview.server.server_address[1]
    listener = EventReader(preview, preview.state.token())
    preview.stop()
    assert listener.closed(TIMEOUT)
    # A closed connection lingers in TIME_WAIT; the next `warta serve` binds anyway.
    again = Preview(site.root, port=port, watch=False)
    again.stop()
    assert not any(t.name.startswith("warta-") and t.is_alive() for t in threading.enumerate())


def test_loopback_addresses() -> None:
    assert is_loopback("127.0.0.1") and is_loopback("localhost") and is_loopback("::1")
    assert not is_loopback("0.0.0.0") and not is_loopback("192.168.1.5")


def test_ctrl_c_stops_cleanly(site: SiteMaker) -> None:
    three_articles(site)
    process = subprocess.Popen(
        [sys.executable, "-m", "generator", "serve", "--site", str(site.root), "--port", "0"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        # A shell that started us in the background may have told us to ignore Ctrl-C.
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
        cwd=Path(__file__).resolve().parent.parent)
    try:
        assert process.stdout is not None
        lines = []
        for line in process.stdout:
            lines.append(line)
            if line.startswith("Menyajikan"):  # (the test site is Indonesian)
                break
        url = lines[-1].rsplit(" di ", 1)[1].split()[0]
        assert url.startswith("http://127.0.0.1:")
        process.send_signal(signal.SIGINT)
        stdout, stderr = process.communicate(timeout=TIMEOUT)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    assert process.returncode == 0, stderr
    assert "Traceback" not in stderr and "Menghentikan pratinjau." in stdout


# A small SSE client over a real socket ----------------------------------------------


class EventReader:
    """Reads the reload channel in a thread; events come out of a queue, with timeouts."""

    def __init__(self, preview: Preview, since: str) -> None:
        import queue

        host, port = preview.server.server_address[:2]
        self.events: queue.Queue[tuple[str, dict[str, object]] | None] = queue.Queue()
        self.connection = http.client.HTTPConnection(str(host), port, timeout=TIMEOUT)
        self.connection.request("GET", f"/_warta/events?since={since}")
        # The response takes the socket over; keep it to interrupt the reading thread.
        self.socket = self.connection.sock
        self.response = self.connection.getresponse()
        assert self.response.headers["Content-Type"] == "text/event-stream"
        self.thread = threading.Thread(target=self._read, daemon=True)
        self.thread.start()

    def _read(self) -> None:
        name = ""
        try:
            for raw in self.response:
                line = raw.decode().rstrip("\n")
                if line.startswith("event: "):
                    name = line[7:]
                elif line.startswith("data: "):
                    self.events.put((name, json.loads(line[6:])))
        except (OSError, ValueError):
            pass
        self.events.put(None)

    def next_event(self, name: str) -> dict[str, object]:
        while True:
            item = self.events.get(timeout=TIMEOUT)
            assert item is not None, "the channel closed"
            if item[0] == name:
                return item[1]

    def closed(self, timeout: float) -> bool:
        self.thread.join(timeout)
        return not self.thread.is_alive()

    def close(self) -> None:
        try:
            self.socket.shutdown(socket.SHUT_RDWR)  # type: ignore[union-attr]
        except OSError:
            pass
        self.connection.close()
        self.thread.join(TIMEOUT)


def test_sources_are_never_modified_by_serving(preview: Preview, site: SiteMaker) -> None:
    assert not (site.root / "output").exists()
    assert (site.root / ".warta/preview/index.html").is_file()
    assert os.path.commonpath([preview.state.root, site.root]) == str(site.root)


def test_the_preview_indexes_search_after_the_reload(site: SiteMaker) -> None:
    from generator.search import intact as search
    from generator.serve.preview import SearchIndexer

    # Given a site with search on, previewed without indexing inside the build
    site.write("site.toml", 'title = "Cari"\n')
    site.article("a", "Jembatan Retak", "2024-01-01", body="Retakan di jembatan tua.\n")
    output = site.root / ".warta/preview"
    options = BuildOptions(site_dir=site.root, output_dir=output, drafts=True,
                           index_search=False)
    indexer = SearchIndexer(site.root, output, Reporter(StringIO(), out=StringIO()))
    thread = BuildThread(options, PreviewState(output), Reporter(StringIO(), out=StringIO()),
                         build, indexer)
    # When a rebuild runs
    result = thread.rebuild(None)
    # Then the build itself left the index for later, and the indexer caught up
    assert result is not None and result.search_pending and not result.search_indexed
    assert result.search_work is not None
    indexer.wait(60)
    assert search.stale_shards(output, result.search_work.keys) == []
    assert (output / "pagefind/0/pagefind.js").is_file()


def test_200_concurrent_requests_while_rebuilds_run(site: SiteMaker) -> None:
    # Given a preview with a reload channel open
    three_articles(site)
    out = StringIO()
    with Preview(site.root, port=0, reporter=Reporter(stream=out, out=out),
                 watch=False) as preview:
        listener = EventReader(preview, preview.state.token())
        targets = ["/2024/03/banjir-di-pasar/", "/static/style.css", "/", "/tag/",
                   "/tidak-ada/"] * 40
        stop = threading.Event()

        def rebuild_loop() -> None:
            # A bounded number of rebuilds, each with a real change.
            for n in range(5):
                if stop.is_set():
                    return
                site.article("2024/03/banjir", "Banjir di Pasar", "2024-03-01T09:00:00+07:00",
                             body=f"Versi {n}.\n")
                preview.builder.rebuild(Change(("content/articles/2024/03/banjir.md",),
                                               frozenset({ChangeKind.ARTICLE})))

        rebuilds = threading.Thread(target=rebuild_loop)
        # When 200 requests from 200 threads arrive while the rebuilds run
        rebuilds.start()
        with ThreadPoolExecutor(max_workers=200) as pool:
            results = list(pool.map(lambda t: timed_get(preview, t), targets))
        stop.set()
        rebuilds.join(TIMEOUT)
        # Then every request got its page (or the site's 404 page), none an error
        statuses = [status for status, _, _ in results]
        assert statuses.count(404) == 40 and statuses.count(200) == 160
        # And the reload channel was never blocked: it reports the rebuilds
        event = listener.next_event("reload")
        assert "/2024/03/banjir-di-pasar/" in event["pages"]
        listener.close()
