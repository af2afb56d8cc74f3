"""The search page before and after a change of the index's layout, same run (issue 17).

    .venv/bin/python benchmarks/search_budget.py TREE_A TREE_B SOURCE
        [--shard-size 500] [--rounds 2] [--keep]

SOURCE is a synth.py site (read only: its content is copied, not its output). Two
copies of it, the words of `search_scale.PLANTED` planted in one article each, are
built cold with the default `site.toml` (every output on; `[search] shard_size` as
given), one with the code of TREE_A, one with TREE_B (`git archive` of two commits).
Then, in Debian's Chromium (`search_query.py`: a fresh page at `/cari/?q=WORD` until
the first result shows), each word on A then B, the order reversed every round: a
planted word (one article), `pasar` (a third of the articles) and synth.py's rarest
word of six letters or more (every shard). One JSON line per measurement: the cold
build's time and memory, then each query's time, requests, bytes and shards loaded.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import synth  # noqa: E402
from measure import WORK, measure  # noqa: E402
from search_query import measure as query  # noqa: E402
from search_query import unique_words  # noqa: E402
from search_scale import COMMON_WORD, PLANTED, PYTHON, plant  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("tree_a", type=Path)
    parser.add_argument("tree_b", type=Path)
    parser.add_argument("source", type=Path)
    parser.add_argument("--shard-size", type=int, default=500)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--keep", action="store_true", help="the copies of an earlier run")
    args = parser.parse_args()
    sites = {}
    for label, tree in (("A", args.tree_a), ("B", args.tree_b)):
        site = WORK / f"search-budget-{args.source.name}-{args.shard_size}-{label}"
        sites[label] = site
        if args.keep:
            continue
        shutil.rmtree(site, ignore_errors=True)
        shutil.copytree(args.source, site, ignore=shutil.ignore_patterns("output", ".warta"))
        toml = synth.warta_default_site_toml()
        if args.shard_size != 500:
            toml += f"\n[search]\nshard_size = {args.shard_size}\n"
        (site / "site.toml").write_text(toml, encoding="utf-8")
        articles = sorted((site / "content/articles").rglob("*.md"))
        for word, tenths in zip(PLANTED, (2, 5, 8), strict=True):
            plant(articles[len(articles) * tenths // 10], f"Catatan {word}.")
        command = ["env", f"PYTHONPATH={tree.resolve()}", str(PYTHON), "-m", "generator",
                   "build", "--site", str(site), "--quiet"]
        done = measure(command, site, site / "output")
        print(json.dumps({"case": "cold", "side": label, "tree": str(tree),
                          "shard_size": args.shard_size, "seconds": round(done.seconds, 2),
                          "pss_mb": round(done.pss_mb), "rc": done.rc}), flush=True)
    words = [PLANTED[0], COMMON_WORD, *unique_words(sites["A"] / "content", 1)]
    for number in range(args.rounds):
        order = ["A", "B"] if number % 2 == 0 else ["B", "A"]
        for word in words:
            for label in order:
                found = query(sites[label] / "output", [word])
                print(json.dumps({"case": "query", "round": number + 1, "side": label,
                                  "word": word, **found}), flush=True)


if __name__ == "__main__":
    main()
