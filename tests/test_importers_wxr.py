"""WordPress WXR exports: our own fixture, and clear refusals of what is not WXR."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from generator.importers.html2md import html_to_markdown
from generator.importers.wxr import NotWxrError, parse_wxr

FIXTURE = Path(__file__).parent / "fixtures" / "import" / "kabar-lembah.wxr.xml"
ZONE = ZoneInfo("Asia/Jakarta")


def test_posts_pages_drafts_and_attachments() -> None:
    result = parse_wxr(FIXTURE.read_bytes(), "x.xml", ZONE)
    post, untitled, page = result.items
    assert post.title == "Pasar Pagi Lembah Dibuka Kembali" and post.slug == "pasar-pagi-dibuka"
    assert post.date == datetime(2019, 1, 20, 7, 0, tzinfo=ZONE)
    assert post.tags == ("Ekonomi", "Pasar") and post.authors == ("Rina Wulandari",)
    assert post.aliases == ("/2019/01/pasar-pagi-dibuka/",) and post.summary == "Pasar dibuka lagi."
    assert post.source_id == "https://kabarlembah.example/?p=11" and not post.draft
    assert "**berjualan**" in post.body and "<figcaption>Suasana pasar pagi" in post.body
    assert "<small>Foto: Rina</small>" in post.body
    for bad in ("script", "onclick", "javascript:", "wp:paragraph", "alert"):
        assert bad not in post.body
    assert untitled.draft and untitled.warnings and untitled.title
    assert untitled.date == datetime(2019, 1, 21, 8, 0, tzinfo=ZONE)
    assert page.page and page.slug == "tentang"
    assert any("foto.jpg" in note for note in result.notes)


def test_not_wxr_is_refused_with_what_it_is() -> None:
    with pytest.raises(NotWxrError, match="Atom feed"):
        parse_wxr(b'<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"></feed>',
                  "a.xml", ZONE)
    with pytest.raises(NotWxrError, match="Blogger"):
        parse_wxr(b"<feed><generator>Blogger</generator><x:y/></feed>", "b.xml", ZONE)
    with pytest.raises(NotWxrError, match="broken"):
        parse_wxr(FIXTURE.read_bytes()[:900], "c.xml", ZONE)


def test_html_conversion_keeps_complex_blocks_sanitised() -> None:
    text = html_to_markdown('<h2>Sub</h2><ul><li>a</li></ul><table><tr><td onclick="x">1'
                            "</td></tr></table>Baris\n\nParagraf <i>dua</i>")
    assert text.startswith("## Sub\n\n- a\n\n<table>")
    assert "onclick" not in text and "Paragraf *dua*" in text
