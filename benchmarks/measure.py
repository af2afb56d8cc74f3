"""How benchmarks/run.py measures one command: wall time, peak memory, files written.

Each command runs under a fresh helper process that reports the wall time, the
peak RSS of the largest process (`ru_maxrss` of its children, which is a
maximum over all of them, hence a fresh helper per measurement) and the peak of
the summed RSS of the whole process tree (sampled from /proc every 20 ms, since
Warta's parser workers are separate processes), with its PSS every 200 ms.
Files written = output files that are new or whose mtime changed (those of the search
index, under `pagefind/`, also counted apart).
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

WORK = Path(__file__).resolve().parent / "work"
# Old outputs and caches are moved here and deleted after the last timed run. On
# ext4 without a journal (this machine's disk), creating files right after
# deleting many is several times slower: the kernel passes over recently freed
# inodes (perf: `find_inode_bit`, `recently_deleted`). Deleting the last run's
# 25,000 files before each cold build measured the file system more than the
# generators (Pelican 35 s -> 26 s at 10,000 articles once it stopped; Warta's
# system time 8-11 s -> 1.6 s), and no one's first build follows such a deletion.
TRASH = WORK / "trash"


# Runs one command and reports on it as JSON. A separate interpreter per
# measurement because ru_maxrss of RUSAGE_CHILDREN is the maximum over every
# child ever waited for, so an earlier, bigger build would mask a later one.
HELPER = r"""
import json, os, resource, subprocess, sys, threading, time

def tree(pid):
    pids, todo = [], [pid]
    while todo:
        p = todo.pop()
        pids.append(p)
        try:
            for task in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{task}/children") as f:
                    todo += [int(c) for c in f.read().split()]
        except OSError:
            pass
    return pids

def proc_kb(pid, name, field):
    # /proc/PID/status has VmRSS; smaps_rollup has Pss, the proportional set size,
    # where pages shared by forked workers count once in the sum.
    try:
        with open(f"/proc/{pid}/{name}") as f:
            for line in f:
                if line.startswith(field):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0

cmd, cwd = json.loads(sys.argv[1]), sys.argv[2]
peak = peak_pss = 0
done = threading.Event()
start = time.perf_counter()
proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)

def sample():
    global peak, peak_pss
    tick = 0
    while not done.wait(0.02):
        pids = tree(proc.pid)
        peak = max(peak, sum(proc_kb(p, "status", "VmRSS:") for p in pids))
        tick += 1
        if tick % 10 == 1:
            # smaps_rollup walks the page tables: every 200 ms, not to slow the build.
            peak_pss = max(peak_pss, sum(proc_kb(p, "smaps_rollup", "Pss:") for p in pids))

thread = threading.Thread(target=sample, daemon=True)
thread.start()
out, err = proc.communicate()
seconds = time.perf_counter() - start
done.set()
thread.join()
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({"seconds": seconds, "maxrss_kb": usage.ru_maxrss, "tree_kb": peak,
                  "pss_kb": peak_pss,
                  "rc": proc.returncode,
                  "output": (out + err).decode("utf-8", "replace")[-4000:]}))
"""


@dataclass
class Measure:
    """One run of one command."""

    seconds: float
    maxrss_mb: float
    tree_mb: float
    pss_mb: float
    written: int
    rc: int
    output: str
    search_written: int = 0
    """Of `written`, the files of the search index (under `pagefind/`): one shard's
    bundle, counted apart from the pages and feeds in issue 18's 25."""

    @property
    def pages_written(self) -> int:
        """`written` without the search index's files."""
        return self.written - self.search_written


@dataclass
class Row:
    """All runs of one (size, generator, case)."""

    size: int
    generator: str
    case: str
    runs: list[Measure] = field(default_factory=list)

    @property
    def good(self) -> list[Measure]:
        return [r for r in self.runs if r.rc == 0]

    @property
    def ok(self) -> bool:
        return bool(self.good)

    def median(self, key: Callable[[Measure], float]) -> float:
        # Over the successful runs only: one failed run (reported under Failures)
        # should not hide the others.
        return statistics.median(key(r) for r in self.good)


def discard(path: Path) -> None:
    """Move `path` out of the way now; `empty_trash` deletes it after the timings."""
    if not path.exists():
        return
    TRASH.mkdir(parents=True, exist_ok=True)
    path.rename(TRASH / f"{len(list(TRASH.iterdir()))}-{path.parent.name}-{path.name}")


def empty_trash() -> None:
    shutil.rmtree(TRASH, ignore_errors=True)


def snapshot(folder: Path) -> dict[str, int]:
    """Every file under `folder` with its mtime, to count what a build wrote."""
    found: dict[str, int] = {}
    if not folder.is_dir():
        return found
    stack = [str(folder)]
    while stack:
        with os.scandir(stack.pop()) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    stack.append(entry.path)
                else:
                    found[entry.path] = entry.stat(follow_symlinks=False).st_mtime_ns
    return found


def measure(cmd: list[str], cwd: Path, output: Path) -> Measure:
    before = snapshot(output)
    done = subprocess.run([sys.executable, "-c", HELPER, json.dumps(cmd), str(cwd)],
                          capture_output=True, text=True, check=True)
    report = json.loads(done.stdout)
    after = snapshot(output)
    changed = [path for path, mtime in after.items() if before.get(path) != mtime]
    search = str(output / "pagefind") + os.sep
    return Measure(report["seconds"], report["maxrss_kb"] / 1024, report["tree_kb"] / 1024,
                   report["pss_kb"] / 1024, len(changed), report["rc"], report["output"],
                   search_written=sum(1 for path in changed if path.startswith(search)))
