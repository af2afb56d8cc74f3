"""What a build remembers for the next one: the site's and the plan's memos, in the
cache for the next process and in a `BuildMemory` for the next build of the same
process (`warta serve`)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, fields, is_dataclass, replace
from typing import Any

from generator.build.options import copied
from generator.cache.held_records import HELD_RECORDS, HeldRecord
from generator.cache.memo_parts import LONG, Parted, keep_parts, put_items, read_items
from generator.cache.removed import HELD, RemovedArticle
from generator.cache.store import Cache, OutputEntry, SourceEntry
from generator.content.model import shape_of
from generator.errors import Problem
from generator.photos.model import Derivative, Photo, PhotoMemo
from generator.photos.table import ROW_SHAPE, PhotoTable
from generator.plan.page import Copy
from generator.plan.pagination import Chunk, Tail
from generator.plan.planner import Page, Plan, PlanMemo
from generator.plan.site import AuthorIndex, MonthIndex, SectionIndex, Site, TagIndex
from generator.plan.site_memo import SiteMemo
from generator.render.template_sources import load_strings
from generator.render.theme import ThemeFiles, catalogs_key
from generator.search.shards import ShardKeys


@dataclass
class BuildMemory:
    """What a process that builds more than once (`warta serve`) keeps between builds
    instead of reading it back from the cache. Mutable: each build updates it."""

    target: str = ""
    """The output folder (relative to the site) the memos below belong to."""
    site: SiteMemo | None = None
    """The memo of the last site built there."""
    plan: PlanMemo | None = None
    """The memo of the last plan built there."""
    sources: Mapping[str, SourceEntry] | None = None
    """What the cache knows of every source file, as of the last load."""
    outputs: dict[str, OutputEntry] | None = None
    """What the cache knows of every file written to `target`."""


@dataclass(frozen=True)
class Settled:
    """What the last successful build of an output folder leaves for the next build to
    tell, without reading the archive, whether nothing moved (build/quick.py)."""

    loads: int
    """`Cache.loads()` after that build: the sources were saved as it saw them."""
    content_key: str
    """`SiteConfig.content_key` of its records."""
    inputs: str
    """`plan.plan_inputs` of its plan: the settings and what every page shows."""
    templates: Mapping[str, str]
    """The key of every template its plan used, by name."""
    copies: tuple[tuple[str, str], ...]
    """(output, fingerprint) of every file it copied as it is (theme static files,
    media): not the photos' derivatives, which follow from the photo memo stored with
    it."""
    order: tuple[str, ...]
    """Paths of the site's articles, in site order (`Page` fields index them)."""
    warnings: tuple[Problem, ...]
    """The warnings its load reported, by path."""
    search: ShardKeys | None
    """The keys of its search index's shards (None: search off)."""
    pages: int
    """How many pages it planned."""
    sources: int
    """How many source files it found."""
    register: str = ""
    """`addresses.text_key` of the register of published addresses it left."""
    # Sealed pages (build/list_pages.py).
    list_pages: str = ""
    """`addresses.text_key` of the sealed pages' boundaries it left (or found)."""
    tails: Mapping[str, Tail] = field(default_factory=dict)
    """The newest pages of each list, by its URL (`pagination.Tail`): where an append
    goes."""


def settled_after(cache: Cache, site: Site, plan: Plan, warnings: tuple[Problem, ...],
                  search_keys: ShardKeys | None, sources: int, register: str,
                  list_pages: str, as_is: Iterable[Copy]) -> Settled:
    """What the next build needs to take the quick path (build/quick.py), should the
    whole-way build that planned `plan` go through. Of the copies, those of the files
    copied `as_is`: the photos' derivatives follow from the photo memo stored with it.
    (`warnings` are the files' own, which the quick path shows again while a file keeps
    them; not a merge's in the lock files, which that build wrote joined.)"""
    assert plan.memo is not None
    return Settled(
        loads=cache.loads(), content_key=site.config.content_key,
        inputs=plan.memo.inputs, templates=plan.memo.templates, copies=copied(as_is),
        order=plan.memo.order,
        warnings=warnings, search=search_keys, pages=len(plan.pages),
        sources=sources, register=register, list_pages=list_pages, tails=plan.tails)


def remember(memory: BuildMemory, target: str, cache: Cache) -> None:
    """Make `memory` that of `target`: from the cache unless it already is."""
    if memory.target == target:
        return
    memory.target = target
    memory.outputs = None
    stored_site, stored_plan = stored(cache, "site:" + target), stored(cache, "plan:" + target)
    memory.site = stored_site if isinstance(stored_site, SiteMemo) else None
    memory.plan = stored_plan if isinstance(stored_plan, PlanMemo) else None


# A memo pickled by a build whose classes had other fields is not trusted.
MEMO_SHAPE = shape_of(
    SiteMemo, Site, TagIndex, AuthorIndex, MonthIndex, SectionIndex, PlanMemo, Page, Settled,
    ShardKeys,
    # Photos (issue 16).
    PhotoMemo, Photo, Derivative,
    # Sealed pages (issue 18 item 8).
    Tail, Chunk,
    # Renames and edits seen by a build that did not write the register.
    RemovedArticle, HeldRecord,
    # Long tuples stored in parts.
    Parted) + ";" + ROW_SHAPE


def stored(cache: Cache, name: str) -> object | None:
    """The memo stored under `name`, if it has the shape of today's classes (its long
    tuples read back from their parts)."""
    found = cache.memo(name)
    if not (isinstance(found, tuple) and len(found) == 2 and found[0] == MEMO_SHAPE):
        return None
    memo: Any = found[1]
    if is_dataclass(memo) and not isinstance(memo, type):
        whole = {}
        for each in fields(memo):
            value = getattr(memo, each.name)
            if isinstance(value, Parted):
                items = read_items(cache, f"{name}.{each.name}", value)
                if items is None:
                    return None  # (a part is missing: planned afresh)
                made = _made_of(items, value.rows)
                if made is None:
                    return None
                whole[each.name] = made
        if whole:
            memo = replace(memo, **whole)
    return memo  # type: ignore[no-any-return]


def _made_of(items: tuple[Any, ...], rows: str) -> object | None:
    """What a field's parts stood for (`Parted.rows`): the tuple, a dict or a
    `PhotoTable` of its rows; None when they are not rows."""
    if not rows:
        return items
    try:
        return dict(items) if rows == "dict" else PhotoTable.of_rows(items)
    except (TypeError, ValueError):
        return None


def held_removals(cache: Cache) -> tuple[RemovedArticle, ...]:
    """The article files removed since a build last wrote the register (cache/removed.py)."""
    found = stored(cache, HELD)
    return found if isinstance(found, tuple) else ()


def held_records(cache: Cache) -> tuple[HeldRecord, ...]:
    """The records the sources changed since a build last wrote the register had then
    (cache/held_records.py)."""
    found = stored(cache, HELD_RECORDS)
    return found if isinstance(found, tuple) else ()


def store(cache: Cache, name: str, memo: object) -> None:
    """Put `memo` in the cache under `name`, with the shape of the classes it is made of,
    each of its fields that is a long tuple in parts (cache/memo_parts.py)."""
    parted: dict[str, Parted] = {}
    if is_dataclass(memo) and not isinstance(memo, type):
        for each in fields(memo):
            value = getattr(memo, each.name)
            label = f"{name}.{each.name}"
            if type(value) is tuple and len(value) >= LONG:
                parted[each.name] = put_items(cache, label, value)
            elif isinstance(memo, PhotoMemo) and isinstance(value, (PhotoTable, dict)) \
                    and len(value) >= LONG:
                # The photo memo's photos and their files' stats, as rows: a build that
                # adds a photo (today's news) changes them near their end, one photo
                # changed in place one row; pickled whole, 0.6 s at 100,000 photos.
                if isinstance(value, PhotoTable):
                    parted[each.name] = replace(put_items(cache, label, value.rows()),
                                                rows="table")
                else:
                    parted[each.name] = replace(put_items(cache, label, tuple(value.items())),
                                                rows="dict")
            else:
                cache.read_parts.pop(label, None)  # (its parts go: none is kept)
        if parted:
            memo = replace(memo, **parted)
    keep_parts(cache, name, parted.values())
    cache.put_memo(name, (MEMO_SHAPE, memo))


STRINGS = "strings"
"""The memo of the theme's UI strings: (`theme.catalogs_key`, the strings)."""


def with_strings(theme: ThemeFiles, cache: Cache) -> tuple[ThemeFiles, object | None]:
    """`theme` with its UI strings, from the cache while its catalogues are unchanged,
    and the memo to store when they were read again (else None).

    Reading them is Babel's PO parser: more than a one-article edit's set-up costs
    without it (80 M instructions of its 1,400 M, at 10,000 articles)."""
    key = catalogs_key(theme)
    found = stored(cache, STRINGS)
    if isinstance(found, tuple) and len(found) == 2 and found[0] == key \
            and isinstance(found[1], dict):
        return replace(theme, strings=found[1]), None
    strings = load_strings(theme)
    return replace(theme, strings=strings), (key, strings)
