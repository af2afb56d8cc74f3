"""Photos in a story's text with their captions (content/figures.py): a figure when the
editor wrote a caption, as Markdown lets them, the rest as written."""

from __future__ import annotations

import pytest

from generator.content import markup
from generator.content.figures import captioned
from generator.content.image import media_players
from tests.conftest import SiteMaker
from tools.demo_photos import make_photo


def _body(text: str) -> str:
    return captioned(media_players(markup.render(text)))


@pytest.mark.parametrize(("written", "shown"), [
    # the image's title, which a browser shows only to a mouse
    ('![Warga](media/a.jpg "Warga melintasi genangan. Foto: Budi")\n',
     '<figure><img alt="Warga" src="media/a.jpg">'
     "<figcaption>Warga melintasi genangan. Foto: Budi</figcaption></figure>"),
    # an italic line right under it (`*…*` or `_…_`, after a line break too)
    ("![Warga](media/a.jpg)\n*Petugas BPBD. (Foto: Istimewa)*\n",
     '<figure><img alt="Warga" src="media/a.jpg">'
     "<figcaption>Petugas BPBD. (Foto: Istimewa)</figcaption></figure>"),
    ("![Warga](media/a.jpg)  \n_Keterangan [peta](https://peta.example/)_\n",
     '<figure><img alt="Warga" src="media/a.jpg">'
     '<figcaption>Keterangan <a href="https://peta.example/">peta</a></figcaption></figure>'),
    # (of the two, the line under it; the title's text is not read twice)
    ('![Warga](media/a.jpg "judul")\n*keterangan*\n',
     '<figure><img alt="Warga" src="media/a.jpg"><figcaption>keterangan</figcaption></figure>'),
    # a photo in a link, and a phone's video
    ('[![Warga](media/a.jpg "Keterangan")](https://x.example/)\n',
     '<figure><a href="https://x.example/"><img alt="Warga" src="media/a.jpg"></a>'
     "<figcaption>Keterangan</figcaption></figure>"),
    ('![Lurah](media/rekaman.mp3 "Wawancara, Senin (3/2)")\n',
     '<figure><audio controls preload="metadata" src="/media/rekaman.mp3" aria-label="Lurah">'
     '<a href="/media/rekaman.mp3">Lurah</a></audio>'
     "<figcaption>Wawancara, Senin (3/2)</figcaption></figure>"),
    ('![Banjir](media/VID_1.mp4 "Air naik di Jalan Cempaka")\n',
     '<figure><video controls preload="metadata" src="/media/VID_1.mp4" aria-label="Banjir">'
     '<a href="/media/VID_1.mp4">Banjir</a></video>'
     "<figcaption>Air naik di Jalan Cempaka</figcaption></figure>"),
    # the title's text stays escaped as written
    ('![Warga](media/a.jpg "A & <b>B</b>")\n',
     '<figure><img alt="Warga" src="media/a.jpg">'
     "<figcaption>A &amp; &lt;b&gt;B&lt;/b&gt;</figcaption></figure>"),
])
def test_a_captioned_photo_on_its_own_paragraph_is_a_figure(written: str, shown: str) -> None:
    assert _body(written) == shown


@pytest.mark.parametrize("written", [
    "![Warga](media/a.jpg)\n",  # (no caption)
    '![Warga](media/a.jpg "")\n',
    'Teks ![x](media/a.jpg "t") di tengah kalimat.\n',  # (in a sentence: its title kept)
    "![Warga](media/a.jpg)\n*satu* dan *dua*\n",  # (not one italic line)
    "*Miring saja.*\n",
    "[Tautan](https://x.example/)\n*miring*\n",
    "![Warga](media/a.jpg) *di baris yang sama*\n",  # (beside it, not under it)
    "![Warga](media/a.jpg)\n*Baca juga: Banjir Rob di Pesisir*\n",  # (another story's)
])
def test_anything_else_stays_as_written(written: str) -> None:
    assert _body(written) == markup.render(written)


def test_a_video_s_caption_stays_in_its_paragraph() -> None:
    # (a video followed by text is no figure; the next one, captioned, is)
    shown = _body('![A](media/a.mp4 "Video A") lalu teks.\n\n![B](media/b.mp4 "Video B")\n')
    first, second = shown.split("\n")
    assert first.startswith("<p><video") and first.endswith("lalu teks.</p>")
    assert second.startswith("<figure><video") and "<figcaption>Video B<" in second


def test_a_raw_title_s_text_is_escaped_as_text() -> None:
    assert captioned('<p><img src="media/x.jpg" title="Foto <Budi &amp; Ani"></p>') == (
        '<figure><img src="media/x.jpg"><figcaption>Foto &lt;Budi &amp; Ani</figcaption>'
        "</figure>")


def test_the_page_shows_the_figure_with_the_photo_s_picture(site: SiteMaker) -> None:
    # Given a story showing a photo of content/media/ with a caption in its title
    make_photo(site.root / "content/media/banjir.jpg", (1600, 1000))
    site.article("2024/03/banjir", "Banjir", "2024-03-01T09:00:00+07:00",
                 body='Air naik.\n\n![Warga](media/banjir.jpg "Warga mengungsi. Foto: Budi")\n')
    # When it is built
    site.build()
    # Then its page shows the photo's <picture> in a figure, the caption under it
    page = site.read("2024/03/banjir/index.html")
    figure = page[page.index("<figure><picture>"):page.index("</figure>")]
    assert 'srcset="/media/banjir-480.webp 480w' in figure
    assert figure.endswith("<figcaption>Warga mengungsi. Foto: Budi</figcaption>")
