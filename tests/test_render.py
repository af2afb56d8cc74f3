"""The renderer's own shortcuts behave as what they replace: `_()` as Jinja's
newstyle gettext, `card()` as the `_card.html` macro, the masthead's `memo` as
rendering it for each page."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path

import jinja2
import pytest

from generator.config import load_config
from generator.content.parse import parse_article
from generator.plan.site import make_site
from generator.render.memo_tag import MemoExtension
from generator.render.renderer import Renderer
from generator.render.theme import find_theme
from tests.conftest import SiteMaker, article, settings


def _renderer(site: SiteMaker) -> Renderer:
    config = load_config(site.root)
    parsed = parse_article(article("Banjir di Hulu", "2024-03-01T09:00:00+07:00",
                                   tags="[Banjir]"), "content/articles/a.md", config)
    indexed, _ = make_site(config, (parsed.article,), (), drafts=False,
                           now=datetime(2024, 4, 1, tzinfo=UTC))
    return Renderer(find_theme(site.root, config), indexed, site.root)


@pytest.mark.parametrize("source", [
    '{{ _("Archive") }}',
    '{{ _("Page %(number)d", number=3) }}',
    '{{ _("100%% sure") }}',
    '{{ _("%(x)s", x="<b>tebal</b>") }}',
    '<a title="{{ _("Search the news") }}">{{ _("Archive") ~ "!" }}</a>',
    '{% autoescape false %}{{ _("%(x)s", x="<b>") }} {{ _("Archive") }}{% endautoescape %}',
    '{% set label = _("Tags") %}{{ label }} {{ label|upper }}',
])
def test_underscore_gives_what_jinjas_newstyle_gettext_gives(site: SiteMaker,
                                                           source: str) -> None:
    renderer = _renderer(site)
    reference = jinja2.Environment(extensions=["jinja2.ext.i18n"], autoescape=True)
    reference.install_gettext_callables(  # type: ignore[attr-defined]
        renderer.gettext, renderer.ngettext, newstyle=True)
    for _ in range(2):  # the second time from the renderer's memo
        assert renderer.env.from_string(source).render() == \
            reference.from_string(source).render()
    assert "Arsip" in renderer.env.from_string('{{ _("Archive") }}').render()


def test_a_card_is_the_macro_whatever_its_arguments(site: SiteMaker) -> None:
    renderer = _renderer(site)
    a = renderer.site.articles[0]
    macro = renderer.env.from_string('{% from "_card.html" import card %}{{ card(a, lead=x) }}')
    shortcut = renderer.env.from_string("{{ card(a, lead=x) }}")
    for lead in (False, True, [1]):  # a list cannot be a key: rendered each time
        assert shortcut.render(a=a, x=lead) == macro.render(a=a, x=lead)
    assert "card-lead" in shortcut.render(a=a, x=[1])
    assert 'href="/tag/banjir/"' in shortcut.render(a=a, x=False)


def test_a_site_template_that_imports_the_macro_itself_still_works(site: SiteMaker,
                                                                  tmp_path: Path) -> None:
    site.article("a", "Banjir di Hulu", "2024-03-01T09:00:00+07:00")
    site.write("templates/home.html",
               '{% extends "base.html" %}{% from "_card.html" import card with context %}'
               '{% block content %}{% for a in articles %}{{ card(a) }}{% endfor %}'
               '{% endblock %}')
    site.build()
    assert 'class="card"' in site.read("index.html")


_MASTHEAD = re.compile(r'<header class="masthead">.*?</header>', re.DOTALL)
_CURRENT = re.compile(r'<a href="([^"]*)" aria-current="page">')


def test_each_masthead_marks_its_own_page_current(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Given one site built twice: with the masthead kept by `memo`, and with `memo`
    # rendering its block for every page
    sites = [SiteMaker(tmp_path / "memo"), SiteMaker(tmp_path / "plain")]
    for site in sites:
        settings(site, top='nav_tags = ["Banjir", "Pasar Besar"]')
        for day in range(1, 6):
            site.article(f"b{day}", f"Berita ke-{day}", f"2024-03-0{day}T09:00:00+07:00",
                         tags="[Banjir]" if day % 2 else "[Banjir, Pasar Besar]")
    sites[0].build()
    monkeypatch.setattr(MemoExtension, "_render", lambda self, place, keys, caller: caller())
    sites[1].build()
    # Then every page's masthead is the one rendered for it: a memo key that missed
    # what a link's `aria-current` depends on would serve some page another's
    # (pointers from a newest list page's number to the list show no masthead)
    pages = sorted(p.relative_to(sites[1].output).as_posix()
                   for p in sites[1].output.rglob("*.html")
                   if 'http-equiv="refresh"' not in p.read_text(encoding="utf-8"))
    assert len(pages) > 15
    for page in pages:
        assert _MASTHEAD.findall(sites[0].read(page)) == \
            _MASTHEAD.findall(sites[1].read(page)), page
    # And among them are pages marking each link current, and pages marking none
    marked = {page: _CURRENT.findall(_MASTHEAD.findall(sites[0].read(page))[0])
              for page in pages}
    assert marked["index.html"] == ["/"]
    assert marked["arsip/index.html"] == marked["arsip/page/1/index.html"] == ["/arsip/"]
    assert marked["tag/index.html"] == ["/tag/"]
    assert marked["tag/banjir/index.html"] == ["/tag/banjir/"]
    assert marked["tag/pasar-besar/index.html"] == ["/tag/pasar-besar/"]
    assert marked["tag/banjir/page/1/index.html"] == marked["404.html"] == \
        marked["2024/03/berita-ke-1/index.html"] == []


@pytest.mark.parametrize(("language", "byline"), [
    ("id", "Oleh Hamid Zulkarnain, Ulya Maharani dan Budi Santoso"),
    ("en", "By Hamid Zulkarnain, Ulya Maharani and Budi Santoso")])
def test_a_byline_of_several_joins_the_last_two_as_a_sentence_does(
        site: SiteMaker, language: str, byline: str) -> None:
    site.write("site.toml", (site.root / "site.toml").read_text().replace(
        'language = "id"', f'language = "{language}"'))
    site.article("a", "A", "2024-03-01", authors="[Hmz, Ulm, Budi Santoso]")
    site.build()
    [written] = re.findall(r'<p class="byline"[^>]*>(.*?)</p>', site.read("2024/03/a/index.html"))
    assert re.sub(r"<[^>]+>", "", written) == byline
