"""How many fields the raw-text importer gets right against hand-checked labels.

The labels are a JSON list in the shape of `../shared/corpus-real/gold-visible.json`
(described in `gold-visible.md` beside it): one object per article with the title,
date, location, dateline and footer source, authors, caption, credit, the first and
last 8 words of the body and its paragraph count. `score_one` compares one article
with its label; `accuracy_table` sums them per field. Reading the files is `main`'s
business: `python -m generator.importers.score LABELS.json` (or `make import-score`).
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from generator.importers.rawtext import parse_raw, structure

# The fields scored, in the order of the table. `published` is left out: every
# label is null (no text states a publication date) and the importer has no such
# field, so scoring it would count 45 free answers.
FIELDS = ("title", "date", "location", "dateline_source", "footer_source", "authors",
          "caption", "credit", "body_first", "body_last", "paragraphs")
_ZONE = ZoneInfo("Asia/Jakarta")
# A fixed stand-in for the file's modification time: a date taken from it is a
# date not found in the text, which is what a null label asks for.
_FALLBACK = datetime(2000, 1, 1, tzinfo=_ZONE)


@dataclass(frozen=True)
class FieldResult:
    """One field of one article, compared."""

    field: str
    """The label's key, e.g. `credit`."""
    expected: Any
    """The label's value (None for "none")."""
    found: Any
    """The importer's value, in the label's shape."""

    @property
    def right(self) -> bool:
        """True when the importer's value equals the label's."""
        return bool(_normal(self.expected) == _normal(self.found))


def _normal(value: Any) -> Any:
    # HTML shows runs of whitespace as one space, and the importer keeps each line
    # with its whitespace collapsed: a double space in a caption is not a difference.
    if isinstance(value, str):
        return " ".join(value.split()) or None
    if isinstance(value, list):
        return [_normal(v) for v in value]
    return value


def _words(text: str, first: bool) -> str:
    words = text.split()
    return " ".join(words[:8] if first else words[-8:])


def reading(text: str) -> dict[str, Any]:
    """What the importer makes of one raw text, in the labels' shape."""
    parts = structure(text)
    record = parse_raw(text, "score", zone=_ZONE, fallback=_FALLBACK, fallback_how="none")
    # The labels' date is the first one in the lead (or a stated publication date):
    # a date found only later in the body is the importer's guess, not a stated one.
    date_from = next(g.source for g in record.guesses if g.field == "date")
    from_text = date_from in ("dateline", "lead")
    body = parts.paragraphs
    dateline = parts.dateline
    return {
        "title": record.title,
        "date": record.date.date().isoformat() if from_text else None,
        "location": record.location or None,
        "dateline_source": (dateline.source if dateline else "") or None,
        "footer_source": parts.footer_source or None,
        "authors": list(record.authors),
        "caption": record.image_caption or None,
        "credit": record.image_credit or None,
        "body_first": _words(body[0], True) if body else None,
        "body_last": _words(body[-1], False) if body else None,
        "paragraphs": len(body),
    }


def score_one(text: str, label: dict[str, Any]) -> list[FieldResult]:
    """Each scored field of one article against its label."""
    found = reading(text)
    return [FieldResult(name, label[name], found[name]) for name in FIELDS]


@dataclass(frozen=True)
class FieldAccuracy:
    """One row of the table."""

    field: str
    """The field's name."""
    right: int
    """Articles where the importer's value equals the label."""
    total: int
    """Articles scored."""


def accuracy_table(results: list[list[FieldResult]]) -> list[FieldAccuracy]:
    """Per-field counts over all articles, in the order of FIELDS."""
    rows = []
    for index, name in enumerate(FIELDS):
        right = sum(1 for article in results if article[index].right)
        rows.append(FieldAccuracy(name, right, len(results)))
    return rows


def format_table(rows: list[FieldAccuracy]) -> str:
    """A Markdown table, one row per field and a total."""
    lines = ["| field | right | of | accuracy |", "|---|---:|---:|---:|"]
    for row in rows:
        lines.append(f"| {row.field} | {row.right} | {row.total} | "
                     f"{100 * row.right / row.total:.1f}% |")
    right, total = sum(r.right for r in rows), sum(r.total for r in rows)
    lines.append(f"| **all fields** | {right} | {total} | {100 * right / total:.1f}% |")
    return "\n".join(lines)


def load_labels(path: Path) -> list[dict[str, Any]]:
    """The label list; the articles are under `articles/` beside it."""
    labels: list[dict[str, Any]] = json.loads(path.read_text(encoding="utf-8"))
    return labels


def score_corpus(labels_path: Path) -> tuple[list[dict[str, Any]], list[list[FieldResult]]]:
    """Every labelled article read and scored."""
    labels = load_labels(labels_path)
    articles = labels_path.parent / "articles"
    results = [score_one((articles / label["file"]).read_text(encoding="utf-8"), label)
               for label in labels]
    return labels, results


def main(argv: list[str]) -> int:
    """Print the table, then each wrong field (with `-v`)."""
    if not argv or not Path(argv[0]).is_file():
        print("usage: python -m generator.importers.score LABELS.json [-v]", file=sys.stderr)
        return 2
    labels, results = score_corpus(Path(argv[0]))
    print(format_table(accuracy_table(results)))
    if "-v" in argv:
        for label, article in zip(labels, results, strict=True):
            for field in article:
                if not field.right:
                    print(f"\n{label['file']}: {field.field}\n  label: {field.expected!r}\n"
                          f"  found: {field.found!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
