"""The default build and the search page at scale (issue 17's targets; docs/performance.md,
"Search shards").

    nice -n 10 .venv/bin/python benchmarks/search_scale.py TREE SITE_DIR [--rounds 2]

TREE is a source tree of Warta (e.g. `git archive HEAD | tar -x -C DIR`, so that the
checkout can change while this runs), run with this checkout's virtualenv. SITE_DIR
is a synthetic archive (synth.py); it is copied without its output, given the
default site.toml (every output on) and built cold. Then, each measured
(`measure.py`: wall time, peak summed RSS and PSS of the build's processes, the
largest process's peak RSS, files written):
an old article edited (in a full shard: its new record goes to the corrections
shard), the newest article edited, an article added after every other, a build
with nothing changed, and the route map's last part made again (its folder
deleted: what a build that completes a full shard adds). Last, in Debian's Chromium
(`search_query.py`), rounds of: a rare word on a fresh page then a second rare
one, a common word, and the word the old edit added, each with the route map and
without it (`shards.json` without "routes": every shard merged), alternating.
One JSON line per measurement.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
from datetime import datetime, timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import synth  # noqa: E402
from measure import WORK, measure  # noqa: E402
from search_query import measure as query  # noqa: E402
from search_query import unique_words  # noqa: E402

PYTHON = HERE.parent / ".venv" / "bin" / "python"
ADDED_WORD = "gerhanamerah"
COMMON_WORD = "pasar"
# Made-up words, each put into one article of the copy before its cold build (a
# fifth, half and four fifths of the way): synth.py's own words are each in
# hundreds of articles, so a word of one article has to be planted.
PLANTED = ("zamrudkelana", "pualamsenja", "kirmizilaut")


def plant(path: Path, sentence: str) -> None:
    """Add a paragraph to the article at `path`."""
    path.write_text(path.read_text(encoding="utf-8").rstrip("\n") + f"\n\n{sentence}\n",
                    encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("tree", type=Path)
    parser.add_argument("source", type=Path)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--keep", action="store_true",
                        help="build on the copy left by an earlier run (no cold build)")
    parser.add_argument("--flush", action="store_true",
                        help="with --keep: plant the words by editing 52 articles of a full "
                             "shard (measured)")
    args = parser.parse_args()
    tree = args.tree.resolve()
    source = args.source.resolve()
    site = WORK / f"search-scale-{source.name}"
    command = ["env", f"PYTHONPATH={tree}", str(PYTHON), "-m", "generator", "build",
               "--site", str(site), "--quiet"]

    def report(case: str, **values: object) -> None:
        print(json.dumps({"case": case, **values}), flush=True)

    def build(case: str) -> None:
        done = measure(command, site, site / "output")
        report(case, seconds=round(done.seconds, 2), tree_mb=round(done.tree_mb),
               pss_mb=round(done.pss_mb), largest_mb=round(done.maxrss_mb),
               written=done.written, rc=done.rc)

    if not args.keep:
        shutil.rmtree(site, ignore_errors=True)
        shutil.copytree(source, site, ignore=shutil.ignore_patterns("output", ".warta"))
        (site / "site.toml").write_text(synth.warta_default_site_toml(), encoding="utf-8")
        articles = sorted((site / "content/articles").rglob("*.md"))
        for word, tenths in zip(PLANTED, (2, 5, 8), strict=True):
            plant(articles[len(articles) * tenths // 10], f"Catatan {word}.")
        build("cold")
    elif args.flush:
        # The planted words into a full shard of the built copy: more corrections to
        # one full shard than the corrections shard holds, so it is indexed again.
        dated = sorted((p.read_text(encoding="utf-8").split("\ndate: ")[1][:25], p)
                       for p in (site / "content/articles").rglob("*.md"))
        start = len(dated) // 2 // 500 * 500
        for number, (_, path) in enumerate(dated[start:start + 52]):
            plant(path, f"Catatan {PLANTED[number]}." if number < len(PLANTED) else "Ralat.")
        build(f"52 articles of full shard {start} edited: it is indexed again")
    words = [*PLANTED[:2], *unique_words(site / "content", 1)]
    articles = sorted((site / "content/articles").rglob("*.md"))
    old = articles[len(articles) // 3]
    old.write_text(old.read_text(encoding="utf-8").rstrip("\n")
                   + f"\n\nRalat: {ADDED_WORD}.\n", encoding="utf-8")
    build("edit, old article")
    newest = max(articles, key=lambda p: p.read_text(encoding="utf-8").split("\ndate: ")[1][:25])
    newest.write_text(newest.read_text(encoding="utf-8").rstrip("\n") + "\n\nRalat.\n",
                      encoding="utf-8")
    build("edit, newest article")
    text = newest.read_text(encoding="utf-8")
    # A new file, an hour after the newest article (a run on a kept copy adds another)
    added = newest.with_name(f"tambahan-skala-{len(articles)}.md")
    head, _, rest = text.partition("\ndate: ")
    later = datetime.fromisoformat(rest[:25]) + timedelta(hours=1)
    added.write_text(head.replace('title: "', 'title: "Tambahan ', 1).replace(
        "\nslug: ", f"\nslug: tambahan-{len(articles)}-") + f"\ndate: {later.isoformat()}"
        + rest[25:], encoding="utf-8")
    build("addition")
    build("no change")
    # (The route map's last part: the one a new full shard makes again.)
    last = max((site / "output/pagefind").glob("rute-*"), default=None,
               key=lambda folder: int(folder.name.removeprefix("rute-")))
    if last is not None:
        shutil.rmtree(last, ignore_errors=True)
    build("route map's last part made again")
    manifest = site / "output/pagefind/shards.json"
    routed = manifest.read_text(encoding="utf-8")
    data = json.loads(routed)
    merged_all = json.dumps({k: v for k, v in data.items() if k not in ("route", "routes")})
    parts = data.get("routes", [])
    report("index", shards=len(data["shards"]), routed=sum(len(p["ids"]) for p in parts),
           route_parts=len(parts),
           corrections=data.get("corrections"), words=words)
    try:
        for number in range(args.rounds):
            order = ["route map", "every shard"]
            if number % 2:
                order.reverse()
            for how in order:
                manifest.write_text(routed if how == "route map" else merged_all,
                                    encoding="utf-8")
                for name, chosen in (("word of one article", words[:2]),
                                     ("rarest word of the archive", words[2:]),
                                     ("common word", [COMMON_WORD]),
                                     ("word added by the edit", [ADDED_WORD])):
                    try:
                        found = query(site / "output", chosen)
                    except Exception as error:  # a word not found times out: say so
                        found = {"error": str(error).splitlines()[0]}
                    report("query", round=number, how=how, words=name, **found)
    finally:
        manifest.write_text(routed, encoding="utf-8")


if __name__ == "__main__":
    main()
