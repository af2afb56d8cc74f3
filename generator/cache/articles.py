"""The site's articles as the quick path sees them: records read from the cache
when first asked for.

The quick path (build/quick.py) indexes and plans an edit or today's news without
reading the archive's 10,000 or 100,000 records: it hands the index and plan
stages this sequence as `Site.articles`, the one place where a site's data is
read on demand. Everything else in plan/ is pure. A record the cache should hold
and does not raises LookupError, which sends the build the whole way.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from generator.cache.store import Cache
from generator.content.model import Article, LazyArticles


class CachedArticles(LazyArticles):
    """The articles of a site in site order, each read from the cache when first
    asked for, or given (`known`) when the build parsed it anew."""

    def __init__(self, order: tuple[str, ...], cache: Cache,
                 adjust: Callable[[Article], Article] | None = None) -> None:
        self.order = order
        """Paths of the articles, in site order."""
        self.cache = cache
        """The cache they are read from."""
        self.known: dict[str, Article] = {}
        """Records read so far, and the edited ones, by path."""
        self.adjust = adjust
        """What to make of each record read (the build folds its photos' keys in)."""

    def load(self, indexes: Iterable[int]) -> None:
        """Read the records of these articles in one query."""
        order, known = self.order, self.known
        wanted = {order[i] for i in indexes} - known.keys()
        for path, record in self.cache.records(wanted).items():
            if record.article is not None:
                known[path] = self.adjust(record.article) if self.adjust else record.article

    def __len__(self) -> int:
        return len(self.order)

    def one(self, index: int) -> Article:
        path = self.order[index]
        if path not in self.known:
            self.load((index,))
            if path not in self.known:
                raise LookupError(f"{path}: its record is not in the build cache; delete "
                                  ".warta/ and build again")
        return self.known[path]
