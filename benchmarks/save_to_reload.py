"""Save to reload: from writing a changed article to the browser being told to reload.

    .venv/bin/python benchmarks/save_to_reload.py [SITE] [--edits 20] [--quiet 0.1]

The site (the demo archive by default) is copied to a temporary folder first,
so the original is never touched. A preview server runs in this process on a
free loopback port; an SSE client reads its reload channel over a real
socket, like the browser's script does. Each edit appends a sentence to one
article; the time runs from just before the write to the `reload` event that
names the article's page. It includes the watcher's debounce (the quiet
period an editor's multi-event save needs), the incremental build and the
notification.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import queue
import shutil
import statistics
import sys
import tempfile
import threading
import time
from io import StringIO
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from generator.build.memos import BuildMemory  # noqa: E402
from generator.build.pipeline import BuildOptions, BuildResult, build  # noqa: E402
from generator.config import load_config  # noqa: E402
from generator.content.parse import parse_article  # noqa: E402
from generator.report import Reporter  # noqa: E402
from generator.serve.command import Preview  # noqa: E402

DEMO = Path(__file__).resolve().parent.parent
# What a site consists of; the rest of the repository (code, venv, caches) is not copied.
SITE_PARTS = ("site.toml", "content", "templates", "static", "themes", "locales")
TIMEOUT = 120.0


def copy_site(source: Path, target: Path) -> Path:
    target.mkdir(parents=True)
    for name in SITE_PARTS:
        path = source / name
        if path.is_dir():
            shutil.copytree(path, target / name, symlinks=True)
        elif path.is_file():
            shutil.copy2(path, target / name)
    return target


class Channel:
    """The reload channel read in a thread; each event is (arrival time, name, data)."""

    def __init__(self, preview: Preview) -> None:
        host, port = preview.server.server_address[:2]
        self.events: queue.Queue[tuple[float, str, dict[str, object]]] = queue.Queue()
        self.connection = http.client.HTTPConnection(str(host), port, timeout=TIMEOUT)
        self.connection.request("GET", f"/_warta/events?since={preview.state.token()}")
        self.response = self.connection.getresponse()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        name = ""
        try:
            for raw in self.response:
                line = raw.decode().rstrip("\n")
                if line.startswith("event: "):
                    name = line[7:]
                elif line.startswith("data: "):
                    self.events.put((time.perf_counter(), name, json.loads(line[6:])))
        except OSError:
            pass

    def wait_for(self, page: str) -> float:
        """Arrival time of the first reload event naming the page at URL `page`."""
        while True:
            arrived, name, data = self.events.get(timeout=TIMEOUT)
            if name == "error":
                raise SystemExit(f"the build failed: {data}")
            pages = data.get("pages", [])
            if name == "reload" and isinstance(pages, list) and page in pages:
                return arrived

    def drain(self) -> None:
        while not self.events.empty():
            self.events.get_nowait()


def pick_article(site: Path) -> Path:
    """A middle article: not the newest (on the home page) nor the oldest."""
    articles = sorted((site / "content/articles").rglob("*.md"))
    if not articles:
        raise SystemExit(f"no articles in {site}/content/articles")
    return articles[len(articles) // 2]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("site", nargs="?", type=Path, default=DEMO)
    parser.add_argument("--edits", type=int, default=20)
    parser.add_argument("--quiet", type=float, default=0.1,
                        help="the watcher's debounce period in seconds")
    parser.add_argument("--pause", type=float, default=0.4,
                        help="seconds between edits, so that edits are not merged")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="warta-bench-") as temporary:
        site = copy_site(args.site.resolve(), Path(temporary) / "site")
        articles = sum(1 for _ in (site / "content/articles").rglob("*.md"))
        out = StringIO()
        started = time.perf_counter()
        builds: list[float] = []
        memory = BuildMemory()  # as `warta serve` keeps it

        def timed_build(options: BuildOptions) -> BuildResult:
            # The build's own share of the time, to tell it from the server's.
            began = time.perf_counter()
            result = build(options, memory=memory)
            builds.append(time.perf_counter() - began)
            return result

        preview = Preview(site, port=0, reporter=Reporter(stream=out, out=out, quiet=True),
                          quiet=args.quiet, first_jobs=os.cpu_count() or 1,
                          build_function=timed_build)
        preview.start()
        print(f"{args.site}: {articles} articles, first build "
              f"{time.perf_counter() - started:.1f} s, {args.edits} edits, "
              f"debounce {args.quiet * 1000:.0f} ms")
        try:
            times = run(preview, pick_article(site), args.edits, args.pause)
        finally:
            preview.stop()
        rebuilds = builds[-len(times):]
    times.sort()
    p90 = times[min(len(times) - 1, int(round(0.9 * (len(times) - 1))))]
    print(f"save to reload: median {statistics.median(times) * 1000:.0f} ms, "
          f"p90 {p90 * 1000:.0f} ms, min {times[0] * 1000:.0f} ms, "
          f"max {times[-1] * 1000:.0f} ms")
    print(f"of which the incremental build: median {statistics.median(rebuilds) * 1000:.0f} ms "
          f"(the rest is the {args.quiet * 1000:.0f} ms debounce and the notification)")


def run(preview: Preview, article: Path, edits: int, pause: float) -> list[float]:
    channel = Channel(preview)
    original = article.read_text(encoding="utf-8")
    # A first edit finds out the URL of the article's page (and warms up).
    page = warm_up(preview, channel, article, original)
    times = []
    for number in range(edits):
        time.sleep(pause)  # keep edits apart: the point is one save, not a burst
        channel.drain()
        text = original + f"\nSuntingan nomor {number} pada {time.time()}.\n"
        saved = time.perf_counter()
        article.write_text(text, encoding="utf-8")
        times.append(channel.wait_for(page) - saved)
    return times


def warm_up(preview: Preview, channel: Channel, article: Path, original: str) -> str:
    """Edit once (caches warm) and return the URL of the article's page."""
    site = preview.site_dir
    relative = article.relative_to(site).as_posix()
    url = parse_article(article.read_bytes(), relative, load_config(site)).article.url
    article.write_text(original + "\nPemanasan.\n", encoding="utf-8")
    channel.wait_for(url)
    return url


if __name__ == "__main__":
    main()
