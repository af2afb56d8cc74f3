"""What both ways of building share: the options, the result, and small steps.

build/pipeline.py runs the whole pipeline; build/quick.py the quick path for a build
where nothing moved. Both take `BuildOptions` and give a `BuildResult`.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from generator.build.addresses import AddressChanges
from generator.build.article_changes import ArticleChanges
from generator.cache.store import OutputEntry
from generator.config import SiteConfig
from generator.content import folders
from generator.content.parse import ContentProblems, parse_article, parse_page
from generator.errors import ContentError, Problem
from generator.photos.model import DERIVED
from generator.plan.planner import Copy
from generator.render.theme import ThemeFiles, file_key
from generator.render.write import existing_files

if TYPE_CHECKING:  # (a module that only the whole way needs)
    from generator.build.unpublished import Unpublished
    from generator.search.bundles import SearchWork

CACHE_FILE = ".warta/cache.sqlite"


@dataclass(frozen=True)
class BuildOptions:
    """How to build."""

    site_dir: Path
    """The site folder: site.toml, content/, templates/, themes/."""
    output_dir: Path | None = None
    """Where the website goes; default `<site>/output`."""
    drafts: bool = False
    """Include articles with `draft: true`."""
    jobs: int = 1
    """How many processes parse a big build (workers) and render it (the main one and
    `jobs - 1` workers)."""
    dry_run: bool = False
    """Parse and render, but write nothing to the output folder."""
    now: datetime | None = None
    """The build's "now" (aware): later articles are scheduled and left out, and the news
    sitemap counts back from it. None: `SOURCE_DATE_EPOCH` if set, else the clock."""
    index_search: bool = True
    """Index the stale search shards in the build. `warta serve` passes False and
    indexes them in the background after the page reload (`BuildResult.search_work`)."""
    indexing: tuple[tuple[str, str], ...] = ()
    """`warta serve`: the (folder, key) of each search shard its indexer is writing or is
    yet to write. A shard this build plans with another key is stale though its folder
    on disk says otherwise: the indexer would leave it so (an edit undone while it
    indexed the edit)."""
    sources_changed: tuple[str, ...] | None = None
    """The only source files (site-relative) that may have changed since the previous
    build of the same `BuildMemory`, as `warta serve`'s watcher saw them; the others
    are not even looked at. None: look at every source."""
    trust_output: bool = False
    """Take the files the cache records as written to be unchanged on disk instead of
    checking each one: for a folder nothing else writes to (the preview of `warta
    serve`). Otherwise a file deleted or changed by hand is written again."""
    quick: bool = True
    """Take the quick path when nothing moved (build/quick.py); False: always the whole
    pipeline (tests compare the two)."""
    # The register of published addresses (build/addresses.py).
    keep_register: bool = True
    """Update `content/published-urls.txt` with what this build publishes. Only a build
    without drafts does (a preview, `warta check` and `--drafts` only read it). The
    sealed pages' `content/list-pages.txt` likewise."""
    # Sealed pages (build/list_pages.py).
    rebalance_pages: bool = False
    """Paginate every list afresh, dropping the boundaries of its sealed pages
    (`warta build --rebalance-pages`, after a bulk import): the whole pipeline runs."""

    @property
    def keeps_register(self) -> bool:
        """Whether this build writes the register and the sealed pages' file: one that
        publishes (`keep_register`), without drafts, and not a dry run."""
        return self.keep_register and not self.drafts and not self.dry_run

    @property
    def output(self) -> Path:
        return self.output_dir or self.site_dir / "output"


@dataclass(frozen=True)
class BuildResult:
    """What a build did."""

    written: tuple[str, ...]
    """Output files created or changed (relative POSIX paths)."""
    unchanged: int
    """Output files left as they were."""
    removed: tuple[str, ...]
    """Output files deleted because they are no longer part of the site."""
    parsed: int
    """Source files parsed (the rest came from the cache)."""
    rendered: int
    """Pages rendered (the rest were known to be current)."""
    seconds: float
    """Wall time of the build."""
    warnings: tuple[Problem, ...] = field(default_factory=tuple)
    """Problems that did not stop the build."""
    articles: int = 0
    """Articles published."""
    next_due: datetime | None = None
    """When the next scheduled article becomes due: build again then."""
    search_indexed: tuple[int, ...] = ()
    """The search shards Pagefind indexed in this build, each by its name as a number
    (`ShardKeys.names`, generator/search/shards.py)."""
    search_corrected: bool = False
    """The corrections shard of the search index was indexed in this build (an article
    of a full shard edited: generator/search/shards.py)."""
    search_pending: bool = False
    """Shards of the search index are stale, or its folder is to be tidied (a shard no
    longer planned; after a lost cache, its lists), and `index_search` was off: the
    caller should run `search.index(search_work)`."""
    search_work: SearchWork | None = None
    """The stale shards with their records, when `search_pending`."""
    reused: int = 0
    """Planned pages taken from the previous build's plan (see `plan.PlanMemo`)."""
    quick: bool = False
    """Whether the build took the quick path for a change that moved nothing
    (build/quick.py)."""
    unpublished: tuple[Unpublished, ...] = ()
    """Articles the last successful build published that this one took off the site
    (made drafts, or dated after "now")."""
    article_changes: ArticleChanges = ArticleChanges()
    """The published articles this build added, changed (same URL), moved (new URL) and
    removed (file deleted), from the sources that changed (build/article_changes.py);
    on a first build only their count."""
    addresses: AddressChanges = AddressChanges()
    """The published addresses that now redirect or answer "gone" (build/addresses.py)."""
    # Photos (issue 16).
    photos_decoded: int = 0
    """Photos decoded to make their derivatives; 0 when every one was kept."""
    # Sealed pages (issue 18 item 8).
    rebalanced: tuple[str, ...] | None = None
    """With `rebalance_pages`: the URLs of the lists whose pages moved (None without)."""


Progress = Callable[[int, int], None]


def build_now(options: BuildOptions) -> datetime:
    """The build's "now": the option, else `SOURCE_DATE_EPOCH` (reproducible builds),
    else the clock."""
    if options.now is not None:
        return options.now
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), UTC)
    return datetime.now(UTC)


MEDIA_OUTPUT = "media/"
"""Where content/media/ goes in the output folder: its files as they are, the photos'
derivatives (build/photos.py)."""


def copies_of(site_dir: Path, theme: ThemeFiles) -> list[Copy]:
    copies = [Copy("static/" + name, str(path), file_key(path)) for name, path in theme.static]
    media = site_dir / folders.MEDIA
    if media.is_dir():
        for name in sorted(existing_files(media)):
            if name.lower().endswith(DERIVED):
                continue  # photos: their derivatives are published (build/photos.py)
            path = media / name
            copies.append(Copy(MEDIA_OUTPUT + name, str(path), file_key(path)))
    return copies


def copied(copies: Iterable[Copy]) -> tuple[tuple[str, str], ...]:
    """What `Settled.copies` keeps of the files copied as they are (`copies_of`): each
    one's (output, fingerprint), by output. The whole way stores it; the quick path
    compares it."""
    return tuple((c.output, c.fingerprint) for c in sorted(copies, key=lambda c: c.output))


@dataclass(frozen=True, eq=False, repr=False)
class MediaCopies:
    """The files copied as they are, as the quick path finds them against the last
    build's (`media_copies`)."""

    copied: tuple[tuple[str, str], ...]
    """What `Settled.copies` keeps of them now (`copied`)."""
    new: tuple[Copy, ...] = ()
    """The media files added or changed since (a PDF attached to a story), to copy."""
    gone: frozenset[str] = frozenset()
    """The outputs of the media files removed since."""


def media_copies(copies: Iterable[Copy], before: tuple[tuple[str, str], ...]
                 ) -> MediaCopies | None:
    """`copies` (`copies_of`) against the last build's (`Settled.copies`): the media
    files added, changed or removed; None when a theme file changed (every page may
    use it: the whole way)."""
    copies = list(copies)
    now = copied(copies)
    if now == before:
        return MediaCopies(now)
    new, old = set(now), set(before)
    if any(not output.startswith(MEDIA_OUTPUT) for output, _ in new ^ old):
        return None
    added = {output for output, _ in new - old}
    return MediaCopies(now, tuple(c for c in copies if c.output in added),
                       frozenset({output for output, _ in old - new} - added))


def target_of(options: BuildOptions) -> str:
    """The output folder as the cache names it: relative to the site."""
    return os.path.relpath(options.output.resolve(), options.site_dir.resolve())


def is_current(relative: str, fingerprint: str, previous: dict[str, OutputEntry],
               damaged: set[str] | None) -> bool:
    """True when the file on disk is the one a build wrote from the same inputs
    (`damaged`: the recorded files no longer as written; None: trust the record)."""
    entry = previous.get(relative)
    if entry is None or entry.fingerprint != fingerprint:
        return False
    return damaged is None or relative not in damaged


def reparse_body(site_dir: Path, path: str, config: SiteConfig) -> str:
    """The body of a source whose cached body is missing (a damaged cache)."""
    data = (site_dir / path).read_bytes()
    try:
        if path.startswith(folders.PAGES + "/"):
            return parse_page(data, path, config)[1]
        return parse_article(data, path, config).body_html
    except ContentProblems as failure:
        raise ContentError(failure.problems) from None
