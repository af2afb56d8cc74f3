"""Parsing one article from text, and every way an article can be wrong."""

from datetime import datetime, timedelta, timezone

import pytest

from generator.config import parse_config
from generator.content.parse import ContentProblems, parse_article

CONFIG = parse_config(
    '[authors]\nHmz = "Hamid Zulkarnain"\n[tag_aliases]\n"pemkot" = "Pemkot Malang"\n')
PATH = "content/articles/2018/09/rakor.md"


def parse(text: str):  # type: ignore[no-untyped-def]
    return parse_article(text, PATH, CONFIG)


def errors(data: str | bytes) -> list[str]:
    with pytest.raises(ContentProblems) as caught:
        parse_article(data, PATH, CONFIG)
    return [str(p) for p in caught.value.problems]


def test_a_full_article() -> None:
    parsed = parse(
        "---\n"
        "title: Rakor Jelang Pemilu\n"
        "date: 2018-09-26T10:00:00+07:00\n"
        "tags: [pemkot, KPU, KPU]\n"
        "authors: [Hmz, Ulm]\n"
        "location: Malang\n"
        "source: MalangVoice\n"
        "image:\n  src: media/2018/rakor.jpg\n  caption: Rapat di balai kota.\n"
        "  credit: Istimewa\n  alt: Peserta rapat di balai kota\n"
        "updated: 2018-09-27 08:00\n"
        "corrections:\n  - date: 2018-09-28\n    text: Nama pejabat diperbaiki.\n"
        "aliases: [berita/123.html]\n"
        "layout: post\n"
        "---\n"
        "Paragraf **pertama** yang cukup panjang.\n\nParagraf kedua.\n"
    )
    article = parsed.article
    assert article.title == "Rakor Jelang Pemilu"
    assert article.date == datetime(2018, 9, 26, 10, tzinfo=timezone(timedelta(hours=7)))
    assert article.slug == "rakor"  # from the file name: a new headline keeps the URL
    assert article.url == "/2018/09/rakor/"
    assert [t.name for t in article.tags] == ["Pemkot Malang", "KPU"]
    assert article.tags[0].url == "/tag/pemkot-malang/"
    assert [(a.key, a.name) for a in article.authors] == [
        ("Hmz", "Hamid Zulkarnain"), ("Ulm", "Ulm")]
    assert article.location == "Malang" and article.source == "MalangVoice"
    assert article.image is not None and article.image.url == "/media/2018/rakor.jpg"
    assert article.image.credit == "Istimewa" and article.image.alt.startswith("Peserta")
    assert article.updated is not None and article.updated.hour == 8
    assert article.corrections[0].text == "Nama pejabat diperbaiki."
    assert article.aliases == ("/berita/123.html",)
    assert article.summary == "Paragraf pertama yang cukup panjang."
    assert article.extra == {"layout": "post"}
    assert parsed.body_html.startswith("<p>Paragraf <strong>pertama</strong>")
    assert [str(w) for w in parsed.warnings] == [  # Ulm is not in [authors]
        f"{PATH}:5: the author `Ulm` is not in [authors] of site.toml: the byline shows "
        "`Ulm` \u2014 add `Ulm = \"Full Name\"` to [authors] in site.toml"]


def test_date_only_means_midnight_in_the_site_zone() -> None:
    article = parse("---\ntitle: A\ndate: 2018-09-26\n---\nx\n").article
    assert article.date.isoformat() == "2018-09-26T00:00:00+07:00"


def test_tags_as_comma_separated_text_and_author_as_string() -> None:
    parsed = parse("---\ntitle: A\ndate: 2018-09-26\ntags: KPU, Bawaslu\nauthor: Hmz\n---\n")
    assert [t.name for t in parsed.article.tags] == ["KPU", "Bawaslu"]
    assert [a.name for a in parsed.article.authors] == ["Hamid Zulkarnain"]
    assert [w.message for w in parsed.warnings] == [
        "`tags` is one text with commas, read as 2 tags"]


def test_hugo_and_jekyll_keys_are_understood() -> None:
    article = parse(
        "---\ntitle: A\ndate: '2013-10-19T01:23:49+07:00'\ncategories: [Berita]\n"
        "description: Ringkas.\nfeatured_image: /img/a.jpg\nlastmod: 2013-10-20\n"
        "author: {name: Budi, link: x}\n---\nx\n"
    ).article
    assert [t.name for t in article.tags] == ["Berita"]
    assert article.summary == "Ringkas."
    assert article.image is not None and article.image.url == "/media/img/a.jpg"
    assert article.updated is not None
    assert [a.name for a in article.authors] == ["Budi"]


def test_summary_is_cut_at_a_word_boundary() -> None:
    body = "kata " * 100
    summary = parse(f"---\ntitle: A\ndate: 2018-09-26\n---\n{body}\n").article.summary
    assert len(summary) <= 240 and summary.endswith("kata\u2026")


def test_misspelt_keys_get_a_suggestion() -> None:
    parsed = parse("---\ntitel: A\ntitle: A\ndate: 2018-09-26\ntag: [x]\nauhtors: [y]\n---\n")
    messages = [str(w) for w in parsed.warnings]
    assert any("line 2" in m or ":2:" in m for m in messages)
    assert any("did you mean `title`" in m for m in messages)
    assert any("did you mean `tags`" in m for m in messages)
    assert any("did you mean `authors`" in m for m in messages)


@pytest.mark.parametrize(
    ("key", "meant"),
    [("tittle", "title"), ("Title", "title"), ("judul", "title"), ("tanggal", "date"),
     ("penulis", "authors"), ("lokasi", "location"), ("ringkasan", "summary"),
     ("gambar", "image"), ("foto", "image"), ("label", "tags"), ("sumber", "source"),
     ("categoires", "categories"), ("lastmodd", "lastmod"), ("featured_imag", "featured_image")],
)
def test_an_unknown_key_gets_a_suggestion_at_its_own_line(key: str, meant: str) -> None:
    parsed = parse(f"---\ntitle: A\ndate: 2018-09-26\n{key}: x\n---\n")
    assert [str(w) for w in parsed.warnings] == [
        f"{PATH}:4: unknown key `{key}` \u2014 did you mean `{meant}`? As written, Warta "
        "does not read it"]
    assert parsed.article.extra == {key: "x"}


def test_keys_far_from_any_known_one_and_quiet_keys_are_kept_without_a_word() -> None:
    # (`rubrik` is an editor's word for `section`: a key of its own, since sections)
    parsed = parse("---\ntitle: A\ndate: 2018-09-26\nhalaman_cetak: 7\nlayout: post\n"
                   "kategori: Kota\n---\n")
    assert parsed.warnings == ()
    assert parsed.article.extra == {"halaman_cetak": 7, "layout": "post"}
    assert [t.name for t in parsed.article.tags] == ["Kota"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("---\njudul: A\ndate: 2018-09-26\n---\n",
         f"{PATH}:2: missing `title`: `judul` is not a key Warta reads \u2014 "
         "rename `judul` to `title`"),
        ("---\ntittle: A\ndate: 2018-09-26\n---\n",
         f"{PATH}:2: missing `title`: `tittle` is not a key Warta reads \u2014 "
         "rename `tittle` to `title`"),
        ("---\ntitle: A\ntanggal: 2018-09-26\n---\n",
         f"{PATH}:3: missing `date`: `tanggal` is not a key Warta reads \u2014 "
         "rename `tanggal` to `date`"),
    ],
)
def test_a_missing_field_names_the_key_that_stands_for_it(text: str, expected: str) -> None:
    assert errors(text) == [expected]  # and no second word about the same key


def test_the_warnings_of_a_file_with_an_error_are_reported_with_it() -> None:
    problems = errors("---\ntitle: A\ndate: kemarin\nauhtors: [x]\n---\n")
    assert any("did you mean `authors`" in p for p in problems)


@pytest.mark.parametrize(
    ("line", "names", "warning"),
    [
        ("tags: [Banjir, BPBD]", ["Banjir", "BPBD"], None),
        ("tags: Banjir", ["Banjir"], None),
        ("tags: banjir di kota", ["banjir di kota"], None),
        ("tags: Banjir, BPBD, Cuaca", ["Banjir", "BPBD", "Cuaca"],
         "`tags` is one text with commas, read as 3 tags \u2014 write a YAML list: "
         "`tags: [Banjir, BPBD, Cuaca]`"),
        ('tags: "Banjir BPBD Cuaca"', ["Banjir BPBD Cuaca"],
         "one tag `Banjir BPBD Cuaca` \u2014 if you meant 3 tags, write "
         "`tags: [Banjir, BPBD, Cuaca]`; for one, write `tags: [Banjir BPBD Cuaca]`"),
        ("categories: Berita, Kota", ["Berita", "Kota"],
         "`categories` is one text with commas, read as 2 tags \u2014 write a YAML list: "
         "`categories: [Berita, Kota]`"),
    ],
)
def test_tags_written_as_text(line: str, names: list[str], warning: str | None) -> None:
    parsed = parse(f"---\ntitle: A\ndate: 2018-09-26\n{line}\n---\n")
    assert [t.name for t in parsed.article.tags] == names
    assert [str(w) for w in parsed.warnings] == ([f"{PATH}:4: {warning}"] if warning else [])


@pytest.mark.parametrize(
    ("line", "names", "warning"),
    [
        ("author: Budi Santoso", ["Budi Santoso"], None),
        ("authors: Hmz", ["Hamid Zulkarnain"], None),
        ("authors: Hmz, Budi Santoso", ["Hamid Zulkarnain", "Budi Santoso"],
         "`authors` is one text with commas, read as 2 authors \u2014 write a YAML list: "
         "`authors: [Hmz, Budi Santoso]`"),
        ("author: Hmz Ulm", ["Hmz Ulm"], None),  # Ulm is not in [authors]
        # (a degree after a name is part of it: `S.H.` had an author page of its own)
        ("author: Budi Santoso, S.H.", ["Budi Santoso, S.H."], None),
        ("author: Siti Aminah, S.E., M.M.", ["Siti Aminah, S.E., M.M."], None),
        ("authors: [Dr. Siti Aminah, M.Si., Hmz]", ["Dr. Siti Aminah, M.Si.",
                                                    "Hamid Zulkarnain"], None),
        ("authors: [Budi Santoso, S.Pd.I., Ph.D.]", ["Budi Santoso, S.Pd.I., Ph.D."], None),
        ("authors: [Hmz, A.R.]", ["Hamid Zulkarnain", "A.R."], None),  # (initials: two)
        ("authors: Budi Santoso, Sp.PD, Hmz", ["Budi Santoso, Sp.PD", "Hamid Zulkarnain"],
         "`authors` is one text with commas, read as 2 authors \u2014 write a YAML list: "
         "`authors: [\"Budi Santoso, Sp.PD\", Hmz]`"),
        # (a byline naming two, as pages print it: two authors, each with a page)
        ("author: Budi Santoso dan Ani Wijaya", ["Budi Santoso", "Ani Wijaya"], None),
        ("author: Budi Santoso & Hmz", ["Budi Santoso", "Hamid Zulkarnain"], None),
        ("author: Budi Santoso/Ani Wijaya", ["Budi Santoso", "Ani Wijaya"], None),
        # (a YAML list says what the editor meant: its entry is one name)
        ("author: [Dinas Komunikasi dan Informatika]", ["Dinas Komunikasi dan Informatika"],
         None),
        ("author: Dinas Komunikasi dan Informatika", ["Dinas Komunikasi dan Informatika"],
         None),
        ("author: Hamid Zulkarnain dan Budi Santoso", ["Hamid Zulkarnain", "Budi Santoso"],
         None),
        ("author: Budi Santoso, S.H. dan Ani Wijaya, M.Si.",
         ["Budi Santoso, S.H.", "Ani Wijaya, M.Si."], None),
        ("author: Budi Santoso, Ani Wijaya dan Hmz",
         ["Budi Santoso", "Ani Wijaya", "Hamid Zulkarnain"],
         "`author` is one text with commas, read as 3 authors \u2014 write a YAML list: "
         "`author: [Budi Santoso, Ani Wijaya, Hmz]`"),
        ('author: "Penulis: Budi Santoso"', ["Budi Santoso"], None),
        ("author: Dan Sutrisno", ["Dan Sutrisno"], None),  # (a name, capitalised)
        ("author: Budi Santoso (Kontributor Palu)", ["Budi Santoso (Kontributor Palu)"],
         None),
    ],
)
def test_authors_written_as_text(line: str, names: list[str], warning: str | None) -> None:
    parsed = parse(f"---\ntitle: A\ndate: 2018-09-26\n{line}\n---\n")
    assert [a.name for a in parsed.article.authors] == names
    assert [str(w) for w in parsed.warnings] == ([f"{PATH}:4: {warning}"] if warning else [])


def test_a_name_authors_knows_whole_is_one_author_and_an_editor_is_no_author() -> None:
    config = parse_config('[authors]\nKominfo = "Dinas Kominfo dan Persandian"\n'
                          '"Budi/Ani" = "Tim Liputan Banjir"\nbr = "Budi Santoso dan Rekan"\n'
                          'ok = "Oleh Kovalenko"\n')
    for written, name in (("Dinas Kominfo dan Persandian", "Dinas Kominfo dan Persandian"),
                          ("Budi/Ani", "Tim Liputan Banjir"),
                          ("Budi Santoso dan Rekan", "Budi Santoso dan Rekan"),
                          ("Oleh Kovalenko", "Oleh Kovalenko")):
        parsed = parse_article(f"---\ntitle: A\ndate: 2018-09-26\nauthor: {written}\n---\n",
                               PATH, config)
        assert [a.name for a in parsed.article.authors] == [name]
    parsed = parse_article("---\ntitle: A\ndate: 2018-09-26\nauthor: 'Penulis: Budi Santoso / "
                           "Editor: Ani Wijaya'\n---\n", PATH, config)
    assert [a.name for a in parsed.article.authors] == ["Budi Santoso"]
    assert [str(w) for w in parsed.warnings] == [
        f"{PATH}:4: `author` names Ani Wijaya as an editor: left out of the byline \u2014 "
        "write `editors: [Ani Wijaya]`"]


def test_initials_of_two_known_authors_in_one_text_get_a_warning() -> None:
    config = parse_config('[authors]\nHmz = "Hamid"\nUlm = "Ulya"\n')
    parsed = parse_article("---\ntitle: A\ndate: 2018-09-26\nauthor: Hmz Ulm\n---\n", PATH,
                           config)
    assert [str(w) for w in parsed.warnings] == [
        f"{PATH}:4: one author `Hmz Ulm` \u2014 if you meant 2 authors, write "
        "`author: [Hmz, Ulm]`; for one, write `author: [Hmz Ulm]`"]
    # (and beside another, joined by `dan`)
    parsed = parse_article("---\ntitle: A\ndate: 2018-09-26\nauthor: Hmz Ulm dan Budi "
                           "Santoso\n---\n", PATH, config)
    assert [str(w) for w in parsed.warnings] == [
        f"{PATH}:4: one author `Hmz Ulm` \u2014 if you meant 2 authors, write "
        "`author: [Hmz, Ulm]`; for one, write `author: [Hmz Ulm]`"]


@pytest.mark.parametrize(
    ("written", "hint"),
    [
        ("Hmzz", "did you mean `Hmz` (Hamid Zulkarnain)?"),
        ("hmz", "did you mean `Hmz` (Hamid Zulkarnain)?"),
        ("Hamid Zulkarnian", "did you mean `Hmz` (Hamid Zulkarnain)?"),
        ("Ulm", 'add `Ulm = "Full Name"` to [authors] in site.toml'),
        ("Hamid Zulkarnain", None),  # the full name of initials it knows
        ("Budi Santoso", None),  # a name of its own
        ("Tim Redaksi 2", None),
        ("Redaksi", None),  # more than four letters: a name, not initials
    ],
)
def test_an_author_not_in_authors_is_suggested_or_hinted(written: str,
                                                          hint: str | None) -> None:
    parsed = parse(f"---\ntitle: A\ndate: 2018-09-26\nauthors: [{written}]\n---\n")
    hints = [w.hint for w in parsed.warnings]
    assert [h.split(" As written")[0] for h in hints] == ([hint] if hint else [])
    assert all(w.line == 4 and w.severity == "warning" for w in parsed.warnings)


@pytest.mark.parametrize("lines", [
    "corrections:\n  - 2018-09-28: Nama pejabat diperbaiki.",  # (a dated note)
    "corrections:\n  date: 2018-09-28\n  text: Nama pejabat diperbaiki.",  # (not in a list)
    "corrections:\n  2018-09-28: Nama pejabat diperbaiki.",  # (a note, not in a list)
])
def test_a_correction_written_as_an_editor_writes_a_dated_note_is_read(lines: str) -> None:
    parsed = parse(f"---\ntitle: A\ndate: 2018-09-26\n{lines}\n---\n")
    [correction] = parsed.article.corrections
    assert (correction.date.date().isoformat(), correction.text) == (
        "2018-09-28", "Nama pejabat diperbaiki.")


def test_dated_notes_not_in_a_list_are_each_a_correction() -> None:
    parsed = parse("---\ntitle: A\ndate: 2018-09-26\ncorrections:\n  2018-09-28: Nama.\n"
                   "  2018-09-29: 2024\n---\n")
    assert [(c.date.day, c.text) for c in parsed.article.corrections] == [
        (28, "Nama."), (29, "2024")]


@pytest.mark.parametrize(("lines", "problems"), [
    ("  - date: 2018-09-28\n  - text: Ralat.",  # (a `-` too many: two halves)
     ["the correction of 2018-09-28 has no text \u2014 write what was corrected below its "
      "date, `text: ...`, on a line without `-`",
      "a correction without a date: 'Ralat.' \u2014 write `- date: 2018-09-27T08:00:00+07:00` "
      "and `text: ...`"]),
    ("  - tanggal: 2018-09-28\n    isi: Ralat.",
     ["a correction's keys are `date` and `text`, not `tanggal`, `isi` \u2014 write `date:` "
      "for the day and `text:` for what was corrected"]),
    ("  - date: 28 September 2018\n    text: Ralat.",
     ["the date of a correction is not a date: '28 September 2018' \u2014 write it year "
      "first: `date: 2018-09-28` (Jumat, 28 September 2018), if that is the day meant"]),
    ("  - Ralat.", ["a correction is a date and a text, not 'Ralat.' \u2014 write "
                    "`- date: 2018-09-27T08:00:00+07:00` and `text: ...`"]),
    ("  - 28 September 2018: Ralat.",
     ["the date of a correction is not a date: '28 September 2018' \u2014 write it year "
      "first: `date: 2018-09-28` (Jumat, 28 September 2018), if that is the day meant"]),
])
def test_a_correction_that_cannot_be_read_says_what_it_lacks(lines: str,
                                                             problems: list[str]) -> None:
    found = errors(f"---\ntitle: A\ndate: 2018-09-26\ncorrections:\n{lines}\n---\n")
    assert found == [f"{PATH}:4: {problem}" for problem in problems]


@pytest.mark.parametrize("lines", [
    "image: media/a.jpg\ncaption: Banjir\nalt: Air\ncredit: Humas",  # (beside it)
    "image:\nsrc: media/a.jpg\ncaption: Banjir\nalt: Air\ncredit: Humas",  # (not indented)
    "image:\n  src: media/a.jpg\n  caption: Banjir\n  alt: Air\ncaption: Lain\ncredit: Humas",
])
def test_what_is_said_of_an_image_beside_it_is_the_image_s(lines: str) -> None:
    parsed = parse(f"---\ntitle: A\ndate: 2018-09-26\n{lines}\n---\n")
    image = parsed.article.image
    assert image is not None and parsed.warnings == ()
    assert (image.url, image.caption, image.alt, image.credit) == (
        "/media/a.jpg", "Banjir", "Air", "Humas")


def test_a_caption_without_an_image_is_a_warning_saying_where_it_goes() -> None:
    parsed = parse("---\ntitle: A\ndate: 2018-09-26\ncaption: Banjir\n---\n")
    assert [str(w) for w in parsed.warnings] == [
        f"{PATH}:4: `caption` is said of an image, and this file has no `image` \u2014 write "
        "it under `image:`, indented: `image:`, then `  src: media/\u2026` and "
        "`  caption: \u2026`"]


def test_hashtags_in_one_text_are_offered_as_a_list_yaml_reads() -> None:
    parsed = parse("---\ntitle: A\ndate: 2018-09-26\ntags: '#banjir, #BPBD'\n---\n")
    assert [t.name for t in parsed.article.tags] == ["banjir", "BPBD"]
    assert [w.hint for w in parsed.warnings] == ["write a YAML list: `tags: [banjir, BPBD]`"]


@pytest.mark.parametrize(("lines", "problem"), [
    ("tags: [Pemilu: Damai, Banjir]", "the entry 'Pemilu: Damai' of `tags` holds `: `, which "
     'YAML reads as a key \u2014 write it in quotes: `"Pemilu: Damai"`'),
    ("tags:\n  - Banjir\n  -", "an entry of `tags` is empty \u2014 write a name there, or "
     "take the entry out"),
    ("tags: [Pemilu: ]", "the entry 'Pemilu:' of `tags` holds `: `, which YAML reads as a "
     'key \u2014 write it in quotes: `"Pemilu:"`'),
    ("tags: [Jam: 10:30]", "every entry of `tags` must be text, not {'Jam': 630} \u2014 "
     "write `tags: [Satu, Dua]`"),
])
def test_an_entry_of_a_list_yaml_read_otherwise_says_why(lines: str, problem: str) -> None:
    assert errors(f"---\ntitle: A\ndate: 2018-09-26\n{lines}\n---\n") == [
        f"{PATH}:4: {problem}"]


def test_a_hashtag_names_its_tag() -> None:
    parsed = parse('---\ntitle: A\ndate: 2018-09-26\ntags: ["#BanjirSumberjaya", Banjir]\n---\n')
    assert [(t.name, t.slug) for t in parsed.article.tags] == [
        ("BanjirSumberjaya", "banjirsumberjaya"), ("Banjir", "banjir")]


def test_javascript_image_url_is_refused() -> None:
    problems = errors("---\ntitle: A\ndate: 2018-09-26\nimage: {src: 'javascript:alert(1)'}\n---\n")
    assert "neither an http(s) URL" in problems[0]


@pytest.mark.parametrize(
    ("image", "shown", "expected"),
    [
        ("image:\n  caption: Banjir di Klojen.\n  credit: Istimewa",
         ("Banjir di Klojen.", "Istimewa"),
         "`image` has no `src`: no photo is shown, only its `caption` and `credit`"),
        ("featured_image: {src: '', caption: Banjir}", ("Banjir", ""),
         "`featured_image` has no `src`: no photo is shown, only its `caption`"),
        ("image: {alt: Sungai}", None, "`image` has no `src`: no photo is shown"),
    ],
)
def test_an_image_without_src_has_no_photo_and_warns_at_its_line(
        image: str, shown: tuple[str, str] | None, expected: str) -> None:
    parsed = parse(f"---\ntitle: A\ndate: 2018-09-26\n{image}\n---\nIsi.\n")
    key = image.split(":")[0]
    assert [str(w) for w in parsed.warnings] == [
        f"{PATH}:4: {expected} \u2014 add `src: media/\u2026` or remove `{key}`"]
    if shown is None:
        assert parsed.article.image is None
    else:
        assert parsed.article.image is not None and parsed.article.image.url == ""
        assert (parsed.article.image.caption, parsed.article.image.credit) == shown


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"", f"{PATH}: the file is empty"),
        (b"   \n\n", f"{PATH}: the file is empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", f"{PATH}: this is a binary file"),
        # (Notepad's "Unicode", not a binary file to remove)
        ("---\ntitle: A\ndate: 2018-09-26\n---\n".encode("utf-16"),
         f"{PATH}: the file is saved as UTF-16"),
        (b"---\ntitle: caf\xe9\n---\n", f"{PATH}:2: the file is not UTF-8 text"),
        ("Judul saja\n\nIsi.\n", f"{PATH}:1: no frontmatter"),
        ("---\ntitle: A\ndate: 2018-09-26\nIsi tanpa penutup.\n", f"{PATH}:1: the frontmatter"),
        ("---\ntitle: A\ndate: [2018\n---\n", f"{PATH}:3: invalid YAML"),
        # (a tab pressed to indent a list: the hint says so)
        ("---\ntitle: A\ndate: 2018-09-26\ntags:\n\t- Banjir\n---\n",
         f"{PATH}:5: invalid YAML in the frontmatter: found character that cannot start any "
         "token — indent with spaces, not a tab"),
        ("---\ndate: 2018-09-26\n---\n", f"{PATH}:1: missing `title`"),
        ("---\ntitle: A\n---\n", f"{PATH}:1: missing `date`"),
        ("---\ntitle: A\ndate: kemarin sore\n---\n", f"{PATH}:3: `date` is not a date"),
        ("---\ntitle: A\ndate: 2018-09-26\nslug: '!!!'\n---\n", f"{PATH}:4: the slug"),
        ("---\ntitle: A\ndate: 2018-09-26\ntags: ['???']\n---\n", f"{PATH}:4: the tag '???'"),
        ("---\n- a\n- b\n---\n", f"{PATH}:2: the frontmatter must be"),
        ("---\ntitle: A\ndate: 2018-09-26\ndraft: perhaps\n---\n", f"{PATH}:4: `draft` must be"),
    ],
)
def test_bad_input_names_file_line_and_remedy(data: str | bytes, expected: str) -> None:
    problems = errors(data)
    assert problems[0].startswith(expected), problems
    assert " \u2014 " in problems[0]  # every message says what to do


def test_missing_title_is_reported_on_the_right_line_when_there_are_several() -> None:
    problems = errors("---\ndate: nope\n---\n")
    assert len(problems) == 2


def test_the_slug_comes_from_the_file_name_not_the_title() -> None:
    text = "---\ntitle: Banjir Rendam Tiga Kelurahan\ndate: 2018-09-26\n---\n"
    article = parse_article(text, "content/articles/x/banjir.md", CONFIG).article
    assert (article.slug, article.url) == ("banjir", "/2018/09/banjir/")
    corrected = text.replace("Tiga", "Empat")
    assert parse_article(corrected, "content/articles/x/banjir.md", CONFIG).article.url == \
        article.url


def test_a_date_prefix_of_the_file_name_is_not_part_of_the_slug() -> None:
    text = "---\ntitle: A\ndate: 2018-09-26\n---\n"
    assert parse_article(text, "content/articles/2018-09-26-Pasar Baru.md",
                         CONFIG).article.slug == "pasar-baru"
    # A name that is only a date keeps it.
    assert parse_article(text, "content/articles/2018-09-26.md", CONFIG).article.slug == \
        "2018-09-26"


@pytest.mark.parametrize(("path", "slug"), [
    # (a Hugo archive's page bundle: the story's folder holds its index.md and photos)
    ("content/articles/berita/banjir-rob/index.md", "banjir-rob"),
    ("content/articles/2018/09/2018-09-26-banjir-rob/index.md", "banjir-rob"),
    ("content/articles/index.md", "index"),  # (no folder of its own)
    ("content/articles/2024/05/index.md", "index"),  # (`warta new "Index"` writes it)
    ("content/articles/x/indeks.md", "indeks"),
])
def test_a_page_bundle_s_index_takes_its_folder_s_name(path: str, slug: str) -> None:
    text = "---\ntitle: A\ndate: 2018-09-26\n---\n"
    assert parse_article(text, path, CONFIG).article.slug == slug


def test_a_hugo_section_s_index_is_an_error_naming_the_file() -> None:
    # (what a Hugo archive dropped into content/articles/ brings in each folder)
    problems = _problems("---\ntitle: Berita\n---\nDaftar berita.\n",
                         "content/articles/berita/_index.md")
    assert [str(p).split(" \u2014 ")[0] for p in problems] == [
        "content/articles/berita/_index.md: a Hugo section's `_index.md` is no story: it "
        "would be published as one, at an address ending in /index/"]


def test_a_file_name_without_letters_or_digits_is_an_error_naming_the_file() -> None:
    problems = [str(p) for p in _problems("---\ntitle: A\ndate: 2018-09-26\n---\n",
                                          "content/articles/x/___.md")]
    assert any("'___.md' gives no URL slug" in p for p in problems)


def _problems(text: str, path: str) -> list[object]:
    with pytest.raises(ContentProblems) as caught:
        parse_article(text, path, CONFIG)
    return list(caught.value.problems)


def test_the_markdown_extensions_named_are_the_ones_at_work() -> None:
    # The converter is built from extension classes (faster than names); each extension
    # EXTENSIONS documents must be at work, and no other (no `smarty`: quotes stay).
    from generator.content import markup

    assert sorted(markup.EXTENSIONS) == ["fenced_code", "sane_lists", "tables"]
    html = markup.render('| a | b |\n|---|---|\n| 1 | 2 |\n\n```\nkode\n```\n\n'
                         '1. satu\n\n* dua\n\n"kutip" -- x\n')
    assert "<table>" in html and "<pre><code>kode" in html
    assert "<ol>" in html and "<ul>" in html  # sane_lists: the bullet list is its own
    assert '"kutip" -- x' in html or "&quot;kutip&quot; -- x" in html


def test_withdrawn_is_a_reason_never_true_or_false() -> None:
    head = "---\ntitle: Judul\ndate: 2018-09-26\n"
    # A reason withdraws the story, shown as written
    reason = parse(head + "withdrawn: Ditarik atas putusan Dewan Pers.\n---\nIsi.\n")
    assert reason.article.withdrawn == "Ditarik atas putusan Dewan Pers."
    # `false` keeps it published (it withdrew it, showing "False", before)
    kept = parse(head + "withdrawn: false\n---\nIsi.\n")
    assert kept.article.withdrawn == "" and not kept.warnings
    # `true` says no reason: an error at its line, saying what to write
    found = errors(head + "withdrawn: true\n---\nIsi.\n")
    assert len(found) == 1 and ":4:" in found[0] and "reason" in found[0]
    assert "withdrawn: Ditarik karena" in found[0]


@pytest.mark.parametrize("line", ["location: false", "source: true", "summary: false",
                                  "slug: false", "title: true"])
def test_true_or_false_where_text_is_read_is_an_error_at_its_line(line: str) -> None:
    # (Readers read "False" in the dateline before; `slug: false` gave /…/false/.)
    head = "---\ntitle: Judul\ndate: 2018-09-26\n" if not line.startswith("title") \
        else "---\ndate: 2018-09-26\n"
    found = errors(head + line + "\n---\nIsi.\n")
    key = line.split(":")[0]
    assert found == [f"{PATH}:{head.count(chr(10)) + 1}: `{key}` must be text, not "
                     f"{line.split(': ')[1]} — write the text after `{key}:`, in quotes if it "
                     "is a word YAML reads as true or false (`" + key + ': "No"`), or take '
                     "out the line"]


@pytest.mark.parametrize(("slug", "hint"), [
    ("/2018/09/rakor-pemkot/", "write `slug: rakor-pemkot`; an address the story must keep "
     "answering goes in `aliases:`"),
    ("https://warta.example/berita/rakor.html", "write `slug: rakor`; an address the story "
     "must keep answering goes in `aliases:`"),
    ("/", "write a slug such as `banjir-di-malang`")])
def test_an_address_written_as_the_slug_is_an_error_offering_its_last_word(
        slug: str, hint: str) -> None:
    # (`/2018/09/rakor-pemkot/` published /2018/09/2018-09-rakor-pemkot/ before)
    found = errors(f"---\ntitle: Judul\ndate: 2018-09-26\nslug: {slug}\n---\nIsi.\n")
    assert found == [f"{PATH}:4: the slug {slug!r} is an address; the slug is only its last "
                     f"word \u2014 {hint}"]


def test_a_slug_with_a_slash_that_is_no_address_is_a_slug() -> None:
    parsed = parse("---\ntitle: Judul\ndate: 2018-09-26\nslug: Layanan 24/7\n---\nIsi.\n")
    assert parsed.article.slug == "layanan-24-7"
    assert errors("---\ntitle: Judul\ndate: 2018-09-26\nslug: 2018/09/rakor\n---\nIsi.\n")


def test_a_synonym_of_summary_set_to_false_gives_no_summary_of_that_text() -> None:
    parsed = parse("---\ntitle: Judul\ndate: 2018-09-26\ndescription: false\n---\nIsi.\n")
    assert parsed.article.summary == "Isi."


@pytest.mark.parametrize("value", ["'   '", "''", '" \\t "', ""])
def test_a_blank_title_is_an_error_at_its_line(value: str) -> None:
    # (A title of spaces gave a page without a headline before.)
    found = errors(f"---\ndate: 2018-09-26\ntitle: {value}\n---\nIsi.\n")
    assert found == [f"{PATH}:3: `title` is empty — write it after `title:`"]


@pytest.mark.parametrize("line, key", [
    ("updated: 2017-09-27", "updated"),
    ("lastmod: 2018-08-27T10:00:00+07:00", "lastmod"),
    ("corrections:\n  - date: 2018-10-01\n    text: Ralat.\n  - date: 2018-08-30\n"
     "    text: Ralat lagi.", "corrections")])
def test_an_update_dated_before_the_article_is_a_warning_at_its_line(line: str,
                                                                      key: str) -> None:
    # (Ignored without a word before: a typo in the year or the month hid the update.)
    parsed = parse("---\ntitle: Judul\ndate: 2018-09-26T10:00:00+07:00\n" + line
                   + "\n---\nIsi.\n")
    found = [str(w) for w in parsed.warnings]
    assert len(found) == 1 and found[0].startswith(f"{PATH}:4: `") and "before the " \
        "article's `date` (2018-09-26T10:00+07:00)" in found[0], found


@pytest.mark.parametrize("line", ["updated: 2018-09-26", "updated: 2018-09-27",
                                  "corrections:\n  - date: 2018-09-26\n    text: Ralat."])
def test_an_update_of_the_same_day_or_later_is_no_warning(line: str) -> None:
    parsed = parse("---\ntitle: Judul\ndate: 2018-09-26T10:00:00+07:00\n" + line
                   + "\n---\nIsi.\n")
    assert not parsed.warnings


@pytest.mark.parametrize("value, withdrawn", [
    ("no", ""), ("'false'", ""), ("0", ""), ("off", ""), ("Nomor 0 keliru.", "Nomor 0 keliru.")])
def test_withdrawn_written_as_a_switch_turned_off_keeps_the_story(value: str,
                                                                 withdrawn: str) -> None:
    parsed = parse(f"---\ntitle: Judul\ndate: 2018-09-26\nwithdrawn: {value}\n---\nIsi.\n")
    assert parsed.article.withdrawn == withdrawn


@pytest.mark.parametrize("value", ["yes", "'true'", "1", "On"])
def test_withdrawn_written_as_a_switch_turned_on_asks_for_the_reason(value: str) -> None:
    found = errors(f"---\ntitle: Judul\ndate: 2018-09-26\nwithdrawn: {value}\n---\nIsi.\n")
    assert len(found) == 1 and "the reason shown to readers" in found[0]


def test_a_text_yaml_reads_as_false_is_named_as_written() -> None:
    # (`location: no` is false to YAML: the error says `no`, which the editor wrote.)
    found = errors("---\ntitle: Judul\ndate: 2018-09-26\nlocation: no\n---\nIsi.\n")
    assert found[0].startswith(f"{PATH}:4: `location` must be text, not no — ")


def test_an_alias_copied_as_this_sites_full_address_is_kept_as_its_path() -> None:
    config = parse_config('base_url = "https://kabar.example/"\n')
    parsed = parse_article("---\ntitle: A\ndate: 2018-09-26\naliases: ["
                           "'https://kabar.example/berita/123.html', "
                           "'http://KABAR.example/lama/x/']\n---\nIsi.\n", PATH, config)
    assert parsed.article.aliases == ("/berita/123.html", "/lama/x/")
    # (Another site's address, or a query string no static host can answer, stays an
    # error at its line.)
    for alias in ("https://lain.example/berita/123.html", "https://kabar.example/?p=12"):
        with pytest.raises(ContentProblems) as failed:
            parse_article(f"---\ntitle: A\ndate: 2018-09-26\naliases: ['{alias}']\n---\n",
                          PATH, config)
        assert str(failed.value.problems[0]).startswith(f"{PATH}:4: the alias")
