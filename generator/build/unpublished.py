"""The articles a build takes off the site that the last successful build published:
made drafts or dated after "now" (often a typo in the year). The build's summary names
them, since nothing else would say that a live article is gone."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from generator.build.memos import Settled, stored
from generator.cache.pages import PageStore
from generator.cache.store import Cache
from generator.content.model import Article
from generator.plan.page import Places, from_stored


@dataclass(frozen=True)
class Unpublished:
    """A live article that this build took off the site."""

    title: str
    """Its title as it is now."""
    url: str
    """The URL it was published at."""
    draft: bool
    """True when it is now a draft; False when it is dated after the build's "now"."""
    date: datetime
    """Its date as it is now: when a scheduled article will appear. (The summary's words
    for it are the reporter's, in the site's language: report.py.)"""


def unpublished(cache: Cache, target: str, articles: Iterable[Article],
                published: Iterable[Article]) -> tuple[Unpublished, ...]:
    """The articles that the last successful build of `target` published and that are
    still among `articles` (all of them, drafts and scheduled ones included) but not
    `published` now."""
    last = stored(cache, "settled:" + target)
    if not isinstance(last, Settled):
        return ()
    gone = set(last.order).difference(article.path for article in published)
    if not gone:
        return ()
    # The URL it had: its page as that build stored it (a `warta check` in between has
    # saved the new record already), else the URL it has now.
    urls = {}
    places = Places(last.order)
    for state in PageStore(cache).pages_showing(target, sorted(gone)).values():
        if not isinstance(state, dict) or state.get("kind") != "article":
            continue  # (a list page showing it: not read back)
        try:
            page = from_stored(state, places)
        except LookupError:
            continue  # (a row of another shape: the URL it has now is said)
        if page.kind == "article" and page.article is not None:
            urls[last.order[page.article]] = page.url
    return tuple(Unpublished(article.title, urls.get(article.path, article.url), article.draft,
                             article.date)
                 for article in articles if article.path in gone)
