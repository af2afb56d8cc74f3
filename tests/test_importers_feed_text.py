"""A feed item whose body is a newsroom's page: caption, byline, dateline, footers."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from generator.importers.feed_text import plain, read_feed_text
from generator.importers.feeds import parse_feed

ZONE = ZoneInfo("Asia/Jakarta")
ITEM_HTML = (
    '<p><img src="https://foto.lembah.example/2024/05/saluran.jpg" alt="Saluran"></p>'
    "<p><em>Warga membersihkan saluran air. (Foto: Humas Pemkot Lembah)</em></p>"
    "<p><strong>Reporter:</strong> Rina Wulandari | <strong>Editor:</strong> Bagas Pratama</p>"
    "<p>RADAR LEMBAH- Warga Kelurahan Sukamaju bergotong royong, Senin (6/5/2024).</p>"
    "<p>Baca juga: Warga Lembah Tanam Seribu Pohon</p>"
    "<p>Kegiatan berlanjut pekan depan.***</p>"
    "<p>Artikel ini telah tayang di LembahKini.com dengan judul Warga Bersihkan Saluran.</p>"
    "<p><strong>Tags:</strong> saluran, kerja bakti</p>"
)
FEED = f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Radar Lembah - Kota</title>
<item><title>Warga Bersihkan Saluran</title><guid>lembah-1</guid>
<pubDate>Mon, 06 May 2024 15:00:00 +0700</pubDate>
<description><![CDATA[{ITEM_HTML}]]></description></item>
<item><title>Catatan Blog</title><guid>blog-1</guid>
<description><![CDATA[<p>Hari ini - seperti biasa - saya menulis.</p>]]></description></item>
</channel></rss>""".encode()


def test_newsroom_parts_leave_the_body_and_fill_the_fields() -> None:
    result = parse_feed(FEED, "f.rss", ZONE, datetime(2020, 1, 1, tzinfo=ZONE))
    item = result.items[0]
    assert item.image_src == "https://foto.lembah.example/2024/05/saluran.jpg"
    assert (item.image_caption, item.image_credit) == ("Warga membersihkan saluran air.",
                                                      "Humas Pemkot Lembah")
    assert item.authors == ("Rina Wulandari",) and item.source == "Radar Lembah"
    assert item.body == ("Warga Kelurahan Sukamaju bergotong royong, Senin (6/5/2024).\n\n"
                         "Kegiatan berlanjut pekan depan.\n")
    assert item.date.isoformat() == "2024-05-06T15:00:00+07:00"  # the feed states it
    fields = {guess.field: guess for guess in item.guesses}
    assert fields["authors"].confidence == "certain" and fields["source"].source == "dateline"


def test_a_blog_item_is_left_as_it_is() -> None:
    blog = parse_feed(FEED, "f.rss", ZONE, datetime(2020, 1, 1, tzinfo=ZONE)).items[1]
    assert blog.body == "Hari ini - seperti biasa - saya menulis.\n"
    assert blog.source == "Radar Lembah - Kota" and not blog.location and not blog.guesses


def test_footer_source_and_plain_words() -> None:
    found = read_feed_text("Teks berita.\n\nSumber: Humas Pemkot Lembah\n")
    assert found.footer_source == "Humas Pemkot Lembah" and found.body == "Teks berita.\n"
    assert plain(r"**Reporter:** Rina \*Wulan\*") == "Reporter: Rina *Wulan*"
