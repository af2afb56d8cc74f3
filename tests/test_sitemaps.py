"""sitemap.xml (split under an index when big), the Google News sitemap and robots.txt."""

from __future__ import annotations

import random
import shutil
import xml.etree.ElementTree as ET
from collections.abc import Callable
from datetime import UTC, datetime

import pytest

from generator.plan.adder import Adder
from generator.plan.sitemaps import grown_parts, sitemap_parts
from tests.conftest import SiteMaker, settings

SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
NEWS = "{http://www.google.com/schemas/sitemap-news/0.9}"


def urls_of(text: str) -> dict[str, str | None]:
    root = ET.fromstring(text)
    assert root.tag == SM + "urlset"
    return {u.findtext(SM + "loc") or "": u.findtext(SM + "lastmod") for u in root}


def four_articles(site: SiteMaker) -> None:
    site.article("a", "Satu", "2024-03-01T09:00:00+07:00", tags="[Banjir]", authors="[Hmz]")
    site.article("b", "Dua", "2024-03-02T09:00:00+07:00", tags="[Banjir]",
                 updated="2024-03-04T12:00:00+07:00")
    site.article("c", "Tiga", "2024-03-03T09:00:00+07:00")
    site.article("d", "Ditarik", "2024-03-03T10:00:00+07:00", withdrawn="Tidak akurat.")
    site.write("content/pages/tentang.md", "---\ntitle: Tentang\n---\nKami.\n")


def monthly(site: SiteMaker, count: int, tags: Callable[[int], str] = lambda n: "[Kota]") -> None:
    """Articles 1 to `count`, a few days apart from January 2024, with `tags(n)`."""
    for n in range(1, count + 1):
        site.article(f"2024/{1 + n // 12:02d}/a{n:02d}", f"Artikel {n:02d}",
                     f"2024-{1 + n // 12:02d}-{1 + n % 12:02d}T08:00:00+07:00", tags=tags(n))


def test_the_sitemap_lists_every_canonical_page_with_content_dates(site: SiteMaker) -> None:
    four_articles(site)
    site.build()
    found = urls_of(site.read("sitemap.xml"))
    base = "https://kabar.example"
    assert found[f"{base}/2024/03/satu/"] == "2024-03-01T09:00:00+07:00"
    assert found[f"{base}/2024/03/dua/"] == "2024-03-04T12:00:00+07:00"  # updated moves lastmod
    assert found[f"{base}/"] == "2024-03-04T12:00:00+07:00"
    for url in ("/tag/banjir/", "/arsip/", "/tentang/", "/2024/03/", "/2024/",
                "/author/hamid-zulkarnain/"):
        assert base + url in found, url
    # Withdrawn articles, redirects, the 404 page and feeds are not canonical pages.
    assert f"{base}/2024/03/ditarik/" not in found
    assert not any(u.endswith((".xml", "404.html")) for u in found)
    # Every URL in it exists in the output.
    files = set(site.snapshot())
    for url in found:
        path = url.removeprefix(base + "/")
        assert path + "index.html" in files or path in files, url


def test_a_lists_older_pages_are_left_out_of_the_sitemap(site: SiteMaker) -> None:
    # Given ten articles of one tag in pages of three: four pages in each list
    monthly(site, 10)
    site.build()
    assert "arsip/page/3/index.html" in site.snapshot()
    # Then the sitemap lists each list's own address (its newest page), no numbered one:
    # each page a list gains would be one more sitemap part rewritten by its addition
    found = urls_of(site.read("sitemap.xml"))
    base = "https://kabar.example"
    assert {f"{base}/arsip/", f"{base}/tag/kota/", f"{base}/2024/01/"} <= found.keys()
    assert not [url for url in found if "/page/" in url]


def test_a_big_sitemap_is_split_under_an_index(site: SiteMaker) -> None:
    settings(site, top="sitemap_size = 5")
    four_articles(site)
    site.build()
    index = ET.fromstring(site.read("sitemap.xml"))
    assert index.tag == SM + "sitemapindex"
    parts = [s.findtext(SM + "loc") or "" for s in index]
    assert parts[0] == "https://kabar.example/sitemap-1.xml" and len(parts) > 1
    total: dict[str, str | None] = {}
    for part in parts:
        found = urls_of(site.read(part.removeprefix("https://kabar.example/")))
        assert 0 < len(found) <= 5 and not found.keys() & total.keys()
        total.update(found)
    # (the home page and each list's own address in parts of their own, the fronts)
    fronts = {u for p in parts if "/sitemap-fronts-" in p
              for u in urls_of(site.read(p.removeprefix("https://kabar.example/")))}
    assert fronts == {"https://kabar.example/", "https://kabar.example/arsip/",
                      "https://kabar.example/tag/banjir/", "https://kabar.example/2024/03/",
                      "https://kabar.example/author/hamid-zulkarnain/"}
    config = (site.root / "site.toml").read_text(encoding="utf-8")
    site.write("site.toml", config.replace("sitemap_size = 5", "sitemap_size = 10000"))
    site.build()
    assert urls_of(site.read("sitemap.xml")) == total
    assert not (site.output / "sitemap-1.xml").exists()
    assert not (site.output / "sitemap-fronts-1.xml").exists()


def test_todays_story_changes_its_own_part_and_one_of_the_fronts(
        make_site: Callable[[str], SiteMaker]) -> None:
    # Given an archive of many tags whose sitemap is split in parts of at most 40
    site = make_site("kabar")
    settings(site, top="sitemap_size = 40")
    monthly(site, 130, lambda n: f"[Topik {n % 20}, Kota]")
    site.build()
    before = {p: h for p, (h, _) in site.snapshot().items() if p.startswith("sitemap")}
    assert len(before) > 4
    # When today's story with five tags arrives
    site.article("2024/11/baru", "Kabar Baru", "2024-11-20T09:00:00+07:00",
                 tags="[Topik 1, Topik 2, Topik 4, Topik 7, Topik 9]")
    assert site.build().quick
    # Then its own part, one part of the fronts (whose lastmod moves with it: its
    # tags', month's, archive's and home page's own addresses) and the index change,
    # not a part for each list it joins
    after = {p: h for p, (h, _) in site.snapshot().items() if p.startswith("sitemap")}
    changed = sorted(p for p in after if before.get(p) != after[p])
    assert len(changed) == 3 and "sitemap.xml" in changed, changed
    fronts = [p for p in changed if p.startswith("sitemap-fronts-")]
    assert len(fronts) == 1
    listed = urls_of(site.read(fronts[0]))
    assert {listed[f"https://kabar.example/tag/topik-{n}/"] for n in (1, 2, 4, 7, 9)} == {
        "2024-11-20T09:00:00+07:00"}
    assert "https://kabar.example/2024/11/kabar-baru/" in urls_of(
        site.read(next(p for p in changed if p not in fronts and p != "sitemap.xml")))


def test_an_append_plans_only_the_parts_that_change(
        make_site: Callable[[str], SiteMaker], monkeypatch: pytest.MonkeyPatch) -> None:
    # Given an archive whose sitemap is split in parts of at most 40
    site = make_site("kabar")
    settings(site, top="sitemap_size = 40")
    monthly(site, 130, lambda n: f"[Topik {n % 20}, Kota]")
    site.build()
    before = {p: h for p, (h, _) in site.snapshot().items() if p.startswith("sitemap")}
    # When today's story arrives, the pages planned are recorded
    planned: list[str] = []
    add = Adder.add

    def recording(self: Adder, url: str, *args: object, **fields: object) -> None:
        planned.append(url)
        add(self, url, *args, **fields)  # type: ignore[arg-type]

    monkeypatch.setattr(Adder, "add", recording)
    site.article("2024/11/baru", "Kabar Baru", "2024-11-20T09:00:00+07:00",
                 tags="[Topik 1, Topik 2]")
    assert site.build().quick
    # Then the sitemaps it planned are those that changed: the others are not hashed
    # again to find them as they were
    after = {p: h for p, (h, _) in site.snapshot().items() if p.startswith("sitemap")}
    changed = sorted(p for p in after if before.get(p) != after[p])
    assert sorted(u.lstrip("/") for u in planned if u.startswith("/sitemap")) == changed
    assert len(after) > len(changed) + 2


def test_a_story_filed_late_changes_one_sitemap_part(site: SiteMaker) -> None:
    # Given an archive whose sitemap is split in parts of at most twenty addresses
    settings(site, top="sitemap_size = 20")
    monthly(site, 30)
    site.build()
    before = {p: h for p, (h, _) in site.snapshot().items() if p.startswith("sitemap-")}
    assert len(before) > 2
    # When a story filed late is added in the middle of the archive
    site.article("2024/02/telat", "Kabar Telat", "2024-02-05T09:00:00+07:00", tags="[Kota]")
    site.build()
    # Then only the part its address falls in changes (parts cut by address order
    # would each take the entry before them), and it lists the story
    after = {p: h for p, (h, _) in site.snapshot().items() if p.startswith("sitemap-")}
    changed = {p for p in after if before.get(p) != after[p]}
    assert len(changed) == 1 and after.keys() == before.keys()
    assert "https://kabar.example/2024/02/kabar-telat/" in urls_of(site.read(changed.pop()))


def test_quick_additions_give_the_parts_of_a_clean_build(
        make_site: Callable[[str], SiteMaker]) -> None:
    # Given an archive whose sitemap is split in parts of at most twenty addresses
    site = make_site("kabar")
    settings(site, top="sitemap_size = 20")
    monthly(site, 30)
    site.build()
    additions = [  # today's by a new reporter, one filed late, one older than every other
        ("2024/03/baru", "Kabar Baru", "2024-03-20T09:00:00+07:00", "[Rina]", "[Kota]"),
        ("2024/02/telat", "Kabar Telat", "2024-02-05T09:00:00+07:00", "[Dewi]", "[Kota, Pasar]"),
        ("2024/01/lama", "Kabar Lama", "2024-01-01T07:00:00+07:00", "[Rina]", "[Kota]"),
    ]
    for path, title, date, authors, tags in additions:
        # When each is added, the quick path merging it into the parts it had
        site.article(path, title, date, authors=authors, tags=tags)
        assert site.build().quick
        # Then the sitemap's parts are those a clean build cuts
        clean = make_site("clean")
        shutil.rmtree(clean.root, ignore_errors=True)
        shutil.copytree(site.root, clean.root, ignore=shutil.ignore_patterns("output", ".warta"))
        clean.build()
        mine = {p: h for p, (h, _) in site.snapshot().items() if p.startswith("sitemap")}
        assert len(mine) > 3
        assert mine == {p: h for p, (h, _) in clean.snapshot().items()
                        if p.startswith("sitemap")}


def test_an_appends_parts_are_those_cut_afresh() -> None:
    # Given sitemaps of every size around a few part sizes, cut in parts
    merged = dropping = 0
    for seed in range(2000):
        rng = random.Random(seed)
        size = rng.choice((2, 3, 5, 8, 20))
        entries = {f"/{rng.randrange(10**6)}/": f"2024-0{rng.randrange(1, 10)}" for _ in
                   range(rng.randrange(1, 12 * size))}
        parts = sitemap_parts(entries, size)
        # When an append adds a few addresses and changes the date of others, and now
        # and then a list it left with no article drops its address
        updates = {f"/{rng.randrange(10**6)}/": "2025-01" for _ in range(rng.randrange(1, 4))}
        updates.update((url, "2025-02") for url in rng.sample(sorted(entries), 1))
        dropped = set(rng.sample(sorted(set(entries) - set(updates)),
                                 min(rng.randrange(3), len(set(entries) - set(updates)))))
        after = {url: m for url, m in {**entries, **updates}.items() if url not in dropped}
        grown = grown_parts(parts, updates, size, dropped)
        # Then merging them into their parts gives the parts cut afresh, or is refused
        if grown is not None:
            merged += 1
            dropping += bool(dropped)
            assert grown == sitemap_parts(after, size)
        # (also when the parts were cut for another size: never a wrong answer)
        other = rng.choice((2, 3, 5, 8, 20))
        grown = grown_parts(parts, updates, other, dropped)
        assert grown is None or grown == sitemap_parts(after, other)
    # (and it is refused only where the parts are cut again: one part, a part left out
    # empty, a part overfull or more parts needed)
    assert merged > 400
    assert dropping > 200


def test_an_unchanged_archive_gives_an_unchanged_sitemap(site: SiteMaker) -> None:
    four_articles(site)
    site.build(now=datetime(2024, 3, 10, tzinfo=UTC))
    before = site.read("sitemap.xml")
    site.article("c", "Tiga", "2024-03-03T09:00:00+07:00", "Isi baru.\n")
    result = site.build(now=datetime(2024, 5, 1, tzinfo=UTC))
    assert "sitemap.xml" not in result.written and site.read("sitemap.xml") == before


def test_the_news_sitemap_holds_the_last_two_days(site: SiteMaker) -> None:
    four_articles(site)
    site.article("e", "Kabar Terkini", "2024-03-09T20:00:00+07:00")
    site.build(now=datetime.fromisoformat("2024-03-10T08:00:00+07:00"))
    root = ET.fromstring(site.read("news-sitemap.xml"))
    assert [u.findtext(SM + "loc") for u in root] == ["https://kabar.example/2024/03/kabar-terkini/"]
    news = root[0].find(NEWS + "news")
    assert news is not None
    assert news.findtext(f"{NEWS}publication/{NEWS}name") == "Kabar Contoh"
    assert news.findtext(f"{NEWS}publication/{NEWS}language") == "id"
    assert news.findtext(NEWS + "publication_date") == "2024-03-09T20:00:00+07:00"
    assert news.findtext(NEWS + "title") == "Kabar Terkini"
    # Three days later it is empty again.
    site.build(now=datetime.fromisoformat("2024-03-13T08:00:00+07:00"))
    assert len(ET.fromstring(site.read("news-sitemap.xml"))) == 0


def test_the_publisher_name_comes_from_site_toml(site: SiteMaker) -> None:
    settings(site, top='publisher = "PT Kabar Media"')
    site.article("e", "Kabar Terkini", "2024-03-09T20:00:00+07:00")
    site.build(now=datetime.fromisoformat("2024-03-10T08:00:00+07:00"))
    assert "<news:name>PT Kabar Media</news:name>" in site.read("news-sitemap.xml")


def test_the_news_sitemap_names_the_language_as_google_news_reads_it(site: SiteMaker) -> None:
    # (ISO 639: `id`, where the pages' `lang` is `id-ID`)
    site.write("site.toml", (site.root / "site.toml").read_text().replace(
        'language = "id"', 'language = "id-ID"'))
    site.article("e", "Kabar Terkini", "2024-03-09T20:00:00+07:00")
    site.build(now=datetime.fromisoformat("2024-03-10T08:00:00+07:00"))
    assert "<news:language>id</news:language>" in site.read("news-sitemap.xml")
    assert '<html lang="id-ID">' in site.read("index.html")


def test_robots_txt_points_at_the_sitemaps(site: SiteMaker) -> None:
    site.build()
    robots = site.read("robots.txt")
    assert "User-agent: *" in robots
    assert "Sitemap: https://kabar.example/sitemap.xml" in robots
    assert "Sitemap: https://kabar.example/news-sitemap.xml" in robots


def test_sitemaps_can_be_switched_off(site: SiteMaker) -> None:
    settings(site, outputs="sitemaps = false")
    four_articles(site)
    site.build()
    files = set(site.snapshot())
    assert not {"sitemap.xml", "news-sitemap.xml", "robots.txt"} & files
