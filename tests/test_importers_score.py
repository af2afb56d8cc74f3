"""The importer scored field by field against hand-checked labels.

Our own two labelled fixtures check the scorer itself (including two labels that
are wrong on purpose); the shared corpus's `gold-visible.json` holds the importer
to its target. That part is skipped only when ../shared is absent (CI clones have
it next to the repository; see tests/test_import_corpus.py).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.importers.score import (
    FIELDS,
    accuracy_table,
    format_table,
    main,
    score_corpus,
)

LABELS = Path(__file__).parent / "fixtures" / "import-score" / "labels.json"
GOLD = Path(__file__).resolve().parents[2] / "shared" / "corpus-real" / "gold-visible.json"


def test_the_scorer_counts_right_and_wrong_fields() -> None:
    labels, results = score_corpus(LABELS)
    wrong = {(label["file"], field.field) for label, article in zip(labels, results, strict=True)
             for field in article if not field.right}
    assert wrong == {("lembah/radarlembah-banjir.txt", "location"),
                     ("lembah/radarlembah-banjir.txt", "authors")}
    rows = {row.field: row for row in accuracy_table(results)}
    assert [row for row in rows] == list(FIELDS)
    assert (rows["location"].right, rows["location"].total) == (1, 2)
    table = format_table(list(rows.values()))
    assert "| location | 1 | 2 | 50.0% |" in table
    assert f"| **all fields** | {2 * len(FIELDS) - 2} | {2 * len(FIELDS)} |" in table


def test_main_prints_the_table_and_each_wrong_field(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([str(LABELS), "-v"]) == 0
    out = capsys.readouterr().out
    assert "| title | 2 | 2 | 100.0% |" in out
    assert "lembah/radarlembah-banjir.txt: authors" in out and "'Bagas Pratama'" in out
    assert main(["missing.json"]) == 2


@pytest.mark.skipif(not GOLD.is_file(), reason="shared corpus (../shared) not present")
def test_gold_labels_at_least_95_percent_of_fields_right() -> None:
    _, results = score_corpus(GOLD)
    rows = accuracy_table(results)
    right, total = sum(r.right for r in rows), sum(r.total for r in rows)
    assert total == 45 * len(FIELDS)
    assert right / total >= 0.95, format_table(rows)
    # No field may lag far behind, or the total would hide it.
    assert all(r.right / r.total >= 0.9 for r in rows), format_table(rows)
