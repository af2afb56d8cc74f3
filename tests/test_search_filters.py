"""`output/pagefind/filters.json`: the filters' values and the shards of each year and
section, gathered from each shard's summary; which changes rewrite it."""

from __future__ import annotations

import json

from generator.search.filters import SUMMARY_FILE, filters_text, runs_of, summary_of
from generator.search.records import SearchRecord
from tests.conftest import SiteMaker
from tests.test_search import changed_shards, index_files, needs_pagefind, searchable


def record(year: str, tags: list[str], section: str = "") -> SearchRecord:
    filters = {"Tahun": [year], "Tag": tags} | ({"Rubrik": [section]} if section else {})
    return SearchRecord(url="/a/", title="A", date="", sort="", image="", filters=filters,
                        content="")


def test_runs_are_consecutive_positions() -> None:
    assert runs_of([]) == []
    assert runs_of([0, 1, 2, 5, 7, 8]) == [0, 3, 5, 6, 7, 9]


def test_the_file_gives_the_shards_of_each_year_and_section_and_the_tags_alone() -> None:
    # Given four shards summarised from their records, and a corrections shard holding
    # an old article imported into the first, of a year no shard has
    shards = [(name, json.loads(summary_of(records))) for name, records in (
        ("0", [record("2022", ["Pasar"], "Ekonomi"), record("2022", ["Banjir"])]),
        ("2", [record("2022", ["Pasar"]), record("2023", ["Pasar"], "Kota")]),
        ("4", [record("2023", ["Sekolah"], "Ekonomi")]),
        ("6", [record("2024", ["Pasar", "Banjir"], "Ekonomi")]))]
    corrections = json.loads(summary_of([record("2019", ["Arsip"])]))
    text = filters_text(shards, corrections, ["Tahun", "Rubrik"])
    # Then each year and section names its shards as runs of positions; tags are values
    assert json.loads(text) == {
        "shards": ["0", "2", "4", "6"],
        "runs": {"Rubrik": {"Ekonomi": [0, 1, 2, 4], "Kota": [1, 2]},
                 "Tahun": {"2019": [], "2022": [0, 2], "2023": [1, 3], "2024": [3, 4]}},
        "values": {"Tag": ["Arsip", "Banjir", "Pasar", "Sekolah"]}}
    # And the same summaries give the same bytes
    assert filters_text(list(shards), dict(corrections), ("Rubrik", "Tahun")) == text


def filters(site: SiteMaker) -> dict[str, object]:
    found: dict[str, object] = json.loads(site.read("pagefind/filters.json"))
    return found


@needs_pagefind
def test_only_a_change_of_a_shards_values_rewrites_the_filters_file(site: SiteMaker) -> None:
    # Given five articles of two years in shards of three: 0 [a, b, c] full, 3 [d, e]
    searchable(site, shard_size=3)
    site.write("site.toml", (site.root / "site.toml").read_text(encoding="utf-8")
               + '\n[[sections]]\nname = "Ekonomi"\n')
    dated = {"a": "2023-11-02", "b": "2023-12-05", "c": "2024-01-03", "d": "2024-02-03",
             "e": "2024-03-01", "f": "2024-03-02", "g": "2024-03-03", "h": "2024-03-04"}

    def write(name: str, body: str = "Isi berita tentang pasar.\n",
              tags: str = "[Pasar]", **fields: str) -> None:
        site.article(f"x/{name}", f"Berita {name}", f"{dated[name]}T09:00:00+07:00", body,
                     tags=tags, **fields)

    for name in "abcde":
        write(name, **({"section": "ekonomi"} if name == "c" else {}))
    site.build()
    assert filters(site) == {
        "shards": ["0", "3"],
        "runs": {"Rubrik": {"Ekonomi": [0, 1]}, "Tahun": {"2023": [0, 1], "2024": [0, 2]}},
        "values": {"Tag": ["Pasar"]}}
    listed = filters(site)
    # When the small shard's article is edited (its tags kept), or an old one is
    # corrected, filters.json keeps its bytes
    before = index_files(site)
    write("e", "Isi baru tentang jembatan.\n")
    assert site.build().search_indexed == (3,)
    assert changed_shards(before, index_files(site)) == {"3"}
    before = index_files(site)
    write("a", "Isi baru tentang sungai.\n")
    assert site.build().search_corrected
    assert changed_shards(before, index_files(site)) == {
        "koreksi", "shards.json", ".warta-hidden.json"}
    # When a day's news fills the small shard, in a year and a tag already listed, too
    before = index_files(site)
    write("f")
    assert site.build().search_indexed == (3,)
    assert changed_shards(before, index_files(site)) == {"3", "rute-0", "shards.json",
                                                         ".warta-bounds.json"}
    assert filters(site) == listed
    # When the next one starts a shard and brings a tag: its shard, the list, the filters
    before = index_files(site)
    write("g", tags="[Pasar, Banjir]")
    assert site.build().search_indexed == (6,)
    assert changed_shards(before, index_files(site)) == {"6", "shards.json", "filters.json"}
    assert filters(site)["values"] == {"Tag": ["Banjir", "Pasar"]}
    # And the next day's news, of that year and those tags, changes its shard alone
    before = index_files(site)
    write("h")
    assert site.build().search_indexed == (6,)
    assert changed_shards(before, index_files(site)) == {"6"}
    listed = filters(site)
    assert listed["runs"] == {"Rubrik": {"Ekonomi": [0, 1]},
                              "Tahun": {"2023": [0, 1], "2024": [0, 3]}}
    # When a shard's summary is lost, or the shard was indexed before shards kept one
    # (its key file does not list it), that shard alone is indexed again
    before = index_files(site)
    (site.output / "pagefind/6" / SUMMARY_FILE).unlink()
    assert site.build().search_indexed == (6,)
    assert changed_shards(before, index_files(site)) <= {"6"}
    key_file = site.output / "pagefind/3/.warta-shard"
    key_file.write_text("".join(line for line in key_file.read_text().splitlines(True)
                                if SUMMARY_FILE not in line))
    assert site.build().search_indexed == (3,)
    assert filters(site) == listed
