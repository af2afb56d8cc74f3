"""What the templates get of the editorial structure: the home page's editors'
picks, and an article page's section, breadcrumbs and section navigation.

The plan chose which articles (plan/sections.py); this only looks them up and
writes the breadcrumbs once, for the visible trail and its JSON-LD alike.
"""

from __future__ import annotations

from typing import Any

from markupsafe import Markup

from generator.content.model import Article
from generator.plan.page import Page
from generator.plan.site import Site
from generator.render import jsonld


def home_context(site: Site, page: Page) -> dict[str, Any]:
    """`picks`: the editors' picks (the page's `related`), newest first."""
    return {"picks": [site.articles[i] for i in page.related]}


def article_context(site: Site, page: Page, article: Article, home: str) -> dict[str, Any]:
    """`section`, `section_previous`, `section_next`, `section_more`, `breadcrumbs` and
    `breadcrumb_data` of an article page; `home` is the home page's name in the trail."""
    articles = site.articles
    section = next((s for s in site.config.sections if s.slug == article.section), None)
    previous, following = page.section_nav
    trail = [(home, "/")]
    if section is not None:
        trail.append((section.name, section.url))
    trail.append((article.title, article.url))
    return {
        "section": section,
        "section_previous": articles[previous] if previous is not None else None,
        "section_next": articles[following] if following is not None else None,
        "section_more": [articles[i] for i in page.section_more],
        "breadcrumbs": trail,
        "breadcrumb_data": Markup(jsonld.script_json(jsonld.breadcrumbs(site.config, trail))),
    }
