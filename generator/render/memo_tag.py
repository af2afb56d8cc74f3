"""`{% memo key, ... %}...{% endmemo %}`: a block rendered once per build and key.

Every page shows the masthead and the footer, which differ from page to page
in one link marked current, if at all: a sixth of rendering a 10,000-article
archive went into them. A theme wraps such a block in `memo` with the values
it depends on besides the site-wide globals (Hugo's `partialCached` is the
same idea); the block is rendered for the first page with those values and
reused for the others. Naming every value the block reads is the template's
part of the bargain (docs/templates.md).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from jinja2 import nodes
from jinja2.ext import Extension
from jinja2.parser import Parser

# Blocks kept per renderer: a block keyed by something as varied as the page's
# URL must not hold a copy of every page.
MEMO_SIZE = 2_000


class MemoExtension(Extension):
    """The `memo` tag; one instance, with its memo, per Jinja environment."""

    tags = {"memo"}

    def __init__(self, environment: Any) -> None:
        super().__init__(environment)
        self.done: dict[tuple[object, ...], str] = {}
        self.blocks = 0

    def parse(self, parser: Parser) -> nodes.Node:
        lineno = next(parser.stream).lineno
        keys: list[nodes.Expr] = []
        while parser.stream.current.type != "block_end":
            if keys:
                parser.stream.expect("comma")
            keys.append(parser.parse_expression())
        body = parser.parse_statements(("name:endmemo",), drop_needle=True)
        # Tells the block from other blocks given the same keys, even on one line.
        self.blocks += 1
        place = nodes.Const(f"{parser.name}:{lineno}:{self.blocks}")
        call = self.call_method("_render", [place, nodes.Tuple(keys, "load")])
        return nodes.CallBlock(call, [], [], body).set_lineno(lineno)

    def _render(self, place: str, keys: tuple[object, ...], caller: Callable[[], str]) -> str:
        key = (place, *keys)
        try:
            done = self.done.get(key)
        except TypeError:  # a key that cannot be a dictionary key: render each time
            return caller()
        if done is None:
            if len(self.done) >= MEMO_SIZE:
                self.done.clear()
            done = self.done[key] = caller()
        return done
