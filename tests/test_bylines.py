"""Academic degrees after a name (content/bylines.py): part of the name as written, not
of the author's page; and bylines that name two people."""

from __future__ import annotations

import pytest

from generator.content.bylines import Byline, author_slug, people_in, with_degrees


@pytest.mark.parametrize(("names", "joined"), [
    (["Hamid Zulkarnain", "S.H."], ["Hamid Zulkarnain, S.H."]),
    (["Siti Aminah", "S.E.", "M.M."], ["Siti Aminah, S.E., M.M."]),
    (["Budi Santoso", "S.Pd.I.", "Ph.D.", "Hmz"], ["Budi Santoso, S.Pd.I., Ph.D.", "Hmz"]),
    (["Rina Wati", "S.I.Kom."], ["Rina Wati, S.I.Kom."]),
    (["Ahmad Fauzi", "Sp.PD"], ["Ahmad Fauzi, Sp.PD"]),
    (["Hmz", "A.R."], ["Hmz", "A.R."]),  # (initials take no degree)
    (["S.H.", "Hamid Zulkarnain"], ["S.H.", "Hamid Zulkarnain"]),  # (nothing before it)
    (["Hmz", "Ulm"], ["Hmz", "Ulm"]),
    # (names and sign-offs shaped like degrees: two reporters, not one)
    (["Budi Santoso", "M. Iqbal"], ["Budi Santoso", "M. Iqbal"]),
    (["Budi Santoso", "A. Yani", "Muh. Ali", "H. Agus"],
     ["Budi Santoso", "A. Yani", "Muh. Ali", "H. Agus"]),
    (["Tim Redaksi", "Red."], ["Tim Redaksi", "Red."]), (["Budi Santoso", "Ant."],
                                                         ["Budi Santoso", "Ant."]),
    (["Budi Santoso", "SH"], ["Budi Santoso", "SH"]),  # (initials, perhaps)
    (["Budi Santoso", "MBA"], ["Budi Santoso, MBA"]),
    (["Ahmad Fauzi", "S.E.", "M.E."], ["Ahmad Fauzi, S.E., M.E."]),
    (["Rina Wati", "A.Md.Keb."], ["Rina Wati, A.Md.Keb."]),
    (["Rina Wati", "S.Tr.Kes."], ["Rina Wati, S.Tr.Kes."]),
    (["Rina Wati", "Sp.A(K)"], ["Rina Wati, Sp.A(K)"]),
    (["Rina Wati", "Sp.THT-KL"], ["Rina Wati, Sp.THT-KL"]),
    (["Rina Wati", "M.Biomed"], ["Rina Wati, M.Biomed"]),
    (["Rina Wati", "Apt."], ["Rina Wati, Apt."]),
    (["Budi Santoso", "M.Iqbal"], ["Budi Santoso", "M.Iqbal"]),  # (a name, no space)
    (["Budi Santoso", "A.R."], ["Budi Santoso", "A.R."]),  # (initials)
    (["Budi Santoso", "Abd. Kadir"], ["Budi Santoso", "Abd. Kadir"]),
])
def test_with_degrees(names: list[str], joined: list[str]) -> None:
    assert with_degrees(names) == joined


@pytest.mark.parametrize(("name", "slug"), [
    ("Budi Santoso, S.H.", "budi-santoso"), ("Budi Santoso, S.H., M.H.", "budi-santoso"),
    ("Budi Santoso", "budi-santoso"), ("Dr. Siti Aminah, M.Si.", "siti-aminah"),
    ("Prof. Dr. Ir. Siti Aminah", "siti-aminah"), ("dr. Rina Wati, Sp.A(K)", "rina-wati"),
    ("Dr. Aminah", "dr-aminah"),  # (one word left would be no name: kept)
    # (a pilgrim's title before a name of two words; before one, perhaps an initial)
    ("H. Ahmad Fauzi", "ahmad-fauzi"), ("Hj. Siti Aminah", "siti-aminah"),
    ("Hj Siti Aminah", "siti-aminah"), ("Prof. Dr. H. Ahmad Fauzi, M.Pd.", "ahmad-fauzi"),
    ("H. Budiman", "h-budiman"), ("H Ahmad Fauzi", "h-ahmad-fauzi"),
    ("Dr Siti Aminah", "dr-siti-aminah"),  # (no dot: perhaps not a title)
    ("Rina Wati, A.Md.", "rina-wati"), ("Rina Wati, Sp.A(K)", "rina-wati"),
    ("Hmz, A.R.", "hmz-a-r"),  # (no full name before it: no degree)
    ("Jakarta, Indonesia", "jakarta-indonesia"),
    # (a role or a place in brackets after the name: one reporter, one page)
    ("Budi Santoso (Kontributor)", "budi-santoso"),
    ("Budi Santoso, S.H. (Kontributor Palu)", "budi-santoso"),
    ("Rina Wati, Sp.A(K)", "rina-wati"), ("(Tim Redaksi)", "tim-redaksi"),
    ("Ahmad (Palu)", "ahmad-palu"),  # (a place alone: two reporters may be told by it)
    ("Badan SAR Nasional (Basarnas)", "badan-sar-nasional-basarnas")])
def test_author_slug_leaves_the_degrees_out(name: str, slug: str) -> None:
    assert author_slug(name) == slug


@pytest.mark.parametrize(("written", "people"), [
    ("Budi Santoso dan Ani Wijaya", ["Budi Santoso", "Ani Wijaya"]),
    ("Budi Santoso & Ani Wijaya", ["Budi Santoso", "Ani Wijaya"]),
    ("Budi Santoso and Ani Wijaya", ["Budi Santoso", "Ani Wijaya"]),
    ("BUDI SANTOSO DAN ANI WIJAYA", ["BUDI SANTOSO", "ANI WIJAYA"]),  # (a CMS's capitals)
    ("Hmz/Ulm", ["Hmz", "Ulm"]), ("Hmz / Ulm", ["Hmz", "Ulm"]),
    ("Penulis: Budi Santoso", ["Budi Santoso"]), ("Laporan : Budi", ["Budi"]),
    ("Oleh Budi Santoso", ["Budi Santoso"]), ("Teks dan Foto: Budi", ["Budi"]),
    ("reporter: Budi Santoso dan Ani Wijaya", ["Budi Santoso", "Ani Wijaya"]),
    ("Budi Santoso, S.H. dan Ani Wijaya", ["Budi Santoso, S.H.", "Ani Wijaya"]),
    ("Budi, Ani dan Citra", ["Budi, Ani", "Citra"]),  # (commas: the caller's)
    # (a name holding the words: capitalised, or inside a word)
    ("Dan Sutrisno", ["Dan Sutrisno"]), ("Daniel Handayani", ["Daniel Handayani"]),
    ("Ramadan Saputra", ["Ramadan Saputra"]), ("Tim Redaksi", ["Tim Redaksi"]),
    ("Oleh-oleh", ["Oleh-oleh"]),  # (no colon, no name after it: not the role)
    # (a body's name: `dan` and the slash are its own)
    ("Dinas Komunikasi dan Informatika", ["Dinas Komunikasi dan Informatika"]),
    ("Tim Kompas/Gramedia", ["Tim Kompas/Gramedia"]),
    ("Humas Pemkot Sumberjaya & Bagian Protokol", ["Humas Pemkot Sumberjaya & Bagian Protokol"]),
    # (`dan Rekan`, `dan Tim`: the colleagues are no one's name)
    ("Dinda Anggraini dan Rekan", ["Dinda Anggraini"]), ("Budi Santoso dan Tim", ["Budi Santoso"]),
    ("Tim", ["Tim"]),
])
def test_people_in_a_byline(written: str, people: list[str]) -> None:
    assert people_in(written) == Byline(tuple(people), ())


@pytest.mark.parametrize(("written", "people", "editing"), [
    ("Penulis: Budi Santoso / Editor: Ani Wijaya", ["Budi Santoso"], ["Ani Wijaya"]),
    ("Reporter: Budi dan Redaktur: Ani", ["Budi"], ["Ani"]),
    ("Editor: Ani Wijaya", [], ["Ani Wijaya"]),
    ("Penulis: Budi / Editor: Ani dan Rina", ["Budi"], ["Ani", "Rina"]),
    ("Penulis: Budi dan Ani", ["Budi", "Ani"], []),
    ("Penulis: Budi Santoso | Editor: Ani Wijaya", ["Budi Santoso"], ["Ani Wijaya"]),  # (Kompas)
    ("Penulis: Budi Santoso, Editor: Ani Wijaya", ["Budi Santoso"], ["Ani Wijaya"]),
])
def test_an_editor_named_in_a_byline_is_set_apart(written: str, people: list[str],
                                                   editing: list[str]) -> None:
    assert people_in(written) == Byline(tuple(people), tuple(editing))
    # (in `editors:`, an editor is who is named)
    assert people_in(written, editors=True).editing == ()


def test_an_entry_of_a_list_is_one_name_without_its_role() -> None:
    assert people_in("Budi Santoso dan Ani Wijaya", split=False) == Byline(
        ("Budi Santoso dan Ani Wijaya",), ())
    assert people_in("Penulis: Budi Santoso", split=False) == Byline(("Budi Santoso",), ())
    assert people_in("Editor: Ani", split=False) == Byline((), ("Ani",))
