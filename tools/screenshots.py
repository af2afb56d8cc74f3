"""Take the README screenshots of a built site with headless Chromium.

Serves the built `output/` folder on a throwaway local port (root-relative
links and `/static/` need a real server, not file://), then asks Chromium for
the home page and one article with a photo, each at phone and desktop width.

    .venv/bin/python tools/screenshots.py [--output output] [--dest docs/screenshots]
"""

from __future__ import annotations

import argparse
import functools
import shutil
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
# (width, height): a tall phone view shows the masthead and a few stories.
SIZES: tuple[tuple[int, int], ...] = ((375, 1600), (1280, 1400))
TIMEOUT_SECONDS = 60


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


def first_article_with_figure(root: Path) -> str | None:
    """Root-relative URL of the first article page (sorted by path) with a photo."""
    for page in sorted(root.glob("20*/**/index.html")):
        if "<figure" in page.read_text(encoding="utf-8", errors="replace"):
            return "/" + page.parent.relative_to(root).as_posix() + "/"
    return None


def screenshot(url: str, target: Path, width: int, height: int) -> bool:
    """Save a PNG of `url` at `width`×`height`; True when the file was written."""
    target.unlink(missing_ok=True)
    # A fresh profile per shot: no cached state, no first-run prompts.
    with tempfile.TemporaryDirectory(prefix="warta-chromium-") as profile:
        command = [
            CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
            "--no-first-run", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", f"--user-data-dir={profile}", "--hide-scrollbars",
            f"--screenshot={target}", f"--window-size={width},{height}", url,
        ]
        try:
            # Chromium prints harmless noise on stderr; the PNG is the only verdict.
            subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                           timeout=TIMEOUT_SECONDS, check=False)
        except subprocess.TimeoutExpired:
            return False
    return target.is_file() and target.stat().st_size > 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Screenshot the built site with headless Chromium.")
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
    if not Path(CHROMIUM).exists() and shutil.which("chromium") is None:
        print(f"error: {CHROMIUM} not found; install it with `apt-get install chromium`",
              file=sys.stderr)
        return 1
    article = first_article_with_figure(root)
    if article is None:
        print(f"error: no article page with a <figure> under {root}/20*/", file=sys.stderr)
        return 1

    dest.mkdir(parents=True, exist_ok=True)
    failed: list[str] = []
    with serve(root) as base:
        for name, path in (("home", "/"), ("article", article)):
            for width, height in SIZES:
                target = dest / f"{name}-{width}.png"
                if screenshot(base + path, target.resolve(), width, height):
                    print(f"wrote {target} ({path})")
                else:
                    failed.append(target.name)
    if failed:
        print(f"error: Chromium wrote no {', '.join(failed)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
