"""Atom, RSS and JSON feeds: parsed by real parsers, keyed on content, rebuilt only when touched."""

from __future__ import annotations

import json
import shutil
import xml.etree.ElementTree as ET
from collections.abc import Callable
from datetime import UTC, datetime

import feedparser
import pytest

from generator.errors import TemplateError
from tests.conftest import SiteMaker, settings

ATOM = "{http://www.w3.org/2005/Atom}"
CONTENT = "{http://purl.org/rss/1.0/modules/content/}"


def three_articles(site: SiteMaker) -> None:
    site.article("a", "Banjir Melanda Kota", "2024-03-01T09:00:00+07:00",
                 "Air setinggi **lutut** & arus deras.\n", tags="[Banjir]", authors="[Hmz]",
                 summary="Ringkasan banjir.")
    site.article("b", "Harga Beras Naik", "2024-03-02T09:00:00+07:00", tags="[Pasar]",
                 authors="[Ulm]", updated="2024-03-05T10:00:00+07:00")
    site.article("c", "Tanggul <Jebol>", "2024-03-03T09:00:00+07:00", tags="[Banjir, Pasar]",
                 authors="[Hmz, Ulm]")


def test_every_feed_parses_without_errors(site: SiteMaker) -> None:
    settings(site, outputs="tag_feeds = true")
    three_articles(site)
    site.build()
    for path in ("feed.xml", "rss.xml", "tag/banjir/feed.xml", "tag/pasar/feed.xml",
                 "author/hamid-zulkarnain/feed.xml", "author/ulya-maharani/feed.xml"):
        parsed = feedparser.parse(site.read(path))
        assert parsed.bozo == 0, (path, parsed.get("bozo_exception"))
        assert parsed.entries, path
    banjir = feedparser.parse(site.read("tag/banjir/feed.xml"))
    assert [e.title for e in banjir.entries] == ["Tanggul <Jebol>", "Banjir Melanda Kota"]


def test_atom_has_the_required_elements_and_full_content(site: SiteMaker) -> None:
    three_articles(site)
    site.build()
    feed = ET.fromstring(site.read("feed.xml"))
    for name in ("id", "title", "updated"):
        assert feed.find(ATOM + name) is not None and feed.findtext(ATOM + name)
    assert feed.find(ATOM + "author/" + ATOM + "name") is not None
    assert feed.find(f"{ATOM}link[@rel='self']").get("href") == "https://kabar.example/feed.xml"
    entries = feed.findall(ATOM + "entry")
    assert len(entries) == 3
    for entry in entries:
        for name in ("id", "title", "updated", "published", "content", "summary"):
            assert entry.find(ATOM + name) is not None, name
        assert entry.find(f"{ATOM}link[@rel='alternate']") is not None
    oldest = entries[-1]
    assert oldest.findtext(ATOM + "id") == \
        "tag:kabar.example,2024-03-01:/2024/03/banjir-melanda-kota/"
    assert oldest.find(ATOM + "content").get("type") == "html"
    assert "<strong>lutut</strong> &amp; arus deras" in oldest.findtext(ATOM + "content")
    assert oldest.findtext(ATOM + "summary") == "Ringkasan banjir."
    updated = {e.findtext(ATOM + "title"): e.findtext(ATOM + "updated") for e in entries}
    assert updated["Harga Beras Naik"] == "2024-03-05T10:00:00+07:00"
    # The feed's own `updated` is its newest content, not the build time.
    assert feed.findtext(ATOM + "updated") == "2024-03-05T10:00:00+07:00"


def test_rss_has_the_required_elements_and_content_encoded(site: SiteMaker) -> None:
    three_articles(site)
    site.build()
    channel = ET.fromstring(site.read("rss.xml")).find("channel")
    assert channel is not None
    for name in ("title", "link", "description"):
        assert channel.findtext(name)
    items = channel.findall("item")
    assert len(items) == 3
    for item in items:
        assert item.findtext("title") and item.findtext("link") and item.findtext("pubDate")
        assert item.find("guid") is not None and item.find(CONTENT + "encoded") is not None
    assert items[0].findtext("pubDate") == "Sun, 03 Mar 2024 09:00:00 +0700"
    parsed = feedparser.parse(site.read("rss.xml"))
    assert parsed.version == "rss20"
    assert "<strong>lutut</strong>" in parsed.entries[2].content[0].value


def test_the_json_feed_follows_version_1_1(site: SiteMaker) -> None:
    three_articles(site)
    site.build()
    feed = json.loads(site.read("feed.json"))
    assert feed["version"] == "https://jsonfeed.org/version/1.1"
    assert feed["title"] == "Kabar Contoh" and feed["feed_url"] == "https://kabar.example/feed.json"
    first = feed["items"][0]
    assert first["id"] == "https://kabar.example/2024/03/tanggul-jebol/"
    assert first["title"] == "Tanggul <Jebol>"
    assert [a["name"] for a in first["authors"]] == ["Hamid Zulkarnain", "Ulya Maharani"]
    assert "<strong>lutut</strong>" in feed["items"][2]["content_html"]


def test_feed_size_limits_the_entries(site: SiteMaker) -> None:
    settings(site, top="feed_size = 2")
    three_articles(site)
    site.build()
    assert len(feedparser.parse(site.read("feed.xml")).entries) == 2
    assert len(json.loads(site.read("feed.json"))["items"]) == 2


def test_feeds_do_not_depend_on_the_build_time(site: SiteMaker) -> None:
    three_articles(site)
    site.build(now=datetime(2024, 4, 1, tzinfo=UTC))
    before = {p: site.read(p) for p in ("feed.xml", "rss.xml", "feed.json")}
    (site.root / ".warta").rename(site.root / ".warta-old")  # a cold rebuild
    site.build(now=datetime(2025, 1, 1, tzinfo=UTC))
    assert {p: site.read(p) for p in before} == before


def test_an_edit_rewrites_only_the_feeds_that_list_the_article(site: SiteMaker) -> None:
    # Given a built site with two tags and their feeds
    settings(site, outputs="tag_feeds = true")
    three_articles(site)
    site.build()
    # When the article tagged only "Pasar" gets a new title
    site.article("b", "Harga Beras Turun", "2024-03-02T09:00:00+07:00", tags="[Pasar]",
                 authors="[Ulm]", updated="2024-03-05T10:00:00+07:00")
    result = site.build()
    # Then its tag's and author's feeds change, the Banjir feed does not
    written = set(result.written)
    assert {"feed.xml", "rss.xml", "feed.json", "tag/pasar/feed.xml",
            "author/ulya-maharani/feed.xml"} <= written
    assert "tag/banjir/feed.xml" not in written
    assert "author/hamid-zulkarnain/feed.xml" not in written


def test_pages_announce_their_feeds(site: SiteMaker) -> None:
    settings(site, outputs="tag_feeds = true")
    three_articles(site)
    site.build()
    home = site.read("index.html")
    assert '<link rel="alternate" type="application/atom+xml" href="/feed.xml"' in home
    assert 'type="application/rss+xml" href="/rss.xml"' in home
    assert 'type="application/feed+json" href="/feed.json"' in home
    assert 'href="/tag/banjir/feed.xml"' in site.read("tag/banjir/index.html")
    assert 'href="/author/hamid-zulkarnain/feed.xml"' in \
        site.read("author/hamid-zulkarnain/index.html")


def test_feeds_can_be_switched_off(site: SiteMaker) -> None:
    settings(site, outputs="feeds = false")
    three_articles(site)
    site.build()
    files = set(site.snapshot())
    assert not {"feed.xml", "rss.xml", "feed.json", "tag/banjir/feed.xml"} & files
    assert "application/atom+xml" not in site.read("index.html")


def test_tags_have_no_feed_unless_asked_and_a_published_one_answers_gone(
        site: SiteMaker) -> None:
    # Given a site built with tag feeds (the default before 2026-12)
    settings(site, outputs="tag_feeds = true")
    three_articles(site)
    site.build()
    assert "tag/banjir/feed.xml" in site.snapshot()
    # When site.toml no longer asks for them (the default)
    settings_text = (site.root / "site.toml").read_text(encoding="utf-8")
    site.write("site.toml", settings_text.replace("tag_feeds = true\n", ""))
    result = site.build()
    # Then no tag has a feed, nor announces one; sections' and authors' feeds stay
    files = set(site.snapshot())
    assert not {f for f in files if f.startswith("tag/") and f.endswith("feed.xml")}
    assert "tag/banjir/feed.xml" in result.removed
    # (the summary names their addresses: not a silent removal)
    assert result.addresses.ended == ("/tag/banjir/feed.xml", "/tag/pasar/feed.xml")
    assert {"feed.xml", "author/hamid-zulkarnain/feed.xml"} <= files
    assert "/tag/banjir/feed.xml" not in site.read("tag/banjir/index.html")
    # And every host answers a tag feed's address with 410 and the notice
    assert "/tag/:slug/feed.xml /410.html 410!" in site.read("_redirects").splitlines()
    assert 'RedirectMatch 410 "^/tag/[^/]+/feed\\.xml$"' in site.read(".htaccess")
    assert "ErrorDocument 410 /410.html" in site.read(".htaccess")
    assert '"~^/tag/[^/]+/feed\\.xml$" 1;' in site.read("nginx-redirects.conf")
    assert "410.html" in files


def test_a_sites_first_tag_brings_the_notice_the_tag_feed_rule_serves(
        site: SiteMaker, make_site: Callable[[str], SiteMaker]) -> None:
    # Given a site with a redirect (an alias) and no tag yet: host rules, no 410 rule
    site.article("a", "Tanpa Tag", "2024-03-01T09:00:00+07:00", aliases="[/lama/a.html]")
    site.article("b", "Juga Tanpa Tag", "2024-03-02T09:00:00+07:00")
    site.build()
    assert "feed.xml" not in site.read("_redirects") and "410.html" not in site.snapshot()
    # When the first tagged story arrives
    site.article("c", "Pertama Bertag", "2024-03-03T09:00:00+07:00", tags="[Banjir]")
    result = site.build()
    # Then the rule and the notice it serves are both written, as a fresh build of the
    # same sources writes them (the quick path, which knew the rules' template, wrote
    # the rule without the notice: found by a reviewer; now the notice's new template
    # sends it the whole way)
    assert {"_redirects", "410.html"} <= set(result.written)
    fresh = make_site("fresh")
    shutil.copytree(site.root / "content", fresh.root / "content")
    fresh.write("site.toml", (site.root / "site.toml").read_text(encoding="utf-8"))
    fresh.build()
    assert {p: h for p, (h, _) in fresh.snapshot().items()} == \
        {p: h for p, (h, _) in site.snapshot().items()}


def test_a_site_without_feeds_gets_no_tag_feed_rule(site: SiteMaker) -> None:
    # (A site without feeds never published a tag feed: nothing to answer for.)
    settings(site, outputs="feeds = false")
    three_articles(site)
    site.build()
    assert not {"_redirects", ".htaccess", "nginx-redirects.conf", "410.html"} \
        & set(site.snapshot())


def test_a_site_template_still_showing_counts_stops_with_its_line(site: SiteMaker) -> None:
    # Given a site's own tag index written when the index showed counts
    three_articles(site)
    site.write("templates/tags.html", "{% for t in tags %}\n{{ t.name }} ({{ t.count }})\n"
               "{% endfor %}\n")
    # Then the build stops naming the template's line, instead of printing "()"
    with pytest.raises(TemplateError) as stopped:
        site.build()
    problem = stopped.value.problems[0]
    assert problem.path.endswith("templates/tags.html") and problem.line == 2
    assert "count" in str(problem)


def test_a_theme_made_for_both_may_ask_whether_counts_are_defined(site: SiteMaker) -> None:
    three_articles(site)
    site.write("templates/tags.html", "{% for t in tags %}{{ t.name }}"
               "{% if t.count is defined %} ({{ t.count }}){% endif %}"
               "{{ t.count|default('') }}\n{% endfor %}\n")
    site.build()
    assert site.read("tag/index.html").split() == ["Banjir", "Pasar"]


def test_a_link_to_another_story_reaches_a_feed_reader_whole(site: SiteMaker) -> None:
    # (a feed reader knows no page to read `/2024/03/satu/` from)
    site.article("satu", "Satu", "2024-03-01")
    site.article("dua", "Dua", "2024-03-02", body="Lanjutan [berita](/2024/03/satu/) ini.\n")
    site.build()
    link = 'href="https://kabar.example/2024/03/satu/"'
    assert link in json.loads(site.read("feed.json"))["items"][0]["content_html"]
    assert "href=&#34;https://kabar.example/2024/03/satu/&#34;" in site.read("rss.xml")
    assert 'href="/2024/03/satu/"' in site.read("2024/03/dua/index.html")  # (the page's own)


def test_only_a_tag_s_root_relative_url_is_made_whole_in_a_feed(site: SiteMaker) -> None:
    # (a link written in HTML with single quotes too; code and prose that show one not)
    site.article("dua", "Dua", "2024-03-02",
                 body="<a href='/2024/03/satu/'>Satu</a> dan `<a href=\"/kode/\">` dan "
                      'teks src="/prosa".\n')
    site.build()
    [item] = json.loads(site.read("feed.json"))["items"]
    assert "href='https://kabar.example/2024/03/satu/'" in item["content_html"]
    assert 'href="/kode/"' in item["content_html"] and 'src="/prosa"' in item["content_html"]
