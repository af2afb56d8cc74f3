"""The search page's filters on two built sites, same run, alternating (issue 17).

    .venv/bin/python benchmarks/search_filters.py SITE_A SITE_B [--word pasar]
        [--year 2024] [--rounds 3] [--script-a FILE]

SITE_A and SITE_B are built copies of one archive (their `output/` is served over
HTTP), e.g. one built by the code before `filters.json` and one after. With
`--script-a FILE` (e.g. the older `themes/default/static/search.js`), A is SITE_B's
output with FILE served as its `/static/search.js` (SITE_A is then only a label):
the bundles are the same either way, so at 100,000 articles one cold build serves
both sides. In Debian's
Chromium, on a fresh browser context each (no cache), A then B, the order reversed
every round:

- `open`: `/cari/` once its own loading is done, then the year filter focused, until
  its years are listed;
- `year`: `/cari/?q=WORD&year=YEAR` until the results show (a year in the address);
- `year after query`: `/cari/?q=WORD` until its results show, then YEAR chosen, until
  the results show again (only this second step is counted).

For each: the time, the requests, the bytes (the sizes on disk of the files
requested: Chromium's response sizes came short, see route_vocabulary.py), the
bundles merged (their entry file fetched) and the bundles whose index chunks were
read. One JSON line per measurement.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from search_query import CHROMIUM, FLAGS, served  # noqa: E402

WAIT_MS = 300_000


class Requests:
    """What a page fetched under `output` since the last `clear`."""

    def __init__(self, output: Path) -> None:
        self.output = output
        self.paths: list[str] = []

    def seen(self, request: Any) -> None:
        self.paths.append("/" + request.url.split("/", 3)[3].split("?")[0])

    def clear(self) -> None:
        self.paths.clear()

    def summary(self) -> dict[str, Any]:
        sizes = [self._size(path) for path in self.paths]
        merged = {self._folder(p) for p in self.paths if p.endswith("/pagefind-entry.json")}
        searched = {self._folder(p) for p in self.paths if p.endswith(".pf_index")}
        filters = [p for p in self.paths if "/filter/" in p]
        return {"requests": len(self.paths), "kb": round(sum(sizes) / 1024, 1),
                "merged": len(merged), "merged_route_parts": sum(
                    f.startswith("rute") for f in merged),
                "searched": len(searched), "filter_chunks": len(filters),
                "filter_chunks_kb": round(sum(map(self._size, filters)) / 1024, 1)}

    def _size(self, path: str) -> int:
        try:
            return (self.output / path.lstrip("/")).stat().st_size
        except OSError:
            return 0

    @staticmethod
    def _folder(path: str) -> str:
        return path.split("/pagefind/")[1].split("/")[0]


def results_for(word: str) -> str:
    """A page function: true once the status names `word` with its count or none."""
    return ("(() => { const s = document.getElementById('search-status').textContent; "
            f"return s.includes('{word}') && (s.includes('hasil') || s.includes('Tidak')); }})()")


def open_filters(page: Any, base: str, requests: Requests, word: str, year: str) -> float:
    page.goto(f"{base}/cari/")
    page.wait_for_load_state("networkidle")
    requests.clear()
    started = time.perf_counter()
    page.focus("#search-year")
    page.wait_for_function("document.querySelectorAll('#search-year option').length > 1",
                           timeout=WAIT_MS)
    return time.perf_counter() - started


def year_in_address(page: Any, base: str, requests: Requests, word: str, year: str) -> float:
    started = time.perf_counter()
    page.goto(f"{base}/cari/?q={word}&year={year}")
    page.wait_for_function(results_for(word), timeout=WAIT_MS)
    return time.perf_counter() - started


def year_after_query(page: Any, base: str, requests: Requests, word: str, year: str) -> float:
    page.goto(f"{base}/cari/?q={word}")
    page.wait_for_function(results_for(word), timeout=WAIT_MS)
    page.wait_for_load_state("networkidle")
    requests.clear()
    started = time.perf_counter()
    page.focus("#search-year")
    page.wait_for_function("document.querySelectorAll('#search-year option').length > 1",
                           timeout=WAIT_MS)
    page.select_option("#search-year", year)  # (run() says "Mencari…" at once)
    page.wait_for_function(results_for(word), timeout=WAIT_MS)
    return time.perf_counter() - started


CASES: dict[str, Callable[[Any, str, Requests, str, str], float]] = {
    "open": open_filters, "year": year_in_address, "year after query": year_after_query}


def measure(output: Path, case: str, word: str, year: str,
            script: Path | None = None) -> dict[str, Any]:
    from playwright.sync_api import sync_playwright

    requests = Requests(output)
    files = {"/static/search.js": script} if script else None
    with served(output, files) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        try:
            page = browser.new_context().new_page()
            page.on("requestfinished", requests.seen)
            seconds = CASES[case](page, base, requests, word, year)
            page.wait_for_load_state("networkidle")
            status = page.locator("#search-status").inner_text()
        finally:
            browser.close()
    return {"seconds": round(seconds, 2), **requests.summary(), "status": status}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("site_a", type=Path)
    parser.add_argument("site_b", type=Path)
    parser.add_argument("--word", default="pasar")
    parser.add_argument("--year", default="2024")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--script-a", type=Path)
    args = parser.parse_args()
    sites = {"A": args.site_b if args.script_a else args.site_a, "B": args.site_b}
    scripts = {"A": args.script_a, "B": None}
    for number in range(args.rounds):
        order = ["A", "B"] if number % 2 == 0 else ["B", "A"]
        for case in CASES:
            for label in order:
                found = measure(sites[label] / "output", case, args.word, args.year,
                                scripts[label])
                print(json.dumps({"round": number + 1, "case": case, "side": label,
                                  "site": str(sites[label]), "script": str(scripts[label]),
                                  "word": args.word,
                                  "year": args.year, **found}, ensure_ascii=False),
                      flush=True)


if __name__ == "__main__":
    main()
