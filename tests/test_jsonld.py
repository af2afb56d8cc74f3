"""JSON-LD, OpenGraph, Twitter tags and the visible byline: parsed from the page, compared."""

from __future__ import annotations

import json
from html.parser import HTMLParser
from typing import Any

from tests.conftest import SiteMaker, settings


class PageFacts(HTMLParser):
    """Collects meta tags, canonical links, JSON-LD, <time> values and byline names."""

    def __init__(self) -> None:
        super().__init__()
        self.meta: dict[str, list[str]] = {}
        self.canonical: list[str] = []
        self.json_ld: list[Any] = []
        self.times: list[tuple[str, str]] = []  # (class, datetime)
        self.byline: list[tuple[str, str]] = []  # (href, name)
        self._script = False
        self._script_text = ""
        self._in_byline = False
        self._author_href: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "meta" and ("property" in a or "name" in a):
            self.meta.setdefault(a.get("property") or a["name"], []).append(a.get("content", ""))
        elif tag == "link" and a.get("rel") == "canonical":
            self.canonical.append(a["href"])
        elif tag == "script" and a.get("type") == "application/ld+json":
            self._script, self._script_text = True, ""
        elif tag == "time":
            self.times.append((a.get("class", ""), a.get("datetime", "")))
        elif tag == "p" and a.get("class") == "byline":
            self._in_byline = True
        elif tag == "a" and self._in_byline and a.get("class") == "author":
            self._author_href = a["href"]

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._script:
            self.json_ld.append(json.loads(self._script_text))
            self._script = False
        elif tag == "p":
            self._in_byline = False

    def handle_data(self, data: str) -> None:
        if self._script:
            self._script_text += data
        elif self._author_href is not None:
            self.byline.append((self._author_href, data))
            self._author_href = None


def facts(html: str) -> PageFacts:
    parser = PageFacts()
    parser.feed(html)
    return parser


def test_json_ld_opengraph_and_the_visible_byline_agree(site: SiteMaker) -> None:
    # Given an updated, corrected, illustrated article with two authors and two tags
    settings(site, top='publisher = "PT Kabar"\npublisher_logo = "logo.png"')
    site.write("content/media/foto.svg", "<svg xmlns='http://www.w3.org/2000/svg'/>")
    site.write("content/articles/jembatan-lama-script-retak.md", """---
title: "Jembatan \\"Lama\\" </script> Retak"
date: 2024-03-01T09:00:00+07:00
updated: 2024-03-02T10:00:00+07:00
authors: [Hmz, Ulm]
tags: [Infrastruktur, Banjir]
summary: Retakan sepanjang dua meter.
image: {src: media/foto.svg, alt: Jembatan}
corrections:
  - date: 2024-03-03T08:00:00+07:00
    text: Panjang retakan diralat.
---
Isi.
""")
    site.build()
    page = facts(site.read("2024/03/jembatan-lama-script-retak/index.html"))
    # Then the JSON-LD parses and says what the page says
    data, crumbs = page.json_ld
    assert crumbs["@type"] == "BreadcrumbList" and [
        (i["position"], i["name"]) for i in crumbs["itemListElement"]] == [
        (1, "Beranda"), (2, 'Jembatan "Lama" </script> Retak')]
    url = "https://kabar.example/2024/03/jembatan-lama-script-retak/"
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == 'Jembatan "Lama" </script> Retak'
    assert data["datePublished"] == "2024-03-01T09:00:00+07:00"
    assert data["dateModified"] == "2024-03-03T08:00:00+07:00"  # the correction counts
    assert data["mainEntityOfPage"]["@id"] == url and data["inLanguage"] == "id"
    assert data["image"] == ["https://kabar.example/media/foto.svg"]
    assert data["publisher"] == {"@type": "Organization", "name": "PT Kabar",
                                 "url": "https://kabar.example/",
                                 "logo": {"@type": "ImageObject",
                                          "url": "https://kabar.example/static/logo.png"}}
    assert data["correction"] == [{"@type": "CorrectionComment",
                                   "text": "Panjang retakan diralat.",
                                   "datePublished": "2024-03-03T08:00:00+07:00"}]
    people = [(p["url"].removeprefix("https://kabar.example"), p["name"]) for p in data["author"]]
    # ... and the visible byline links the same people to their pages
    assert page.byline == people == [("/author/hamid-zulkarnain/", "Hamid Zulkarnain"),
                                     ("/author/ulya-maharani/", "Ulya Maharani")]
    # ... and the visible dates are the same moments
    assert ("published", data["datePublished"]) in page.times
    assert ("", data["dateModified"]) in page.times
    # ... and OpenGraph and Twitter agree too
    meta = page.meta
    assert meta["og:title"] == [data["headline"]] == meta["twitter:title"]
    assert meta["og:type"] == ["article"] and meta["og:url"] == [url] == page.canonical
    assert meta["og:locale"] == ["id_ID"]
    assert meta["og:image"] == data["image"] == meta["twitter:image"]
    assert meta["article:published_time"] == [data["datePublished"]]
    assert meta["article:modified_time"] == [data["dateModified"]]
    assert meta["article:tag"] == ["Infrastruktur", "Banjir"] == data["keywords"]
    assert meta["twitter:card"] == ["summary_large_image"]
    assert meta["description"] == ["Retakan sepanjang dua meter."] == meta["og:description"]


def test_every_html_page_has_one_canonical_link(site: SiteMaker) -> None:
    site.article("a", "Satu", "2024-03-01T09:00:00+07:00", tags="[Banjir]", authors="[Hmz]")
    site.build()
    for path in site.snapshot():
        if path.endswith(".html"):
            canonical = facts(site.read(path)).canonical
            assert len(canonical) == 1 and canonical[0].startswith("https://kabar.example/"), path
