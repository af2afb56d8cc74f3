"""The review report: each field with where it came from and how sure it is."""

from __future__ import annotations

import csv
from dataclasses import replace
from datetime import datetime
from zoneinfo import ZoneInfo

from generator.importers.imported import Guess, Imported
from generator.importers.review import csv_header, csv_row, csv_text, field_lines, least_sure

ZONE = ZoneInfo("Asia/Jakarta")


def _record(**fields: object) -> Imported:
    base = Imported(origin="a.txt", title="Judul", date=datetime(2024, 5, 6, tzinfo=ZONE),
                    date_how="x", slug="judul", body="Teks.\n")
    return replace(base, **fields)  # type: ignore[arg-type]


def test_fields_without_a_guess_are_stated_by_the_source() -> None:
    lines = {line.field: line for line in field_lines(_record(source="Lembahpos"))}
    assert (lines["source"].source, lines["source"].confidence) == ("stated by the source",
                                                                    "certain")
    assert lines["location"].source == "not given"
    assert lines["date"].value == "2024-05-06T00:00:00+07:00"
    assert field_lines(_record(time_known=False))[1].value == "2024-05-06"


def test_the_least_sure_field_sorts_the_review() -> None:
    record = _record(guesses=(Guess("date", "body", "guessed"),
                              Guess("authors", "byline code", "inferred")))
    assert least_sure(field_lines(record)) == "guessed"
    assert least_sure(field_lines(_record())) == "certain"
    row = csv_row(record, "content/articles/2024/05/judul.md", "written")
    assert len(row) == len(csv_header())
    parsed = next(csv.DictReader(csv_text([row]).splitlines()))
    assert (parsed["date from"], parsed["date confidence"], parsed["least_sure"]) == (
        "body", "guessed", "guessed")
