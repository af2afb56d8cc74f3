"""No midnight that nobody wrote: a date without a time of day shows the date alone."""

from __future__ import annotations

import json
import re
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from click.testing import CliRunner

from generator.cli import main
from generator.config import SiteConfig
from generator.content.parse import parse_article
from generator.date_format import has_time_of_day, shown
from tests.conftest import SiteMaker, article

JAKARTA = ZoneInfo("Asia/Jakarta")


@pytest.mark.parametrize(("value", "known"), [
    (date(2024, 3, 1), False),
    ("2024-03-01", False),
    (" 2024-3-1 ", False),
    (datetime(2024, 3, 1, 0, 0), True),
    ("2024-03-01T00:00:00+07:00", True),
    ("2024-03-01 09:00", True),
    (None, True),
])
def test_a_time_of_day_is_known_only_when_written(value: object, known: bool) -> None:
    assert has_time_of_day(value) is known


@pytest.mark.parametrize(("written", "known"), [
    ("2024-03-01", False),            # a YAML date
    ("'2024-03-01'", False),          # the same, quoted
    ("2024-03-01T00:00:00+07:00", True),  # midnight, as someone wrote it
    ("2024-03-01 09:30", True),
])
def test_parsing_records_whether_the_time_was_written(written: str, known: bool) -> None:
    parsed = parse_article(article("A", written), "content/articles/a.md", SiteConfig())
    assert parsed.article.time_known is known
    # The date itself is unchanged: midnight in the site's zone when no time was written
    assert parsed.article.date.date() == date(2024, 3, 1)


def test_the_datetime_filter_drops_the_clock_when_asked() -> None:
    moment = datetime(2024, 3, 1, tzinfo=JAKARTA)
    assert shown(moment, "id") == "Jumat, 1 Maret 2024 00.00 WIB"
    assert shown(moment, "id", time=False) == "Jumat, 1 Maret 2024"
    assert shown(moment, "en", time=False) == "Friday, March 1, 2024"


def _visible(html: str) -> str:
    return re.sub(r"<script.*?</script>|<[^>]+>", " ", html, flags=re.S)


def test_pages_show_the_date_alone_and_machine_formats_keep_the_timestamp(
        site: SiteMaker) -> None:
    # Given an article dated without a time of day, and one with a time
    site.article("tanpa-jam", "Tanpa Jam", "2024-03-01")
    site.article("dengan-jam", "Dengan Jam", "2024-03-02T09:00:00+07:00")
    site.article("tengah-malam", "Tengah Malam", "2024-03-03T00:00:00+07:00")
    # When the site is built
    site.build()
    page = site.read("2024/03/tanpa-jam/index.html")
    home = site.read("index.html")
    # Then the article page and the lists show the date alone, never a clock
    assert "Jumat, 1 Maret 2024" in _visible(page)
    assert "Jumat, 1 Maret 2024 00.00" not in page and "Jumat, 1 Maret 2024 00.00" not in home
    assert "Jumat, 1 Maret 2024</time>" in home
    # A time that was written is shown, midnight included
    assert "Sabtu, 2 Maret 2024 09.00 WIB" in home
    assert "Minggu, 3 Maret 2024 00.00 WIB" in home
    # And machine formats keep the full timestamp
    assert 'datetime="2024-03-01T00:00:00+07:00"' in page
    ld = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', page,
                              re.S).group(1))  # type: ignore[union-attr]
    assert "2024-03-01T00:00:00+07:00" in json.dumps(ld)
    assert "<published>2024-03-01T00:00:00+07:00</published>" in site.read("feed.xml")
    assert "Fri, 01 Mar 2024 00:00:00 +0700" in site.read("rss.xml")


def test_list_shows_the_date_alone(site: SiteMaker) -> None:
    site.article("tanpa-jam", "Tanpa Jam", "2024-03-01")
    site.article("dengan-jam", "Dengan Jam", "2024-03-02T09:00:00+07:00")
    result = CliRunner().invoke(main, ["list", "--site", str(site.root)])
    assert result.stdout.splitlines() == [
        "2024-03-02 09:00  terbit     /2024/03/dengan-jam/  content/articles/dengan-jam.md",
        "2024-03-01        terbit     /2024/03/tanpa-jam/  content/articles/tanpa-jam.md",
    ]
