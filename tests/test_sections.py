"""Editorial sections, the editors' lead and picks, breadcrumbs and section navigation
(issue 18 items 5-7, issue 20 item 7): what site.toml and the frontmatter say, the
pages they make, and what an addition or a change rewrites."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from generator.build.pipeline import BuildOptions, build
from generator.config import parse_config
from generator.content.parse import ContentProblems, parse_article
from generator.errors import ConfigError
from tests.conftest import SiteMaker, fresh_checkout, settings

ROOT = Path(__file__).resolve().parents[1]

SECTIONS = """
[[sections]]
name = "Peristiwa"
order = 2

[[sections]]
name = "Pemerintahan"
order = 1
description = "Kebijakan kota."

[[sections]]
name = "Budaya & Wisata"
slug = "budaya-wisata"
order = 3
"""


def _sectioned(site: SiteMaker, extra: str = "") -> None:
    site.write("site.toml", (site.root / "site.toml").read_text(encoding="utf-8")
               + SECTIONS + extra)


# site.toml ------------------------------------------------------------------

def test_sections_are_read_in_menu_order_with_their_slugs() -> None:
    config = parse_config(SECTIONS + '\n[home]\nlead = "2024/03/a.md"\npicks = 2\n')
    assert [(s.name, s.slug, s.url) for s in config.sections] == [
        ("Pemerintahan", "pemerintahan", "/rubrik/pemerintahan/"),
        ("Peristiwa", "peristiwa", "/rubrik/peristiwa/"),
        ("Budaya & Wisata", "budaya-wisata", "/rubrik/budaya-wisata/")]
    assert config.sections[0].description == "Kebijakan kota."
    assert (config.home.lead, config.home.picks) == ("2024/03/a.md", 2)
    assert parse_config("").sections == () and parse_config("").home.picks == 4


def test_a_bad_section_entry_is_an_error_at_its_line() -> None:
    text = '[[sections]]\nname = "Kota"\n\n[[sections]]\nslug = "tanpa-nama"\n'
    with pytest.raises(ConfigError) as failed:
        parse_config(text)
    assert [str(p) for p in failed.value.problems] == [
        'site.toml:4: a [[sections]] entry needs a `name` \u2014 e.g. name = "Pemerintahan"']
    with pytest.raises(ConfigError) as failed:
        parse_config('[[sections]]\nname = "Kota"\n[[sections]]\nname = "kota"\n')
    assert "site.toml:3: the section 'kota' has the same name or slug as 'Kota'" in str(
        failed.value)
    # (The same name twice, a section copied and not renamed: one error, at the second.)
    with pytest.raises(ConfigError) as failed:
        parse_config('[[sections]]\nname = "Kota"\n[[sections]]\nname = "Kota"\n')
    assert [str(p) for p in failed.value.problems] == [
        "site.toml:3: the section 'Kota' has the same name or slug as 'Kota' \u2014 give each "
        "section its own name and slug"]


def test_a_misspelt_key_of_a_section_gets_did_you_mean() -> None:
    config = parse_config('[[sections]]\nname = "Kota"\norde = 1\n\n[home]\npick = 2\n')
    assert [str(p) for p in config.warnings] == [
        "site.toml:3: unknown key `orde` in [[sections]] \u2014 did you mean `order`?",
        "site.toml:6: unknown key `pick` in [home] \u2014 did you mean `picks`?"]


# Frontmatter -----------------------------------------------------------------

def _parse(text: str, config: str = SECTIONS) -> object:
    return parse_article(text, "content/articles/a.md", parse_config(config),
                         render=lambda markdown: f"<p>{markdown}</p>")


def test_section_is_matched_by_name_or_slug_in_any_case() -> None:
    for written in ("Pemerintahan", "pemerintahan", "PEMERINTAHAN", "budaya-wisata",
                    "Budaya & Wisata"):
        parsed = _parse(f"---\ntitle: A\ndate: 2024-03-01\nsection: {written}\n---\nIsi.\n")
        assert parsed.article.section in ("pemerintahan", "budaya-wisata")  # type: ignore[attr-defined]


def test_an_unknown_section_is_an_error_at_its_line_with_did_you_mean() -> None:
    with pytest.raises(ContentProblems) as failed:
        _parse("---\ntitle: A\ndate: 2024-03-01\ntags: [Kota]\nsection: Pemerintahn\n---\n")
    assert [str(p) for p in failed.value.problems] == [
        "content/articles/a.md:5: unknown section 'Pemerintahn' \u2014 did you mean "
        "`Pemerintahan`?"]
    with pytest.raises(ContentProblems) as failed:
        _parse("---\ntitle: A\ndate: 2024-03-01\nsection: Olahraga\n---\n")
    assert "use one of Pemerintahan, Peristiwa, Budaya & Wisata" in str(failed.value)


def test_a_section_without_configured_sections_is_a_warning_and_rubrik_suggests_it() -> None:
    parsed = _parse("---\ntitle: A\ndate: 2024-03-01\nsection: Kota\nrubrik: Kota\n---\n", "")
    assert parsed.article.section == ""  # type: ignore[attr-defined]
    assert [str(p) for p in parsed.warnings] == [  # type: ignore[attr-defined]
        "content/articles/a.md:4: the section 'Kota' is not used: site.toml has no "
        "[[sections]] \u2014 add the sections to site.toml (docs/configuration.md)",
        "content/articles/a.md:5: unknown key `rubrik` \u2014 did you mean `section`? As "
        "written, Warta does not read it"]


# Pages -----------------------------------------------------------------------

def _cards(html: str) -> list[str]:
    return re.findall(r'<h2 class="card-title"><a href="([^"]+)"', html)


def test_each_section_has_stable_pages_a_feed_and_a_place_in_the_menu(site: SiteMaker) -> None:
    # Given four articles of Peristiwa (page size 3) and none of the other sections
    _sectioned(site)
    for n in range(1, 5):
        site.article(f"p{n}", f"Peristiwa {n}", f"2024-03-0{n}T09:00:00+07:00",
                     section="Peristiwa", tags="[Banjir]")
    site.article("x", "Tanpa Rubrik", "2024-03-09T09:00:00+07:00", tags="[Banjir]")
    site.build()
    # Then the section's pages are numbered from the oldest, the newest at its URL (its
    # number points there)
    assert _cards(site.read("rubrik/peristiwa/page/1/index.html")) == [
        "/2024/03/peristiwa-3/", "/2024/03/peristiwa-2/", "/2024/03/peristiwa-1/"]
    assert _cards(site.read("rubrik/peristiwa/index.html")) == ["/2024/03/peristiwa-4/"]
    assert 'url=/rubrik/peristiwa/"' in site.read("rubrik/peristiwa/page/2/index.html")
    # ... an empty section still has its page (the menu links it) and its feed
    assert "<h1>Pemerintahan</h1>" in site.read("rubrik/pemerintahan/index.html")
    assert "Kebijakan kota." in site.read("rubrik/pemerintahan/index.html")
    feed = site.read("rubrik/peristiwa/feed.xml")
    assert feed.count("<entry>") == 4 and "Tanpa Rubrik" not in feed
    assert 'href="https://kabar.example/rubrik/peristiwa/"/>' in feed
    # ... and every page's menu lists the sections in their order, no tag
    menu = re.search(r'<nav class="site-nav".*?</nav>', site.read("index.html"), re.DOTALL)
    assert menu is not None
    assert re.findall(r'href="([^"]+)"', menu.group()) == [
        "/rubrik/pemerintahan/", "/rubrik/peristiwa/", "/rubrik/budaya-wisata/",
        "/arsip/", "/tag/"]
    assert 'href="/rubrik/peristiwa/" aria-current="page"' in site.read(
        "rubrik/peristiwa/index.html")
    assert "https://kabar.example/rubrik/peristiwa/" in site.read("sitemap.xml")


def _state(output: Path) -> dict[str, str]:
    return {p.relative_to(output).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(output.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("menu", ["sections", "nav_tags", "none"])
def test_a_new_popular_tag_leaves_the_menu_and_old_pages_alone(
        site: SiteMaker, menu: str) -> None:
    # Given an archive whose biggest tag is Pemilu, with the menu from the sections,
    # from `nav_tags`, or no menu of tags at all
    if menu == "sections":
        _sectioned(site)
    elif menu == "nav_tags":
        settings(site, top='nav_tags = ["Pemilu", "Pasar"]')
    for n in range(1, 10):
        site.article(f"a{n}", f"Berita {n}", f"2024-03-{n:02d}T09:00:00+07:00",
                     tags="[Pemilu]" if n % 3 else "[Pasar]",
                     section="Peristiwa" if menu == "sections" else "")
    site.build()
    before = _state(site.output)
    # When six articles with a new tag arrive, so that Banjir becomes the biggest
    for n in range(1, 7):
        site.article(f"b{n}", f"Banjir {n}", f"2024-03-{20 + n:02d}T09:00:00+07:00",
                     tags="[Banjir]", section="Peristiwa" if menu == "sections" else "")
    result = site.build()
    # Then no page of the older articles was rewritten but the newest one's (its newer
    # neighbour), and the menu did not change
    old_articles = {p for p in before if re.fullmatch(r"2024/03/berita-\d/index.html", p)}
    assert set(result.written) & old_articles == {"2024/03/berita-9/index.html"}
    assert "tag/pemilu/page/1/index.html" not in result.written
    after = site.read("index.html")
    assert "/tag/banjir/" not in re.search(r'<nav class="site-nav".*?</nav>', after,
                                           re.DOTALL).group()  # type: ignore[union-attr]


def test_featured_articles_lead_the_home_page_and_fill_the_editors_picks(
        site: SiteMaker) -> None:
    # Given featured articles older than the newest
    _sectioned(site)
    site.article("a", "Satu", "2024-03-01T09:00:00+07:00", featured="true")
    site.article("b", "Dua", "2024-03-02T09:00:00+07:00", featured="true")
    site.article("c", "Tiga", "2024-03-03T09:00:00+07:00")
    site.build()
    home = site.read("index.html")
    # Then the newest featured one leads, the others follow newest first, and the
    # picks are the other featured ones
    assert _cards(home) == ["/2024/03/dua/", "/2024/03/tiga/", "/2024/03/satu/"]
    assert re.search(r'class="card card-lead">.*?href="/2024/03/dua/"', home, re.DOTALL)
    picks = re.search(r'<section class="picks".*?</section>', home, re.DOTALL)
    assert picks is not None and re.findall(r'href="([^"]+)"', picks.group()) == [
        "/2024/03/satu/"]
    # ... labelled the top story, not the latest news, which the newest follow under
    assert _labels(home) == ["Berita utama", "Berita terbaru"]
    assert home.index("Berita terbaru") > home.index('class="picks"')
    # When site.toml names the lead, it leads: the newest, so the latest news
    site.write("site.toml", (site.root / "site.toml").read_text(encoding="utf-8")
               + '\n[home]\nlead = "c.md"\n')
    site.build()
    assert _cards(site.read("index.html"))[0] == "/2024/03/tiga/"
    assert _labels(site.read("index.html")) == ["Berita terbaru"]
    # When nothing is featured or named, the newest leads and there are no picks
    for name in ("a", "b"):
        path = site.root / f"content/articles/{name}.md"
        path.write_text(path.read_text(encoding="utf-8").replace("featured: true\n", ""),
                        encoding="utf-8")
    site.write("site.toml", (site.root / "site.toml").read_text(encoding="utf-8")
               .replace('lead = "c.md"', ""))
    site.build()
    home = site.read("index.html")
    assert _cards(home)[0] == "/2024/03/tiga/" and 'class="picks"' not in home


def _labels(home: str) -> list[str]:
    return re.findall(r'<h[12] class="section-label">([^<]+)</h[12]>', home)


def test_a_lead_site_toml_names_that_is_no_story_warns_until_it_is(
        site: SiteMaker, make_site: Callable[[str], SiteMaker]) -> None:
    # Given a lead named by a path mistyped, then by today's story before it is written
    site.article("2024/03/satu", "Satu", "2024-03-01T09:00:00+07:00")
    site.write("site.toml", (site.root / "site.toml").read_text(encoding="utf-8")
               + '\n[home]\nlead = "2024/03/kini.md"\n')
    line = (site.root / "site.toml").read_text(encoding="utf-8").splitlines().index(
        'lead = "2024/03/kini.md"') + 1
    warned = [str(p) for p in site.build().warnings]
    # Then each build says so at its line, the quick path as a fresh checkout does
    assert warned == [f"site.toml:{line}: `[home] lead` names '2024/03/kini.md', which is "
                      "no story on the site's lists: the home page leads with the newest "
                      "featured story, or the newest \u2014 write the path of a published "
                      "story's file (2025/03/banjir.md) or its slug; a draft, a scheduled or "
                      "a withdrawn story cannot lead"]
    site.article("2024/03/satu", "Satu", "2024-03-01T09:00:00+07:00", body="Ralat.\n")
    edited = site.build()
    fresh = fresh_checkout(site, make_site("fresh"))
    assert edited.quick and [str(p) for p in edited.warnings] == warned == [
        str(p) for p in fresh.build().warnings]
    # And when the story comes, it leads and the warning goes, both ways
    site.article("2024/03/kini", "Kini", "2024-03-02T09:00:00+07:00")
    assert not site.build().warnings
    assert _cards(site.read("index.html"))[0] == "/2024/03/kini/"
    assert not fresh_checkout(site, make_site("again")).build().warnings


def _json_ld(html: str) -> list[dict[str, object]]:
    return [json.loads(text) for text in re.findall(
        r'<script type="application/ld\+json">\s*(.*?)\s*</script>', html, re.DOTALL)]


def test_breadcrumbs_are_visible_and_the_same_breadcrumb_list(site: SiteMaker) -> None:
    _sectioned(site)
    site.article("a", "Banjir <Besar> & Angin", "2024-03-01T09:00:00+07:00",
                 section="budaya-wisata")
    site.article("b", "Tanpa Rubrik", "2024-03-02T09:00:00+07:00")
    site.build()
    for path, expected in (
            ("2024/03/banjir-besar-dan-angin/index.html",
             [("Beranda", "/"), ("Budaya & Wisata", "/rubrik/budaya-wisata/"),
              ("Banjir <Besar> & Angin", "/2024/03/banjir-besar-dan-angin/")]),
            ("2024/03/tanpa-rubrik/index.html",
             [("Beranda", "/"), ("Tanpa Rubrik", "/2024/03/tanpa-rubrik/")])):
        html = site.read(path)
        crumbs = [d for d in _json_ld(html) if d["@type"] == "BreadcrumbList"]
        assert len(crumbs) == 1 and crumbs[0]["@context"] == "https://schema.org"
        items = crumbs[0]["itemListElement"]
        assert [(i["@type"], i["position"], i["name"], i["item"]) for i in items] == [  # type: ignore[attr-defined]
            ("ListItem", n, name, "https://kabar.example" + url)
            for n, (name, url) in enumerate(expected, start=1)]
        trail = re.search(r'<nav class="breadcrumbs".*?</nav>', html, re.DOTALL)
        assert trail is not None
        shown = [re.sub(r"<[^>]+>", "", li).replace("&lt;", "<").replace("&gt;", ">")
                 .replace("&amp;", "&") for li in re.findall(r"<li>(.*?)</li>", trail.group())]
        assert shown == [name for name, _ in expected]
        assert trail.group().count('aria-current="page"') == 1


def _section_nav(html: str) -> tuple[list[str], list[str]]:
    nav = re.search(r'<nav class="section-nav".*?</nav>', html, re.DOTALL)
    assert nav is not None
    steps = re.search(r'<ul class="section-nav-steps">.*?</ul>', nav.group(), re.DOTALL)
    more = re.search(r'<ul class="section-nav-more">.*?</ul>', nav.group(), re.DOTALL)
    return (re.findall(r'href="([^"]+)"', steps.group()) if steps else [],
            re.findall(r'href="([^"]+)"', more.group()) if more else [])


def test_an_article_links_its_section_s_neighbours_and_more_of_it(site: SiteMaker) -> None:
    # Given seven articles of Peristiwa among others
    _sectioned(site)
    for n in range(1, 8):
        site.article(f"p{n}", f"Peristiwa {n}", f"2024-03-{2 * n:02d}T09:00:00+07:00",
                     section="Peristiwa")
        site.article(f"q{n}", f"Lain {n}", f"2024-03-{2 * n + 1:02d}T09:00:00+07:00",
                     section="Pemerintahan")
    site.build()
    # Then the sixth links the seventh and the fifth, then the three before the fifth
    steps, more = _section_nav(site.read("2024/03/peristiwa-6/index.html"))
    assert steps == ["/2024/03/peristiwa-7/", "/2024/03/peristiwa-5/"]
    assert more == ["/2024/03/peristiwa-4/", "/2024/03/peristiwa-3/", "/2024/03/peristiwa-2/"]
    steps, more = _section_nav(site.read("2024/03/peristiwa-1/index.html"))
    assert steps == ["/2024/03/peristiwa-2/"] and more == []
    # ... and the section's page, which shows its latest
    assert 'href="/rubrik/peristiwa/">Terbaru di Peristiwa' in site.read(
        "2024/03/peristiwa-1/index.html")
    # ... instead of the site's newer and older articles
    assert 'class="article-nav"' not in site.read("2024/03/peristiwa-6/index.html")


SECTION_CHANGES = {
    "add newest": ("content/articles/peristiwa-9.md", "---\ntitle: Peristiwa 9\ndate: "
                   "2024-03-29T09:00:00+07:00\nsection: Peristiwa\ntags: [Banjir]\n---\nIsi.\n"),
    "add backdated": ("content/articles/p0.md", "---\ntitle: Peristiwa 0\ndate: "
                      "2024-03-05T10:00:00+07:00\nsection: Peristiwa\n---\nIsi.\n"),
    "move to another section": ("content/articles/p4.md", None),
    "feature an old article": ("content/articles/p2.md", None),
    "edit a title": ("content/articles/p1.md", None),
}


@pytest.mark.parametrize("quick", [True, False])
@pytest.mark.parametrize("name", sorted(SECTION_CHANGES))
def test_a_section_change_matches_a_clean_build(
        name: str, quick: bool, make_site: object) -> None:
    # Given a built archive with sections
    site = make_site("incremental")  # type: ignore[operator]
    _sectioned(site)
    for n in range(1, 8):
        site.article(f"p{n}", f"Peristiwa {n}", f"2024-03-{2 * n:02d}T09:00:00+07:00",
                     section="Peristiwa" if n % 3 else "Pemerintahan", tags="[Banjir]")
    site.build(quick=quick)
    before = _state(site.output)
    # When one thing changes
    path, text = SECTION_CHANGES[name]
    if text is None:
        old = (site.root / path).read_text(encoding="utf-8")
        text = (old.replace("section: Peristiwa", "section: Budaya & Wisata")
                if name == "move to another section" else
                old.replace("title: Peristiwa 1", "title: Peristiwa Satu")  # (its slug kept)
                if name == "edit a title" else
                old.replace("---\nIsi", "featured: true\n---\nIsi")
                if "---\nIsi" in old else old.replace("\n---\n", "\nfeatured: true\n---\n", 1))
        assert text != old
    site.write(path, text)
    result = site.build(quick=quick)
    # Then the output is a clean build's, and only the files that differ were written
    clean = make_site("clean")  # type: ignore[operator]
    shutil.rmtree(clean.root)
    shutil.copytree(site.root, clean.root, ignore=shutil.ignore_patterns("output", ".warta"))
    build(BuildOptions(site_dir=clean.root))
    after = _state(site.output)
    assert after == _state(clean.output)
    assert set(result.written) == {p for p in after if before.get(p) != after[p]}
    # ... on the quick path for news, today's or filed late, an edit that moves nothing,
    # a story featured (the home page planned again) and a story moved to another
    # section (tests/test_relisted.py)
    assert result.quick == quick
    if name == "edit a title":  # the pages that link it in their section's navigation
        assert {"2024/03/peristiwa-2/index.html", "2024/03/peristiwa-4/index.html",
                "2024/03/peristiwa-5/index.html"} <= set(result.written)
    if name == "add newest":  # its page, its section's previous newest, and the two it
        # picked as related (the newest of "Banjir": 7 and 6) showing it as their
        # follow-up (plan/related.py), no other
        assert {p for p in result.written if re.fullmatch(r"2024/03/[^/]+/index.html", p)} \
            == {"2024/03/peristiwa-9/index.html", "2024/03/peristiwa-7/index.html",
                "2024/03/peristiwa-6/index.html"}
        assert 'href="/2024/03/peristiwa-9/">Peristiwa 9' in after_text(site, "peristiwa-6")


def after_text(site: SiteMaker, slug: str) -> str:
    """The follow-up box of an article page of March 2024."""
    html = site.read(f"2024/03/{slug}/index.html")
    return html.split('class="follow-up"')[1].split("</section>")[0]


def test_an_addition_to_the_demo_rewrites_at_most_25_files(tmp_path: Path) -> None:
    # Given the demo archive, built
    site = tmp_path / "demo"
    site.mkdir()
    shutil.copy(ROOT / "site.toml", site / "site.toml")
    shutil.copytree(ROOT / "content", site / "content")
    build(BuildOptions(site_dir=site))
    # When today's story arrives: a section, a tag, a byline
    (site / "content/articles/2026/11/jalan-berlubang.md").write_text(
        "---\ntitle: Warga Tambal Sendiri Jalan Berlubang di Ngampel\n"
        "date: 2026-11-28T09:00:00+07:00\ntags: [Lalu Lintas]\nsection: Pemerintahan\n"
        "authors: [Bgs]\n---\nWarga bergotong royong menambal lubang.\n", encoding="utf-8")
    result = build(BuildOptions(site_dir=site))
    # Then at most 25 files are rewritten, among them three other articles' pages: the
    # section's previous newest published (2026/11's is a draft) and the two it picked
    # as related (the newest of "Lalu Lintas"), which show it as their follow-up; the
    # menu, the other articles and old pages stay
    assert result.quick and len(result.written) <= 25, sorted(result.written)
    articles = {p for p in result.written
                if re.fullmatch(r"20\d\d/\d\d/[^/]+/index.html", p)}
    picked = {
        "2026/03/arus-balik-lebaran-terminal-sumberjaya-timur-tambah-40-bus-cadangan/index.html",
        "2025/04/jembatan-karangrejo-retak-kendaraan-berat-dilarang-melintas/index.html"}
    assert articles == {
        "2026/11/jalan-berlubang/index.html",
        "2026/04/kartu-menuju-sehat-kini-digital-kader-posyandu-dibekali-tablet/index.html",
        *picked}
    for page in picked:  # the old stories link their follow-up
        box = (site / "output" / page).read_text(encoding="utf-8").split('class="follow-up"')[1]
        assert 'href="/2026/11/jalan-berlubang/">Warga Tambal Sendiri' in box.split("</section>")[0]
    # ... as a clean build of the same content writes them (the search index aside:
    # Pagefind's bundles are not byte for byte the same from one run to the next)
    clean = tmp_path / "clean"
    shutil.copytree(site, clean, ignore=shutil.ignore_patterns("output", ".warta"))
    build(BuildOptions(site_dir=clean))
    pages = {k: v for k, v in _state(site / "output").items() if not k.startswith("pagefind/")}
    assert pages == {k: v for k, v in _state(clean / "output").items()
                     if not k.startswith("pagefind/")}
    assert {"rubrik/pemerintahan/index.html", "rubrik/pemerintahan/feed.xml"} <= set(
        result.written)
