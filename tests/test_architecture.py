"""Each module imports only modules of lower layers (docs/architecture.md)."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "generator"

# Layer of each module; a module may import from strictly lower layers only.
LAYERS: dict[str, float] = {
    "errors": 0, "slugs": 0, "__init__": 0,
    "config": 1, "sitelock": 1,
    "model": 2, "urls": 2, "markup": 2, "dates": 2,
    "frontmatter_text": 3, "content": 4, "newfile": 6,
    "pagination": 4, "site": 5, "plan_extra": 6, "planned": 5.5, "structured": 6,
    "search": 4, "plan": 7,
    "theme": 6, "templatememo": 7.9, "render": 8, "write": 4, "cache": 4, "pagestore": 4.5,
    "sourcesave": 4.8, "loader": 5,
    "renderjobs": 8.5, "memory": 8, "settled_append": 8.6, "buildbase": 8.7,
    "build_settled": 8.8, "build": 9,
    "report": 10,
    "watch": 10, "serve": 11, "serve_http": 11, "serve_command": 12,
    "importers": 10,
    "cli": 13, "__main__": 14,
}


def _layer(module: str) -> float:
    name = module.removeprefix("generator.").split(".")[0]
    assert name in LAYERS, f"add generator/{name} to LAYERS in {__file__}"
    return LAYERS[name]


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


def test_modules_import_only_lower_layers() -> None:
    wrong = []
    for path in sorted(PACKAGE.rglob("*.py")):
        module = path.relative_to(PACKAGE).with_suffix("").as_posix().replace("/", ".")
        own = _layer(module)
        for imported in _imports(path):
            same_package = imported.split(".")[1] == module.split(".")[0]
            if not same_package and _layer(imported) >= own:
                wrong.append(f"{module} imports {imported}")
    assert not wrong


def test_modules_stay_small() -> None:
    big = [f"{p.name}: {n}" for p in PACKAGE.rglob("*.py")
           if (n := len(p.read_text(encoding="utf-8").splitlines())) > 400]
    assert not big, "split these by concern"
