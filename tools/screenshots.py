"""Take the screenshots of a built site with headless Chromium (`make screenshots`).

Serves the built `output/` folder on a throwaway local port (root-relative
links, `/static/` and the search index need a real server, not file://), then
asks Chromium for the pages the accessibility check audits (tests/test_real_clients.py):
the home page, the archive, the archive by month, a tag page, an article with a photo,
the search page with results, the Redaksi page and the 404 page, each at phone and
desktop width (375 and 1280 px), in light and dark mode: `<name>-<width>-<scheme>.png`.
The PNGs are committed in `docs/screenshots/`, so a reviewer sees the site.

    .venv/bin/python tools/screenshots.py [--output output] [--dest docs/screenshots]
"""

from __future__ import annotations

import argparse
import functools
import re
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

# Debian's Chromium, driven by Playwright (never `playwright install`: it downloads).
CHROMIUM = "/usr/bin/chromium"
# (width, height): the height crops long pages, which keeps the PNGs small.
SIZES: tuple[tuple[int, int], ...] = ((375, 1400), (1280, 1400))
SCHEMES = ("light", "dark")
FULL_PAGES = ("article", "archive")
TIMEOUT_MS = 20_000
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--hide-scrollbars"]
SEARCH_QUERY = "banjir"


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


@contextmanager
def serve(root: Path) -> Iterator[str]:
    """Serve `root` on 127.0.0.1 in a background thread; yield its base URL."""
    handler = functools.partial(_QuietHandler, directory=str(root))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        host, port = server.server_address[:2]
        yield f"http://{host!s}:{port}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def article_to_shoot(root: Path) -> str | None:
    """Root-relative URL of the newest article page (by path) with a photo and an editor."""
    # Articles are yyyy/mm/slug/index.html; month lists (yyyy/mm/page/N/) are not.
    pages = sorted(root.glob("20*/*/*/index.html"), reverse=True)
    with_editor = [p for p in pages if 'class="editors"' in p.read_text(encoding="utf-8")]
    for page in with_editor + pages:
        if page.parent.name == "page":
            continue
        if "<figure" in page.read_text(encoding="utf-8", errors="replace"):
            return "/" + page.parent.relative_to(root).as_posix() + "/"
    return None


def pages_to_shoot(root: Path, article: str) -> list[tuple[str, str]]:
    """(name, root-relative URL) of every page to screenshot in the built site."""
    pages = [("home", "/")]
    if (root / "arsip" / "index.html").is_file():
        pages.append(("archive", "/arsip/"))
    home = (root / "index.html").read_text(encoding="utf-8", errors="replace")
    tag = re.search(r'href="(/tag/[^"/]+/)"', home)
    if tag:
        pages.append(("tag", tag.group(1)))
    pages.append(("article", article))
    if (root / "arsip" / "tahun" / "index.html").is_file():
        pages.append(("months", "/arsip/tahun/"))  # the archive by year and month
    if (root / "redaksi" / "index.html").is_file():
        pages.append(("redaksi", "/redaksi/"))
    if (root / "cari" / "index.html").is_file():
        pages.append(("search", f"/cari/?q={SEARCH_QUERY}"))
    if (root / "404.html").is_file():
        pages.append(("404", "/404.html"))
    return pages


def take_screenshots(base: str, pages: list[tuple[str, str]], dest: Path) -> list[str]:
    """Save `<name>-<width>.png` of every page at every size; return the names that failed."""
    from playwright.sync_api import Error as PlaywrightError
    from playwright.sync_api import sync_playwright

    failed: list[str] = []
    with sync_playwright() as playwright:
        # Chromium prints harmless noise on stderr; the PNG is the only verdict.
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        try:
            for (width, height), scheme in [(size, scheme) for size in SIZES
                                             for scheme in SCHEMES]:
                context = browser.new_context(viewport={"width": width, "height": height},
                                              color_scheme=scheme)
                page = context.new_page()
                for name, path in pages:
                    target = dest / f"{name}-{width}-{scheme}.png"
                    target.unlink(missing_ok=True)
                    try:
                        page.goto(base + path, wait_until="load", timeout=TIMEOUT_MS)
                        if name == "search":
                            # Results, or the page's "no results" status.
                            page.wait_for_selector(
                                ".search-result, .search-status:not(:empty)",
                                timeout=TIMEOUT_MS)
                            page.wait_for_timeout(500)  # let the result excerpts settle
                        # The whole article and archive page: the share links, related
                        # news and numbered pages are below the fold.
                        page.screenshot(path=str(target), full_page=name in FULL_PAGES)
                    except PlaywrightError as error:
                        print(f"warning: {name} ({path}) at {width}px: {error}", file=sys.stderr)
                    if target.is_file() and target.stat().st_size > 0:
                        print(f"wrote {target} ({path})")
                    else:
                        failed.append(target.name)
                context.close()
        finally:
            browser.close()
    return failed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Screenshot the built site with headless Chromium.")
    parser.add_argument("--output", type=Path, default=Path("output"),
                        help="the built site to serve (default: output)")
    parser.add_argument("--dest", type=Path, default=Path("docs/screenshots"),
                        help="where to write the PNGs (default: docs/screenshots)")
    args = parser.parse_args(argv)
    root: Path = args.output.resolve()
    dest: Path = args.dest

    if not (root / "index.html").is_file():
        print(f"error: {root}/index.html not found; run `make build` first", file=sys.stderr)
        return 1
    if not Path(CHROMIUM).exists():
        print(f"error: {CHROMIUM} not found; install it with `apt-get install chromium`",
              file=sys.stderr)
        return 1
    article = article_to_shoot(root)
    if article is None:
        print(f"error: no article page with a <figure> under {root}/20*/", file=sys.stderr)
        return 1

    dest.mkdir(parents=True, exist_ok=True)
    with serve(root) as base:
        failed = take_screenshots(base, pages_to_shoot(root, article), dest)
    if failed:
        print(f"error: Chromium wrote no {', '.join(failed)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
