"""The golden sample site: build it and compare with the expected output tree.

`make golden` (python -m tests.golden) regenerates `tests/golden/expected/`
after a reviewed change; the diff of that folder is the review.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

from generator.build.pipeline import BuildOptions, build

GOLDEN = Path(__file__).resolve().parent / "golden"
SITE = GOLDEN / "site"
EXPECTED = GOLDEN / "expected"


def build_golden(workdir: Path) -> Path:
    """Build a copy of the golden site in `workdir`; return its output folder."""
    site = workdir / "site"
    shutil.copytree(SITE, site, ignore=shutil.ignore_patterns("output", ".warta"))
    build(BuildOptions(site_dir=site, jobs=1))
    return site / "output"


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def main() -> int:
    with tempfile.TemporaryDirectory() as workdir:
        output = build_golden(Path(workdir))
        shutil.rmtree(EXPECTED, ignore_errors=True)
        shutil.copytree(output, EXPECTED)
    print(f"wrote {len(tree(EXPECTED))} files to {EXPECTED}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
