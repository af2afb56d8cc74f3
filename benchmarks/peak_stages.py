"""Where a cold build's memory peaks: the highest PSS of the process tree in each stage.

    .venv/bin/python benchmarks/peak_stages.py SITE [--code TREE] [--jobs N]

Moves SITE's `output/` and `.warta/` aside (into `benchmarks/work/trash`, deleted by
`measure.empty_trash` after), then runs `warta build --site SITE --quiet` with the
code of TREE (a `git archive` of a commit; default: this checkout) on `PYTHONPATH`,
its pipeline's stage functions wrapped to note when each starts and ends. Every
0.3 s each process of the tree is sampled (PSS from `smaps_rollup`, as
`measure.py` does, with its name: `python`, `pagefind`); the result is each
stage's highest sample, with the processes that made it, and the whole build's
(docs/performance.md, "a cold build's peak memory at 100,000 articles").
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import resource
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from measure import discard  # noqa: E402

# (module, function, stage): the pipeline calls each through its module's globals.
STAGES = [
    ("generator.build.loader", "load", "load"),
    ("generator.build.pipeline", "_index", "index"),
    ("generator.build.pipeline", "photo_step", "photos"),
    ("generator.build.pipeline", "make_plan", "plan"),
    ("generator.build.pipeline", "write_output", "render and write"),
    ("generator.build.pipeline", "commit_build", "commit"),
    ("generator.build.search", "work", "search: stale shards"),
    ("generator.build.search", "index", "search: shards indexed"),
    ("generator.search.bundles", "_routes", "search: route map"),
]


def drive(marks: Path, argv: list[str]) -> None:
    """In the build's process: wrap the stages, note their times in `marks`, build."""
    import importlib

    out = open(marks, "w", encoding="utf-8")  # noqa: SIM115 (open until the process ends)

    def note(name: str) -> None:
        out.write(f"{time.time():.2f}\t{name}\n")
        out.flush()

    def wrapped(function: Callable[..., Any], name: str) -> Callable[..., Any]:
        @functools.wraps(function)
        def call(*args: Any, **kwargs: Any) -> Any:
            note(name)
            try:
                return function(*args, **kwargs)
            finally:
                note("")

        return call

    for module, attribute, name in STAGES:
        target = importlib.import_module(module)
        setattr(target, attribute, wrapped(getattr(target, attribute), name))
    from generator import cli

    sys.argv = ["warta", *argv]
    cli.run()


def _tree(pid: int) -> list[int]:
    pids, todo = [], [pid]
    while todo:
        p = todo.pop()
        pids.append(p)
        try:
            for task in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{task}/children", encoding="ascii") as f:
                    todo += [int(c) for c in f.read().split()]
        except OSError:
            pass
    return pids


def _pss_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/smaps_rollup", encoding="ascii") as f:
            for line in f:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def _name(pid: int) -> str:
    try:
        with open(f"/proc/{pid}/comm", encoding="utf-8") as f:
            return f.read().strip()
    except OSError:
        return "?"


def sample(cmd: list[str], env: dict[str, str]) -> tuple[list[tuple[float, int, str]], int]:
    """Run `cmd`; every 0.3 s (time, summed PSS in MB, `name:MB` of each process); its
    exit code."""
    samples: list[tuple[float, int, str]] = []
    process = subprocess.Popen(cmd, env=env)
    done = threading.Event()

    def run() -> None:
        while not done.wait(0.3):
            rows = [(p, _name(p), _pss_kb(p) // 1024) for p in _tree(process.pid)]
            samples.append((time.time(), sum(mb for _, _, mb in rows),
                            " ".join(f"{name}:{mb}" for _, name, mb in rows if mb)))

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    code = process.wait()
    done.set()
    thread.join()
    return samples, code


def stage_at(marks: list[tuple[float, str]], moment: float) -> str:
    """The innermost stage running at `moment` (marks: a name starts one, "" ends it)."""
    running: list[str] = []
    for when, name in marks:
        if when > moment:
            break
        if name:
            running.append(name)
        elif running:
            running.pop()
    return running[-1] if running else "start-up and the rest"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("site", type=Path)
    parser.add_argument("--code", type=Path, default=HERE.parent)
    parser.add_argument("--jobs", type=int, default=0)
    parser.add_argument("--drive", type=Path, help=argparse.SUPPRESS)
    args, rest = parser.parse_known_args()
    if args.drive:
        drive(args.drive, rest)
        return 0
    site = args.site.resolve()
    for name in ("output", ".warta"):
        discard(site / name)
    marks_file = HERE / "work" / "peak-stages.marks"
    marks_file.parent.mkdir(parents=True, exist_ok=True)
    build = ["build", "--site", str(site), "--quiet"] + (
        ["--jobs", str(args.jobs)] if args.jobs else [])
    env = {**os.environ, "PYTHONPATH": str(args.code.resolve())}
    started = time.time()
    samples, code = sample([sys.executable, __file__, str(site), "--drive", str(marks_file),
                            *build], env)
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    marks = [(float(when), name) for when, name in (
        line.split("\t") for line in marks_file.read_text(encoding="utf-8").splitlines())]
    peaks: dict[str, tuple[int, float, str]] = {}
    for when, total, processes in samples:
        stage = stage_at(marks, when)
        if total > peaks.get(stage, (-1, 0.0, ""))[0]:
            peaks[stage] = (total, when - started, processes)
    for stage, (total, at, processes) in peaks.items():
        print(json.dumps({"stage": stage, "peak_pss_mb": total, "at_s": round(at, 1),
                          "processes": processes}))
    top = max(peaks.items(), key=lambda item: item[1][0]) if peaks else ("", (0, 0.0, ""))
    print(json.dumps({"build": code, "seconds": round(time.time() - started, 1),
                      "cpu_s": round(usage.ru_utime + usage.ru_stime, 1),
                      "peak_pss_mb": top[1][0], "peak_stage": top[0]}))
    return code


if __name__ == "__main__":
    sys.exit(main())
