"""The frontmatter keys Warta reads, and the suggestions for those it does not."""

from __future__ import annotations

import pytest

from generator.content import keys


@pytest.mark.parametrize(
    ("key", "meant"),
    [("judul", "title"), ("Judul", "title"), ("tanggal", "date"), ("penulis", "authors"),
     ("lokasi", "location"), ("ringkasan", "summary"), ("gambar", "image"), ("foto", "image"),
     ("label", "tags"), ("sumber", "source"), ("tittle", "title"), ("auhtors", "authors"),
     ("categoris", "categories"), ("excrept", "excerpt"), ("rubrik", "section"), ("warna", None),
     ("editor", "editors"), ("penyunting", "editors"), ("redaktur", "editors"),
     ("editros", "editors")],
)
def test_suggestion(key: str, meant: str | None) -> None:
    assert keys.suggestion(key) == meant


def test_only_unknown_keys_get_a_suggestion_and_quiet_ones_none() -> None:
    data = {"title": 1, "Categories": 2, "layout": 3, "judul": 4, "warna": 5}
    assert keys.unknown_keys(data) == {"judul": "title", "warna": None}


def test_every_editor_word_stands_for_a_key_we_read() -> None:
    assert set(keys.EDITOR_WORDS.values()) <= keys.KNOWN_KEYS
    assert not set(keys.EDITOR_WORDS) & (keys.KNOWN_KEYS | set(keys.SYNONYMS) | keys.QUIET_KEYS)


@pytest.mark.parametrize(
    ("text", "known", "several"),
    [
        ("Banjir BPBD Cuaca", None, ["Banjir", "BPBD", "Cuaca"]),
        ("Banjir", None, None),
        ("Banjir di Malang", None, None),
        ("Pilpres 2019", None, None),
        ("Hmz Ulm", {"Hmz", "Ulm"}, ["Hmz", "Ulm"]),
        ("Hamid Zulkarnain", {"Hmz", "Ulm"}, None),
        ("Hamid Zulkarnain", set(), None),
        ("Banjir; Longsor", None, ["Banjir", "Longsor"]),  # (its parts, not its words)
        ("banjir di malang | longsor", None, ["banjir di malang", "longsor"]),
        ("Hmz;Ulm", {"Hmz", "Ulm"}, ["Hmz", "Ulm"]),
        ("Banjir;", None, None),
    ],
)
def test_looks_like_several(text: str, known: set[str] | None,
                            several: list[str] | None) -> None:
    assert keys.looks_like_several(text, known) == several


def test_words_and_lists() -> None:
    assert keys.words_of(" Banjir, ,BPBD ,") == ["Banjir", "BPBD"]
    assert keys.as_list("tags", ["Banjir", "BPBD"]) == "tags: [Banjir, BPBD]"
