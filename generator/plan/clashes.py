"""Two sources that would give the same URL: an article's or a page's own URL, an alias,
or a tag spelled two ways. Found by the index (plan/site.py), made into errors naming
both files at their lines by the build (build/loader.py `clash_problems`)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from generator.content.model import Article, StaticPage
from generator.errors import Problem, Text
from generator.plan.page import Copy, Page

if TYPE_CHECKING:  # (plan/site.py finds the clashes of its sources here)
    from generator.plan.site import Site


@dataclass(frozen=True)
class Clash:
    """Two source files that would give the same URL: an error of the build."""

    path: str
    """The file found second (in site order), where the error is reported."""
    other: str
    """The file that has the URL first."""
    url: str
    """The URL both would get."""
    kind: str
    """"url" (the article's or page's own), "alias" (one of `aliases`) or "tag" (two
    spellings of a tag with one slug)."""
    names: tuple[str, str] = ("", "")
    """For "tag": the spelling in `path`, then the one in `other`."""
    other_kind: str = "url"
    """How `other` has the URL: "url", "alias" or "tag", as `kind`."""

    def problem(self, line: int | None, other_line: int | None) -> Problem:
        """The error, at `line` of `path`, naming `other` at `other_line`."""
        other = f"{self.other}:{other_line}" if other_line else self.other
        if self.kind == "tag":
            return Problem(self.path, line,
                           Text("the tag {tag} gets the same URL {url} as the tag {other_tag} "
                                "in {other}", tag=repr(self.names[0]), url=self.url,
                                other_tag=repr(self.names[1]), other=other),
                           Text("spell the tag the same way in both, or map one to the other "
                                "in [tag_aliases] of site.toml"))
        if self.kind == "url":
            return Problem(self.path, line, Text("the URL {url} is also used by {other}",
                                                 url=self.url, other=other),
                           Text("give one of them a different `slug` (or date)"))
        return Problem(self.path, line, Text("an alias {url} is also used by {other}",
                                             url=self.url, other=other),
                       Text("remove it from `aliases` here") if self.other_kind == "url" else
                       Text("remove it from the `aliases` of one of them"))


def url_clashes(articles: list[Article], pages: tuple[StaticPage, ...]) -> list[Clash]:
    """Every article, page or alias whose URL another one has first (in the order
    given: articles by date, then pages, then aliases)."""
    owners: dict[str, tuple[str, str]] = {}
    problems = []
    claims = [(a.url, a.path, "url") for a in articles]
    claims += [(p.url, p.path, "url") for p in pages]
    claims += [(alias, a.path, "alias") for a in articles for alias in a.aliases]
    for url, path, what in claims:
        other, how = owners.setdefault(url.rstrip("/") or "/", (path, what))
        if other != path:
            problems.append(Clash(path, other, url, what, other_kind=how))
    return problems


def planned_clashes(site: Site, pages: list[Page], copies: tuple[Copy, ...]
                    ) -> tuple[Problem, ...]:
    """Two planned files with one path (an article's URL that is a file, say): an error
    naming the source of each."""
    outputs = {page.output for page in pages}
    if len(outputs) == len(pages) and outputs.isdisjoint(copy.output for copy in copies):
        return ()
    owner: dict[str, Page] = {}
    problems = []
    for page in pages:
        first = owner.setdefault(page.output, page)
        if first is page or _source(site, first) == _source(site, page):
            continue
        # (The error is at a source file's page, whichever came first: the home page,
        # a list, a feed or the host rules have none.)
        at, other = (page, first) if _source(site, page) else (first, page)
        path = _source(site, at)
        if not path:  # (a tag, a section or an author whose address another list has)
            problems.append(Problem("site.toml", None, Text(
                "two pages Warta makes would have the address {url}", url=page.url),
                Text("rename the tag, section or author that gives one of them")))
            continue
        named = _source(site, other) or Text("a page Warta makes there")
        problems.append(
            Problem(path, None, Text("its alias {url} is also used by {other}",
                                     url=at.url, other=named),
                    Text("change the alias, or take it out"))
            if at.kind == "redirect" else
            Problem(path, None, Text("its URL {url} is also used by {other}",
                                     url=at.url, other=named),
                    Text("choose another slug")))
    for copy in copies:
        if copy.output in owner:
            page = owner[copy.output]
            problems.append(Problem(copy.source, None,
                                    Text("the file /{file} is also a page of {other}",
                                         file=copy.output, other=_source(site, page)
                                         or Text("a page Warta makes there")),
                                    Text("rename the file")))
    return tuple(problems)


def _source(site: Site, page: Page) -> str:
    """The source file of `page` (its article's, or its static page's), or ""."""
    if page.article is not None:
        return site.articles[page.article].path
    return site.pages[page.static_page].path if page.static_page is not None else ""
