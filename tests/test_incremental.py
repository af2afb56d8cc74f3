"""Every kind of change, built incrementally, equals a clean build of the same content,
and rewrites exactly the files whose bytes change (issue 5: dependencies are explicit
data, tested, never guessed)."""

from __future__ import annotations

import hashlib
import os
import shutil
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest

from generator.build.memos import BuildMemory
from generator.build.pipeline import BuildOptions, build
from generator.serve.preview import sources_hint
from generator.serve.watch import Change as WatchedChange
from generator.serve.watch import classify
from tests.conftest import SiteMaker, article
from tools.demo_photos import make_photo

Change = Callable[[Path], None]
CARD = Path(__file__).resolve().parents[1] / "themes/default/templates/_card.html"


def _archive(site: SiteMaker, tag_feeds: bool = True) -> None:
    # With tag feeds (off by default) unless told: the changes below run every way with
    # them, and the quick ones with the default too (`test_the_quick_path_without_...`).
    site.write("site.toml", 'title = "Uji"\nbase_url = "https://uji.example/"\npage_size = 3\n'
               'home_size = 4\n[authors]\nHmz = "Hamid Zulkarnain"\n[outputs]\nsearch = false\n'
               + ('tag_feeds = true\n' if tag_feeds else ''))
    for n in range(1, 11):
        site.article(f"2024/0{1 + n % 3}/a{n:02d}", f"Artikel {n:02d}",
                     f"2024-0{1 + n % 3}-{n:02d}T08:00:00+07:00",
                     body=f"Isi artikel {n}.\n\nParagraf kedua {n}.\n",
                     tags=f"[Tag {n % 3}, Semua]", authors="[Hmz]")
    site.write("content/pages/tentang.md", "---\ntitle: Tentang\nslug: tentang\n---\nKami.\n")
    site.write("content/media/foto.svg", "<svg xmlns='http://www.w3.org/2000/svg'/>")
    # Photos (issue 16): one article has a JPEG photo, published as derivatives.
    make_photo(site.root / "content/media/2024/foto.jpg", (640, 480), seed=1)
    _edit(site.root, 7, "tags:", f"{_PHOTO}\ntags:")


_PHOTO = "image: {src: media/2024/foto.jpg, alt: Foto}"


def _path(root: Path, n: int) -> Path:
    return root / f"content/articles/2024/0{1 + n % 3}/a{n:02d}.md"


def _edit(root: Path, n: int, old: str, new: str) -> None:
    path = _path(root, n)
    path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")


CHANGES: dict[str, Change] = {
    "edit body": lambda r: _edit(r, 5, "Paragraf kedua 5.", "Paragraf kedua 5, diperbaiki."),
    "edit title": lambda r: _edit(r, 5, "title: Artikel 05", "title: Artikel 05 Ralat"),
    "correction date": lambda r: _edit(r, 5, "tags:", "updated: 2024-04-01T10:00:00+07:00\ntags:"),
    # A correction noted on an older story, one the home page and the feeds no longer
    # show: its lists' entries in the sitemap move, not the home page's.
    "correction noted": lambda r: _edit(r, 9, "tags:", "corrections:\n  - {date: "
                                        "2024-04-02T09:00:00+07:00, text: Ralat nama.}\ntags:"),
    "touch": lambda r: os.utime(_path(r, 5), ns=(1, 1)),
    "edit tags": lambda r: _edit(r, 5, "tags: [Tag 2, Semua]", "tags: [Tag 0, Baru]"),
    "add newest": lambda r: (r / "content/articles/2024/03/baru.md").write_text(
        article("Artikel Baru", "2024-03-30T08:00:00+07:00", tags="[Tag 1]"),
        encoding="utf-8"),
    "add in the middle": lambda r: (r / "content/articles/2024/02/sisip.md").write_text(
        article("Sisipan", "2024-02-05T09:00:00+07:00", tags="[Semua]"), encoding="utf-8"),
    # Stories filed late (plan/insertion.py): into a sealed page, with a tag of its own,
    # several tags (the related articles of later ones move).
    "add in a sealed page": lambda r: (r / "content/articles/2024/02/lama.md").write_text(
        article("Kabar Lama", "2024-02-02T09:00:00+07:00", tags="[Tag 1, Semua]"),
        encoding="utf-8"),
    "add backdated with a new tag": lambda r: (r / "content/articles/2024/03/susul.md")
    .write_text(article("Susulan", "2024-03-04T09:00:00+07:00", tags="[Semua, Baru]"),
                encoding="utf-8"),
    # An old story imported: older than every article, the first of its tags and author.
    "add before every article": lambda r: (r / "content/articles/2024/01/lama.md")
    .write_text(article("Arsip Lama", "2024-01-01T07:00:00+07:00", tags="[Tag 0, Semua]",
                        authors="[Hmz]"), encoding="utf-8"),
    # A new reporter's first story, today's or filed late: their page is new.
    "add newest by a new author": lambda r: (r / "content/articles/2024/03/rina.md")
    .write_text(article("Liputan Rina", "2024-03-30T08:00:00+07:00", tags="[Tag 1]",
                        authors="[Rina Wulandari]"), encoding="utf-8"),
    "add backdated by a new author": lambda r: (r / "content/articles/2024/03/dewi.md")
    .write_text(article("Liputan Dewi", "2024-03-04T10:00:00+07:00", tags="[Semua]",
                        authors="[Dewi Lestari]"), encoding="utf-8"),
    "add backdated with every tag": lambda r: (r / "content/articles/2024/03/tiga.md")
    .write_text(article("Tiga Tag", "2024-03-03T09:00:00+07:00",
                        tags="[Tag 0, Tag 1, Tag 2, Semua]", authors="[Hmz]"),
                encoding="utf-8"),
    "delete": lambda r: _path(r, 4).unlink(),
    # Withdrawn by the editors: it leaves every list, its address shows the notice.
    "withdraw": lambda r: _edit(r, 4, "tags:", "withdrawn: Ditarik redaksi.\ntags:"),
    "rename file": lambda r: _path(r, 4).rename(_path(r, 4).with_name("pindah.md")),
    "move between pages by date": lambda r: _edit(r, 2, "2024-03-02T08", "2024-03-29T08"),
    # A story's time corrected, keeping its place (no story, and no end of a page it is
    # on, between its two times): the newest one's, and an older one's.
    "newest time corrected": lambda r: _edit(r, 8, "2024-03-08T08", "2024-03-08T06"),
    "time corrected": lambda r: _edit(r, 2, "2024-03-02T08:00", "2024-03-02T19:30"),
    "draft": lambda r: _edit(r, 6, "tags:", "draft: true\ntags:"),
    "template edit": lambda r: (r / "templates").mkdir() or (r / "templates/404.html")
    .write_text("{% extends 'base.html' %}{% block content %}<p>Hilang.</p>{% endblock %}",
                encoding="utf-8"),
    # Pages show cards through the `card` global, not an import: they depend on it all
    # the same.
    "card template edit": lambda r: (r / "templates").mkdir() or (r / "templates/_card.html")
    .write_text(CARD.read_text(encoding="utf-8").replace('class="card-title"',
                                                         'class="card-title judul"'),
                encoding="utf-8"),
    "config edit": lambda r: (r / "site.toml").write_text(
        (r / "site.toml").read_text(encoding="utf-8").replace('"Uji"', '"Uji Baru"'),
        encoding="utf-8"),
    "author name in config": lambda r: (r / "site.toml").write_text(
        (r / "site.toml").read_text(encoding="utf-8").replace("Hamid Zulkarnain", "Hamid Z."),
        encoding="utf-8"),
    "theme static file": lambda r: (r / "static").mkdir() or (r / "static/tambahan.css")
    .write_text("body{}", encoding="utf-8"),
    "media file": lambda r: (r / "content/media/foto.svg").write_text(
        "<svg xmlns='http://www.w3.org/2000/svg'><rect/></svg>", encoding="utf-8"),
    # Photos (issue 16): changed in place, touched, added in a text, no longer shown.
    "photo replaced": lambda r: make_photo(r / "content/media/2024/foto.jpg", (800, 600),
                                           seed=2),
    "photo touched": lambda r: os.utime(r / "content/media/2024/foto.jpg", ns=(1, 1)),
    "photo in a text": lambda r: make_photo(r / "content/media/2024/baru.jpg", (500, 400))
    or _edit(r, 5, "Paragraf kedua 5.", "Paragraf kedua 5.\n\n![Baru](media/2024/baru.jpg)"),
    "photo taken off": lambda r: _edit(r, 7, _PHOTO + "\n", ""),
    "static page": lambda r: (r / "content/pages/tentang.md").write_text(
        "---\ntitle: Tentang Kami\nslug: tentang\n---\nKami.\n", encoding="utf-8"),
    "static page text": lambda r: (r / "content/pages/tentang.md").write_text(
        "---\ntitle: Tentang\nslug: tentang\n---\nKami, redaksi.\n", encoding="utf-8"),
}


# A correction beside today's news, or beside a story filed late, in one build; stories
# filed late together, into one page or apart.
CHANGES.update({
    "edit and add newest": lambda r: _both(r, "edit body", "add newest"),
    "add two backdated": lambda r: _both(r, "add in a sealed page",
                                         "add backdated with a new tag"),
    "add two backdated into one page": lambda r: _both(r, "add in a sealed page") or (
        r / "content/articles/2024/02/lama2.md").write_text(
        article("Kabar Lama Dua", "2024-02-03T09:00:00+07:00", tags="[Tag 1, Semua]"),
        encoding="utf-8"),
    "add three backdated apart": lambda r: _both(r, "add before every article",
                                                 "add backdated by a new author",
                                                 "add backdated with every tag"),
    "edit title and add two backdated": lambda r: _both(r, "edit title", "add two backdated"),
    "add backdated and newest": lambda r: _both(r, "add in a sealed page", "add newest"),
    "add backdated and newest by new authors": lambda r: _both(
        r, "add backdated by a new author", "add newest by a new author"),
    "edit the neighbour and add newest": lambda r: _both(r, "add newest") or _edit(
        r, 8, "Paragraf kedua 8.", "Paragraf kedua 8, diperbaiki."),
    "edit title and add backdated": lambda r: _both(r, "edit title", "add in a sealed page"),
    "correction noted and add newest": lambda r: _both(r, "correction noted", "add newest"),
    "correction date and add backdated": lambda r: _both(r, "correction date",
                                                         "add in a sealed page"),
})


def _both(root: Path, *names: str) -> None:
    for name in names:
        CHANGES[name](root)


# The changes `warta build` takes the quick path (build/quick.py): nothing moved (a
# corrected headline keeps its address, a photo shown first or changed in place is
# derived, one no longer shown leaves, a media file is copied), or articles appended
# after every published one.
SHORT = {"edit body", "edit title", "edit tags", "correction date", "correction noted",
         "correction noted and add newest", "correction date and add backdated", "touch",
         "add newest", "add in the middle", "photo in a text", "photo taken off", "media file",
         "photo replaced", "photo touched", "withdraw", "delete", "static page text",
         "rename file",
         "newest time corrected", "time corrected",
         "add in a sealed page", "add backdated with a new tag",
         "add backdated with every tag", "add newest by a new author",
         "add backdated by a new author", "add before every article", "edit and add newest",
         "edit the neighbour and add newest", "edit title and add backdated",
         "add two backdated", "add two backdated into one page", "add three backdated apart",
         "edit title and add two backdated", "add backdated and newest",
         "add backdated and newest by new authors"}

# For the everyday changes, the exact files, so that a regression that makes
# them cost more (say, every page) fails even if it stays correct.
EXPECTED_WRITES = {
    "edit body": {
        "2024/03/artikel-05/index.html", "feed.xml", "rss.xml", "feed.json",
        "tag/semua/feed.xml", "tag/tag-2/feed.xml", "author/hamid-zulkarnain/feed.xml",
    },
    "add newest": {
        "2024/03/baru/index.html", "2024/03/artikel-08/index.html",
        "index.html", "arsip/index.html",
        "tag/tag-1/index.html", "tag/tag-1/feed.xml",
        # (the month's page 1 takes its number; page 2 opens, its number pointing to the
        # month's URL since page 1 filled up; the date indexes show no counts)
        "2024/03/index.html", "2024/03/page/1/index.html",
        "feed.xml", "rss.xml", "feed.json", "sitemap.xml",
        # The two it picked as related (the newest of Tag 1) show it as their follow-up.
        "2024/02/artikel-10/index.html", "2024/02/artikel-07/index.html",
    },
}


def _sources(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file() and not p.relative_to(root).as_posix().startswith(
                ("output/", ".warta/"))}


def _state(output: Path) -> dict[str, tuple[str, int]]:
    return {p.relative_to(output).as_posix(): (hashlib.sha256(p.read_bytes()).hexdigest(),
                                                p.stat().st_mtime_ns)
            for p in sorted(output.rglob("*")) if p.is_file()}


def _hashes(state: dict[str, tuple[str, int]]) -> dict[str, str]:
    return {path: digest for path, (digest, _) in state.items()}


def _clean_hashes(site: SiteMaker, make_site: Callable[[str], SiteMaker]) -> dict[str, str]:
    """The output of a clean build of `site`'s sources (no output, no cache)."""
    clean = make_site("clean")
    shutil.rmtree(clean.root)
    shutil.copytree(site.root, clean.root, ignore=shutil.ignore_patterns("output", ".warta"))
    build(BuildOptions(site_dir=clean.root))
    return _hashes(_state(clean.output))


@pytest.mark.parametrize("name", sorted(SHORT))
def test_the_quick_path_without_tag_feeds_matches_a_clean_build(
        name: str, make_site: Callable[[str], SiteMaker]) -> None:
    # Given the archive with the default outputs (no tag feeds: the host rules answer
    # their addresses with 410), built; when one thing changes
    site = make_site("incremental")
    _archive(site, tag_feeds=False)
    options = BuildOptions(site_dir=site.root, quick=True)
    build(options)
    before = _state(site.output)
    CHANGES[name](site.root)
    result = build(options)
    after = _state(site.output)
    # Then the quick path equals a clean build, and wrote exactly what differs
    assert _hashes(after) == _clean_hashes(site, make_site)
    assert set(result.written) == {p for p in after if before.get(p, ("",))[0] != after[p][0]}
    assert result.quick and "410.html" in after


@pytest.mark.parametrize("process", ["build", "build the whole way", "serve"])
@pytest.mark.parametrize("name", sorted(CHANGES))
def test_a_change_rewrites_exactly_what_differs_and_matches_a_clean_build(
        name: str, process: str, make_site: Callable[[str], SiteMaker]) -> None:
    # Given a built archive, by `warta build` (a new process each time, memos from the
    # cache; the quick path when nothing moved, or always the whole pipeline) or by
    # `warta serve` (one process keeping them in memory, trusting its folder)
    site = make_site("incremental")
    _archive(site)
    memory = BuildMemory() if process == "serve" else None
    options = BuildOptions(site_dir=site.root, trust_output=process == "serve",
                           quick=process == "build")
    build(options, memory=memory)
    before = _state(site.output)
    sources = _sources(site.root)
    # When one thing changes and the site is built again (told which files changed, as
    # the watcher of `warta serve` tells its builds)
    CHANGES[name](site.root)
    if process == "serve":
        touched = {p for p in sources.keys() | _sources(site.root).keys()
                   if sources.get(p) != _sources(site.root).get(p)}
        change = WatchedChange(tuple(sorted(touched)),
                        frozenset(k for p in touched if (k := classify(p)) is not None))
        options = replace(options, sources_changed=sources_hint(change))
    result = build(options, memory=memory)
    after = _state(site.output)
    # Then it equals a clean build of the same content, byte for byte
    assert _hashes(after) == _clean_hashes(site, make_site)
    # And exactly the files whose bytes changed were written; the others kept their mtime
    differ = {p for p in after if p not in before or before[p][0] != after[p][0]}
    assert set(result.written) == differ
    assert set(result.removed) == set(before) - set(after)
    assert all(after[p][1] == before[p][1] for p in after if p not in differ)
    if name in EXPECTED_WRITES:
        assert set(result.written) == EXPECTED_WRITES[name]
    # A renamed file keeps its URL (its `slug:`): nothing to rewrite.
    assert bool(differ or result.removed) == (
        name not in ("rename file", "touch", "photo touched"))
    # The quick path is taken exactly when nothing moved
    assert result.quick == (process == "build" and name in SHORT)
    # An edit that moves no article takes its plan from the previous build's memo.
    if name == "edit body":
        assert result.reused > len(before) // 2


def test_a_damaged_page_of_an_edit_beside_an_append_is_stored_with_the_edit(
        make_site: Callable[[str], SiteMaker]) -> None:
    # Given a built archive
    site = make_site("incremental")
    _archive(site)
    options = BuildOptions(site_dir=site.root, quick=True)
    build(options)
    # When a headline is corrected beside today's news (of another tag), and the feed
    # of the corrected article's tag was lost from the output folder
    CHANGES["edit title"](site.root)
    CHANGES["add newest"](site.root)
    (site.output / "tag/tag-2/feed.xml").unlink()
    assert build(options).quick
    assert "Artikel 05 Ralat" in site.read("tag/tag-2/feed.xml")
    # And the correction is taken back
    _edit(site.root, 5, "title: Artikel 05 Ralat", "title: Artikel 05")
    # Then the quick build writes the feed again: it was stored with the corrected
    # headline, not the one before (found by a reviewer)
    assert build(options).quick
    assert "Artikel 05 Ralat" not in site.read("tag/tag-2/feed.xml")
