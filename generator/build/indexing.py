"""The index stage over the whole archive (build/pipeline.py): the previous site's
indexes taken as they were, or appended to (plan/site_memo.py), or made again
(plan/site.py), with the register of published addresses telling the stories filed late
(plan/late.py)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from generator.build import loader
from generator.build.addresses import RegisterFile
from generator.build.memos import BuildMemory
from generator.build.options import BuildOptions, build_now
from generator.cache.store import Cache
from generator.config import SiteConfig
from generator.content.model import Article
from generator.content.register import registered_articles
from generator.errors import ContentError
from generator.plan.late import register_marks
from generator.plan.site import Site, make_site
from generator.plan.site_memo import came_due, extend_site, reuse_site, site_memo

if TYPE_CHECKING:  # (a module that only a site indexed anew needs)
    from generator.build.unpublished import Unpublished


# A value of one build, never compared or printed: `eq=False, repr=False` spare
# compiling methods that every `warta build` would pay for at import.
@dataclass(frozen=True, eq=False, repr=False)
class Indexed:
    """What the index stage over the whole archive gives."""

    site: Site
    """The site."""
    unpublished: tuple[Unpublished, ...]
    """Articles the last successful build published that this one leaves out."""
    came_due: tuple[Article, ...] = ()
    """The scheduled articles the clock published since the last build, as its site
    memo names them (`site_memo.came_due`), for the summary."""
    scheduled: frozenset[str] = frozenset()
    """The paths the last build's site memo held as scheduled (never on the site)."""


def index_archive(options: BuildOptions, config: SiteConfig, loaded: loader.Loaded,
                  memory: BuildMemory, memos: dict[str, object], cache: Cache,
                  register: RegisterFile, renamed: dict[str, str]) -> Indexed:
    """The site of the `loaded` sources; the memo to store goes into `memos` (and
    `memory`). Raises ContentError with every problem of every file, before anything is
    written. The `register` (articles `renamed` since) tells the stories filed late."""
    now = build_now(options)
    registered = registered_articles(register.entries,
                                     ((a.path, a.url) for a in loaded.articles), renamed)
    warnings = [p for p in loaded.problems if not p.is_error]
    target = memory.target
    last = memory.site
    due = set(came_due(last, now)) if last is not None else set()
    site = None
    indexed = False  # (a site not taken whole from the memo: its memo is made anew)
    if memory.site is not None:
        site = reuse_site(memory.site, config, loaded.articles, loaded.pages, options.drafts,
                          now, registered)
        if site is None:
            site = extend_site(memory.site, config, loaded.articles, loaded.pages,
                               options.drafts, now, registered)
            indexed = site is not None
    errors = [p for p in loaded.problems if p.is_error]
    gone: tuple[Unpublished, ...] = ()
    if site is None:
        site, clashes = make_site(config, loaded.articles, loaded.pages, options.drafts,
                                  now=now, registered=registered)
        errors += loader.clash_problems(options.site_dir, clashes)
        indexed = True
        # Only a site indexed anew can have lost an article (`reuse_site` and
        # `extend_site` refuse).
        from generator.build.unpublished import unpublished  # (only the whole way)
        gone = unpublished(cache, target, loaded.articles, site.articles)
    # What the register will know after this build, for the quick path's next story
    # filed late (a memo taken whole is stored again when the register knows more).
    until, after = register_marks(site.articles, site.late, registered,
                                  options.keeps_register)
    if indexed or memory.site is None:
        memory.site = site_memo(site, loaded.articles, loaded.pages, options.drafts, until,
                                after)
        memos["site:" + target] = memory.site
    elif (until, after) != (memory.site.known_until, memory.site.late_after):
        memory.site = replace(memory.site, known_until=until, late_after=after)
        memos["site:" + target] = memory.site
    if errors:
        raise ContentError(errors + warnings + list(config.warnings))
    # (Those this build publishes: a memo made with other options may name others.)
    came = tuple(a for a in site.articles if a.path in due) if due else ()
    return Indexed(site, gone, came, frozenset(last.scheduled) if last else frozenset())
