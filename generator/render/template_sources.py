"""Where templates and UI strings come from, and errors that name a template's line.

The renderer (renderer.py) asks here which templates a template extends, includes
or imports (by a scan of its tags), for the compiled templates' cache folder, for
the theme's PO catalogues, and for problems naming a template's file and line.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import jinja2

from generator.errors import Problem, TemplateError, Text
from generator.plan.page import Page
from generator.render.theme import ThemeFiles

# A template that calls the `card` global shows `_card.html` (see Renderer._card).
CARD_CALL = re.compile(r"\bcard\s*\(")
_REFERENCE = re.compile(r"{%-?\s*(?:extends|include|import|from)\s+([^\s%]+)")
_LITERAL = re.compile(r"""^(?:"([^"]+)"|'([^']+)')$""")


def references(source: str) -> list[str] | None:
    """Templates `source` extends, includes or imports; None if one is not a literal.

    A scan of the tags, not a parse: parsing every template on every build
    costs more than a one-article rebuild may (templates are compiled from
    the bytecode cache). Syntax errors surface when a page renders.
    """
    found = []
    for argument in _REFERENCE.findall(source):
        literal = _LITERAL.match(argument)
        if literal is None:
            return None
        found.append(literal.group(1) or literal.group(2))
    return found


def bytecode_cache(site_dir: Path) -> jinja2.BytecodeCache:
    folder = site_dir / ".warta" / "jinja"
    folder.mkdir(parents=True, exist_ok=True)
    return jinja2.FileSystemBytecodeCache(str(folder))


def load_strings(theme: ThemeFiles) -> dict[str, str]:
    """The UI strings of the theme's catalogues, the site's own winning."""
    strings: dict[str, str] = {}
    for path in theme.catalogs:
        strings.update(_read_catalog(str(path), path.stat().st_mtime_ns))
    return strings


@lru_cache(maxsize=16)
def _read_catalog(path: str, _mtime: int) -> dict[str, str]:
    # Imported here: Babel's catalogue reader costs a one-article edit more to import
    # and run than the rest of its set-up; most builds take the strings from the cache.
    from babel.messages.pofile import read_po

    with open(path, "rb") as handle:
        catalog = read_po(handle)
    return {str(m.id): str(m.string) for m in catalog if m.id and isinstance(m.id, str)
            and isinstance(m.string, str) and m.string}


def _display(filename: str | None, site_dir: Path) -> str:
    if not filename:
        return "template"
    path = Path(filename)
    for root in (site_dir, Path(__file__).resolve().parents[2]):
        try:
            return path.resolve().relative_to(root.resolve()).as_posix()
        except ValueError:
            continue
    return filename


FIX_TEMPLATE = Text("fix the template")


def template_error(error: jinja2.TemplateSyntaxError, site_dir: Path) -> TemplateError:
    return TemplateError([Problem(_display(error.filename, site_dir), error.lineno,
                                  Text("template syntax error: {error}",
                                       error=error.message or ""), FIX_TEMPLATE)])


def runtime_problem(error: Exception, page: Page, site_dir: Path) -> Problem:
    # Jinja2 rewrites tracebacks so that template frames carry the template's
    # file name and line: find the innermost one.
    filename, line = None, None
    trace = error.__traceback__
    while trace is not None:
        code = trace.tb_frame.f_code
        if code.co_filename.endswith(".html") or "<template>" not in code.co_filename and \
                code.co_filename.endswith((".jinja", ".j2", ".xml", ".txt")):
            filename, line = code.co_filename, trace.tb_lineno
        trace = trace.tb_next
    return Problem(_display(filename, site_dir) if filename else f"templates/{page.template}",
                   line, Text("template error while rendering {url}: {kind}: {error}",
                              url=page.url, kind=type(error).__name__, error=str(error)),
                   FIX_TEMPLATE)


