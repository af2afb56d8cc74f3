"""The search page's filters in Debian's Chromium: listed from filters.json without
merging a shard, and a year or section chosen merges only the shards that may hold it.

Skipped when Chromium, Playwright or Pagefind is missing (as test_search_browser.py).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from generator.search import routes as search_routes
from tests.conftest import SiteMaker
from tests.test_search import searchable
from tests.test_search_browser import (
    CHROMIUM,
    FLAGS,
    WAIT_MS,
    bundles_loaded,
    serving,
    sync_api,
    titles,
)

MARKETS = (  # (file, title, date, tags, section): a full shard each, oldest first
    ("2022/02/a", "Pasar Lama Direnovasi", "2022-02-01", "[Pasar]", "ekonomi"),
    ("2022/08/b", "Pasar Ikan Ramai", "2022-08-01", "[Pasar]", ""),
    ("2023/04/c", "Pasar Kue Lebaran", "2023-04-01", "[Kuliner]", "kota"),
    ("2024/01/d", "Pasar Murah Digelar", "2024-01-01", "[Pasar]", "ekonomi"),
    ("2024/06/e", "Pasar Hewan Dipindah", "2024-06-01", "[Pasar]", ""),
)


@pytest.fixture
def page(site: SiteMaker, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[Any, str]]:
    """Five articles about markets over three years, a full shard each (0 to 4), one
    part of the route map; a query merges one shard at a time (the budget's step)."""
    monkeypatch.setattr(search_routes, "STEP", 1)
    searchable(site, shard_size=1)
    site.write("site.toml", (site.root / "site.toml").read_text(encoding="utf-8")
               + '\n[[sections]]\nname = "Ekonomi"\n\n[[sections]]\nname = "Kota"\n')
    for name, title, day, tags, section in MARKETS:
        site.article(name, title, f"{day}T09:00:00+07:00", f"Laporan tentang {title}.\n",
                     tags=tags, **({"section": section} if section else {}))
    assert site.build().search_indexed == (0, 1, 2, 3, 4)
    with serving(site.output) as address, sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        try:
            yield browser.new_page(), address
        finally:
            browser.close()


def merged(loaded: list[str]) -> set[str]:
    """The folders under pagefind/ of the requests in `loaded` that merge or search a
    bundle: its entry, metadata, index chunks or fragments (not its filter chunks)."""
    return {folder for folder in bundles_loaded(
        [url for url in loaded if "/filter/" not in url]) if not folder.endswith(".json")}


def test_opening_a_filter_merges_no_shard_and_a_year_only_its_shards(
        page: tuple[Any, str], site: SiteMaker) -> None:
    tab, served = page
    loaded: list[str] = []
    tab.on("request", lambda request: loaded.append(request.url))
    # Given the page with a query: the route map names the five shards, the newest is
    # searched (the budget of one)
    tab.goto(served + "/cari/?q=pasar")
    sync_api.expect(tab.locator(".search-result-title a")).to_have_text(
        ["Pasar Hewan Dipindah"], timeout=WAIT_MS)
    assert bundles_loaded(loaded) == {"shards.json", "rute-0", "4"}
    # When a reader opens the year filter, its values come from filters.json alone
    loaded.clear()
    tab.focus("#search-year")
    sync_api.expect(tab.locator("#search-year option")).to_have_text(
        ["Semua tahun", "2024", "2023", "2022"], timeout=WAIT_MS)
    sync_api.expect(tab.locator("#search-tag option")).to_have_text(
        ["Semua tag", "Kuliner", "Pasar"])
    sync_api.expect(tab.locator("#search-section option")).to_have_text(
        ["Semua rubrik", "Ekonomi", "Kota"])
    assert bundles_loaded(loaded) == {"filters.json"}
    # When 2022 is chosen, only its shards are merged, newest first within the budget,
    # and the older one with "Cari juga di berita yang lebih lama"
    loaded.clear()
    tab.select_option("#search-year", "2022")
    sync_api.expect(tab.locator(".search-result-title a")).to_have_text(
        ["Pasar Ikan Ramai"], timeout=WAIT_MS)
    sync_api.expect(tab.locator("#search-status")).to_have_text(
        "1 hasil untuk “pasar” di antara berita terbaru; berita yang lebih lama belum dicari.")
    # (Pagefind reads the year filter's chunk of every bundle merged: shard 4's, merged
    # for the first query, is fetched, never its index or metadata)
    assert merged(loaded) == {"1"} and bundles_loaded(loaded) == {"1", "4"}
    tab.locator("#search-older").click()
    sync_api.expect(tab.locator(".search-result-title a")).to_have_text(
        ["Pasar Ikan Ramai", "Pasar Lama Direnovasi"], timeout=WAIT_MS)
    sync_api.expect(tab.locator("#search-status")).to_have_text("2 hasil untuk “pasar”")
    assert merged(loaded) == {"1", "0"}
    # Newest first within the year
    tab.select_option("#search-sort", "date")
    sync_api.expect(tab.locator(".search-result-title a")).to_have_text(
        ["Pasar Ikan Ramai"], timeout=WAIT_MS)
    tab.locator("#search-older").click()
    sync_api.expect(tab.locator(".search-result-title a")).to_have_text(
        ["Pasar Ikan Ramai", "Pasar Lama Direnovasi"], timeout=WAIT_MS)
    # A section chosen with no year: the shards of its articles only (Kota: shard 2)
    loaded.clear()
    tab.select_option("#search-year", "")
    tab.select_option("#search-section", "Kota")
    sync_api.expect(tab.locator(".search-result-title a")).to_have_text(
        ["Pasar Kue Lebaran"], timeout=WAIT_MS)
    assert merged(loaded) == {"2"}
    assert tab.locator("#search-older").is_hidden()


def test_a_year_in_the_address_merges_only_its_shards_and_the_corrections(
        page: tuple[Any, str], site: SiteMaker) -> None:
    tab, served = page
    # Given the 2022 article of full shard 1 corrected: its new record in the
    # corrections shard, merged from the start
    site.article("2022/08/b", "Pasar Ikan Ramai", "2022-08-01T09:00:00+07:00",
                 "Laporan tentang pasar ikan saat gerhana.\n", tags="[Pasar]")
    assert site.build().search_corrected
    loaded: list[str] = []
    tab.on("request", lambda request: loaded.append(request.url))
    # When the address asks for 2024, the page merges no shard of another year
    tab.goto(served + "/cari/?q=pasar&year=2024&sort=date")
    sync_api.expect(tab.locator(".search-result-title a")).to_have_text(
        ["Pasar Hewan Dipindah"], timeout=WAIT_MS)
    tab.locator("#search-older").click()
    sync_api.expect(tab.locator(".search-result-title a")).to_have_text(
        ["Pasar Hewan Dipindah", "Pasar Murah Digelar"], timeout=WAIT_MS)
    assert bundles_loaded(loaded) == {"shards.json", "filters.json", "rute-0", "koreksi",
                                      "4", "3"}
    assert tab.locator("#search-year").input_value() == "2024"
    # And the corrected article is found in its year, from the corrections shard alone
    loaded.clear()
    tab.goto(served + "/cari/?q=gerhana&year=2022")
    sync_api.expect(tab.locator(".search-result-title a")).to_have_text(
        ["Pasar Ikan Ramai"], timeout=WAIT_MS)
    assert titles(tab) == ["Pasar Ikan Ramai"]
    assert bundles_loaded(loaded) == {"shards.json", "filters.json", "rute-0", "koreksi"}
    tab.goto(served + "/cari/?q=gerhana&year=2024")
    sync_api.expect(tab.locator("#search-status")).to_have_text(
        "Tidak ada hasil untuk “gerhana”", timeout=WAIT_MS)
