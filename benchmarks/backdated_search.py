"""A backdated article with search on, code A against code B (docs/performance.md).

    .venv/bin/python benchmarks/backdated_search.py SITE_A CODE_A SITE_B CODE_B \
        [--rounds 3] [--date 2025-01-15T10:00:00+07:00]

SITE_A and SITE_B are two built copies of one archive (e.g. `benchmarks/work/
warta-default-10000`, default site.toml); CODE_A and CODE_B are checkouts of Warta
whose `generator` package builds them (put first on PYTHONPATH, run with this
interpreter). Each round, alternating which side goes first, adds an article dated
`--date` (the middle of the archive), builds, deletes it and builds again, and
prints each build's wall time, peak RSS and the `output/pagefind/` folders it wrote.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

ARTICLE = "content/articles/backdated-search-bench.md"


def _text(date: str) -> str:
    return ("---\ntitle: \"Laporan Susulan dari Arsip\"\n"
            f"date: {date}\ntags: [Ekonomi]\n---\n\n"
            "Laporan yang terlambat dikirim, ditulis ulang untuk arsip.\n")


def build(site: Path, code: Path) -> tuple[float, int]:
    """Wall seconds and peak RSS (MB) of one `warta build` of `site` with `code`."""
    env = {**os.environ, "PYTHONPATH": str(code)}
    started = time.perf_counter()
    run = subprocess.run(["/usr/bin/time", "-f", "%M", sys.executable, "-m", "generator",
                          "build"], cwd=site, env=env, capture_output=True, text=True,
                         check=False)
    took = time.perf_counter() - started
    if run.returncode != 0:
        raise SystemExit(run.stderr[-2000:])
    return took, int(run.stderr.strip().splitlines()[-1]) // 1024


def written_shards(site: Path, since: float) -> list[str]:
    """The `output/pagefind/` entries with a file written after `since`."""
    root = site / "output" / "pagefind"
    return sorted({p.relative_to(root).parts[0] for p in root.rglob("*")
                   if p.is_file() and p.stat().st_mtime > since})


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("site_a", type=Path)
    parser.add_argument("code_a", type=Path)
    parser.add_argument("site_b", type=Path)
    parser.add_argument("code_b", type=Path)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--date", default="2025-01-15T10:00:00+07:00")
    args = parser.parse_args()
    sides = [("A", args.site_a, args.code_a), ("B", args.site_b, args.code_b)]
    for _, site, code in sides:  # both from the same state: without the article
        (site / ARTICLE).unlink(missing_ok=True)
        build(site, code)
    for number in range(1, args.rounds + 1):
        for name, site, code in sides if number % 2 else sides[::-1]:
            for case in ("added", "deleted"):
                if case == "added":
                    (site / ARTICLE).write_text(_text(args.date), encoding="utf-8")
                else:
                    (site / ARTICLE).unlink()
                since = time.time()
                took, rss = build(site, code)
                print(f"round {number} {name}: backdated article {case}: {took:.2f} s, "
                      f"{rss} MB, wrote {written_shards(site, since)}", flush=True)
        print(f"load average {os.getloadavg()}", flush=True)


if __name__ == "__main__":
    main()
