"""Every output file as a `Page` (rendered) or a `Copy` (copied), deterministically.

Each planned file carries a fingerprint of everything that goes into it, so
the build can tell without rendering whether the file on disk is current.
Dependencies are explicit data here, never guessed: a page's fingerprint
names its template (with everything that template includes), the site
settings, the shared navigation, and the records it shows.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

from generator import urls
from generator.content.model import Article
from generator.errors import Problem
from generator.plan import feeds_and_lists, related, sections
from generator.plan.adder import Adder, hash_of, replan
from generator.plan.clashes import planned_clashes
from generator.plan.feeds_and_lists import lists
from generator.plan.list_addresses import ARCHIVE_TITLE
from generator.plan.page import Copy, Page, fingerprint, refreshed
from generator.plan.pagination import OrderKey, Paging, Tail
from generator.plan.redirects import Addresses
from generator.plan.sealing import Pager
from generator.plan.site import Site

__all__ = ["Copy", "Page", "Plan", "PlanMemo", "fingerprint", "make_plan", "plan_appended",
           "plan_inputs", "refreshed", "replan"]


@dataclass(frozen=True)
class PlanMemo:
    """What a plan remembers so that the next plan redoes only what changed.

    A plan is a pure function of the site and the templates; the memo lets
    `make_plan` take whole sections (an article's page, a tag's list pages)
    from the previous plan when it can prove they would come out the same,
    recomputing only the fingerprints of pages that show an edited article.
    """

    inputs: str
    """Hash of the settings and the navigation every page shows."""
    templates: Mapping[str, str]
    """The key of every template the plan used, by name."""
    order: tuple[str, ...]
    """Paths of the site's articles, in site order."""
    shapes: tuple[str, ...]
    """Their `Article.shape`, in the same order."""
    keys: tuple[str, ...]
    """Their `Article.key`, in the same order."""
    sections: Mapping[object, tuple[object, int, tuple[Page, ...]]]
    """Per section id: its signature, its highest article index and its pages."""
    bylines: frozenset[str] = frozenset()
    """Slugs of the authors who have a page (bylines link to them)."""


@dataclass(frozen=True)
class Plan:
    """Everything the output folder will hold."""

    pages: tuple[Page, ...]
    """Rendered files, in a deterministic order."""
    copies: tuple[Copy, ...]
    """Copied files."""
    problems: tuple[Problem, ...]
    """Two planned files with the same path."""
    memo: PlanMemo | None = None
    """For the next build's `make_plan`."""
    reused: int = 0
    """Pages taken from the previous plan's memo."""
    # Sealed pages (plan/pagination.py).
    sealed: Mapping[str, tuple[OrderKey, ...]] = field(default_factory=dict)
    """The boundaries of the sealed pages of every list planned, by the list's URL (an
    append plan: only those of the pages that filled up)."""
    tails: Mapping[str, Tail] = field(default_factory=dict)
    """The newest pages of every list planned (an append plan: of those it changed)."""
    moved: bool = False
    """Articles took other places in the site than in the previous plan (or none was
    given): the next plan reuses only the sections before the first moved article
    unless it is given this plan's memo."""


def make_plan(site: Site, template_key: Callable[[str], str], globals_key: str,
              copies: Iterable[Copy], previous: PlanMemo | None = None,
              addresses: Addresses | None = None,
              sealed: Mapping[str, tuple[OrderKey, ...]] | None = None) -> Plan:
    """Plan every page of `site`.

    `template_key(name)` is the fingerprint of a template with its
    dependencies; `globals_key` that of everything every page shows (the
    settings, the navigation, the UI strings). With `previous`, the memo of
    an earlier plan, sections that cannot have changed are reused; the result
    is the same as without it (tests/test_plan.py checks this). `addresses`: what
    answers at the addresses of the register (plan/redirects.py), if it is kept.
    `sealed`: the boundaries of each list's sealed pages, by the list's URL
    (content/list-pages.txt); None or a list left out: paginated afresh.
    """
    planner = _Planner(site, template_key, globals_key, previous)
    planner.addresses = addresses
    planner.pager.given = sealed or {}
    planner.plan()
    pages = planner.pages
    planned_copies = tuple(sorted(copies, key=lambda c: c.output))
    return Plan(tuple(pages), planned_copies, planned_clashes(site, pages, planned_copies),
                memo=planner.memo(), reused=planner.reused, sealed=planner.pager.sealed,
                tails=planner.pager.tails, moved=planner.moved)


def plan_appended(site: Site, template_key: Callable[[str], str], globals_key: str,
                  key_of: Callable[[int], str], before: feeds_and_lists.Before) -> Plan:
    """The pages that change when articles are appended to the site `before` describes,
    planned as `make_plan` plans them: every page of a list, a feed or a page of the
    whole site that shows them, the appended articles' pages and redirects, the page
    of the last article before them. The caller makes sure that nothing else moved:
    no article before them changed, no author's byline link, nothing every page shows.
    `key_of(i)` gives article `i`'s key: only the articles shown are looked at.
    The plan's `sealed` are the boundaries of the pages the append filled up, its
    `tails` those of the lists it changed (grown, or some stories moved in or out).
    """
    planner = _Planner(site, template_key, globals_key, None, before, key_of)
    planner.plan()
    return Plan(tuple(planner.pages), (), (), sealed=planner.pager.sealed,
                tails=planner.pager.tails)


def plan_static(site: Site, plan: feeds_and_lists.Adding, index: int) -> None:
    """Plan the page of `site.pages[index]`, a static page (what it shows is its own)."""
    static = site.pages[index]
    plan.add(static.url, "page", "page.html", static.title, own=hash_of(static),
             static_page=index)


def plan_inputs(globals_key: str, site: Site) -> str:
    """Hash of what every page of a plan depends on besides templates and articles."""
    return hash_of(globals_key, site.config.fingerprint)


class _Planner(Adder):
    """One run of `make_plan`: the pages so far and the sections they belong to."""

    def __init__(self, site: Site, template_key: Callable[[str], str], globals_key: str,
                 previous: PlanMemo | None, before: feeds_and_lists.Before | None = None,
                 key_of: Callable[[int], str] | None = None) -> None:
        # With `before`, only the sections an append changes are planned, and only the
        # articles they show are looked at (see `plan_appended`).
        self.before = before
        self.grown: dict[str, int] = {}
        self.keys: tuple[str, ...] = ()
        self.shapes: tuple[str, ...] = ()
        self.order: tuple[str, ...] = ()
        if before is not None:
            assert key_of is not None, "an append plan reads keys on demand"
            super().__init__(site, template_key, globals_key, key_of)
            now = feeds_and_lists.list_counts(site)
            # (A list some stories left while as many joined keeps its count.)
            self.grown = {url: before.lists.get(url, 0) for url, count in now.items()
                          if count != before.lists.get(url, 0) or url in before.relisted}
        else:
            articles = site.articles
            self.keys = tuple([a.key or hash_of(a) for a in articles])
            super().__init__(site, template_key, globals_key, self.keys.__getitem__)
            # (A story filed late is part of an article's shape here: the related
            # articles of later ones depend on it, plan/related.py.)
            late = site.late
            self.shapes = tuple([a.shape + f"\0late {late[i]}" if i in late else a.shape
                                 for i, a in enumerate(articles)])
            self.order = tuple([a.path for a in articles])
        self.inputs = plan_inputs(globals_key, site)
        self.sections: dict[object, tuple[object, int, tuple[Page, ...]]] = {}
        self.reused = 0
        self.bylines: frozenset[str] = frozenset()
        self.addresses: Addresses | None = None
        # Sealed pages (plan/sealing.py).
        self.pager = Pager(site.articles, before.sealed if before else {},
                           before.tails if before else None, self.grown,
                           before.inserted if before else (),
                           before.relisted if before else None,
                           before.redated if before else None)
        # Articles at other places than in the last plan (or none known): see `Plan.moved`.
        self.moved = before is None and (previous is None or previous.order[:len(
            self.order)] != self.order[:len(previous.order)])
        self.previous = previous if previous and self._same_inputs(previous) else None
        self.old_sections = self.previous.sections if self.previous else {}
        # Articles before `prefix` are the same articles, with the same shapes, at the
        # same places as in the previous plan; among them, `changed` have new keys.
        self.prefix = 0
        self.changed: set[int] = set()
        if self.previous:
            old = self.previous
            if old.order == self.order and old.shapes == self.shapes:
                self.prefix = len(self.order)  # the common case: no article moved
            else:
                for old_path, old_shape, path, shape in zip(old.order, old.shapes, self.order,
                                                            self.shapes, strict=False):
                    if old_path != path or old_shape != shape:
                        break
                    self.prefix += 1
            self.changed = {i for i in range(self.prefix) if old.keys[i] != self.keys[i]}

    def _same_inputs(self, previous: PlanMemo) -> bool:
        return previous.inputs == self.inputs and all(
            self.template(name) == key for name, key in previous.templates.items())

    def memo(self) -> PlanMemo:
        return PlanMemo(self.inputs, dict(self.templates), self.order, self.shapes,
                        self.keys, self.sections, self.bylines)

    def section(self, ident: object, signature: object, fill: Callable[..., None],
                *args: object) -> None:
        """Plan the pages of one section with `fill(*args)`, unless the previous plan
        has them.

        `signature` must hold everything the section's pages are made of besides the
        shapes and keys of the articles they show (indexes below `prefix`).
        """
        if self.before is not None:
            kind, key = ident if isinstance(ident, tuple) else ("article", ident)
            if kind == "list" and key in self.grown:  # the pages from its old newest on
                fill(*args, first=self.pager.first(key))
            elif (kind == "feed" and key in self.grown) or kind in ("article", "redirect"):
                fill(*args)  # (`_articles` and `_redirects` look only at appended ones)
            return
        old = self.old_sections.get(ident)
        if old is not None and old[1] < self.prefix and old[0] == signature:
            self._take(ident, old)
            return
        start = len(self.pages)
        fill(*args)
        pages = tuple(self.pages[start:])
        top = max((max(p.deps) for p in pages if p.deps), default=-1)
        self.sections[ident] = (signature, top, pages)

    def paging(self, base: str, items: tuple[int, ...], size: int) -> Paging:
        return self.pager.paging(base, items, size)  # (plan/sealing.py)

    def _take(self, ident: object, old: tuple[object, int, tuple[Page, ...]]) -> None:
        if self.changed:
            old = (old[0], old[1], tuple(map(self._refresh, old[2])))
        self.pages.extend(old[2])
        self.reused += len(old[2])
        self.sections[ident] = old

    def _refresh(self, page: Page) -> Page:
        changed = self.changed
        # `page.deps` without building it: this runs for every page of the plan.
        if (page.article not in changed and changed.isdisjoint(page.items)
                and changed.isdisjoint(page.related) and changed.isdisjoint(page.neighbours)
                and changed.isdisjoint(page.section_nav)
                and changed.isdisjoint(page.section_more) and page.follow_up not in changed):
            return page
        return refreshed(page, self.site, self.key_of)

    def plan(self) -> None:
        site, add, config = self.site, self.add, self.site.config
        listed = site.listed
        # Editorial sections (plan/sections.py): the lead and picks, the sections' lists.
        sections.plan_home(site, self)
        lists(self, urls.ARCHIVE, "archive", ARCHIVE_TITLE, listed, config.page_size)
        add(urls.TAGS, "tags", "tags.html", "Tags",
            own=tuple(t.tag for t in site.tags))
        for tag in site.tags:
            lists(self, tag.tag.url, "tag", tag.tag.name, tag.items,
                  config.page_size, tag=tag.tag.slug)
        sections.plan_sections(site, self)
        self._articles()
        for index in range(len(site.pages)):
            plan_static(site, self, index)
        add("/404.html", "404", "404.html", "Page not found")
        feeds_and_lists.plan_extra(site, self, self.pages, self.before, self.addresses)
        if config.outputs.feeds:  # (not in sitemaps: after them)
            sections.section_feeds(site, self, feeds_and_lists.shared_key(config.fingerprint))

    def _articles(self) -> None:
        site = self.site
        listed = site.listed
        # Bylines link only to authors who have a page: a page whose author lost
        # theirs (their other articles withdrawn or deleted) must re-render.
        with_page = ({a.author.slug for a in site.authors}
                     if site.config.outputs.author_pages else set())
        self.bylines = frozenset(with_page)
        taken = 0
        old = self.previous
        # Editorial sections: the articles a few places before a change in their section
        # show it in their section navigation (plan/sections.py).
        around: list[int] = []
        # Related news forwards (plan/related.py): the articles that those from the
        # boundary on pick, or picked in the previous plan, show a new follow-up.
        news = related.RelatedNews(site)
        before = self.before
        if before is not None and (before.inserted or before.relisted):
            # Stories filed late: the pages they change (plan/insertion.py); or an article
            # moved to other lists, and its neighbours in its sections (build/append.py).
            follow: related.FollowUps | related.LateFollowUps = related.LateFollowUps(
                news, before.inserted, before.follow_ups)
            taken = len(site.articles)
            around = list(before.replanned)
        elif self.before is not None:
            # Appended articles, and the last one before them (its newer neighbour).
            last = bisect_left(listed, self.before.articles) - 1
            taken = listed[last] if last >= 0 else 0
            around = sections.unsettled(site, self.before.articles, shrunk=False)
            follow = related.FollowUps(news, self.before.articles, kept=self.before.follow_ups)
        else:
            follow = related.FollowUps(news, self.prefix,  # (an article's section: its page)
                                       page_of=lambda i: self.old_sections[self.order[i]][2][0])
        redo = follow.unsettled(self.old_sections[path][2][0]
                                for path in (old.order[self.prefix:] if old else ()))
        taking = self.before is None and old is not None and old.bylines == self.bylines
        if taking:
            # Before the last listed article of the unchanged prefix, every article keeps
            # its neighbours, its related articles (earlier ones) and its byline links:
            # its section's signature would come out as before, so it is taken as it is.
            # (When no article moved, that is all of them but the newest.)
            last = bisect_left(listed, self.prefix) - 1
            taken = listed[last] if last >= 0 else 0
            taken = min([taken, *sections.unsettled(site, self.prefix, shrunk=True)])
        position = {index: n for n, index in enumerate(listed)}
        todo = sorted({*around, *redo, *range(taken, len(site.articles))})
        follow.resolve(i for i in todo if i in position)
        in_section = sections.section_navigator(site)

        def plan_one(index: int) -> None:
            article = site.articles[index]
            flags = tuple([a.slug in with_page for a in article.authors])
            place = position.get(index)
            if place is None:
                self.section(article.path, (index, flags), self._article, index, article,
                             flags, None, None, None)
                return
            nav = in_section(index, article.section)
            # An article of a section shows its section's previous and next instead of
            # the site's: a newest addition rewrites one neighbour's page, not two.
            older = listed[place - 1] if place > 0 and nav is None else None
            newer = listed[place + 1] if place + 1 < len(listed) and nav is None else None
            # Related articles are earlier ones, the same before `prefix`: the signature
            # need not hold them. The follow-up is a later one: the signature holds it.
            after = follow.of(index)
            self.section(article.path, (index, flags, older, newer, nav, after),
                         self._article, index, article, flags, older, newer, news.related,
                         nav, after)

        for index, path in enumerate(self.order[:taken] if taking else ()):
            if index in redo:  # (in site order, as a plan from scratch has it)
                plan_one(index)
            else:
                self._take(path, self.old_sections[path])
        for index in todo[bisect_left(todo, taken) if taking else 0:]:
            plan_one(index)

    def _article(self, index: int, article: Article, flags: tuple[bool, ...],
                 older: int | None, newer: int | None,
                 related_of: Callable[[int], tuple[int, ...]] | None,
                 nav: sections.SectionNav | None = None, follow_up: int | None = None) -> None:
        if related_of is None:  # withdrawn: the URL stays, with a notice and no links around it
            self.add(article.url, "article", "article.html", article.title, own=flags,
                     article=index)
            return
        self.add(article.url, "article", "article.html", article.title, own=flags,
                 article=index, neighbours=(older, newer), related=related_of(index),
                 section_nav=nav[0] if nav else (None, None), section_more=nav[1] if nav else (),
                 follow_up=follow_up)
