"""How the planner makes a page: its base and its fingerprint (plan/planner.py).

Every planned page goes through `Adder.add`, so that two plans of the same page, a
whole one and the quick path's few pages (`replan`), give it the same fingerprint.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable

from generator import urls
from generator.plan import feeds_and_lists
from generator.plan.page import Page, deps_of, fingerprint, placed
from generator.plan.site import Site


def hash_of(*parts: object) -> str:
    """A hash of `parts` by their `repr`."""
    return hashlib.sha1(repr(parts).encode("utf-8")).hexdigest()


class Adder:
    """Makes pages as `make_plan` does: the base and the fingerprint of each."""

    def __init__(self, site: Site, template_key: Callable[[str], str], globals_key: str,
                 key_of: Callable[[int], str]) -> None:
        self.site = site
        self.globals_key = globals_key
        self.templates: dict[str, str] = {}
        self.template_key = template_key
        self.key_of = key_of
        self.pages: list[Page] = []

    def template(self, name: str) -> str:
        key = self.templates.get(name)
        if key is None:
            key = self.templates[name] = self.template_key(name)
        return key

    def add(self, url: str, kind: str, template: str, title: str, own: object = (),
            shared: str | None = None, canonical: str | None = None,
            **fields: object) -> None:
        # `shared` replaces the globals key for files that show no navigation
        # or UI strings (feeds, sitemaps): a new tag count must not touch them.
        # `canonical`: the address of a page this one duplicates (the newest page
        # of a list is also shown at the list's own URL).
        # The records shown are dependencies by key (`Page.deps`). A page showing an
        # article takes its title from it, so the title is covered by the article's key.
        article = fields.get("article")
        base = hash_of(url, kind, title if article is None else None, self.template(template),
                     self.globals_key if shared is None else shared, own, canonical,
                     placed(fields))
        more: tuple[int | None, ...] = (*fields.get("section_nav", ()),  # type: ignore[misc]
                                         *fields.get("section_more", ()),
                                         fields.get("follow_up"))  # type: ignore[arg-type]
        deps = deps_of(fields.get("items", ()), fields.get("related", ()),  # type: ignore[arg-type]
                       article, fields.get("neighbours", ()), more)  # type: ignore[arg-type]
        self.pages.append(Page(output=urls.output_path(url), url=url, kind=kind,
                               template=template, title=title,
                               canonical=self.site.config.absolute(canonical or url),
                               base=base, fingerprint=fingerprint(base, deps, self.key_of),
                               **fields))  # type: ignore[arg-type]


def replan(site: Site, template_key: Callable[[str], str], globals_key: str,
           key_of: Callable[[int], str],
           fill: Callable[[feeds_and_lists.Adding], None]) -> list[Page]:
    """The pages `fill(planner)` plans, as `make_plan` would plan them."""
    adder = Adder(site, template_key, globals_key, key_of)
    fill(adder)
    return adder.pages
