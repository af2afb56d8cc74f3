"""The changes stage as the quick path takes it (build/quick.py): a few articles
edited in place (a `featured` switched, or a `section`, byline, tags or time changed,
a story withdrawn, among them), added (a draft published counted among the added),
deleted, or their files moved (build/moved_files.py); static pages edited in place.
`with_due` adds the scheduled articles the clock published. Anything else: None, and
the whole way's changes stage (build/changes.py) reads them.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, field, replace
from itertools import repeat
from pathlib import Path

from generator.build.changes import (
    SourceChange,
    article_of,
    compare_fingerprints,
    parse_changes,
)
from generator.build.moved_files import moved_files
from generator.cache.fingerprints import Fingerprints, split_line
from generator.cache.store import Cache, SourceEntry
from generator.config import SiteConfig
from generator.content import folders
from generator.content.model import Article, StaticPage, with_key
from generator.content.source_record import SourceRecord

# More changed sources than this go the whole way (it parses in parallel).
MOST_CHANGED = 64
_FAILED = SourceRecord()


@dataclass(frozen=True, eq=False, repr=False)
class QuickChanges:
    """What changed among the sources since the last build, when the quick path may
    take it."""

    edits: tuple[SourceChange, ...]
    """Known articles whose fingerprint changed, each keeping its place, and the files
    moved (`moved_from`), each at its new path."""
    added: tuple[SourceChange, ...]
    """New sources, all articles that parsed, the drafts published and the scheduled
    articles that came due (`published`)."""
    known_articles: int
    """How many articles the site memo knows, when some were added, moved between lists,
    deleted, redated or their files moved, or a `featured` was switched (its shapes are
    put in place by counting: `site_memo.append_memo`, `refeatured`, `memo_moved`)."""
    fingerprints: Fingerprints | None
    """The cache's fingerprint lines as this stage read them (0.1 to 0.2 s to read again
    at 100,000 sources): `with_due` takes its digests from them, then lets them go (held
    through the render, they raised the peak by 30 MB)."""
    modified: bool = False
    """Whether an edit moved an article's `modified` (its sitemap entries' lastmod)."""
    published: frozenset[str] = frozenset()
    """The paths among `added` of drafts published (`draft: true` taken out) and of
    scheduled articles that came due (`with_due`): the site memo knows their files."""
    featured: tuple[Article, ...] = ()
    """The articles of `edits` whose `featured` was switched, their shape otherwise
    kept: the home page's lead and picks change, nothing else that places them
    (`relisting.refeatured`)."""
    relisted: tuple[Article, ...] = ()
    """The articles of `edits` moved to another `section`, credited to other `authors`
    or given other `tags`, withdrawn or their withdrawal taken back, their shape
    otherwise kept (`featured` aside): they leave some lists and join others (a
    withdrawn one leaves every list, one taken back joins them), keeping their place
    in the site (`relisting.relisted`, build/relisted.py `relisting`)."""
    recredited: frozenset[str] = frozenset()
    """The paths among `relisted` whose `authors` changed."""
    retagged: frozenset[str] = frozenset()
    """The paths among `relisted` whose `tags` changed (related news weighs tags:
    plan/retagged.py)."""
    redated: tuple[Article, ...] = ()
    """The articles of `edits` whose date was corrected within its month, their address
    and shape otherwise kept: they keep their place when no other article's date lies between
    (`relisting.redated`, build/quick_plan.py)."""
    deleted: tuple[Article, ...] = ()
    """The articles whose files were removed, as the last build had them: each is among
    `relisted` withdrawn (out of every list, its place kept), its address answering the
    gone notice (plan/deletion.py). None was a draft, withdrawn already, or has aliases."""
    pages: tuple[SourceChange, ...] = ()
    """Static pages edited (content/pages/), their title, address and photos kept: only
    their own pages change (`edited.with_static_pages`); not among `edits`."""
    moved_from: Mapping[str, str] = field(default_factory=dict)
    """The article files moved or renamed, their story's address and shape kept (only
    the path differs: build/moved_files.py), new path -> old path: each is among `edits`
    at its new path, its record before the one of the old path."""


def quick_changes(site_dir: Path, found: list[str], config: SiteConfig,
                  cache: Cache, drafts: bool) -> QuickChanges | None:
    """The changes stage as the quick path takes it: the sources that changed since the
    last build (`found`: as `sources.scan_fingerprints` saw them), all articles keeping
    their place, and the articles added, or those whose files were removed, or whose
    files moved, their addresses kept (the files removed and added pair up:
    `moved_files`); None when one is not an article, fails, or changed what only the
    whole way places (an address, a date past another story's, a rename it cannot pair)."""
    fingerprints = cache.fingerprints()
    compared, known = compare_fingerprints(site_dir, found, fingerprints)
    removed = compared.removed
    if (not fingerprints.lines
            or len(compared.differing) + len(compared.added) + len(removed) > MOST_CHANGED
            or not all(s.path.startswith(folders.ARTICLES + "/") for s in compared.added)):
        return None  # too many changed, or a new file that is no article: nothing else
        # is read
    before = cache.records([*(s.path for s in compared.differing), *removed])
    if not all((r := before.get(s.path, _FAILED)).article or (
            r.page and s.path.startswith(folders.PAGES + "/")) for s in compared.differing):
        return None
    deleted = [before.get(path, _FAILED).article for path in removed]
    if not all(a is not None and not a.draft and not a.withdrawn and not a.aliases
               for a in deleted):
        return None  # (a draft, a withdrawn story or aliases: the whole way)
    changes = parse_changes(compared, known, before, config, cache, jobs=1)
    moved_from: dict[str, str] = {}
    if removed and changes.added:
        # Files removed and added in one build: each the file of a story moved or
        # renamed, its address kept, or the whole way tells them (build/moved_files.py).
        paired = moved_files([c.entry.record.article for c in changes.added],
                             [article_of(a) for a in deleted])
        if paired is None:
            return None
        moved_from = paired
        changes = replace(changes, added=(), edited=(*changes.edited, *(
            replace(c, before=before[moved_from[c.path]]) for c in changes.added)))
        deleted = []
    modified = False
    edited, published, featured, moved, redated = [], [], [], [], []
    recredited: list[str] = []
    retagged: list[str] = []
    pages: list[SourceChange] = []
    for change in changes.edited:
        if change.before is not None and change.before.page is not None:
            if not _same_place(change.before.page, change.entry.record.page):
                return None  # (another title or address: the menu, the footer, redirects)
            pages.append(change)
            continue
        new = change.entry.record.article
        old = change.before.article if change.before else None
        assert old is not None  # (every known source here held an article)
        if new is not None and change.path in moved_from:
            modified |= new.modified != old.modified  # (its shape kept: moved_files)
            edited.append(change)
            continue
        if new is not None and old.draft and not new.draft and not drafts:
            # It joins the site as a new file would. (With --drafts the site showed it
            # already; such builds go the whole way in any case.)
            published.append(change)
            continue
        if (new is not None and new.date != old.date and new.url == old.url
                and (new.date.year, new.date.month) == (old.date.year, old.date.month)
                and with_key(replace(new, date=old.date)).shape == old.shape):
            # (its time corrected in its month, its address kept: it may keep its place,
            # which relisting.redated finds out; another month moves it between the
            # month's lists, even where the address has no month)
            redated.append(new)
        elif new is not None and new.shape != old.shape and with_key(replace(
                new, featured=old.featured, section=old.section, authors=old.authors,
                tags=old.tags, withdrawn=old.withdrawn)).shape == old.shape:
            if new.featured != old.featured:
                featured.append(new)  # (the editors chose another lead or picks)
            # (Withdrawn now, by a press council's ruling say: it leaves every list, its
            # bylines and tags with them; its page shows the notice at its address. Its
            # withdrawal taken back: it joins them again.)
            withdrawn = bool(new.withdrawn) != bool(old.withdrawn)
            credited = new.authors != old.authors or withdrawn  # (credited wrongly)
            if credited:
                recredited.append(new.path)
            tagged = new.tags != old.tags or withdrawn  # (a tag forgotten or mistyped)
            if tagged:
                retagged.append(new.path)
            if new.section != old.section or credited or tagged:
                moved.append(new)  # (filed under the wrong section, credited wrongly)
        elif new is None or new.shape != old.shape:
            return None  # its place or its lists changed: the whole way plans them
        modified |= new.modified != old.modified  # (`updated:` or a dated correction)
        edited.append(change)
    if not all(c.entry.record.article for c in changes.added):
        return None
    gone = tuple(article_of(a) for a in deleted)
    for article in gone:  # (planned as withdrawn: out of every list)
        moved.append(replace(article, withdrawn=DELETED))
        recredited.append(article.path)
        retagged.append(article.path)
    count = _articles(found) - len(changes.added) + len(gone) \
        if changes.added or published or featured or moved or redated or moved_from else 0
    return QuickChanges(tuple(edited), (*changes.added, *published), count, fingerprints,
                        modified, frozenset(c.path for c in published),
                        featured=tuple(featured), relisted=tuple(moved),
                        recredited=frozenset(recredited), retagged=frozenset(retagged),
                        redated=tuple(redated), deleted=gone, pages=tuple(pages),
                        moved_from=moved_from)


def _same_place(old: StaticPage, new: StaticPage | None) -> bool:
    """Whether a static page edited keeps what other pages show of it (its title and
    address: the footer's links) and its photos: only its own page changes."""
    return new is not None and (new.path, new.title, new.slug, new.url, new.media) == (
        old.path, old.title, old.slug, old.url, old.media)


def pages_after(pages: Sequence[StaticPage], edited: Sequence[SourceChange]
                ) -> tuple[StaticPage, ...]:
    """The static `pages` with those `edited` as they are now (`QuickChanges.pages`)."""
    now = {change.path: change.entry.record.page for change in edited}
    return tuple(found if (found := now.get(page.path)) is not None else page
                 for page in pages)


# What a deleted article is withdrawn with while the quick path plans it (never shown:
# its address answers the gone notice).
DELETED = "deleted"


def with_due(changes: QuickChanges, due: Collection[str], found: list[str],
             cache: Cache) -> QuickChanges:
    """`changes` with the scheduled articles of `due` (`site_memo.came_due`) among the
    added, as drafts published are: each with its record as the cache holds it, or as
    this build parsed it (edited keeping its shape). LookupError when the cache does not
    hold one as it is (its sources were saved since: `Settled.loads` sends such a build
    the whole way before)."""
    if not due:
        return replace(changes, fingerprints=None)
    assert changes.fingerprints is not None, "with_due takes the stage's changes once"
    edited = {change.path: change for change in changes.edits}
    kept = [path for path in due if path not in edited]
    records = cache.records(kept)
    prefixes = tuple(path + "\0" for path in kept)
    lines = [line for line in found if line.startswith(prefixes)] if kept else []
    digests = changes.fingerprints.digests(set(lines))
    came: list[SourceChange] = [edited[path] for path in due if path in edited]
    for line in lines:  # (each unchanged since the cache saw it: its record and digest)
        path, size, mtime_ns, key = split_line(line)
        record = records[path]
        came.append(SourceChange(path, SourceEntry(size, mtime_ns, digests[line], key,
                                                   record), False, record))
    count = changes.known_articles if changes.added else _articles(found)
    return replace(changes, edits=tuple(c for c in changes.edits if c.path not in due),
                   added=(*changes.added, *came), known_articles=count,
                   published=changes.published | frozenset(due), fingerprints=None,
                   featured=tuple(a for a in changes.featured if a.path not in due),
                   relisted=tuple(a for a in changes.relisted if a.path not in due),
                   redated=tuple(a for a in changes.redated if a.path not in due))


def _articles(found: list[str]) -> int:
    """How many of the fingerprint lines `found` are articles'."""
    return sum(map(str.startswith, found, repeat(folders.ARTICLES + "/")))


def sorting_before(found: list[str], added: Collection[str],
                   deleted: Collection[str] = ()) -> Callable[[str], int]:
    """For `site_memo.append_memo`: how many of the known articles' paths sort before an
    article's path, counted over the fingerprint lines `found` (a line sorts against a
    path as its own path does, the NUL after it sorting first; the pages' lines sort
    after every article's), those of the `added` paths taken out and the `deleted` ones
    (known, no longer found) put in."""
    def before(path: str) -> int:
        return (sum(map(path.__gt__, found)) - sum(other < path for other in added)
                + sum(other < path for other in deleted))
    return before
