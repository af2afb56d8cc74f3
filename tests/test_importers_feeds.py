"""RSS and Atom feeds through feedparser."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from generator.importers.feeds import NotFeedError, parse_feed

FIXTURE = Path(__file__).parent / "fixtures" / "import" / "kabar-lembah.rss.xml"
ZONE = ZoneInfo("Asia/Jakarta")
NOW = datetime(2020, 1, 1, tzinfo=ZONE)


def test_items_become_articles() -> None:
    first, second = parse_feed(FIXTURE.read_bytes(), "f.xml", ZONE, NOW).items
    assert first.title == "Jembatan Gantung Desa Hulu Diperbaiki"
    assert first.date == datetime(2019, 2, 5, 10, 0, tzinfo=ZONE)
    assert first.source_id == "kabar-lembah-201" and first.tags == ("Infrastruktur",)
    assert "*memperbaiki*" in first.body and "iframe" not in first.body
    assert first.source == "Kabar Lembah"
    assert second.body == "Lomba perahu hias digelar di sungai.\n"


def test_broken_and_empty_feeds_are_refused() -> None:
    with pytest.raises(NotFeedError, match="no items"):
        parse_feed(b'<rss version="2.0"><channel><title>x</title></channel></rss>', "e.xml",
                   ZONE, NOW)
    with pytest.raises(NotFeedError):
        parse_feed(FIXTURE.read_bytes()[:200], "t.xml", ZONE, NOW)
