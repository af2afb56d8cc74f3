"""The golden sample site builds to exactly the expected tree, byte for byte.

After an intended change to the output, run `make golden` and review the diff.
"""

from pathlib import Path

from tests.golden import EXPECTED, build_golden, tree


def test_golden_site_matches_expected_output(tmp_path: Path) -> None:
    actual = tree(build_golden(tmp_path))
    expected = tree(EXPECTED)
    assert sorted(actual) == sorted(expected), "files differ; run `make golden` and review"
    different = [path for path in expected if actual[path] != expected[path]]
    assert not different, f"contents differ: {different}; run `make golden` and review"
