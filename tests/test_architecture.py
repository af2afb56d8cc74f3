"""The layer rule of docs/architecture.md: a package imports only lower ranks."""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "generator"
ARCHITECTURE = ROOT / "docs" / "architecture.md"


def _ranks() -> dict[str, int]:
    """The rank of each package and top-level module, read from the table in
    docs/architecture.md (rows like "| 3 | `cache/` | ... |"), so the document is the
    rule and cannot drift from it."""
    ranks = {}
    for rank, name in re.findall(r"^\| (\d+) \| `([a-z_]+)(?:/|\.py)` \|",
                                 ARCHITECTURE.read_text(encoding="utf-8"), flags=re.M):
        ranks[name] = int(rank)
    return ranks


def _unit(module: str) -> str:
    """`generator.plan.site` -> `plan`; `generator.errors` -> `errors`."""
    return module.removeprefix("generator.").split(".")[0]


def _imports(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module == "generator":
                found += [f"generator.{alias.name}" for alias in node.names
                          if (PACKAGE / f"{alias.name}.py").exists()
                          or (PACKAGE / alias.name).is_dir()]
            elif node.module.startswith("generator."):
                found.append(node.module)
        elif isinstance(node, ast.Import):
            found += [a.name for a in node.names if a.name.startswith("generator.")]
    return found


def _modules() -> list[tuple[str, Path]]:
    return [(p.relative_to(PACKAGE).with_suffix("").as_posix().replace("/", "."), p)
            for p in sorted(PACKAGE.rglob("*.py"))]


def test_every_package_has_a_rank() -> None:
    ranks = _ranks()
    units = {_unit(module) for module, _ in _modules()} - {"__init__"}
    assert units - ranks.keys() == set(), "add these to the table in docs/architecture.md"
    assert ranks.keys() - units == set(), "the table names packages that do not exist"


def test_packages_import_only_lower_ranks() -> None:
    ranks = _ranks()
    wrong = []
    for module, path in _modules():
        own = _unit(module)
        if own == "__init__":
            continue
        for imported in _imports(path):
            other = _unit(imported)
            if other != own and other != "__version__" and ranks[other] >= ranks[own]:
                wrong.append(f"{module} (rank {ranks[own]}) imports {imported} "
                             f"(rank {ranks[other]})")
    assert wrong == []


def test_importers_never_reach_the_build_or_the_preview() -> None:
    # An import is content for the next build: it must work without a build running.
    wrong = [f"{module} imports {imported}" for module, path in _modules()
             if _unit(module) == "importers" for imported in _imports(path)
             if _unit(imported) in {"build", "serve", "render", "plan", "cache"}]
    assert wrong == []


def test_the_rule_catches_an_upward_import(tmp_path: Path) -> None:
    # The check itself: a content module importing the build must be reported.
    ranks = _ranks()
    assert ranks["content"] < ranks["build"]
    probe = tmp_path / "probe.py"
    probe.write_text("from generator.build.pipeline import build\n", encoding="utf-8")
    assert [_unit(m) for m in _imports(probe)] == ["build"]


def _is_connection(node: ast.expr) -> bool:
    """`db` or `something.db`: the cache's SQLite connection (the output folder's
    `Writer.commit` is another thing)."""
    return (isinstance(node, ast.Name) and node.id == "db") or (
        isinstance(node, ast.Attribute) and node.attr == "db")


def test_one_module_ends_the_cache_s_transactions() -> None:
    # docs/architecture.md "The cache, and its one writer": a commit anywhere else
    # would be a second writer deciding when a build's records become durable.
    committing = sorted(
        module for module, path in _modules()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
        and node.func.attr == "commit" and _is_connection(node.func.value))
    assert committing == ["build.commit"]


def test_every_package_says_what_it_is_for() -> None:
    bare = [p.parent.name for p in PACKAGE.glob("*/__init__.py")
            if ast.get_docstring(ast.parse(p.read_text(encoding="utf-8"))) is None]
    assert bare == []


def test_modules_stay_small() -> None:
    big = [f"{p.name}: {n}" for p in PACKAGE.rglob("*.py")
           if (n := len(p.read_text(encoding="utf-8").splitlines())) > 400]
    assert not big, "split these by concern"
