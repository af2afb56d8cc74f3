"""The golden sample site builds to exactly the expected tree, byte for byte.

After an intended change to the output, run `make golden` and review the diff.
"""

from pathlib import Path

from tests.golden import EXPECTED, SITE, build_golden, tree


def test_golden_site_matches_expected_output(tmp_path: Path) -> None:
    actual = tree(build_golden(tmp_path))
    expected = tree(EXPECTED)
    assert sorted(actual) == sorted(expected), "files differ; run `make golden` and review"
    different = [path for path in expected if actual[path] != expected[path]]
    assert not different, f"contents differ: {different}; run `make golden` and review"


def test_the_golden_register_is_as_a_build_leaves_it(tmp_path: Path) -> None:
    # The register of published addresses is tracked like a lock file: a build of the
    # sample as committed has nothing to add to it.
    build_golden(tmp_path)
    register = "content/published-urls.txt"
    assert (tmp_path / "site" / register).read_bytes() == (SITE / register).read_bytes()
    # So are the boundaries of its sealed list pages (issue 18 item 8)
    pages = "content/list-pages.txt"
    assert (tmp_path / "site" / pages).read_bytes() == (SITE / pages).read_bytes()
