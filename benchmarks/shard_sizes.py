"""Choose the search shard size by measurement (docs/performance.md).

    .venv/bin/python benchmarks/shard_sizes.py SITE_DIR FULL/NEWEST|off [...] [--tree DIR]

For each pair of shard sizes (`[search] shard_size` and `newest_shard_size`), on
a rebuild of SITE_DIR in place (a synthetic archive from synth.py with the default
site.toml, every output on): a cold build, one article in the middle edited, one
article added, that one edited (each `warta build`, wall time and peak RSS of the
process tree via measure.py), then the search page's query cost (search_query.py): merged shards,
the first query's requests, bytes and time, a second query's. One JSON line each.
`off` builds the same archive with `[outputs] search = false`, for comparison.
`--tree DIR` runs the Warta of another source tree (e.g. `git archive HEAD | tar -x
-C DIR`, so the checkout can change meanwhile) with this checkout's virtualenv.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from measure import measure  # noqa: E402
from search_query import measure as query  # noqa: E402
from search_query import unique_words  # noqa: E402

WARTA = HERE.parent / ".venv" / "bin" / "warta"


def main() -> None:
    args = sys.argv[1:]
    tree = None
    if "--tree" in args:
        at = args.index("--tree")
        tree = Path(args[at + 1]).resolve()
        del args[at:at + 2]
    site = Path(args[0]).resolve()
    sizes = [(0, 0) if s == "off" else tuple(int(n) for n in s.split("/"))
             for s in args[1:]]
    toml = site / "site.toml"
    original = toml.read_text(encoding="utf-8")
    base = re.sub(r"\n\[(search|outputs)\]\n(.*\n)*", "\n", original)
    articles = sorted((site / "content/articles").rglob("*.md"))
    edited = articles[len(articles) // 2]
    text = edited.read_text(encoding="utf-8")
    added = edited.with_name("tambahan-ukur-shard.md")
    words = unique_words(site / "content")
    try:
        for size, newest in sizes:
            toml.write_text(base + ("\n[outputs]\nsearch = false\n" if not size else
                                    f"\n[search]\nshard_size = {size}\n"
                                    f"newest_shard_size = {newest}\n"), encoding="utf-8")
            for folder in ("output", ".warta"):
                shutil.rmtree(site / folder, ignore_errors=True)
            command = ([str(WARTA)] if tree is None else [
                "env", f"PYTHONPATH={tree}", str(WARTA.with_name("python")), "-m",
                "generator"]) + ["build", "--site", str(site), "--quiet"]
            row: dict[str, object] = {"shard_size": size, "newest_shard_size": newest}
            cold = measure(command, site, site / "output")
            edited.write_text(text.rstrip("\n") + f"\n\nRalat ukuran {size}.\n", encoding="utf-8")
            edit = measure(command, site, site / "output")
            # Dated after every other article (synth.py ends in 2025), before "now".
            added.write_text(re.sub(r"\ndate: .*\n", "\ndate: 2026-01-02T07:00:00+07:00\n",
                                    text.replace('title: "', 'title: "Tambahan ', 1), count=1),
                             encoding="utf-8")
            add = measure(command, site, site / "output")
            # A correction to the article just added: where most corrections go.
            added.write_text(added.read_text(encoding="utf-8").rstrip("\n")
                             + f"\n\nRalat {size}.\n", encoding="utf-8")
            fresh = measure(command, site, site / "output")
            for name, m in (("cold", cold), ("edit", edit), ("add", add), ("edit_recent", fresh)):
                row[f"{name}_s"] = round(m.seconds, 2)
                row[f"{name}_mb"] = round(m.tree_mb)
                row[f"{name}_rc"] = m.rc
            if size:
                row.update(query(site / "output", words))
            print(json.dumps(row), flush=True)
            edited.write_text(text, encoding="utf-8")
            added.unlink(missing_ok=True)
    finally:
        toml.write_text(original, encoding="utf-8")
        edited.write_text(text, encoding="utf-8")
        added.unlink(missing_ok=True)
        subprocess.run(["sync"], check=False)


if __name__ == "__main__":
    main()
