"""The load stage: every source of the site as a record, the changed ones parsed.

`changes.py` finds and parses what differs from the cache; the rest comes from
the cache (or from a process's previous load, in `warta serve`), and the
sources are saved back through `commit.save_sources`.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

from generator.build import commit
from generator.build.changes import Changes, SourceChange, compare, parse_changes
from generator.build.commit import SourceSaving
from generator.build.sources import PARALLEL_THRESHOLD, Source, scan, stat_each
from generator.cache.held_records import HeldRecord
from generator.cache.removed import removed_articles
from generator.cache.store import Cache, SourceEntry
from generator.config import SiteConfig
from generator.content.frontmatter import ProblemError, decode, key_line, split
from generator.content.keys import AUTHOR, SYNONYMS, TAG
from generator.content.model import Article, StaticPage
from generator.content.source_record import SourceRecord
from generator.errors import Problem, Text
from generator.plan.clashes import Clash
from generator.plan.names import NameHint


@dataclass(frozen=True)
class Loaded:
    """Every source file of the site, parsed."""

    articles: tuple[Article, ...]
    """All articles, drafts included, in path order."""
    pages: tuple[StaticPage, ...]
    """All static pages, in path order."""
    problems: tuple[Problem, ...]
    """Errors and warnings found."""
    parsed: int
    """How many files were parsed (not taken from the cache)."""
    changes: Changes | None = None
    """The sources added, edited and removed since the cache was written."""
    sources: Mapping[str, SourceEntry] = field(default_factory=dict)
    """What the cache now knows of every source: a process that builds again
    (`warta serve`) passes it back to `load` instead of reading the cache."""
    saving: SourceSaving | None = None
    """The sources still being saved by a child process, when many were parsed:
    wait for it before writing to the cache again."""


def load(site_dir: Path, config: SiteConfig, cache: Cache, jobs: int = 1,
         known: Mapping[str, SourceEntry] | None = None,
         only: Collection[str] | None = None,
         scanned: list[Source] | None = None, now: datetime | None = None) -> Loaded:
    """Parse what changed since the cache was written; take the rest from the cache.

    `known` is the `Loaded.sources` of this process's previous load, used instead of
    reading the cache. With it, `only` names the sources that may have changed since
    (`warta serve`'s watcher knows): only those are looked at, not every file.
    `scanned`: what `scan` found moments ago, when the caller already looked.
    `now`: the build's "now", for the warnings that depend on it (`record_problems`).
    """
    key = config.content_key
    if known is None:
        known, only = cache.sources(), None
    hinted = stat_each(site_dir, only) if only is not None else None
    compared_with: Mapping[str, SourceEntry] = known
    # Every entry a load leaves holds that load's key, so one stands for all.
    if hinted is None or next((e.meta_key != key for e in known.values()), False):
        # No hint, a folder among the paths, or records resolved with other settings.
        found = scanned if scanned is not None else scan(site_dir)
    else:
        assert only is not None
        found = hinted
        compared_with = {path: known[path] for path in only if path in known}
    compared = compare(found, compared_with, key)
    changes = parse_changes(
        compared, compared_with,
        {s.path: compared_with[s.path].record for s in compared.differing}, config, cache,
        jobs)
    entries = dict(known)
    for path in changes.removed:
        del entries[path]
    changed = []
    for change in (*changes.edited, *changes.added):
        entries[change.path] = change.entry
        changed.append(change.path)
    saving = None
    if changed or changes.removed:
        saving = commit.save_sources(
            cache, entries, changed, set(changes.removed),
            apart=jobs > 1 and changes.parsed >= PARALLEL_THRESHOLD,
            removed=removed_articles(changes.removed_records),
            before=_before(changes, known) if known else ())
    loaded = _collect(site_dir, {path: e.record for path, e in entries.items()},
                      changes.parsed, now)
    return Loaded(loaded.articles, loaded.pages, loaded.problems, changes.parsed,
                  changes=changes, sources=entries, saving=saving)


def _before(changes: Changes, known: Mapping[str, SourceEntry]) -> list[HeldRecord]:
    """What the cache held of each source this load parsed or found removed, before it
    (none for a new file): kept until a build writes the register, whose summary names
    the changes against it (cache/held_records.py). (A first load, with nothing known,
    holds nothing.)"""
    found = [HeldRecord(c.path, c.before) for c in changes.edited
             if c.parsed and c.before is not None]
    found += [HeldRecord(c.path, None) for c in changes.added]
    return found + [HeldRecord(path, entry.record) for path in changes.removed
                    if isinstance(entry := known.get(path), SourceEntry)]


def _collect(site_dir: Path, records: dict[str, SourceRecord], parsed: int,
             now: datetime | None) -> Loaded:
    articles: list[Article] = []
    pages: list[StaticPage] = []
    problems: list[Problem] = []
    for path in sorted(records):
        record = records[path]
        problems += record_problems(site_dir, path, record, now)
        if record.article is not None:
            articles.append(record.article)
        elif record.page is not None:
            pages.append(record.page)
    return Loaded(tuple(articles), tuple(pages), tuple(problems), parsed)


def record_problems(site_dir: Path, path: str, record: SourceRecord,
                    now: datetime | None) -> list[Problem]:
    """The problems a load reports for one record: those found parsing it (cached with
    it), and those of every build: a date far ahead of `now`. (Those of its photos come
    from the photos step, build/photos.py.)"""
    problems = list(record.problems)
    article = record.article
    if article is None:
        return problems
    if now is not None and article.date > now + FAR_AHEAD:
        problems.append(Problem(
            path, source_line(site_dir, path, "date"),
            Text("`date` is more than a year ahead: the article will appear only from {date}, "
                 "in the first build after that",
                 date=article.date.isoformat(timespec="minutes")),
            Text("if the year is a typo, correct it"), severity="warning"))
    if now is not None and (article.updated is not None or article.corrections):
        problems += _updated_ahead(site_dir, path, article, now)
    return problems


def _updated_ahead(site_dir: Path, path: str, article: Article,
                   now: datetime) -> list[Problem]:
    """A warning at `updated` or a correction dated after the build's day: readers and
    search engines would read of an update that has not happened (`updated: 2052-…`,
    `2205`: a typo in the year)."""
    found = []
    last = max((c.date for c in article.corrections), default=None)
    # (a scheduled story may be updated after it comes out: not before its own date)
    after = max(now, article.date) + UPDATE_AHEAD
    for key, when in (("updated", article.updated), ("corrections", last)):
        if when is not None and when > after:
            keys = (key, *(k for k, ours in SYNONYMS.items() if ours == key))
            found.append(Problem(
                path, source_line(site_dir, path, *keys),
                Text("`{key}` is dated {date}, after today: no reader has seen that update "
                     "yet", key=key, date=when.isoformat(timespec="minutes")),
                Text("if the year or the month is a typo, correct it"), severity="warning"))
    return found


IMAGE_KEYS = ("image", *(k for k, ours in SYNONYMS.items() if ours == "image"), "coverImage")
"""The keys an article's image may be written under (Hugo writes `coverImage`)."""

FAR_AHEAD = timedelta(days=366)
"""A date further than this after the build's "now" is probably a typo."""
_FAR_AHEAD_MESSAGE = "`date` is more than a year ahead"
UPDATE_AHEAD = timedelta(days=1)
"""An update dated further than this after the build's "now" has not happened yet (a
day: an editor's clock or zone a few hours off is no typo)."""
_AFTER_NOW = "`{key}` is dated {date}, after today"


def warnings_again(site_dir: Path, before: tuple[Problem, ...],
                   edits: Iterable[SourceChange], cache: Cache, now: datetime,
                   of_photos: Callable[[Article | StaticPage], list[Problem]],
                   reshown: Iterable[str] = ()
                   ) -> tuple[Problem, ...] | None:
    """The load's warnings (`before`, the last build's) with those of the `edits` found
    again, those of the files whose warnings depend on "now" (a date far ahead), and
    those of `reshown` (articles showing a photo changed in place: narrower now,
    perhaps), for a build that loads no other file (build/quick.py); None on an error
    (the whole pipeline reports every problem of every file)."""
    records = {edit.path: edit.entry.record for edit in edits}
    again = {p.path for p in before if depends_on_now(p)}.union(reshown) - records.keys()
    if again:
        records.update(cache.records(again))
        if not again <= records.keys():
            raise LookupError("a record of a file with warnings is not in the cache")
    found = [p for p in before if p.path not in records]
    for path, record in records.items():
        problems = record_problems(site_dir, path, record, now)
        source = record.article or record.page
        if source is not None:
            problems += of_photos(source)
        if any(p.is_error for p in problems):
            return None
        found += problems
    return tuple(sorted(found, key=lambda p: p.path))  # stable: a file's own order stays


def depends_on_now(problem: Problem) -> bool:
    """Whether `problem` is one that `record_problems` finds only for some "now": a
    build that keeps a file's warnings from an earlier build must find it again."""
    return (problem.message.template.startswith(_FAR_AHEAD_MESSAGE)
            or problem.message.template.startswith(_AFTER_NOW))


def source_line(site_dir: Path, path: str, *keys: str) -> int | None:
    """File line of the first frontmatter key of `keys` set in source `path`, read again:
    for the warnings found after parsing (rare), so that records need not carry lines."""
    try:
        part = split(decode((site_dir / path).read_bytes(), path), path)
    except (OSError, ProblemError):
        return None
    return next((line for key in keys if (line := key_line(part, key)) is not None), None)


_CLASH_KEYS = {"url": ("slug", "date", "title"), "alias": ("aliases",)}
"""The keys a URL comes from, by `Clash.kind` ("tag": `_NAME_KEYS`): an article's URL
from its `slug`, else its file name and its `date`; a page's from its `slug`, else its
file name (its title is where an editor looks then)."""


def clash_problems(site_dir: Path, clashes: Iterable[Clash]) -> list[Problem]:
    """The index's URL clashes as errors, each naming both files at their lines."""
    def line(path: str, kind: str) -> int | None:
        keys = _NAME_KEYS["tag"] if kind == "tag" else _CLASH_KEYS[kind]
        return source_line(site_dir, path, *keys)
    return [clash.problem(line(clash.path, clash.kind), line(clash.other, clash.other_kind))
            for clash in clashes]


_NAME_KEYS = {"tag": ("tags", "tag", *sorted(k for k, v in SYNONYMS.items() if v == "tags")),
              "author": ("authors", "author")}


def name_problems(site_dir: Path, hints: Iterable[NameHint]) -> tuple[Problem, ...]:
    """Warnings for the index's name hints (plan/names.py), at their lines."""
    return tuple(_name_problem(site_dir, hint) for hint in hints)


def _name_problem(site_dir: Path, hint: NameHint) -> Problem:
    tag = hint.kind == "tag"
    return Problem(
        hint.path, source_line(site_dir, hint.path, *_NAME_KEYS[hint.kind]),
        Text("the {what} `{name}` is on this article alone: did you mean `{meant}` ({count} "
             "articles)?", what=TAG if tag else AUTHOR, name=hint.written, meant=hint.meant,
             count=hint.count),
        Text("correct the spelling, or map it in [tag_aliases] of site.toml; as written, it "
             "gets a tag page of its own") if tag else
        Text("correct the spelling; as written, it gets an author page of its own"),
        severity="warning")


def lead_problems(site_dir: Path, config: SiteConfig, lead: int | None) -> tuple[Problem, ...]:
    """A warning when site.toml's `[home] lead` names a story but the site's `lead` is
    none: a path or a slug mistyped, or a story no list shows; the home page then
    leads with the newest featured story without a word."""
    if not config.home.lead or lead is not None:
        return ()
    try:
        lines = (site_dir / "site.toml").read_text(encoding="utf-8").splitlines()
    except OSError:
        lines = []
    line = next((n for n, text in enumerate(lines, 1)
                 if text.lstrip().startswith("lead") and config.home.lead in text), None)
    return (Problem("site.toml", line, Text(
        "`[home] lead` names {lead}, which is no story on the site's lists: the home page "
        "leads with the newest featured story, or the newest", lead=repr(config.home.lead)),
        Text("write the path of a published story's file (2025/03/banjir.md) or its slug; "
             "a draft, a scheduled or a withdrawn story cannot lead"), severity="warning"),)

