"""An article's keys: `key` changes with any field, `shape` with those that place it."""

from __future__ import annotations

from dataclasses import fields, replace
from datetime import datetime, timedelta, timezone

from generator.content.model import Article, Author, Correction, Image, Tag, with_key

ZONE = timezone(timedelta(hours=7))
BASE = Article(path="content/articles/a.md", title="Banjir",
               date=datetime(2024, 3, 1, 9, tzinfo=ZONE), slug="banjir",
               url="/2024/03/banjir/", tags=(Tag("Banjir", "banjir", "/tag/banjir/"),),
               authors=(Author("Hmz", "Hamzah", "hamzah", "/penulis/hamzah/"),),
               summary="Air naik.")

# Another value for every field but the two hashes; a field added to Article must be
# added here, and so is checked.
OTHER = {
    "path": "content/articles/b.md", "title": "Banjir susulan",
    "date": datetime(2024, 3, 1, 10, tzinfo=ZONE), "slug": "banjir-susulan",
    "url": "/2024/03/banjir-susulan/", "tags": (Tag("Hujan", "hujan", "/tag/hujan/"),),
    "authors": (), "editors": (Author("Ulm", "Ulya", "ulya", "/penulis/ulya/"),),
    "summary": "Air surut.", "location": "Malang", "source": "Warga",
    "image": Image("foto.jpg", "/media/foto.jpg"), "draft": True,
    "updated": datetime(2024, 3, 2, tzinfo=ZONE),
    "corrections": (Correction(datetime(2024, 3, 2, tzinfo=ZONE), "Angka diperbaiki."),),
    "aliases": ("/lama/",), "withdrawn": "Ditarik.", "words": 7, "body_hash": "abc",
    "extra": {"warna": "Biru"}, "time_known": False, "section": "peristiwa",
    "featured": True, "media": ("media/foto.jpg",),
}
PLACING = {"path", "date", "url", "tags", "authors", "draft", "aliases", "withdrawn",
           "section", "featured"}


def test_every_field_changes_the_key_and_only_placing_fields_the_shape() -> None:
    assert set(OTHER) == {f.name for f in fields(Article)} - {"shape", "key"}
    base = with_key(BASE)
    assert base.key and base.shape and with_key(BASE) == base
    for name, value in OTHER.items():
        changed = with_key(replace(BASE, **{name: value}))
        assert changed.key != base.key, name
        assert (changed.shape != base.shape) == (name in PLACING), name


def test_a_key_does_not_depend_on_the_keys_it_replaces() -> None:
    assert with_key(replace(BASE, shape="x", key="y")) == with_key(BASE)
