"""Client-side search with Pagefind: the index is built over the output and works in a browser."""

from __future__ import annotations

import functools
import importlib.util
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from tests.conftest import SiteMaker

pytestmark = pytest.mark.skipif(importlib.util.find_spec("pagefind") is None,
                                reason="pagefind[bin] is not installed")

CHROMIUM = Path("/usr/bin/chromium")
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def searchable(site: SiteMaker) -> None:
    config = (site.root / "site.toml").read_text(encoding="utf-8")
    site.write("site.toml", config.replace("search = false", "search = true"))
    site.article("a", "Jembatan Karangrejo Retak", "2024-03-01T09:00:00+07:00",
                 "Retakan memanjang terlihat di jembatan gantung itu sejak Senin.\n",
                 tags="[Infrastruktur]")
    site.article("b", "Harga Beras Naik", "2024-03-02T09:00:00+07:00",
                 "Pedagang di Pasar Besar menaikkan harga beras medium.\n", tags="[Pasar]")


def test_the_index_is_built_and_rebuilt_only_when_html_changes(site: SiteMaker) -> None:
    searchable(site)
    result = site.build()
    assert result.search_indexed and (site.output / "pagefind/pagefind.js").is_file()
    assert (site.output / "cari/index.html").is_file()
    home = site.read("index.html")
    assert 'action="/cari/"' in home and 'name="q"' in home
    # Nothing changed: no new index.
    assert not site.build().search_indexed
    # An edit: a new index, with the rest of the site as before.
    site.article("b", "Harga Beras Turun", "2024-03-02T09:00:00+07:00", tags="[Pasar]")
    assert site.build().search_indexed
    # `warta serve` leaves indexing to a background thread.
    site.article("b", "Harga Beras Naik Lagi", "2024-03-02T09:00:00+07:00", tags="[Pasar]")
    deferred = site.build(index_search=False)
    assert deferred.search_pending and not deferred.search_indexed
    # Switched off: the index, the page and the search box go.
    config = (site.root / "site.toml").read_text(encoding="utf-8")
    site.write("site.toml", config.replace("search = true", "search = false"))
    site.build()
    assert not (site.output / "pagefind").exists() and not (site.output / "cari").exists()
    assert 'action="/cari/"' not in site.read("index.html")


def test_only_article_text_is_indexed(site: SiteMaker) -> None:
    searchable(site)
    site.build()
    page = site.read("2024/03/jembatan-karangrejo-retak/index.html")
    body = page.split("data-pagefind-body")[1]
    assert "<nav" not in body.split("</article>")[0] and "footer" not in body.split("</article>")[0]
    assert 'data-pagefind-filter="Tag"' in page and 'data-pagefind-filter="Tahun"' in page
    assert "data-pagefind-body" not in site.read("index.html")


@pytest.fixture
def served(site: SiteMaker) -> Iterator[str]:
    searchable(site)
    site.build()

    class Quiet(SimpleHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0),
                                 functools.partial(Quiet, directory=str(site.output)))
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's /usr/bin/chromium")
def test_typing_a_word_in_a_real_browser_finds_the_article(served: str) -> None:
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=FLAGS)
        try:
            page = browser.new_page()
            # From the masthead box on the home page to the search page...
            page.goto(served + "/")
            page.fill("#masthead-search", "retakan")
            page.press("#masthead-search", "Enter")
            page.wait_for_url("**/cari/?q=retakan")
            result = page.locator(".pagefind-ui__result-link").first
            result.wait_for(timeout=15000)
            assert result.inner_text() == "Jembatan Karangrejo Retak"
            assert result.get_attribute("href") == "/2024/03/jembatan-karangrejo-retak/"
            # Pagefind's own UI speaks the page's language (`<html lang="id">`).
            placeholder = page.get_attribute(".pagefind-ui__search-input", "placeholder")
            assert placeholder is not None and placeholder.lower().startswith("cari")
            # ... and typing into the search page itself.
            page.fill(".pagefind-ui__search-input", "beras")
            page.locator(".pagefind-ui__result-link", has_text="Harga Beras Naik").wait_for(
                timeout=15000)
            assert page.locator(".pagefind-ui__result-link").count() == 1
        finally:
            browser.close()
