"""What a build leaves for the next one (build/memos.py): here, the theme's UI strings,
read from the catalogues only when they changed."""

from __future__ import annotations

import pytest

from generator.build import memos
from tests.conftest import SiteMaker

CATALOG = ('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
           'msgid "Related news"\nmsgstr "{}"\n')


def test_the_strings_come_from_the_cache_until_a_catalogue_changes(
        site: SiteMaker, monkeypatch: pytest.MonkeyPatch) -> None:
    site.write("locales/id.po", CATALOG.format("Simak juga"))
    site.article("satu", "Satu", "2024-03-01", tags="[Kota]")
    site.article("dua", "Dua", "2024-03-02", tags="[Kota]")
    site.build()
    reads: list[str] = []
    real = memos.load_strings
    monkeypatch.setattr(memos, "load_strings",
                        lambda theme: reads.append("read") or real(theme))
    # An article edited, nothing else: the strings as the last build read them.
    site.article("dua", "Dua", "2024-03-02", body="Isi baru.\n", tags="[Kota]")
    site.build()
    assert reads == [] and "Simak juga" in site.read("2024/03/dua/index.html")
    # The site's catalogue edited: read again, and every page says the new words.
    site.write("locales/id.po", CATALOG.format("Baca pula"))
    site.build()
    assert reads == ["read"] and "Baca pula" in site.read("2024/03/dua/index.html")
    site.build()
    assert reads == ["read"]
