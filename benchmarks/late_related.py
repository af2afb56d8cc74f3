"""Related news when stories are filed late for years (docs/performance.md, "A story
filed late joins no earlier page").

    .venv/bin/python benchmarks/late_related.py [TREE] [--articles 100000] [--every 50]
        [--tags 20]

Plans the related articles of every article of a made-up site, as a whole build
does (`plan/related.py` `related_finder`), and prints the time and the process's
peak memory. The site: one article an hour, and every `--every`th a story filed late,
dated three days back, each filed after the last (so every one comes after its own
date: the shape of a newsroom filing a late story every few days for years); each
article has two of `--tags` tags. The same site without late stories is timed too.
TREE is a source tree of Warta to measure instead of this checkout (e.g. `git
archive <commit> generator | tar -x -C TREE`); run one process per version.
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path
from types import SimpleNamespace
from typing import Any


def made_up_site(count: int, every: int, tags: int) -> Any:
    """The site `related_finder` reads: its tags' items, its articles' dates and tags,
    and its stories filed late with the dates they came after."""
    from generator.plan.late import filed_after

    wib = timezone(timedelta(hours=7))
    start = datetime(2015, 1, 1, tzinfo=wib)
    filed: list[tuple[datetime, datetime | None]] = []  # (date, came after) in filing order
    newest = start
    afters: list[datetime] = []
    for n in range(count):
        if n % every == every - 1 and n > 0:
            after = filed_after(newest, afters)
            afters.append(after)
            filed.append((newest - timedelta(days=3, seconds=n), after))
        else:
            newest = start + timedelta(hours=n)
            filed.append((newest, None))
    order = sorted(range(count), key=lambda n: filed[n][0])
    names = [SimpleNamespace(slug=f"t{j}") for j in range(tags)]
    items: dict[str, list[int]] = {name.slug: [] for name in names}
    articles = []
    late = {}
    for index, n in enumerate(order):
        date, after = filed[n]
        two = (names[n % tags], names[(n * 7 + 3) % tags])
        articles.append(SimpleNamespace(date=date, tags=two))
        for name in two:
            items[name.slug].append(index)
        if after is not None:
            late[index] = after
    return SimpleNamespace(tags=[SimpleNamespace(tag=name, items=tuple(items[name.slug]))
                                 for name in names], late=late, articles=articles)


def plan_all(site: Any) -> float:
    from generator.plan.related import related_finder

    started = time.perf_counter()
    find = related_finder(site)
    for index in range(len(site.articles)):
        find(index)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("tree", nargs="?", type=Path, default=Path(__file__).resolve().parents[1])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--every", type=int, default=50)
    parser.add_argument("--tags", type=int, default=20)
    args = parser.parse_args()
    sys.path.insert(0, str(args.tree))
    site = made_up_site(args.articles, args.every, args.tags)
    seconds = plan_all(site)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # (KiB on Linux)
    print(f"{args.articles} articles, {len(site.late)} filed late, {args.tags} tags: "
          f"{seconds:.2f} s, peak {peak:.0f} MB")
    site.late = {}
    print(f"  the same site without late stories: {plan_all(site):.2f} s")


if __name__ == "__main__":
    main()
