"""The review report of an import: one row per article, each guessed field with
where it came from and how sure it is, so an editor migrating thousands of
articles checks the uncertain ones first (`warta import --report FILE.csv`).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from generator.importers.imported import CONFIDENCES, Guess, Imported

# The fields an importer may guess, in the report's column order.
REPORTED = ("title", "date", "location", "source", "authors", "image.caption",
            "image.credit", "tags")


@dataclass(frozen=True)
class FieldLine:
    """One field of one article as the report shows it."""

    field: str
    """The frontmatter field."""
    value: str
    """Its value as written to the file (lists joined by `, `), or empty."""
    source: str
    """Where it came from."""
    confidence: str
    """certain / inferred / guessed."""


def date_text(record: Imported) -> str:
    """The date as the file writes it: with the time of day only when it is known."""
    return record.date.isoformat() if record.time_known else record.date.date().isoformat()


def _value(record: Imported, field: str) -> str:
    values = {
        "title": record.title, "date": date_text(record), "location": record.location,
        "source": record.source, "authors": ", ".join(record.authors),
        "image.caption": record.image_caption, "image.credit": record.image_credit,
        "tags": ", ".join(record.tags),
    }
    return values[field]


def field_lines(record: Imported) -> list[FieldLine]:
    """Every reported field of `record`. Fields an export or feed states in its own
    element (no guess recorded) are `certain`, from that element."""
    guesses = {guess.field: guess for guess in record.guesses}
    lines = []
    for field in REPORTED:
        value = _value(record, field)
        stated = Guess(field, "stated by the source" if value else "not given", "certain")
        guess = guesses.get(field, stated)
        lines.append(FieldLine(field, value, guess.source, guess.confidence))
    return lines


def least_sure(lines: list[FieldLine]) -> str:
    """The lowest confidence among the fields: the column to sort a review by."""
    return max((line.confidence for line in lines), key=CONFIDENCES.index,
               default=CONFIDENCES[0])


def csv_header() -> list[str]:
    """The report's columns."""
    columns = ["file", "status", "origin", "least_sure"]
    for field in REPORTED:
        columns += [field, f"{field} from", f"{field} confidence"]
    return columns + ["warnings"]


def csv_row(record: Imported, path: str, status: str) -> list[str]:
    """One article's row, in the order of csv_header()."""
    lines = field_lines(record)
    row = [path, status, record.origin, least_sure(lines)]
    for line in lines:
        row += [line.value, line.source, line.confidence]
    return row + [" | ".join(record.warnings)]


def csv_text(rows: list[list[str]]) -> str:
    """The whole report as CSV text (header first), for any spreadsheet."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(csv_header())
    writer.writerows(rows)
    return buffer.getvalue()
