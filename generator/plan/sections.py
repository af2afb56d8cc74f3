"""Planning of the editorial structure: each section's list pages and feed, the home
page's lead and editors' picks, and an article's navigation within its section.

Every rule here is bounded, so that one addition rewrites a fixed number of files
(docs/architecture.md, "Sections"):

- a section's pages are a stable list (`lists`): an addition changes its newest
  page, its base URL and its feed;
- the home page shows the lead and the picks; it changes with every addition anyway;
- an article page of a section shows the previous and next article of its section
  (instead of the site's), and "more in the section": the `SECTION_MORE` articles
  before the previous one, which never change when later news arrives. The latest
  of the section are one link away, on the section's page. An addition at place q
  of a section's list changes the pages at places q - 1 (its next) and, when the
  addition is backdated, q + 1 to q + 1 + SECTION_MORE (their previous and "more"):
  a newest addition rewrites one article page besides its own.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Sequence

from generator import urls
from generator.plan.feeds_and_lists import Adding, Planning, lists
from generator.plan.site import Site

SECTION_MORE = 3
"""How many articles "more in the section" shows: those before the previous one."""

SectionNav = tuple[tuple[int | None, int | None], tuple[int, ...]]
"""(previous, next) in the section, and "more in the section", newest first."""


def plan_sections(site: Site, plan: Planning) -> None:
    """Every configured section's list pages, `/rubrik/<slug>/` (empty ones too: the
    menu links them all)."""
    for index in site.sections:
        section = index.section
        lists(plan, section.url, "section", section.name, index.items,
              site.config.page_size, section=section.slug)


def section_feeds(site: Site, plan: Planning, data_key: str) -> None:
    """The Atom feed of each section, `/rubrik/<slug>/feed.xml`."""
    size = site.config.feed_size
    for index in site.sections:
        section = index.section
        shown = tuple(reversed(index.items))[:size]

        def fill(url: str = section.url, name: str = section.name,
                 shown: tuple[int, ...] = shown, slug: str = section.slug) -> None:
            plan.add(urls.feed_url(url), "atom", "atom.xml", name, shared=data_key,
                     items=shown, section=slug)
        plan.section(("feed", section.url), (section.name, shown), fill)


def plan_home(site: Site, plan: Adding) -> None:
    """The home page: the lead and the newest others, and the editors' picks. Planned
    alone when only a featured article changed (build/quick.py)."""
    home, picks = home_items(site)
    plan.add("/", "home", "home.html", site.config.title, items=home, related=picks)


def home_items(site: Site) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """The home page's articles (the lead first, then the newest others: `home_size` in
    all) and the editors' picks (the newest featured articles but the lead).

    The lead is the article `[home] lead` names, else the newest featured one, else the
    newest article."""
    listed = site.listed
    if not listed:
        return (), ()
    config = site.config
    lead = (site.lead if site.lead is not None
            else site.featured[-1] if site.featured else listed[-1])
    shown = [lead]
    for index in reversed(listed):
        if len(shown) >= config.home_size:
            break
        if index != lead:
            shown.append(index)
    picks = tuple([i for i in reversed(site.featured[-config.home.picks - 1:]) if i != lead])
    return tuple(shown), picks[:config.home.picks]


def section_navigator(site: Site) -> Callable[[int, str], SectionNav | None]:
    """A function giving, for a listed article's index and its section's slug, its
    navigation within the section (see the module's docstring); None for an article
    of no section."""
    items_of = {s.section.slug: s.items for s in site.sections}

    def navigation(index: int, slug: str) -> SectionNav | None:
        items = items_of.get(slug, ())
        place = bisect_left(items, index)
        if place >= len(items) or items[place] != index:
            return None
        previous = items[place - 1] if place > 0 else None
        following = items[place + 1] if place + 1 < len(items) else None
        more = tuple(reversed(items[max(0, place - 1 - SECTION_MORE):max(0, place - 1)]))
        return (previous, following), more

    return navigation


def unsettled(site: Site, boundary: int, shrunk: bool) -> list[int]:
    """The articles before index `boundary` whose section navigation can differ when
    the articles from `boundary` on were added (or, with `shrunk`, also removed or
    moved): the one before the first changed place of each section (its next)."""
    found: list[int] = []
    for index in site.sections:
        items = index.items
        place = bisect_left(items, boundary)
        if 0 < place and (place < len(items) or shrunk):
            found.append(items[place - 1])
    return found


def around(items: Sequence[int], point: int) -> Sequence[int]:
    """The articles of a section's `items` (ascending) whose section navigation shows
    the one at `point`, it among them: the one before it (its next), and the one after
    it with the `SECTION_MORE` after that (their previous, or their "more in the
    section")."""
    at = bisect_left(items, point)
    return items[max(0, at - 1):at + 2 + SECTION_MORE]


def moved_around(before: Site, after: Site, point: int) -> set[int]:
    """The articles whose pages show other section navigation when the article at
    `point` leaves its section's list in `before` for another's in `after`, keeping its
    place in the site: it, and those `around` it in each of the two lists."""
    found = {point}
    for site in (before, after):
        for index in site.sections:
            window = around(index.items, point)
            if point in window:  # (its section's list)
                found.update(window)
    return found
