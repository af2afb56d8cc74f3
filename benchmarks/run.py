"""Build synthetic archives with Warta, Hugo and Pelican and print a table (`make bench`).

    .venv/bin/python benchmarks/run.py [--full] [--sizes 1000,10000] [--repeat 3]
                                       [--with-pelican] [--no-hugo]

For each size, `synth.py` writes the same archive for every generator into
`benchmarks/work/` (git-ignored), then runs, alternating generators within
each case so that drift in the machine's state hits them all alike:

- Warta: cold (no `.warta/`, empty output), one article edited, one article
  added, a template edited (the theme's `article.html` copied into the site's
  `templates/` with a comment changed), each followed by `warta build`;
  finally one cold build with every optional output switched on.
- Hugo (when `hugo` is on PATH): cold (empty `public/`) and one article edited.
- Pelican (with `--with-pelican`, from its own venv): cold (no cache, empty
  output) and one article edited (with its content cache).

Each command runs under a fresh helper process that reports the wall time, the
peak RSS of the largest process (`ru_maxrss` of its children, which is a
maximum over all of them, hence a fresh helper per measurement) and the peak of
the summed RSS of the whole process tree (sampled from /proc every 20 ms, since
Warta's parser workers are separate processes). Files written = output files
that are new or whose mtime changed. Timings stay out of the test suite.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
WORK = HERE / "work"
sys.path.insert(0, str(HERE))

import synth  # noqa: E402  (a sibling script, not an installed package)
from machine import condition, machine  # noqa: E402  (the same)

WARTA = ROOT / ".venv" / "bin" / "warta"
THEME_ARTICLE = ROOT / "themes" / "default" / "templates" / "article.html"
PELICAN_VENV = WORK / "pelican-venv"
# Old outputs and caches are moved here and deleted after the last timed run. On
# ext4 without a journal (this machine's disk), creating files right after
# deleting many is several times slower: the kernel passes over recently freed
# inodes (perf: `find_inode_bit`, `recently_deleted`). Deleting the last run's
# 25,000 files before each cold build measured the file system more than the
# generators (Pelican 35 s -> 26 s at 10,000 articles once it stopped; Warta's
# system time 8-11 s -> 1.6 s), and no one's first build follows such a deletion.
TRASH = WORK / "trash"
SEED = 1

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
    written = sum(1 for path, mtime in after.items() if before.get(path) != mtime)
    return Measure(report["seconds"], report["maxrss_kb"] / 1024, report["tree_kb"] / 1024,
                   report["pss_kb"] / 1024, written, report["rc"], report["output"])


class Site:
    """One generator's copy of the archive and the changes a benchmark makes to it."""

    name = ""
    cases: tuple[str, ...] = ()

    def __init__(self, root: Path, size: int) -> None:
        self.root = root
        self.size = size
        self.sources = sorted(
            p for p in (root / "content").rglob("*.md")) if (root / "content").is_dir() else []
        # The edited article sits in the middle of the archive: neither the newest
        # (on the home page) nor the oldest, so its neighbours and tag pages are typical.
        self.edited = self.sources[len(self.sources) // 2] if self.sources else root
        self.original = self.edited.read_bytes() if self.sources else b""
        self.added: list[Path] = []
        self.edits = 0

    @property
    def output(self) -> Path:
        return self.root / "output"

    def command(self) -> list[str]:
        raise NotImplementedError

    def reset(self) -> None:
        """Back to the generated archive with no output and no cache."""
        self.edited.write_bytes(self.original)
        for path in self.added:
            path.unlink(missing_ok=True)
        self.added.clear()
        discard(self.output)

    def prepare(self, case: str) -> None:
        if case.startswith("cold"):
            self.reset()
        elif case == "edit":
            self.edits += 1
            # A correction at the end of the body: the same kind of change every time,
            # and never the same text twice (so the content hash changes too).
            text = self.original.decode("utf-8").rstrip("\n")
            self.edited.write_bytes(
                f"{text}\n\nRalat: angka pada paragraf kedua diperbaiki ({self.edits}).\n"
                .encode())
        elif case == "add":
            self.add_article()
        elif case == "template":
            self.edit_template()

    def add_article(self) -> None:
        number = len(self.added) + 1
        writer = synth.Writer(SEED + 1000 + number)
        last = synth.END_DATE + timedelta(days=1)
        when = datetime(last.year, last.month, last.day, 7, number, tzinfo=synth.WIB)
        article = writer.article(self.size + number, when)
        article = synth.Article(article.index, article.title, f"tambahan-{number}-{article.slug}",
                                when, article.tags, article.author, article.body)
        relative, text = synth.article_file(self.name, article)
        path = self.root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        self.added.append(path)

    def edit_template(self) -> None:
        raise NotImplementedError

    def run(self, case: str) -> Measure:
        self.prepare(case)
        return measure(self.command(), self.root, self.output)


class WartaSite(Site):
    name = "warta"
    cases = ("cold", "edit", "add", "template")

    def command(self) -> list[str]:
        return [str(WARTA), "build", "--site", str(self.root), "--quiet"]

    def reset(self) -> None:
        super().reset()
        discard(self.root / ".warta")
        shutil.rmtree(self.root / "templates", ignore_errors=True)
        (self.root / "site.toml").write_text(synth.warta_site_toml(), encoding="utf-8")

    def prepare(self, case: str) -> None:
        super().prepare(case)
        if case == "cold-all-outputs":
            # The full-featured build: the same archive with every optional output on.
            text = synth.warta_site_toml()
            (self.root / "site.toml").write_text(text.replace(" = false", " = true"),
                                                 encoding="utf-8")

    def edit_template(self) -> None:
        self.edits += 1
        text = THEME_ARTICLE.read_text(encoding="utf-8")
        # Only a comment changes: the pages' HTML stays the same, but Warta cannot
        # know that without rendering them again.
        mark = f"{{# benchmark template edit {self.edits} #}}"
        at = text.find("{#")
        text = text[:at] + mark + text[at:] if at >= 0 else mark + "\n" + text
        target = self.root / "templates" / "article.html"
        target.parent.mkdir(exist_ok=True)
        target.write_text(text, encoding="utf-8")


class HugoSite(Site):
    name = "hugo"
    cases = ("cold", "edit")

    @property
    def output(self) -> Path:
        return self.root / "public"

    def command(self) -> list[str]:
        return ["hugo", "--source", str(self.root), "--quiet"]

    def reset(self) -> None:
        super().reset()
        discard(self.root / "resources")


class PelicanSite(Site):
    name = "pelican"
    cases = ("cold", "edit")

    def command(self) -> list[str]:
        return [str(PELICAN_VENV / "bin" / "pelican"), "content", "-s", "pelicanconf.py",
                "-o", "output", "-q"]

    def reset(self) -> None:
        super().reset()
        discard(self.root / "cache")


FLAVOUR_SITES: dict[str, type[Site]] = {"warta": WartaSite, "hugo": HugoSite,
                                        "pelican": PelicanSite}
CASE_ORDER = ("cold", "edit", "add", "template")
CASE_NAMES = {
    "cold": "cold build",
    "edit": "one article edited",
    "add": "one article added",
    "template": "template edited",
    "cold-all-outputs": "cold build, all outputs on",
}


def ensure_pelican() -> bool:
    if (PELICAN_VENV / "bin" / "pelican").exists():
        return True
    print("creating", PELICAN_VENV, "with pelican and markdown", flush=True)
    try:
        subprocess.run([sys.executable, "-m", "venv", "--clear", str(PELICAN_VENV)], check=True)
        subprocess.run([str(PELICAN_VENV / "bin" / "pip"), "install", "--quiet", "pelican",
                        "markdown"], check=True)
    except subprocess.CalledProcessError as error:
        print(f"Pelican skipped: {error}", file=sys.stderr)
        return False
    return True


def generate(flavour: str, size: int) -> Path:
    """The archive for `flavour`, regenerated only when it or synth.py changed."""
    root = WORK / f"{flavour}-{size}"
    stamp = hashlib.sha256((HERE / "synth.py").read_bytes()).hexdigest()[:16]
    stamp_file = root / ".synth-stamp"
    wanted = f"{stamp} {size} {SEED}"
    if stamp_file.exists() and stamp_file.read_text() == wanted:
        return root
    started = time.perf_counter()
    synth.generate(root, size, SEED, flavour)
    stamp_file.write_text(wanted)
    print(f"generated {root.name} in {time.perf_counter() - started:.1f} s", flush=True)
    return root


def table(rows: list[Row]) -> list[str]:
    lines = [
        "| articles | generator | case | time (s) | peak RSS, largest process (MB) "
        "| peak RSS, all processes (MB) | peak PSS, all processes (MB) | files written | runs |",
        "|---:|---|---|---:|---:|---:|---:|---:|---:|",
    ]
    for row in rows:
        if not row.runs:
            continue
        if row.ok:
            numbers = (f"{row.median(lambda r: r.seconds):.2f} | "
                       f"{row.median(lambda r: r.maxrss_mb):.0f} | "
                       f"{row.median(lambda r: r.tree_mb):.0f} | "
                       f"{row.median(lambda r: r.pss_mb):.0f} | {row.good[-1].written}")
        else:
            numbers = "failed | | | | "
        failed = len(row.runs) - len(row.good)
        runs = f"{len(row.good)}" + (f" (+{failed} failed)" if failed else "")
        lines.append(f"| {row.size:,} | {row.generator} | {CASE_NAMES[row.case]} | {numbers} "
                     f"| {runs} |")
    return lines


def targets(rows: list[Row]) -> list[str]:
    """Issue 5's targets next to what was measured (10k and 100k only; 1k has none)."""
    found = {(r.size, r.generator, r.case): r for r in rows if r.ok}

    def seconds(size: int, gen: str, case: str) -> float | None:
        row = found.get((size, gen, case))
        return row.median(lambda r: r.seconds) if row else None

    lines = ["| articles | target | measured | met |", "|---:|---|---|---|"]
    for size in sorted({r.size for r in rows if r.size >= 10_000}):
        quick = 0.5 if size <= 10_000 else 2.0
        memory = 300 if size <= 10_000 else 1536
        cold = seconds(size, "warta", "cold")
        if cold is None:
            lines.append(f"| {size:,} | Warta builds the archive | failed | no |")
            continue
        hugo = seconds(size, "hugo", "cold")
        if hugo is not None:
            lines.append(f"| {size:,} | cold ≤ 2× Hugo ({2 * hugo:.2f} s) | {cold:.2f} s "
                         f"({cold / hugo:.1f}× Hugo) | {_yes(cold <= 2 * hugo)} |")
        pelican = seconds(size, "pelican", "cold")
        if pelican is not None and size <= 10_000:
            lines.append(f"| {size:,} | cold ≥ 5× faster than Pelican ({pelican / 5:.2f} s) "
                         f"| {cold:.2f} s ({pelican / cold:.1f}× faster) "
                         f"| {_yes(cold * 5 <= pelican)} |")
        for case, label in (("edit", "one article edited"), ("add", "one article added")):
            value = seconds(size, "warta", case)
            if value is not None:
                lines.append(f"| {size:,} | {label} < {quick} s | {value:.2f} s "
                             f"| {_yes(value < quick)} |")
        template = seconds(size, "warta", "template")
        if template is not None:
            lines.append(f"| {size:,} | template edited < ½ cold ({cold / 2:.2f} s) "
                         f"| {template:.2f} s | {_yes(template < cold / 2)} |")
        # The same-pages cases only: the full-featured build is reported, not judged.
        rows = [r for (s, g, c), r in found.items()
                if s == size and g == "warta" and c in CASE_ORDER]
        peak = max(r.median(lambda m: m.tree_mb) for r in rows)
        pss = max(r.median(lambda m: m.pss_mb) for r in rows)
        lines.append(f"| {size:,} | peak memory < {memory} MB (all processes, same pages) "
                     f"| {pss:.0f} MB PSS ({peak:.0f} MB summed RSS, which counts the pages "
                     f"forked workers share once per worker) | {_yes(pss < memory)} |")
    return lines


def _yes(ok: bool) -> str:
    return "yes" if ok else "**no**"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Benchmark Warta against Hugo and Pelican.")
    parser.add_argument("--full", action="store_true", help="also build 100,000 articles")
    parser.add_argument("--sizes", default="",
                        help="comma-separated sizes instead of 1000,10000[,100000]")
    parser.add_argument("--repeat", type=int, default=3,
                        help="runs per case below 100k articles; the median is reported")
    parser.add_argument("--repeat-large", type=int, default=1,
                        help="runs per case at 100k articles or more")
    parser.add_argument("--with-pelican", action="store_true",
                        help=f"build with Pelican too (installed into {PELICAN_VENV})")
    parser.add_argument("--no-hugo", action="store_true", help="skip Hugo even if installed")
    parser.add_argument("--no-all-outputs", action="store_true",
                        help="skip Warta's full-featured cold build")
    args = parser.parse_args(argv)
    sizes = ([int(s) for s in args.sizes.split(",") if s] if args.sizes
             else [1000, 10_000] + ([100_000] if args.full else []))
    flavours = ["warta"]
    if not args.no_hugo and shutil.which("hugo"):
        flavours.append("hugo")
    elif not args.no_hugo:
        print("Hugo not on PATH: skipped (apt-get install hugo)", flush=True)
    if args.with_pelican and ensure_pelican():
        flavours.append("pelican")
    if not WARTA.exists():
        parser.error(f"{WARTA} not found: run `make` first")
    WORK.mkdir(exist_ok=True)
    TRASH.mkdir(exist_ok=True)
    before = condition(TRASH)
    print(f"machine before: {before}", flush=True)

    rows: list[Row] = []
    repeats: dict[int, int] = {}
    for size in sizes:
        sites = [FLAVOUR_SITES[f](generate(f, size), size) for f in flavours]
        repeat = args.repeat if size < 100_000 else args.repeat_large
        repeats[size] = repeat
        by_key: dict[tuple[str, str], Row] = {}
        for number in range(repeat):
            # Rotate who goes first so no generator always runs on a cooler machine.
            order = sites[number % len(sites):] + sites[:number % len(sites)]
            for case in CASE_ORDER:
                for site in order:
                    if case not in site.cases:
                        continue
                    result = site.run(case)
                    row = by_key.setdefault((site.name, case), Row(size, site.name, case))
                    row.runs.append(result)
                    status = "" if result.rc == 0 else f"  FAILED rc={result.rc}"
                    print(f"{size:>7} {site.name:<8} {case:<9} run {number + 1}: "
                          f"{result.seconds:7.2f} s {result.tree_mb:6.0f} MB "
                          f"({result.pss_mb:.0f} MB PSS) "
                          f"{result.written:7} files{status}", flush=True)
        warta = sites[0]
        if not args.no_all_outputs:
            result = warta.run("cold-all-outputs")
            by_key[("warta", "cold-all-outputs")] = Row(size, "warta", "cold-all-outputs",
                                                        [result])
            print(f"{size:>7} warta    all-outputs run 1: {result.seconds:7.2f} s", flush=True)
        for site in sites:
            site.reset()  # leave the archive as generated, and the disk free of output
        order_keys = [(s.name, c) for s in sites for c in (*CASE_ORDER, "cold-all-outputs")]
        rows += [by_key[k] for k in order_keys if k in by_key]
    after = condition(TRASH)
    print(f"machine after: {after}", flush=True)
    empty_trash()

    lines = [
        f"# Benchmark results ({datetime.now().astimezone():%Y-%m-%d %H:%M %z})",
        "",
        *machine(WARTA, PELICAN_VENV / "bin" / "pelican", WORK),
        f"- Speed before the runs: {before}",
        f"- Speed after the runs: {after}",
        "- Archives: benchmarks/synth.py, seed 1; times are medians of "
        + ", ".join(f"{repeats[s]} run(s) at {s:,}" for s in sizes) + ".",
        "",
        *table(rows),
        "",
        "## Issue 5 targets",
        "",
        *targets(rows),
    ]
    failures = [(r, m) for r in rows for m in r.runs if m.rc != 0]
    if failures:
        lines += ["", "## Failures", ""]
        for row, result in failures[:6]:
            lines += [f"{row.generator}, {row.size:,} articles, {CASE_NAMES[row.case]} "
                      f"(exit {result.rc}):", "", "```", result.output.strip(), "```", ""]
    text = "\n".join(lines) + "\n"
    (WORK / "results.md").write_text(text, encoding="utf-8")
    # Every run, for anyone who wants other statistics than the median.
    (WORK / "results.json").write_text(json.dumps(
        [{"size": r.size, "generator": r.generator, "case": r.case,
          "runs": [vars(m) for m in r.runs]} for r in rows], indent=1), encoding="utf-8")
    print()
    print(text)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
