"""What `warta check`'s look at the links costs on its own, for docs/performance.md
("Links checked"): the sources read, the files the links name looked up.

    python benchmarks/links_check.py SITE_DIR

(Build the site first: the links are looked up in its output folder.)
"""

from __future__ import annotations

import resource
import sys
import time
from pathlib import Path

from generator.build.links import check_links
from generator.build.options import BuildResult
from generator.config import load_config


def main(site: Path) -> None:
    started = time.perf_counter()
    found = check_links(site, site / "output", BuildResult((), 0, (), 0, 0, 0.0),
                        load_config(site))
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
    print(f"{len(found)} warnings, {time.perf_counter() - started:.2f} s, peak {peak} MB")
    for problem in found[:5]:
        print(problem)


if __name__ == "__main__":
    main(Path(sys.argv[1]))
