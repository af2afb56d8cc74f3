"""What one search shard costs by its size: Pagefind's time and memory to index it, and
the bytes of the files a query loads from it (docs/performance.md, "Search shards").

    .venv/bin/python benchmarks/shard_cost.py SITE_DIR SIZE [SIZE ...] [--rounds 2]

For each SIZE, the SIZE articles of SITE_DIR (a synthetic archive from synth.py)
that follow its first 1,000 are indexed as one bundle through Pagefind's service,
as the build does (generator/search/bundles.py), in a child process of their own;
the sizes alternate round by round. One JSON line per bundle: seconds, the peak RSS
of the Pagefind process, the bundle's files (count, bytes), and what a query of one
word reads from it: the metadata file and one index chunk (mean and largest).
The records are the articles' Markdown as plain text, which is near enough to
what the build feeds Pagefind for sizes and timings.
"""

from __future__ import annotations

import argparse
import json
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from generator.search.records import SearchRecord  # noqa: E402
from generator.search.service import Service, executable  # noqa: E402

SKIP = 1000
_FRONT = re.compile(r"\A---\n(.*?)\n---\n", re.S)


def records(site: Path, size: int) -> list[SearchRecord]:
    """`size` articles of `site`, oldest first after the first `SKIP`, as records."""
    paths = sorted((site / "content/articles").rglob("*.md"))[SKIP:SKIP + size]
    found = []
    for path in paths:
        text = path.read_text(encoding="utf-8")
        front = _FRONT.match(text)
        head = front.group(1) if front else ""
        title = re.search(r'^title: "(.*)"$', head, re.M)
        date = re.search(r"^date: (\S+)$", head, re.M)
        tags = re.search(r"^tags: \[(.*)\]$", head, re.M)
        stamp = date.group(1) if date else "2020-01-01T00:00:00+07:00"
        found.append(SearchRecord(
            url=f"/{path.stem}/", title=title.group(1) if title else path.stem,
            date=stamp[:10], sort=stamp, image="",
            filters={"Tahun": [stamp[:4]],
                     "Tag": [t.strip() for t in tags.group(1).split(",")] if tags else []},
            content=text[front.end():] if front else text))
    return found


def one(site: Path, size: int) -> dict[str, object]:
    """Index one bundle of `size` records; its costs (run in a child process)."""
    chosen = records(site, size)
    binary = executable()
    assert binary is not None, "Pagefind is missing"
    folder = Path(tempfile.mkdtemp(prefix="shard-cost-"))
    try:
        started = time.perf_counter()
        with Service(binary) as service:
            service.write_bundle(chosen, "id", folder / "b")
        seconds = time.perf_counter() - started
        bundle = folder / "b"
        files = [p for p in bundle.rglob("*") if p.is_file()]
        chunks = [p.stat().st_size for p in (bundle / "index").iterdir()]
        meta = sum(p.stat().st_size for p in bundle.glob("*.pf_meta"))
        filters = sum(p.stat().st_size for p in (bundle / "filter").iterdir())
        return {"size": size, "seconds": round(seconds, 2),
                "pagefind_mb": round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
                                     / 1024),
                "files": len(files), "kb": round(sum(p.stat().st_size for p in files) / 1024),
                "meta_kb": round(meta / 1024, 1), "chunks": len(chunks),
                "chunk_kb_mean": round(sum(chunks) / len(chunks) / 1024, 1),
                "chunk_kb_max": round(max(chunks) / 1024, 1),
                "filters_kb": round(filters / 1024, 1)}
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path)
    parser.add_argument("sizes", type=int, nargs="+")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--one", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(one(args.site.resolve(), args.sizes[0])), flush=True)
        return
    for number in range(args.rounds):
        order = args.sizes if number % 2 == 0 else list(reversed(args.sizes))
        for size in order:
            subprocess.run([sys.executable, __file__, str(args.site), str(size), "--one"],
                           check=True)


if __name__ == "__main__":
    main()
