"""A static page edited (content/pages/: the newsroom's staff page, its contact page):
when its title, address and photos stay, only its own page changes, and the quick path
plans it alone (`quick_changes.QuickChanges.pages`, `edited.with_static_pages`), giving a
fresh checkout's output, tracked files and warnings. A title or an address changed (the
footer's links, redirects), or a photo added or taken off, goes the whole way."""

from __future__ import annotations

import os
from collections.abc import Callable

import pytest

from generator.errors import TemplateError
from tests.conftest import SiteMaker
from tests.test_deleted import _delete, _edit
from tests.test_photos import make_photo
from tests.test_relisted import _archive, _built
from tests.test_withdrawn import Change

PAGE = "content/pages/redaksi.md"


def _page(site: SiteMaker, title: str = "Redaksi", slug: str = "redaksi",
          body: str = "Pemimpin redaksi: Hmz.\n", extra: str = "") -> None:
    site.write(PAGE, f"---\ntitle: {title}\nslug: {slug}\n{extra}---\n\n{body}")


QUICK: dict[str, Change] = {
    "its text": lambda s: _page(s, body="Pemimpin redaksi: Ulm.\n"),
    # (its first paragraph: the page's description)
    "a paragraph added": lambda s: _page(s, body="Pemimpin redaksi: Hmz.\n\nRedaktur: Ulm.\n"),
    "touched": lambda s: os.utime(s.root / PAGE, ns=(1, 1)),
    "a key misspelt": lambda s: _page(s, extra="ringkasan: Susunan redaksi.\n"),
    "beside a story edited": lambda s: _page(s, body="Baru.\n") or _edit(s, 13),
    "beside today's news": lambda s: _page(s, body="Baru.\n") or s.article(
        "2024/03/kini", "Kini", "2024-03-29T08:00:00+07:00", tags="[Tag 0]"),
    "beside a story deleted": lambda s: _page(s, body="Baru.\n") or _delete(s, 13),
}

WHOLE: dict[str, Change] = {
    # (the footer links it by its title)
    "its title": lambda s: _page(s, title="Susunan Redaksi"),
    # (its old address redirects)
    "its address": lambda s: _page(s, slug="susunan-redaksi"),
    "a photo added": lambda s: make_photo(s.root / "content/media/tim.jpg", (400, 300))
    or _page(s, body="Tim kami.\n\n![Tim redaksi](media/tim.jpg)\n"),
    "deleted": lambda s: (s.root / PAGE).unlink(),
    "another page added": lambda s: s.write("content/pages/kontak.md",
                                            "---\ntitle: Kontak\nslug: kontak\n---\n\nSurel.\n"),
}


def _edited(site: SiteMaker, make_site: Callable[[str], SiteMaker], change: Change,
            quick: bool) -> set[str]:
    _archive(site)
    _page(site)
    site.build()
    return _built(site, make_site, lambda: change(site), "page", quick=quick)


@pytest.mark.parametrize("name", sorted(QUICK))
def test_a_static_page_edited_takes_the_quick_path(
        name: str, site: SiteMaker, make_site: Callable[[str], SiteMaker]) -> None:
    # Given a built archive with a staff page, when the page is edited keeping its
    # title and address, then the quick path writes what a fresh checkout has
    differ = _edited(site, make_site, QUICK[name], quick=True)
    if name not in ("touched", "a key misspelt"):  # (the warning: `_built` checks it)
        assert "redaksi/index.html" in differ
    # And a whole-way build after it writes nothing
    assert not site.build(quick=False).written


@pytest.mark.parametrize("name", sorted(WHOLE))
def test_a_static_page_changed_otherwise_goes_the_whole_way(
        name: str, site: SiteMaker, make_site: Callable[[str], SiteMaker]) -> None:
    _edited(site, make_site, WHOLE[name], quick=False)
    assert not site.result.quick


def test_the_next_build_reads_the_page_as_edited(
        site: SiteMaker, make_site: Callable[[str], SiteMaker]) -> None:
    # Given the page edited on the quick path
    _edited(site, make_site, QUICK["its text"], quick=True)
    # When a story is edited next (the quick path, from the memo of the page as edited),
    # then the output is still a fresh checkout's
    _built(site, make_site, lambda: _edit(site, 14), "edit")
    assert "Ulm" in site.read("redaksi/index.html")


def test_a_site_template_showing_a_pages_text_elsewhere_stops_the_build(
        site: SiteMaker) -> None:
    # Given a site's own home page showing the staff page's first paragraph (an edit of
    # the page would rewrite its own page alone, leaving the home page stale)
    _archive(site)
    _page(site)
    site.write("templates/home.html", '{% extends "base.html" %}{% block content %}'
               "{% for p in static_pages %}<p>{{ p.summary }}</p>{% endfor %}"
               "{% endblock %}")
    # When it is built, then the build stops at the template, naming what to do
    with pytest.raises(TemplateError, match="summary"):
        site.build()
