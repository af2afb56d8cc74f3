"""What the search page's filters need, without merging a shard: `filters.json`.

Pagefind keeps a filter's values inside each bundle, so the search page had to merge
every shard (200 full ones at 100,000 articles: megabytes) to list the tags, years and
sections in its drop-downs, and a search with a year chosen still merged shards that
hold no article of that year. The build knows both already: when a shard is indexed,
its folder gets a summary of its records' filter values (`SUMMARY_FILE`), and every
build gathers the summaries into one small file beside `shards.json`:

- `"shards"`: the shards summarised, oldest first (a shard missing from it, one that
  failed to index, may hold anything: the page searches it);
- `"runs"`: for each filter that restricts the shards a search merges (year, section),
  each value's shards as runs of positions in `"shards"` (`[start, stop, ...]`): full
  shards hold articles in publication order, so a year is one run;
- `"values"`: for each other filter (tags), its values alone. A tag's shards as runs
  would cost 430 kB at 100,000 synthetic articles (2,000 tags spread over 200 shards),
  against 39 kB for the names (docs/performance.md, "Filters without merging shards").

A value only the corrections shard holds (an old article imported into a full shard) is
listed with no run: the corrections shard is searched by every query. The file changes
only when a shard is added or removed or a shard's set of values changes: an edit that
keeps an article's tags, or a day's news in years and tags already listed, leaves it
byte for byte.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from pathlib import Path

from generator.search.records import SearchRecord

SUMMARY_FILE = ".warta-filters.json"
"""Inside a shard's folder: each filter's values among its records, sorted."""
FILTERS = "filters.json"
"""Inside the index folder: what the search page's filters need (this module's doc)."""

Summary = dict[str, list[str]]
"""Filter name -> the sorted values a shard's records have."""


def summary_of(records: Iterable[SearchRecord]) -> bytes:
    """The summary of a shard of `records`, as its folder keeps it."""
    values: dict[str, set[str]] = {}
    for record in records:
        for name, found in record.filters.items():
            values.setdefault(name, set()).update(found)
    summary = {name: sorted(found) for name, found in sorted(values.items())}
    return (json.dumps(summary, ensure_ascii=False, separators=(",", ":")) + "\n").encode(
        "utf-8")


def parse_summary(text: str) -> Summary | None:
    """A summary from its file's text; None when it is not one."""
    try:
        found = json.loads(text)
    except ValueError:
        return None
    if not isinstance(found, dict) or not all(
            isinstance(name, str) and isinstance(values, list)
            and all(isinstance(value, str) for value in values)
            for name, values in found.items()):
        return None
    return found


def read_summary(folder: Path) -> Summary | None:
    """The summary in a shard's `folder`; None when missing or damaged."""
    try:
        return parse_summary((folder / SUMMARY_FILE).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError):
        return None


def runs_of(positions: Iterable[int]) -> list[int]:
    """Ascending `positions` as runs: `[start, stop, start, stop, ...]`."""
    runs: list[int] = []
    for position in positions:
        if runs and runs[-1] == position:
            runs[-1] = position + 1
        else:
            runs += [position, position + 1]
    return runs


def filters_text(shards: Sequence[tuple[str, Summary]], corrections: Summary | None,
                 restricting: Iterable[str]) -> str:
    """What `filters.json` holds for the summarised `shards` (name, summary; oldest first)
    and the corrections shard's summary: runs of shards for the filters named in
    `restricting`, the values alone for the others."""
    restrict = set(restricting)
    runs: dict[str, dict[str, list[int]]] = {}
    values: dict[str, set[str]] = {}
    for position, (_, summary) in enumerate(shards):
        for name, found in summary.items():
            if name in restrict:
                for value in found:
                    runs.setdefault(name, {}).setdefault(value, []).append(position)
            else:
                values.setdefault(name, set()).update(found)
    for name, found in (corrections or {}).items():
        for value in found:
            if name in restrict:
                runs.setdefault(name, {}).setdefault(value, [])
            else:
                values.setdefault(name, set()).add(value)
    text = {"shards": [name for name, _ in shards],
            "runs": {name: {value: runs_of(positions)
                            for value, positions in sorted(by_value.items())}
                     for name, by_value in sorted(runs.items())},
            "values": {name: sorted(found) for name, found in sorted(values.items())}}
    return json.dumps(text, ensure_ascii=False, separators=(",", ":")) + "\n"


def gather(index: Path, names: Sequence[str], corrected: bool,
           restricting: Iterable[str], corrections: str) -> str:
    """`filters.json`'s text for the shards `names` of `index` (and the corrections
    shard in the folder `corrections` when `corrected`), from their summaries: a shard
    whose summary is missing is left out, which makes the page search it."""
    shards = [(name, summary) for name, summary in
              ((name, read_summary(index / name)) for name in names) if summary is not None]
    fixed = read_summary(index / corrections) if corrected else None
    return filters_text(shards, fixed, restricting)

