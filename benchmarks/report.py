"""The markdown tables benchmarks/run.py prints: every row, the issue's targets, and
`warta` against `baseline` (an older checkout, with `--baseline`) case by case."""

from __future__ import annotations

import statistics

from measure import Measure, Row

CASE_ORDER = ("cold", "edit", "add", "add-backdated", "template")
CASE_NAMES = {
    "cold": "cold build",
    "edit": "one article edited",
    "add": "one article added",
    "add-backdated": "one article added, backdated",
    "template": "template edited",
    "cold-all-outputs": "cold build, all outputs on",
}



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


def backdated_targets(rows: list[Row]) -> list[str]:
    """Issue 18's targets: an addition writes at most 25 files whatever its date, and a
    backdated one costs what a newest one costs (2 s at 100,000). The files are the
    pages and feeds; the search index's (one shard's bundle) are shown beside them."""
    found = {(r.size, r.generator, r.case): r for r in rows if r.ok}
    lines = ["| articles | generator | newest added: files, time | backdated added: files, "
             "time | ≤ 25 pages and feeds both |", "|---:|---|---|---|---|"]
    for (size, name, case), row in sorted(found.items()):
        other = found.get((size, name, "add"))
        if case != "add-backdated" or other is None:
            continue
        new, old = other.good[-1], row.good[-1]
        lines.append(f"| {size:,} | {name} | {_files(new)}, "
                     f"{other.median(lambda r: r.seconds):.2f} s "
                     f"| {_files(old)}, {row.median(lambda r: r.seconds):.2f} s "
                     f"| {_yes(new.pages_written <= 25 and old.pages_written <= 25)} |")
    return lines


def default_targets(rows: list[Row], name: str = "warta-default") -> list[str]:
    """Issue 17's targets for the default build (every output on, search in shards)."""
    found = {(r.size, r.generator, r.case): r for r in rows if r.ok}
    lines = ["| articles | target | measured | met |", "|---:|---|---|---|"]
    for size in sorted({r.size for r in rows if r.size >= 10_000}):
        quick, memory = (1.0, 600) if size <= 10_000 else (3.0, 1536)
        mine = [found[k] for k in found if k[0] == size and k[1] == name]
        if not mine:
            continue
        for case in ("edit", "add"):
            row = found.get((size, name, case))
            if row is not None:
                value = row.median(lambda r: r.seconds)
                lines.append(f"| {size:,} | {CASE_NAMES[case]} ≤ {quick} s | {value:.2f} s "
                             f"| {_yes(value <= quick)} |")
        cold, hugo = found.get((size, name, "cold")), found.get((size, "hugo", "cold"))
        if cold is not None and hugo is not None:
            mine_s, hugo_s = cold.median(lambda r: r.seconds), hugo.median(lambda r: r.seconds)
            lines.append(f"| {size:,} | cold ≤ 2× Hugo's same pages ({2 * hugo_s:.2f} s) "
                         f"| {mine_s:.2f} s ({mine_s / hugo_s:.1f}× Hugo) "
                         f"| {_yes(mine_s <= 2 * hugo_s)} |")
        pss = max(r.median(lambda m: m.pss_mb) for r in mine)
        peak = max(r.median(lambda m: m.tree_mb) for r in mine)
        lines.append(f"| {size:,} | peak memory ≤ {memory} MB | {pss:.0f} MB PSS ({peak:.0f} MB "
                     f"summed RSS) | {_yes(pss <= memory)} |")
    return lines


def _files(run: Measure) -> str:
    """Files one run wrote: its pages and feeds, and its search files apart."""
    if not run.search_written:
        return f"{run.written}"
    return f"{run.pages_written} (+{run.search_written} search)"


def _yes(ok: bool) -> str:
    return "yes" if ok else "**no**"


def comparison(rows: list[Row], base: str = "baseline", new: str = "warta") -> list[str]:
    """One line per (size, case) that both ran: their medians side by side, and
    new/base. The run-by-run ratios pair the two builds of one round, which ran
    one after the other, so they drift less with the machine than the medians."""
    found = {(r.size, r.generator, r.case): r for r in rows}
    lines = [
        f"| articles | case | {base} (s) | {new} (s) | {new}/{base}, medians "
        f"| {new}/{base}, run by run | {base} peak PSS (MB) | {new} peak PSS (MB) "
        f"| PSS {new}/{base} | files written, {base} / {new} | runs |",
        "|---:|---|---:|---:|---:|---|---:|---:|---:|---:|---:|",
    ]
    for size, generator, case in found:
        if generator != base or (size, new, case) not in found:
            continue
        old, now = found[(size, base, case)], found[(size, new, case)]
        label = CASE_NAMES[case]
        if not (old.ok and now.ok):
            lines.append(f"| {size:,} | {label} | {_cell(old)} | {_cell(now)} "
                         "| | | | | | | |")
            continue
        seconds = (old.median(lambda r: r.seconds), now.median(lambda r: r.seconds))
        pss = (old.median(lambda r: r.pss_mb), now.median(lambda r: r.pss_mb))
        paired = [b.seconds / a.seconds for a, b in zip(old.runs, now.runs, strict=False)
                  if a.rc == 0 and b.rc == 0 and a.seconds > 0]
        by_run = ", ".join(f"{r:.2f}" for r in paired)
        if len(paired) > 2:
            by_run += f" (median {statistics.median(paired):.2f})"
        runs = f"{len(old.good)} / {len(now.good)}"
        lines.append(f"| {size:,} | {label} | {seconds[0]:.2f} | {seconds[1]:.2f} "
                     f"| {_ratio(*seconds)} | {by_run} | {pss[0]:.0f} | {pss[1]:.0f} "
                     f"| {_ratio(*pss)} | {old.good[-1].written} / {now.good[-1].written} "
                     f"| {runs} |")
    return lines


def _cell(row: Row) -> str:
    return f"{row.median(lambda r: r.seconds):.2f}" if row.ok else "failed"


def _ratio(old: float, new: float) -> str:
    return f"{new / old:.2f}" if old > 0 else "n/a"
