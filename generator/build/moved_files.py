"""Article files moved to another folder or renamed, their story's address kept: how
the quick path tells them (build/quick_changes.py).

An editor who filed a story in the wrong month's folder, or gave its file a better
name (the story has a `slug:`, or its address is in the register), moves the file.
The whole way sees a file removed and one added and finds the story again by its
address (content/register.py `registered_articles`): the same page, its register
line naming the new file. The quick path takes such a move as an edit of the story
whose path changed (build/quick_plan.py), the site memo's shapes put in the new
path's order (plan/moving.py). A file whose story's address changed with it (its
slug came from the old file name) is a rename the whole way tells
(build/addresses.py `renames`): it keeps a redirect.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from generator.build import list_pages
from generator.build.addresses import read_text
from generator.build.changes import SourceChange, article_of
from generator.cache.articles import CachedArticles
from generator.cache.store import Cache
from generator.config import SiteConfig
from generator.content.list_pages import LIST_PAGES, OrderKey, with_followed
from generator.content.model import Article, with_key
from generator.plan.moving import in_place, memo_moved, moved_keys
from generator.plan.page import Places
from generator.plan.site import lead_of
from generator.plan.site_memo import SiteMemo


def moved_files(added: Sequence[Article | None], removed: Sequence[Article]
                ) -> dict[str, str] | None:
    """New path -> old path for each of the `added` sources' articles (None: a source
    that holds none) that is one of the `removed` articles (as the cache had them) whose
    file moved, its address and shape kept (only its path differs); None unless every
    added source and every removed article pair up so, one to one."""
    if len(added) != len(removed):
        return None
    by_url = {article.url: article for article in removed}
    found: dict[str, str] = {}
    for new in added:
        old = by_url.pop(new.url, None) if new is not None else None
        if new is None or old is None or with_key(
                replace(new, path=old.path)).shape != old.shape:
            return None  # (a new story, or one whose place or lists changed as it moved)
        found[new.path] = old.path
    return found


@dataclass(frozen=True, eq=False, repr=False)
class Refiled:
    """The quick path's site once files moved (`refiled_site`): each story in its place."""

    memo: SiteMemo
    """The last build's memo with the stories at their new paths (`memo_moved`)."""
    order: tuple[str, ...]
    """The paths of the site's articles in site order, each new path in its old one's
    place."""
    places: Places
    """Each article's place by path, an old path giving its new one's (the pages stored
    before name the old one)."""
    articles: CachedArticles
    """The site's articles, read from the cache on demand, the edited ones given."""
    followed: Mapping[str, OrderKey]
    """Old path -> order key now of each story moved: the sealed pages, and the lists'
    newest bounds, that one ended stay sealed at it (content/list_pages.py `followed`)."""


def refiled_site(site_dir: Path, config: SiteConfig, cache: Cache, memo: SiteMemo,
                 order: tuple[str, ...], edits: Sequence[SourceChange],
                 moved_from: Mapping[str, str], given_before: Callable[[str], int],
                 adjust: Callable[[Article], Article]) -> Refiled | None:
    """The site of the last build (its `memo`, the paths of its articles in `order`)
    with the files of `moved_from` (new path -> old path, among the `edits`) moved;
    None when one is not on the site (a draft, scheduled) or changes places: another
    story of its date lies between its two paths, another's sealed page ends there, or
    site.toml's `[home] lead` names it (by its file or its slug). `given_before`: how
    many of the articles given now sort before a path; `adjust`: each article as the
    site has it (its photos keyed)."""
    new_of = {old: new for new, old in moved_from.items()}
    if not new_of.keys() <= set(order):
        return None
    order = tuple([new_of.get(path, path) for path in order])
    places = Places(order, moved_from)
    articles = CachedArticles(order, cache, adjust=adjust)
    articles.known.update((e.path, adjust(article_of(e.entry.record.article))) for e in edits)
    moves = [e for e in edits if e.path in moved_from]
    now = [article_of(e.entry.record.article) for e in moves]
    if any(lead_of(config, [article], [0]) is not None for article in (*now, *(
            article_of(e.before.article if e.before else None) for e in moves))):
        return None
    # (The pages a moved file sealed stay sealed at it: content/list_pages.py `followed`;
    # one of another story between its two paths is crossed.)
    followed = moved_keys(now, moved_from)
    sealed = with_followed(read_text(site_dir, LIST_PAGES) or "", followed)
    if not in_place(places, moved_from, lambda i: (articles[i].date, articles[i].path),
                    len(order)) or any(list_pages.crossed_lists(
                        sealed, (a.date, min(a.path, moved_from[a.path]) + "\0"),
                        (a.date, max(a.path, moved_from[a.path]))) != set() for a in now):
        return None
    moved = memo_moved(memo, places, now, moved_from, given_before)
    return None if moved is None else Refiled(moved, order, places, articles, followed)
