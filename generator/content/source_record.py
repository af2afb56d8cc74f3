"""What parsing one source file gave, as the cache keeps it."""

from __future__ import annotations

from dataclasses import dataclass

from generator.content.model import Article, StaticPage
from generator.errors import Problem


@dataclass(frozen=True, slots=True)
class SourceRecord:
    """One source file parsed: an article, a static page, or the problems that made
    it fail (kept, so that a broken file that has not changed is reported again
    without being read again). At most one of `article` and `page` is set."""

    article: Article | None = None
    """The article, when the file is an article that parsed."""
    page: StaticPage | None = None
    """The static page, when the file is a page that parsed."""
    problems: tuple[Problem, ...] = ()
    """The warnings of a parsed article; the errors of a file that failed."""

    def __reduce__(self) -> tuple[type[SourceRecord], tuple[object, ...]]:
        # The cache pickles one record per source; by default a frozen, slotted
        # dataclass is rebuilt through object.__setattr__ field by field, which made
        # unpickling 100,000 records a third of a second slower than as tuples.
        return (SourceRecord, (self.article, self.page, self.problems))

    @property
    def failed(self) -> bool:
        """Whether the file did not parse (or could not be read)."""
        return self.article is None and self.page is None
