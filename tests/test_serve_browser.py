"""One real browser against a real preview server: edit, break, fix, and watch the page.

Skipped when Debian's Chromium or Playwright is missing. Every wait has a
timeout and ends as soon as the page shows what is expected.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from io import StringIO
from pathlib import Path
from typing import Any

import pytest

from generator.messages import Messages
from generator.report import Reporter
from generator.serve.command import Preview
from generator.serve.reload import CLOSE_LABEL, OVERLAY_TITLE
from tests.conftest import SiteMaker

CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]
WAIT_MS = 15_000

if not os.access(CHROMIUM, os.X_OK):
    pytest.skip(f"{CHROMIUM} is not installed", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api")


@pytest.fixture
def preview(site: SiteMaker) -> Iterator[Preview]:
    site.article("2024/03/banjir", "Banjir di Pasar", "2024-03-01T09:00:00+07:00",
                 body="Air setinggi lutut di los sayur.\n")
    site.article("2024/03/jalan", "Jalan Rusak", "2024-03-02T09:00:00+07:00")
    site.article("2024/03/rancangan", "Rancangan", "2024-03-03T09:00:00+07:00", draft="true")
    out = StringIO()
    server = Preview(site.root, port=0, reporter=Reporter(stream=out, out=out))
    server.start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def browser() -> Iterator[Any]:
    """Debian's Chromium through Playwright (it cannot download its own browser here)."""
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        try:
            yield launched
        finally:
            launched.close()


def test_the_page_follows_the_editor(preview: Preview, site: SiteMaker, browser: Any) -> None:
    article = site.root / "content/articles/2024/03/banjir.md"
    page = browser.new_page()
    page.goto(preview.url + "2024/03/banjir-di-pasar/")
    body = page.locator("main")
    sync_api.expect(body).to_contain_text("Air setinggi lutut", timeout=WAIT_MS)
    # No need to wait for the reload channel to open: the page knows the epoch it
    # was built at, and the channel catches it up on a build it missed.

    # When the editor saves new text, the page shows it by itself
    edit(article, "Air sudah surut sore ini.")
    sync_api.expect(body).to_contain_text("Air sudah surut sore ini.", timeout=WAIT_MS)

    # When the frontmatter breaks, the overlay names the file
    article.write_text("---\ntitle: [tidak ditutup\ndate: 2024-03-01\n---\nTeks\n",
                       encoding="utf-8")
    overlay = page.locator("#warta-overlay")
    sync_api.expect(overlay).to_contain_text("content/articles/2024/03/banjir.md",
                                             timeout=WAIT_MS)
    sync_api.expect(body).to_contain_text("Air sudah surut sore ini.")

    # When it is fixed, the overlay goes away and the new text is there
    edit(article, "Banjir surut total.")
    sync_api.expect(overlay).to_have_count(0, timeout=WAIT_MS)
    sync_api.expect(body).to_contain_text("Banjir surut total.", timeout=WAIT_MS)

    # And a draft shows its banner
    page.goto(preview.url + "2024/03/rancangan/")
    sync_api.expect(page.locator(".draft-banner")).to_be_visible(timeout=WAIT_MS)

    # A stylesheet change is applied without reloading the page
    page.evaluate("() => { window.stillHere = true; }")
    site.write("static/style.css", "main { color: rgb(1, 2, 3); }\n")
    sync_api.expect(page.locator("main")).to_have_css("color", "rgb(1, 2, 3)",
                                                      timeout=WAIT_MS)
    assert page.evaluate("() => window.stillHere") is True


def edit(article: Path, body: str) -> None:
    article.write_text("---\ntitle: Banjir di Pasar\nslug: banjir-di-pasar\n"
                       "date: 2024-03-01T09:00:00+07:00\n---\n"
                       f"{body}\n", encoding="utf-8")


def test_only_the_tabs_whose_page_changed_reload(preview: Preview, site: SiteMaker,
                                                 browser: Any) -> None:
    # Given tab A on the article (its URL spelled with index.html, which the script
    # normalises as the server does) and tab B on another article
    article, a, b = two_tabs(preview, site, browser, "2024/03/banjir-di-pasar/index.html")
    sync_api.expect(a.locator("main")).to_contain_text("Air setinggi lutut",
                                                       timeout=WAIT_MS)
    mark(a), mark(b)
    listen(b, preview.state.token())

    # When the article shown in A is edited, A reloads and shows it
    edit(article, "Air sudah surut sore ini.")
    sync_api.expect(a.locator("main")).to_contain_text("Air sudah surut sore ini.",
                                                       timeout=WAIT_MS)
    assert a.evaluate("() => window.mark") is None
    # and B, told of the same build, keeps its state: it did not reload
    settled(b, 1)
    assert b.evaluate("() => window.mark") == "kept"

    # A stylesheet every page uses reaches both tabs (swapped in place, so neither
    # loses its scroll position)
    mark(a)
    site.write("static/style.css", "main { color: rgb(1, 2, 3); }\n")
    for tab in (a, b):
        sync_api.expect(tab.locator("main")).to_have_css("color", "rgb(1, 2, 3)",
                                                         timeout=WAIT_MS)
        assert tab.evaluate("() => window.mark") == "kept"

    # A script of the theme cannot be swapped: every tab reloads
    site.write("static/app.js", "window.themeScript = 1;\n")
    for tab in (a, b):
        tab.wait_for_function("() => window.mark === undefined", timeout=WAIT_MS)


def test_the_overlay_closes_and_clears_where_nothing_changed(preview: Preview, site: SiteMaker,
                                                              browser: Any) -> None:
    article, a, b = two_tabs(preview, site, browser, "2024/03/banjir-di-pasar/")
    mark(b)
    # When the build breaks, every tab shows the problem
    article.write_text("---\ntitle: [tidak ditutup\n---\nTeks\n", encoding="utf-8")
    for tab in (a, b):
        sync_api.expect(tab.locator("#warta-overlay")).to_contain_text(
            "banjir.md", timeout=WAIT_MS)
    # The editor closes it from the keyboard with the button's accessible name
    # (The test site is Indonesian: so is the button's name.)
    close = a.get_by_role("button", name=Messages(language="id")(CLOSE_LABEL))
    close.focus()
    a.keyboard.press("Enter")
    sync_api.expect(a.locator("#warta-overlay")).to_have_count(0)
    # Until the next build result: a save that is still broken shows it again
    article.write_text("---\ntitle: [masih rusak\n---\nTeks\n", encoding="utf-8")
    sync_api.expect(a.locator("#warta-overlay")).to_have_count(1, timeout=WAIT_MS)

    # A page opened while the build fails has the overlay inline; it closes too
    c = browser.new_page()
    c.goto(preview.url)
    sync_api.expect(c.locator("#warta-overlay")).to_be_visible(timeout=WAIT_MS)
    c.get_by_role("button", name=Messages(language="id")(CLOSE_LABEL)).focus()
    c.keyboard.press("Space")
    sync_api.expect(c.locator("#warta-overlay")).to_have_count(0)

    # When it is fixed, the overlay goes away everywhere; A (its page changed)
    # reloads, B (its page did not) keeps its state
    edit(article, "Banjir surut total.")
    sync_api.expect(a.locator("main")).to_contain_text("Banjir surut total.",
                                                       timeout=WAIT_MS)
    sync_api.expect(b.locator("#warta-overlay")).to_have_count(0, timeout=WAIT_MS)
    assert b.evaluate("() => window.mark") == "kept"


@pytest.mark.parametrize(
    ("language", "title", "label"),
    [("en", OVERLAY_TITLE, CLOSE_LABEL),
     ("id", "Build gagal: pratinjau menampilkan build terakhir yang berhasil",
      "Tutup pesan ini sampai build berikutnya")])
def test_the_overlay_speaks_the_sites_language_and_escape_closes_it(
        site: SiteMaker, browser: Any, language: str, title: str, label: str) -> None:
    # Given a site in `language` and its preview open in a tab
    text = (site.root / "site.toml").read_text(encoding="utf-8")
    site.write("site.toml", text.replace('language = "id"', f'language = "{language}"'))
    article = site.article("2024/03/banjir", "Banjir di Pasar", "2024-03-01T09:00:00+07:00")
    out = StringIO()
    server = Preview(site.root, port=0, reporter=Reporter(stream=out, out=out))
    server.start()
    try:
        a = browser.new_page()
        a.goto(server.url + "2024/03/banjir-di-pasar/")
        sync_api.expect(a.locator("main")).to_contain_text("Paragraf pembuka", timeout=WAIT_MS)
        # When the build breaks, the open tab's overlay (made by the script) and a newly
        # opened page's (made by the server) say so in the site's language
        article.write_text("---\ntitle: [tidak ditutup\n---\nTeks\n", encoding="utf-8")
        b = browser.new_page()
        for tab in (a, b):
            if tab is b:
                b.goto(server.url)
            overlay = tab.locator("#warta-overlay")
            sync_api.expect(overlay).to_contain_text("banjir.md", timeout=WAIT_MS)
            sync_api.expect(overlay.locator("h2")).to_have_text(title)
            sync_api.expect(tab.get_by_role("button", name=label)).to_be_visible()
            # And Escape, pressed anywhere on the page, closes it
            tab.locator("body").press("Escape")
            sync_api.expect(overlay).to_have_count(0)
    finally:
        server.stop()


def two_tabs(preview: Preview, site: SiteMaker, browser: Any,
             first: str) -> tuple[Path, Any, Any]:
    """The banjir article's source, a tab on `first` (its page) and one on another."""
    a, b = browser.new_page(), browser.new_page()
    a.goto(preview.url + first)
    b.goto(preview.url + "2024/03/jalan-rusak/")
    return site.root / "content/articles/2024/03/banjir.md", a, b


def mark(tab: sync_api.Page) -> None:
    """A variable that a reload would lose."""
    tab.evaluate("() => { window.mark = 'kept'; }")


def listen(tab: sync_api.Page, since: str) -> None:
    """Count the reload events the tab receives, on a channel of its own."""
    tab.evaluate("""(since) => {
        window.reloads = 0;
        const events = new EventSource("/_warta/events?since=" + encodeURIComponent(since));
        events.addEventListener("reload", () => { window.reloads += 1; });
    }""", since)


def settled(tab: sync_api.Page, reloads: int) -> None:
    """Wait until the tab was told of `reloads` builds (or reloaded: its counter is gone),
    and a moment for it to act."""
    tab.wait_for_function(f"() => window.reloads === undefined || window.reloads >= {reloads}",
                          timeout=WAIT_MS)
    tab.wait_for_timeout(300)  # a reload it decided on would have started by now
