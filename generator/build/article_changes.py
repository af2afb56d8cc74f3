"""The articles a build added, changed, moved and removed: what its summary names,
by title and URL, before the file counts.

Both ways of building compute it here from their changes stage (`changes.Changes`
for the whole archive, the quick path's edits and additions), so they report the
same. Only the sources that changed are looked at, with the records the changes
stage holds already (the new record, and for an edit the one before), and the
scheduled articles the clock published (their files unchanged: the last build's site
memo names them, `site_memo.came_due`): nothing is read or done per other article.

Only articles that this build publishes or that were published count; static
pages are left out. An article is published when it is not a draft (unless the
build includes drafts) and is dated at or before the build's "now"; the record
before an edit is judged by the same rule. So:

- a new file, or an edited one that was a draft, scheduled or broken and is now
  published, is *added*; so is a scheduled article the clock published (its file
  unchanged), when the last build's site memo names it (`site_memo.came_due`: a
  build whose cache was lost cannot tell it from one published before);
- an edited article published before and now, at the same URL, is *changed* when
  anything the pages show of it differs (`Article.key`; a file only touched is not);
  at another URL it is *moved*, with the URL it had;
- a deleted file that was a published article is *removed*, with the URL it had;
  one added at that URL in the same build is the same article's file moved or
  renamed: *refiled*, with the file it had;
- a draft or scheduled article is not named at all (it is not on the site); one
  that was published and is now a draft or scheduled is named by
  `unpublished.py` instead.

The changes are those since the last build that wrote the register: a load that
published nothing in between (a failed build, `warta check`, `warta serve`, a
`--drafts` build) saved the sources it read, and holds the records they had before
(cache/held_records.py; the quick path of a build that writes no register holds
those of the files it parsed), which `against_held` puts back as the whole way's
`before`, its removed records and its edits of files such a load saw go and come
back.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace

from generator.build.changes import Changes, SourceChange
from generator.cache.held_records import HeldRecord
from generator.cache.store import SourceEntry
from generator.content.model import Article
from generator.content.source_record import SourceRecord


@dataclass(frozen=True, slots=True)
class ArticleChange:
    """One article the build added, changed, moved or removed."""

    path: str
    """Its source file, site-relative."""
    title: str
    """Its title: as it is now, or as it was for a removed article."""
    url: str
    """Its URL: as it is now, or the one it had for a removed article."""
    old_url: str = ""
    """For a moved article, the URL it had; else empty."""
    old_path: str = ""
    """For an article whose file moved or was renamed, the file it had; else empty."""
    old_title: str = ""
    """For an edited article whose headline was corrected, the headline it had; else
    empty (the summary shows both: the editor sees what readers saw)."""

    def __str__(self) -> str:
        where = f"{self.old_url} \u2192 {self.url}" if self.old_url else self.url
        files = f": {self.old_path} \u2192 {self.path}" if self.old_path else ""
        return f"{self.title} ({where}){files}"


@dataclass(frozen=True)
class ArticleChanges:
    """The published articles a build added, changed, moved and removed, each in
    source path order."""

    added: tuple[ArticleChange, ...] = ()
    """New on the site: a new file, or one that was a draft, scheduled or broken."""
    changed: tuple[ArticleChange, ...] = ()
    """Edited, at the same URL."""
    moved: tuple[ArticleChange, ...] = ()
    """At a new URL (`old_url` gives the one before)."""
    removed: tuple[ArticleChange, ...] = ()
    """Deleted files, with the title and URL they had."""
    refiled: tuple[ArticleChange, ...] = ()
    """Files moved to another folder or renamed, the article at the same URL (`old_path`
    gives the file before): a file added and one removed, the same URL published."""
    first_build: int | None = None
    """On a build with no cache (every source added), how many published articles it
    added; the lists are then empty, since naming 10,000 articles helps nobody.
    None on every other build."""


Published = Callable[[Article], bool]


def article_changes(added: Iterable[SourceChange], edited: Iterable[SourceChange],
                    removed: Iterable[SourceRecord], published: Published,
                    first_build: bool = False, due: Iterable[Article] = (),
                    scheduled: Collection[str] = ()) -> ArticleChanges:
    """The articles among the changed sources, and the scheduled articles that came
    `due` (their files perhaps among `edited`), added. `scheduled`: the paths the last
    build left scheduled, never on the site, so not removed when deleted after their
    moment. `first_build`: every source was added (no cache), so only the count is
    kept."""
    if first_build:
        return ArticleChanges(first_build=sum(
            1 for change in added
            if (a := change.entry.record.article) is not None and published(a)))
    new = [ArticleChange(a.path, a.title, a.url) for a in due]
    came = {change.path for change in new}
    changed, moved = [], []
    for change in added:  # (one that came due may be new to a cache that lost it)
        article = change.entry.record.article
        if article is not None and published(article) and change.path not in came:
            new.append(ArticleChange(change.path, article.title, article.url))
    for change in edited:
        article = change.entry.record.article
        if article is None or not published(article) or change.path in came:
            continue  # not on the site now (or named by unpublished.py), or came due
        old = change.before.article if change.before is not None else None
        if old is None or not published(old):
            new.append(ArticleChange(change.path, article.title, article.url))
        elif old.url != article.url:
            moved.append(ArticleChange(change.path, article.title, article.url, old.url))
        elif change.parsed and old.key != article.key:
            changed.append(ArticleChange(change.path, article.title, article.url,
                                         old_title=old.title if old.title != article.title
                                         else ""))
    gone = [ArticleChange(a.path, a.title, a.url) for record in removed
            if (a := record.article) is not None and published(a)
            and a.path not in scheduled]
    # A file moved: one gone and one new at the same URL (the register keeps the URL).
    left = {change.url: change for change in gone}
    refiled = [replace(change, old_path=left.pop(change.url).path) for change in new
               if change.url in left]
    if refiled:
        urls = {change.url for change in refiled}
        new = [change for change in new if change.url not in urls]
        gone = [change for change in gone if change.url not in urls]
    return ArticleChanges(_in_order(new), _in_order(changed), _in_order(moved),
                          _in_order(gone), refiled=_in_order(refiled))


def of_changes(changes: Changes, sources: int, published: Published,
               due: Iterable[Article] = (), scheduled: Collection[str] = ()
               ) -> ArticleChanges:
    """The articles among the whole archive's `changes`, of `sources` sources in all,
    and those that came `due` (`scheduled`: see `article_changes`): when every source
    was added (no cache), only the count."""
    return article_changes(
        changes.added, changes.edited, changes.removed_records, published,
        first_build=bool(changes.added) and not changes.edited and not changes.removed
        and len(changes.added) == sources, due=due, scheduled=scheduled)


def against_held(changes: Changes, held: Sequence[HeldRecord],
                 entries: Mapping[str, SourceEntry]) -> Changes:
    """`changes` as the last build that wrote the register left the sources: each
    source `held` (cache/held_records.py) compared with its record then, `entries`
    (every source now) giving those a load that published nothing parsed already (a
    file it saw go and come back among them, an edit if that build knew it); one no
    longer found removed with its record then, left out if that build did not know
    it."""
    if not held:
        return changes
    then = {item.path: item.record for item in held}
    added = [change for change in changes.added if then.get(change.path) is None]
    new = {change.path for change in added}
    edited = [replace(change, before=then[change.path], parsed=True)
              if change.path in then else change
              for change in (*changes.edited, *changes.added) if change.path not in new]
    seen = {change.path for change in (*changes.added, *changes.edited)}
    edited += [SourceChange(path, entries[path], True, record)
               for path, record in then.items() if path in entries and path not in seen]
    removed = [record for record in changes.removed_records
               if record.article is None or record.article.path not in then]
    removed += [record for path, record in then.items()
                if path not in entries and record is not None]
    return replace(changes, added=tuple(added), edited=tuple(edited),
                   removed_records=tuple(removed))


def _in_order(found: list[ArticleChange]) -> tuple[ArticleChange, ...]:
    return tuple(sorted(found, key=lambda change: change.path))
