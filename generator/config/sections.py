"""`site.toml`'s editorial structure: `[[sections]]` (the rubrik an article belongs
to, which also make the menu), the `nav_tags` fallback menu and `[home]`.

Each reader takes the `Checker`, so a wrong value is a problem with its line.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from generator import urls
from generator.config.checker import Checker, near, table
from generator.errors import NO_HINT, Text
from generator.slugs import slugify

SECTION_KEYS = ("name", "slug", "order", "description")
"""The keys of one `[[sections]]` entry."""
HOME_KEYS = ("lead", "picks")
"""The keys of `[home]`."""


@dataclass(frozen=True)
class Section:
    """One editorial section (rubrik), e.g. Pemerintahan."""

    name: str
    """As printed in the menu and breadcrumbs, e.g. `Pemerintahan`."""
    slug: str
    """Its URL word: the section lives at `/rubrik/<slug>/`."""
    order: int
    """Its place in the menu, smallest first (ties keep the order of site.toml)."""
    description: str = ""
    """One sentence for the section's page; may be empty."""

    @property
    def url(self) -> str:
        return urls.section_url(self.slug)


@dataclass(frozen=True)
class HomeSettings:
    """What `[home]` says about the home page's lead and the editors' picks."""

    lead: str = ""
    """Path (`content/articles/...md`) or slug of the article to lead with; empty: the
    newest `featured: true` article, else the newest article."""
    picks: int = 4
    """How many featured articles the "editors' picks" box shows at most."""


def read_sections(check: Checker, data: Mapping[str, Any]) -> tuple[Section, ...]:
    """The `[[sections]]` of site.toml, in menu order; each bad entry a problem."""
    value = data.get("sections", [])
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        check.fail("sections", Text("`sections` must be a list of tables"),
                   Text('write each as [[sections]] with name = "Pemerintahan" and order = 1'))
        return ()
    found: list[tuple[int, int, Section]] = []
    names: dict[str, tuple[int, str]] = {}  # (by name and slug: the entry, its name)
    for number, entry in enumerate(value):
        line = _entry_line(check, number)
        section = _section(check, entry, line)
        if section is None:
            continue
        for word in (section.name.casefold(), section.slug):
            first, other = names.setdefault(word, (number, section.name))
            if first != number:  # (the same name twice too: one menu entry, one page)
                check.problems.append(check.problem_at(
                    line, Text("the section {name} has the same name or slug as {other}",
                               name=repr(section.name), other=repr(other)),
                    Text("give each section its own name and slug")))
                break
        found.append((section.order, number, section))
        for key in entry:
            if key not in SECTION_KEYS:
                close = near(key, SECTION_KEYS)
                check.problems.append(check.problem_at(
                    _key_line(check, number, key) or line,
                    Text("unknown key `{name}` in [[sections]]", name=key),
                    Text("did you mean `{name}`?", name=close) if close else
                    Text("Warta reads only {keys}",
                         keys=", ".join(f"`{n}`" for n in SECTION_KEYS)),
                    "warning"))
    return tuple(section for _, _, section in sorted(found, key=lambda f: f[:2]))


def read_nav_tags(check: Checker, data: Mapping[str, Any]) -> tuple[str, ...]:
    """`nav_tags`: the tags of the menu when no section is configured."""
    value = data.get("nav_tags", [])
    if not isinstance(value, list) or not all(isinstance(t, str) and t.strip() for t in value):
        check.fail("nav_tags", Text("`nav_tags` must be a list of tag names"),
                   Text('e.g. nav_tags = ["Pemkot Sumberjaya", "Banjir"]'))
        return ()
    return tuple(t.strip() for t in value)


def read_home(check: Checker, data: Mapping[str, Any]) -> HomeSettings:
    """`[home]`: which article leads the home page, how many picks it shows."""
    home = table(check, data, "home")
    lead = check.string(home, "lead", "", "home.lead").strip()
    picks = home.get("picks", 4)
    if isinstance(picks, bool) or not isinstance(picks, int) or picks < 0:
        check.fail("picks", Text("`home.picks` must be a whole number, not {value}",
                                 value=repr(picks)),
                   Text("e.g. picks = 4 (0 hides the editors' picks)"))
        picks = 4
    return HomeSettings(lead=lead, picks=picks)


def section_named(sections: Sequence[Section], written: str) -> Section | None:
    """The section `written` (its name or its slug, in any case) stands for."""
    wanted = written.strip().casefold()
    slug = slugify(written)
    for section in sections:
        if section.name.casefold() == wanted or section.slug == slug:
            return section
    return None


def section_hint(sections: Sequence[Section], written: str) -> Text:
    """What to write instead of the unknown section `written`: the closest name, or
    the list of them."""
    folded = {section.name.casefold(): section.name for section in sections}
    close = difflib.get_close_matches(written.strip().casefold(), folded, n=1, cutoff=0.6)
    if close:
        return Text("did you mean `{name}`?", name=folded[close[0]])
    return Text("use one of {names} ([[sections]] in site.toml)",
                names=", ".join(section.name for section in sections))


def _section(check: Checker, entry: Mapping[str, Any], line: int | None) -> Section | None:
    name = entry.get("name")
    if not isinstance(name, str) or not name.strip():
        check.problems.append(check.problem_at(
            line, Text("a [[sections]] entry needs a `name`"),
            Text('e.g. name = "Pemerintahan"')))
        return None
    given = entry.get("slug", name)
    slug = slugify(given) if isinstance(given, str) else ""
    if not slug:
        check.problems.append(check.problem_at(
            line, Text("the section {name} has no slug to make a URL from", name=repr(name)),
            Text('write slug = "pemerintahan": letters, digits and hyphens')))
        return None
    order = entry.get("order", 0)
    if isinstance(order, bool) or not isinstance(order, int):
        check.problems.append(check.problem_at(
            line, Text("`order` of the section {name} must be a whole number, not {value}",
                       name=repr(name), value=repr(order)),
            Text("e.g. order = 1 (the menu shows the smallest first)")))
        order = 0
    description = entry.get("description", "")
    if not isinstance(description, str):
        check.problems.append(check.problem_at(
            line, Text("`description` of the section {name} must be text", name=repr(name)),
            NO_HINT))
        description = ""
    return Section(name=name.strip(), slug=slug, order=order, description=description.strip())


_ENTRY = re.compile(r"^\s*\[\[\s*sections\s*\]\]")
_HEADER = re.compile(r"^\s*\[")


def _entry_line(check: Checker, number: int) -> int | None:
    """Line of the `number`-th (from 0) `[[sections]]` header."""
    seen = -1
    for at, line in enumerate(check.lines, start=1):
        if _ENTRY.match(line):
            seen += 1
            if seen == number:
                return at
    return None


def _key_line(check: Checker, number: int, key: str) -> int | None:
    """Line where `key` is set in the `number`-th `[[sections]]` entry."""
    start = _entry_line(check, number)
    if start is None:
        return None
    setting = re.compile(rf"^\s*\"?{re.escape(key)}\"?\s*=")
    for at in range(start, len(check.lines)):
        line = check.lines[at]
        if _HEADER.match(line):
            return None
        if setting.match(line):
            return at + 1
    return None
