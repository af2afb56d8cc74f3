"""The search page in Debian's Chromium over HTTP: the shards merged, filters, order, an edit.

Skipped when Chromium, Playwright or Pagefind is missing. Every wait has a timeout
and ends as soon as the page shows what is expected.
"""

from __future__ import annotations

import contextlib
import functools
import importlib.util
import io
import json
import os
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from generator.search import routes as search_routes
from tests.conftest import SiteMaker
from tests.test_search import searchable

CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]
WAIT_MS = 15_000

if not os.access(CHROMIUM, os.X_OK) or importlib.util.find_spec("pagefind_bin") is None:
    pytest.skip("needs /usr/bin/chromium and pagefind[bin]", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api")


def archive(site: SiteMaker) -> None:
    """Five articles in shards of two, the newest with a photo, two in a section."""
    searchable(site, shard_size=2)
    site.write("site.toml", (site.root / "site.toml").read_text(encoding="utf-8")
               + '\n[[sections]]\nname = "Ekonomi"\n\n[[sections]]\nname = "Kota"\n')
    site.article("2024/03/a", "Jembatan Karangrejo Retak", "2024-03-01T09:00:00+07:00",
                 "Retakan memanjang terlihat di jembatan gantung dekat pasar.\n",
                 tags="[Infrastruktur]")
    site.article("2024/03/b", "Harga Beras Naik", "2024-03-02T09:00:00+07:00",
                 "Pedagang di pasar besar menaikkan harga beras medium.\n", tags="[Pasar]",
                 section="ekonomi")
    site.article("2023/05/c", "Pasar Malam Dibuka", "2023-05-03T19:00:00+07:00",
                 "Pasar malam tahunan dibuka di alun-alun.\n", tags="[Pasar]")
    site.article("2024/03/d", "Parkir Pasar Ditata", "2024-03-04T09:00:00+07:00",
                 "Dinas menata parkir di sekitar pasar.\n", tags="[Pasar]",
                 section="kota")
    photo = io.BytesIO()
    Image.new("RGB", (600, 400), (40, 90, 160)).save(photo, "JPEG")
    site.write("content/media/pasar.jpg", photo.getvalue())
    site.article("2024/03/e", "Pasar Baru Diresmikan", "2024-03-05T09:00:00+07:00",
                 "Wali kota meresmikan pasar baru.\n", tags="[Pasar]",
                 image="{src: pasar.jpg, alt: Pasar baru, caption: Gedung pasar, "
                       "credit: Istimewa}")


@pytest.fixture
def part_size() -> int:
    """Full shards a part of the route map covers; 0: the default (`routes.PART`). A test
    parametrizes it to have parts on a small site."""
    return 0


@pytest.fixture
def step() -> int:
    """Full shards the search page merges for a query at a time; 0: the default
    (`routes.STEP`). A test parametrizes it to have steps on a small site."""
    return 0


@pytest.fixture
def served(site: SiteMaker, part_size: int, step: int,
           monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    if part_size:
        monkeypatch.setattr(search_routes, "PART", part_size)
    if step:
        monkeypatch.setattr(search_routes, "STEP", step)
        many(site)
        assert site.build().search_indexed == tuple(range(7))
    else:
        archive(site)
        assert site.build().search_indexed == (0, 2, 4)
    with serving(site.output) as address:
        yield address


@contextlib.contextmanager
def serving(directory: Path) -> Iterator[str]:
    """`directory` served over HTTP on 127.0.0.1 while the block runs: its address."""

    class Quiet(SimpleHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

        def send_head(self) -> Any:
            # A test rebuilds within the second: HTTP dates count whole seconds, so a
            # file rewritten in the second the browser last fetched it would be "not
            # modified", and the page would keep the old shards.json (a flaky test).
            del self.headers["If-Modified-Since"]
            return super().send_head()

        def end_headers(self) -> None:
            self.send_header("Cache-Control", "no-store")
            super().end_headers()

    server = ThreadingHTTPServer(("127.0.0.1", 0),
                                 functools.partial(Quiet, directory=str(directory)))
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def many(site: SiteMaker) -> None:
    """Seven articles about the market, a full shard each (0 the oldest, 6 the newest);
    the third also about an eclipse, the sixth about a word that begins like it."""
    searchable(site, shard_size=1)
    extra = {3: " Saat gerhana bulan.", 6: " Lomba foto gerhanabulan."}
    for n in range(1, 8):
        site.article(f"2024/03/p{n}", f"Pasar Hari {n}", f"2024-03-{n:02d}T09:00:00+07:00",
                     f"Laporan pasar hari ke-{n}.{extra.get(n, '')}\n", tags="[Pasar]")


@pytest.fixture
def page(served: str) -> Iterator[Any]:
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        try:
            yield browser.new_page()
        finally:
            browser.close()


def titles(page: Any) -> list[str]:
    return [str(t) for t in page.locator(".search-result-title a").all_inner_texts()]


def test_a_word_of_one_article_finds_it_across_the_shards(
        served: str, page: Any, site: SiteMaker) -> None:
    # From the masthead box on the home page to the search page
    page.goto(served + "/")
    page.fill("#masthead-search", "retakan")
    page.press("#masthead-search", "Enter")
    page.wait_for_url("**/cari/?q=retakan")
    result = page.locator(".search-result").first
    result.wait_for(timeout=WAIT_MS)
    link = result.locator(".search-result-title a")
    assert link.inner_text() == "Jembatan Karangrejo Retak"
    assert link.get_attribute("href") == "/2024/03/jembatan-karangrejo-retak/"
    # The date as readers read it, the excerpt without kicker or hidden year
    assert result.locator(".search-result-date").inner_text() == "1 Maret 2024"
    excerpt = result.locator(".search-result-excerpt").inner_text()
    assert "Retakan memanjang" in excerpt and "Infrastruktur" not in excerpt
    assert "2024" not in excerpt
    sync_api.expect(page.locator("#search-status")).to_have_text("1 hasil untuk “retakan”")
    # Typing into the search page itself; the newest article shows its photo, not its credit
    page.fill("#search-query", "meresmikan")
    sync_api.expect(page.locator(".search-result-title a")).to_have_text(
        ["Pasar Baru Diresmikan"], timeout=WAIT_MS)
    # (the narrowest derivative: the original is not published)
    src = page.locator(".search-result-image").get_attribute("src")
    assert src is not None and src.startswith("/media/pasar") and src.endswith(".webp")
    assert "Istimewa" not in page.locator(".search-result-excerpt").inner_text()


def test_newest_first_and_the_filters(served: str, page: Any) -> None:
    page.goto(served + "/cari/?q=pasar")
    sync_api.expect(page.locator(".search-result")).to_have_count(5, timeout=WAIT_MS)
    # Newest first reads the shards from the newest: the order of publication, reversed
    page.select_option("#search-sort", "date")
    sync_api.expect(page.locator(".search-result-title a")).to_have_text(
        ["Pasar Baru Diresmikan", "Parkir Pasar Ditata", "Harga Beras Naik",
         "Jembatan Karangrejo Retak", "Pasar Malam Dibuka"], timeout=WAIT_MS)
    # The year filter (in Indonesian) and the tag filter, from every shard, once reached for
    page.focus("#search-year")
    sync_api.expect(page.locator("#search-year option")).to_have_text(
        ["Semua tahun", "2024", "2023"], timeout=WAIT_MS)
    page.select_option("#search-year", "2023")
    sync_api.expect(page.locator(".search-result-title a")).to_have_text(
        ["Pasar Malam Dibuka"], timeout=WAIT_MS)
    page.select_option("#search-year", "")
    page.select_option("#search-tag", "Infrastruktur")
    sync_api.expect(page.locator(".search-result-title a")).to_have_text(
        ["Jembatan Karangrejo Retak"], timeout=WAIT_MS)
    # The section filter (Rubrik), its values the sections' names
    page.select_option("#search-tag", "")
    sync_api.expect(page.locator("#search-section option")).to_have_text(
        ["Semua rubrik", "Ekonomi", "Kota"], timeout=WAIT_MS)
    page.select_option("#search-section", "Kota")
    sync_api.expect(page.locator(".search-result-title a")).to_have_text(
        ["Parkir Pasar Ditata"], timeout=WAIT_MS)


def test_a_word_added_by_an_edit_is_found_after_the_rebuild(
        served: str, page: Any, site: SiteMaker) -> None:
    page.goto(served + "/cari/?q=gerhana")
    sync_api.expect(page.locator("#search-status")).to_have_text(
        "Tidak ada hasil untuk “gerhana”", timeout=WAIT_MS)
    site.article("2023/05/c", "Pasar Malam Dibuka", "2023-05-03T19:00:00+07:00",
                 "Pasar malam tahunan dibuka saat gerhana bulan.\n", tags="[Pasar]")
    rebuilt = site.build()
    # The oldest article's shard is full: its new record goes to the corrections shard
    assert rebuilt.quick and rebuilt.search_indexed == () and rebuilt.search_corrected
    page.goto(served + "/cari/?q=gerhana")
    sync_api.expect(page.locator(".search-result-title a")).to_have_text(
        ["Pasar Malam Dibuka"], timeout=WAIT_MS)
    # The older record, still in its full shard, is never shown: not for a word it
    # alone holds, nor a second time for a word both hold, in either order
    page.goto(served + "/cari/?q=alun")
    sync_api.expect(page.locator("#search-status")).to_have_text(
        "Tidak ada hasil untuk “alun”", timeout=WAIT_MS)
    page.goto(served + "/cari/?q=pasar")
    sync_api.expect(page.locator("#search-status")).to_have_text(
        "5 hasil untuk “pasar”", timeout=WAIT_MS)
    sync_api.expect(page.locator(".search-result")).to_have_count(5, timeout=WAIT_MS)
    assert titles(page).count("Pasar Malam Dibuka") == 1
    page.select_option("#search-sort", "date")
    sync_api.expect(page.locator(".search-result-title a")).to_have_text(
        ["Pasar Baru Diresmikan", "Parkir Pasar Ditata", "Harga Beras Naik",
         "Jembatan Karangrejo Retak", "Pasar Malam Dibuka"], timeout=WAIT_MS)
    # A correction placed among its full shard's results by date: the newer article
    # of shard 0 edited too, both newest first
    site.article("2024/03/a", "Jembatan Karangrejo Retak", "2024-03-01T09:00:00+07:00",
                 "Retakan memanjang terlihat di jembatan gantung dekat pasar saat gerhana.\n",
                 tags="[Infrastruktur]")
    assert site.build().search_corrected
    page.goto(served + "/cari/?q=gerhana&sort=date")
    sync_api.expect(page.locator(".search-result-title a")).to_have_text(
        ["Jembatan Karangrejo Retak", "Pasar Malam Dibuka"], timeout=WAIT_MS)
    page.goto(served + "/cari/?q=pasar&sort=date")
    sync_api.expect(page.locator(".search-result-title a")).to_have_text(
        ["Pasar Baru Diresmikan", "Parkir Pasar Ditata", "Harga Beras Naik",
         "Jembatan Karangrejo Retak", "Pasar Malam Dibuka"], timeout=WAIT_MS)


@pytest.mark.parametrize("part_size", [1])
def test_a_query_loads_only_the_full_shards_the_route_map_names(
        served: str, page: Any, site: SiteMaker) -> None:
    # Shards 0 ([c, a], oldest first) and 2 ([b, d]) are full: the route map covers them,
    # in parts of one shard here (rute-0, rute-2); 4 ([e]) is small, merged from the start
    manifest = json.loads((site.output / "pagefind/shards.json").read_text(encoding="utf-8"))
    assert manifest["route"] == "rute"
    assert [(part["part"], sorted(part["ids"].values())) for part in manifest["routes"]] == [
        ("rute-0", ["0"]), ("rute-2", ["2"])]
    loaded: list[str] = []
    page.on("request", lambda request: loaded.append(request.url))
    # A word of one article of shard 0 ("retakan", in "Jembatan Karangrejo Retak")
    page.goto(served + "/cari/?q=retakan")
    sync_api.expect(page.locator(".search-result-title a")).to_have_text(
        ["Jembatan Karangrejo Retak"], timeout=WAIT_MS)
    shards = {url.split("/pagefind/")[1].split("/")[0] for url in loaded if "/pagefind/" in url}
    # Shard 2 was never loaded: the route map's parts (both asked) named shard 0 alone
    assert shards == {"rute-0", "rute-2", "0", "4", "shards.json"}
    # A word of every article loads the other full shard too, and finds them all
    page.fill("#search-query", "pasar")
    sync_api.expect(page.locator(".search-result")).to_have_count(5, timeout=WAIT_MS)
    assert any("/pagefind/2/" in url for url in loaded)


def bundles_loaded(loaded: list[str]) -> set[str]:
    """The folders under pagefind/ (and shards.json) of the requests in `loaded`."""
    return {url.split("/pagefind/")[1].split("/")[0] for url in loaded if "/pagefind/" in url}


@pytest.mark.parametrize("step", [2])
def test_a_word_in_many_shards_is_searched_newest_first_within_the_budget(
        served: str, page: Any, site: SiteMaker) -> None:
    manifest = json.loads((site.output / "pagefind/shards.json").read_text(encoding="utf-8"))
    assert manifest["step"] == 2 and manifest["shards"] == [str(n) for n in range(7)]
    loaded: list[str] = []
    page.on("request", lambda request: loaded.append(request.url))
    # A word of one shard loads that shard alone, and says nothing of older articles
    page.goto(served + "/cari/?q=gerhana")
    sync_api.expect(page.locator(".search-result-title a")).to_have_text(
        ["Pasar Hari 3"], timeout=WAIT_MS)
    assert bundles_loaded(loaded) == {"shards.json", "rute-0", "2"}
    assert page.locator("#search-older").is_hidden()
    # A word of every shard: the route map names the seven, the two newest are merged
    # and searched, newest first; the page says older articles remain
    loaded.clear()
    page.goto(served + "/cari/?q=pasar&sort=date")
    sync_api.expect(page.locator(".search-result-title a")).to_have_text(
        ["Pasar Hari 7", "Pasar Hari 6"], timeout=WAIT_MS)
    sync_api.expect(page.locator("#search-status")).to_have_text(
        "2 hasil untuk “pasar” di antara berita terbaru; berita yang lebih lama belum dicari.")
    assert bundles_loaded(loaded) == {"shards.json", "rute-0", "6", "5"}
    older = page.locator("#search-older")
    sync_api.expect(older).to_have_text("Cari juga di berita yang lebih lama")
    # Each click merges the next two older shards, and searches the four loaded
    loaded.clear()
    older.click()
    sync_api.expect(page.locator(".search-result-title a")).to_have_text(
        ["Pasar Hari 7", "Pasar Hari 6", "Pasar Hari 5", "Pasar Hari 4"], timeout=WAIT_MS)
    assert bundles_loaded(loaded) == {"4", "3"}
    older.click()
    sync_api.expect(page.locator(".search-result")).to_have_count(6, timeout=WAIT_MS)
    older.click()
    # Until every shard named is searched: all seven, the notice gone
    sync_api.expect(page.locator("#search-status")).to_have_text(
        "7 hasil untuk “pasar”", timeout=WAIT_MS)
    sync_api.expect(page.locator(".search-result")).to_have_count(7, timeout=WAIT_MS)
    assert older.is_hidden()
    # Relevance too ranks within the loaded shards only, a filter opened or not: a new
    # query starts again from the two newest
    page.goto(served + "/cari/?q=laporan")
    sync_api.expect(page.locator(".search-result")).to_have_count(2, timeout=WAIT_MS)
    page.focus("#search-year")
    sync_api.expect(page.locator("#search-year option")).to_have_text(
        ["Semua tahun", "2024"], timeout=WAIT_MS)
    page.fill("#search-query", "pasar")
    sync_api.expect(page.locator("#search-status")).to_have_text(
        "2 hasil untuk “pasar” di antara berita terbaru; berita yang lebih lama belum dicari.",
        timeout=WAIT_MS)
    sync_api.expect(page.locator(".search-result")).to_have_count(2, timeout=WAIT_MS)
    assert sorted(titles(page)) == ["Pasar Hari 6", "Pasar Hari 7"]
    # A correction of the oldest article (its new record in the corrections shard, merged
    # from the start) waits with its shard, in either order, until that shard is searched
    site.article("2024/03/p1", "Pasar Hari 1", "2024-03-01T09:00:00+07:00",
                 "Laporan pasar hari ke-1, diperbaiki.\n", tags="[Pasar]")
    assert site.build().search_corrected
    for address in ("/cari/?q=pasar", "/cari/?q=pasar&sort=date"):
        page.goto(served + address)
        sync_api.expect(page.locator("#search-status")).to_have_text(
            "2 hasil untuk “pasar” di antara berita terbaru; berita yang lebih lama belum "
            "dicari.", timeout=WAIT_MS)
        sync_api.expect(page.locator(".search-result")).to_have_count(2, timeout=WAIT_MS)
        assert sorted(titles(page)) == ["Pasar Hari 6", "Pasar Hari 7"]
    for _ in range(3):
        page.locator("#search-older").click()
    sync_api.expect(page.locator(".search-result-title a")).to_have_text(
        [f"Pasar Hari {n}" for n in range(7, 0, -1)], timeout=WAIT_MS)
    sync_api.expect(page.locator("#search-status")).to_have_text("7 hasil untuk “pasar”")


@pytest.mark.parametrize(("part_size", "step"), [(1, 7)])
def test_a_word_one_part_has_names_only_its_shard_in_every_part(
        served: str, page: Any) -> None:
    # Each full shard in a part of its own: "gerhana" is a word of shard 2 alone, and
    # shard 5 has "gerhanabulan", which Pagefind would match in a part lacking "gerhana"
    loaded: list[str] = []
    page.on("request", lambda request: loaded.append(request.url))
    page.goto(served + "/cari/?q=gerhana")
    sync_api.expect(page.locator(".search-result-title a")).to_have_text(
        ["Pasar Hari 3"], timeout=WAIT_MS)
    # Then every part was asked, and shard 2 alone merged
    parts = {f"rute-{n}" for n in range(7)}
    assert bundles_loaded(loaded) == {"shards.json", "2", *parts}
    # A word no shard has as it is, as typed so far, names the shards whose words begin
    # like it (as Pagefind matches them in the articles: both here)
    page.fill("#search-query", "gerhanab")
    sync_api.expect(page.locator(".search-result")).to_have_count(2, timeout=WAIT_MS)
    assert sorted(titles(page)) == ["Pasar Hari 3", "Pasar Hari 6"]
    assert "5" in bundles_loaded(loaded)

