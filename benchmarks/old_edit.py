"""An old article edited, before and after the search index's corrections shard
(docs/performance.md, "Search shards").

    .venv/bin/python benchmarks/old_edit.py BEFORE_TREE [--articles 10000] [--rounds 4]

BEFORE_TREE is a source tree of Warta to compare with (e.g. `git archive <commit> |
tar -x -C DIR`), run with this checkout's virtualenv. One synthetic archive (synth.py)
with the default site.toml (every output on) is copied once per version and built
cold by it; then each round edits one old article (each round another, all in full
shards) in both copies, and times `warta build` for each (measure.py), the version
that goes first alternating. One JSON line per measurement.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import synth  # noqa: E402
from measure import WORK, measure  # noqa: E402

PYTHON = HERE.parent / ".venv" / "bin" / "python"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("before", type=Path)
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=4)
    args = parser.parse_args()
    trees = {"before": args.before.resolve(), "after": HERE.parent}
    source = WORK / f"old-edit-{args.articles}"
    if not (source / "site.toml").is_file():
        synth.generate(source, args.articles, 1, "warta")
    toml = source / "site.toml"
    toml.write_text(re.sub(r"\n\[(search|outputs)\]\n(.*\n)*", "\n",
                           toml.read_text(encoding="utf-8")), encoding="utf-8")
    sites = {}
    for name, tree in trees.items():
        site = WORK / f"old-edit-{args.articles}-{name}"
        shutil.rmtree(site, ignore_errors=True)
        shutil.copytree(source, site, ignore=shutil.ignore_patterns("output", ".warta"))
        sites[name] = site
        cold = measure(command(tree, site), site, site / "output")
        print(json.dumps({"version": name, "case": "cold", "seconds": round(cold.seconds, 2),
                          "tree_mb": round(cold.tree_mb), "rc": cold.rc}), flush=True)
    paths = sorted((source / "content/articles").rglob("*.md"))
    step = max(len(paths) // (args.rounds + 1), 1)
    for number in range(args.rounds):
        chosen = paths[step // 4 + number * step].relative_to(source)
        order = list(trees) if number % 2 == 0 else list(reversed(trees))
        for name in order:
            path = sites[name] / chosen
            path.write_text(path.read_text(encoding="utf-8").rstrip("\n")
                            + f"\n\nRalat nomor {number}.\n", encoding="utf-8")
        for name in order:
            done = measure(command(trees[name], sites[name]), sites[name],
                           sites[name] / "output")
            print(json.dumps({"version": name, "case": "old edit", "round": number,
                              "article": chosen.as_posix(), "seconds": round(done.seconds, 2),
                              "tree_mb": round(done.tree_mb), "written": done.written,
                              "rc": done.rc}), flush=True)


def command(tree: Path, site: Path) -> list[str]:
    """`warta build` of the source tree `tree`."""
    return ["env", f"PYTHONPATH={tree}", str(PYTHON), "-m", "generator", "build",
            "--site", str(site), "--quiet"]


if __name__ == "__main__":
    main()
