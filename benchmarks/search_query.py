"""What a reader's query costs on a built site's search page, in Debian's Chromium.

    .venv/bin/python benchmarks/search_query.py SITE_DIR [--word WORD]

Serves SITE_DIR/output over HTTP, opens /cari/?q=WORD (by default the rarest
words of SITE_DIR/content's articles) and reports how many shards the page
merged, the time until the first result shows, the requests and the bytes
transferred (response bodies, as served: this server does not compress),
for the first query on a fresh page and for a second word on the same page.
"""

from __future__ import annotations

import argparse
import collections
import contextlib
import functools
import json
import re
import threading
import time
from collections.abc import Iterator, Mapping
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def unique_words(content: Path, wanted: int = 2) -> list[str]:
    """The rarest words of at least 6 letters in the article bodies."""
    seen: collections.Counter[str] = collections.Counter()
    for path in sorted(content.rglob("*.md")):
        body = path.read_text(encoding="utf-8").split("---", 2)[-1].lower()
        seen.update(set(re.findall(r"[a-z]{6,}", body)))
    return sorted(seen, key=lambda w: (seen[w], w))[:wanted]


@contextlib.contextmanager
def served(output: Path, files: Mapping[str, Path] | None = None) -> Iterator[str]:
    """`output` served over HTTP on 127.0.0.1 while the block runs: its address. `files`
    (URL path -> file) are served instead of the output's own."""

    class Quiet(SimpleHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

        def translate_path(self, path: str) -> str:
            own = (files or {}).get(path.split("?")[0])
            return str(own) if own else super().translate_path(path)

    server = ThreadingHTTPServer(("127.0.0.1", 0),
                                 functools.partial(Quiet, directory=str(output)))
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def measure(output: Path, words: list[str]) -> dict[str, Any]:
    from playwright.sync_api import sync_playwright

    shards = len(json.loads((output / "pagefind/shards.json").read_text())["shards"])
    found: dict[str, Any] = {"shards": shards}
    with served(output) as base:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
            page = browser.new_page()
            sizes: list[int] = []
            kinds: collections.Counter[str] = collections.Counter()
            kb: collections.Counter[str] = collections.Counter()
            folders: set[str] = set()

            def finished(request: Any) -> None:
                size = request.sizes()["responseBodySize"]
                sizes.append(size)
                kind = _kind(request.url)
                kinds[kind] += 1
                kb[kind] += size
                if kind in ("metadata", "entry"):
                    folders.add(request.url.split("/pagefind/")[1].split("/")[0])

            page.on("requestfinished", finished)
            started = time.perf_counter()
            page.goto(f"{base}/cari/?q={words[0]}")
            page.locator(".search-result").first.wait_for(timeout=120_000)
            found["first_query_s"] = round(time.perf_counter() - started, 2)
            found["first_requests"] = len(sizes)
            found["first_kb"] = round(sum(sizes) / 1024)
            found["first_by_kind"] = {k: [kinds[k], round(kb[k] / 1024)] for k in sorted(kinds)}
            found["first_shards_loaded"] = len({f for f in folders if not f.startswith("rute")})
            found["first_route_parts_loaded"] = len({f for f in folders if f.startswith("rute")})
            if len(words) > 1:
                sizes.clear()
                started = time.perf_counter()
                page.fill("#search-query", words[1])
                page.locator(".search-result-title").first.wait_for(timeout=120_000)
                page.wait_for_function(
                    "document.querySelectorAll('.search-result').length > 0 && "
                    f"document.getElementById('search-status').textContent.includes('{words[1]}')",
                    timeout=120_000)
                found["second_query_s"] = round(time.perf_counter() - started, 2)
                found["second_requests"] = len(sizes)
                found["second_kb"] = round(sum(sizes) / 1024)
            browser.close()
    return found


def _kind(url: str) -> str:
    """What a request of the search page fetched: Pagefind's code, a shard's entry,
    metadata, index chunk, filter or fragment, or the page itself."""
    path = url.split("?")[0]
    for end, kind in ((".pf_index", "index chunk"), (".pf_meta", "metadata"),
                      (".pf_filter", "filter"), (".pf_fragment", "fragment"),
                      ("pagefind-entry.json", "entry"), (".pagefind", "wasm"),
                      ("shards.json", "shards.json")):
        if path.endswith(end):
            return kind
    return "pagefind code" if "/pagefind/" in path else "page"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("site", type=Path)
    parser.add_argument("--word", action="append", default=[])
    args = parser.parse_args()
    words = args.word or unique_words(args.site / "content")
    print(json.dumps({"words": words, **measure(args.site / "output", words)}))


if __name__ == "__main__":
    main()
