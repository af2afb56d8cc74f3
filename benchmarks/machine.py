"""What the benchmark says about the machine it ran on: which, with what, and how
fast right now (benchmarks/run.py prints it with the results)."""

from __future__ import annotations

import os
import platform
import subprocess
import sys
import time
from pathlib import Path


def version(cmd: list[str]) -> str:
    try:
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired):
        return "not installed"
    return (done.stdout or done.stderr).strip().splitlines()[0] if done.returncode == 0 \
        else "not installed"


def machine(warta: Path, pelican: Path, work: Path) -> list[str]:
    """The machine, the generators' versions and the disk, as lines of the results."""
    cpu = platform.processor() or "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = "?"
    try:
        kb = int(Path("/proc/meminfo").read_text().split()[1])
        memory = f"{kb / 1024 / 1024:.1f} GiB"
    except (OSError, ValueError, IndexError):
        pass
    system = platform.platform()
    try:
        for line in Path("/etc/os-release").read_text().splitlines():
            if line.startswith("PRETTY_NAME="):
                system = line.split("=", 1)[1].strip('"')
    except OSError:
        pass
    return [
        f"- Machine: {os.cpu_count()} cores ({cpu}), {memory} RAM, {system}, "
        f"Python {platform.python_version()}",
        f"- Warta: {version([str(warta), '--version'])}; Hugo: {version(['hugo', 'version'])}; "
        f"Pelican: {version([str(pelican), '--version'])}",
        f"- Disk: {file_system(work)}; old outputs are moved aside before a cold build "
        "and deleted after the last run",
    ]


def revision(checkout: Path) -> str:
    """The commit a checkout is at, and whether it has uncommitted changes."""
    described = version(["git", "-C", str(checkout), "describe", "--always", "--dirty"])
    subject = version(["git", "-C", str(checkout), "log", "-1", "--format=%cd %s",
                       "--date=format:%Y-%m-%d %H:%M"])
    return f"{described} ({subject})"


_LOOP = "import time\nt = time.perf_counter()\nn = 0\nfor i in range(4_000_000): n += i\n" \
    "print(time.perf_counter() - t)"


def condition(scratch: Path) -> str:
    """How fast this machine is right now. On a shared virtual machine the same build
    takes 5 s one hour and 10 s the next, and a build that uses both cores suffers
    more than one that uses one: the second core gives less when the host is busy.
    Measured: a fixed loop alone and two at once (the work of two cores over that of
    one), and creating folders and files in `scratch`, on the benchmark's disk."""
    def loops(count: int) -> float:
        procs = [subprocess.Popen([sys.executable, "-c", _LOOP], stdout=subprocess.PIPE,
                                  text=True) for _ in range(count)]
        return max(float(p.communicate()[0]) for p in procs)

    one = min(loops(1) for _ in range(3))
    two = min(loops(2) for _ in range(3))
    folder = scratch / f"probe-{time.monotonic_ns()}"
    data = b"x" * 15_000
    started = time.perf_counter()
    for n in range(1000):
        os.makedirs(folder / str(n))
    made = time.perf_counter()
    for n in range(1000):
        (folder / str(n) / "index.html").write_bytes(data)
    written = time.perf_counter()
    return (f"one core {one:.2f} s for a fixed loop, two at once {two:.2f} s "
            f"(two cores did {2 * one / two:.1f}x the work of one); on the disk, a folder "
            f"{(made - started) * 1000:.0f} µs, a 15 kB file {(written - made) * 1000:.0f} µs")


def file_system(folder: Path) -> str:
    """The file system holding `folder`, as /proc/mounts names it, and whether an ext4
    one keeps a journal (without one, creating files after deletions is slow)."""
    try:
        mounts = [line.split() for line in Path("/proc/mounts").read_text().splitlines()]
    except OSError:
        return "?"
    best = ("", "?", "?")
    resolved = str(folder.resolve())
    for device, point, kind, *_ in mounts:
        if (resolved == point or resolved.startswith(point.rstrip("/") + "/")) \
                and len(point) >= len(best[0]):
            best = (point, kind, device)
    point, kind, device = best
    if kind != "ext4":
        return kind
    journal = Path("/sys/fs/ext4") / Path(device).name / "journal_task"
    try:
        without = journal.read_text().strip() == "<none>"
    except OSError:
        return "ext4"
    return "ext4 without a journal" if without else "ext4"
