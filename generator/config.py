"""`site.toml` becomes one frozen `SiteConfig`.

`parse_config` is pure (text in, config out) so every rule is testable from
a string; `load_config` is the thin wrapper that reads the file.
"""

from __future__ import annotations

import difflib
import hashlib
import re
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from generator.errors import ConfigError, Problem

CONFIG_NAME = "site.toml"


@dataclass(frozen=True)
class AuthorInfo:
    """What `site.toml`'s `[authors]` says about one byline."""

    key: str
    """The initials or name as written in articles, e.g. `Hmz`."""
    name: str
    """The full name printed in bylines."""
    bio: str = ""
    """One or two sentences for the author page; may be empty."""
    photo: str = ""
    """URL or `media/` path of a portrait; may be empty."""


@dataclass(frozen=True)
class Outputs:
    """Which optional outputs a build produces (all on unless switched off)."""

    feeds: bool = True
    """Atom, RSS and JSON feeds."""
    sitemaps: bool = True
    """sitemap.xml, the news sitemap and robots.txt."""
    search: bool = True
    """The Pagefind search index and page."""
    date_archives: bool = True
    """/<yyyy>/ and /<yyyy>/<mm>/ pages."""
    author_pages: bool = True
    """/author/<slug>/ pages."""


@dataclass(frozen=True)
class SiteConfig:
    """Everything `site.toml` says, validated, with defaults filled in."""

    title: str = "Warta"
    """The site's name, shown in the masthead and in titles."""
    description: str = ""
    """One sentence about the site, for the home page and feeds."""
    base_url: str = "http://localhost/"
    """Absolute URL the site is published at, always ending in `/`."""
    language: str = "id"
    """BCP 47 language of the site and the Babel locale for dates (`id`, `en`)."""
    timezone: str = "Asia/Jakarta"
    """IANA time zone for dates given without an offset and for display."""
    theme: str = "default"
    """Folder name under `themes/`."""
    home_size: int = 20
    """Number of newest articles on the home page."""
    page_size: int = 20
    """Number of articles on each archive and tag page."""
    feed_size: int = 20
    """Number of newest entries in each feed."""
    article_url: str = "/{year}/{month}/{slug}/"
    """URL pattern of article pages; placeholders {year} {month} {day} {slug}."""
    authors: Mapping[str, AuthorInfo] = field(default_factory=dict)
    """Initials (or names) as written in articles -> who they are."""
    tag_aliases: Mapping[str, str] = field(default_factory=dict)
    """Lowercased tag as written -> the tag to use instead."""
    known_tags: tuple[str, ...] = ()
    """Tags the importer may suggest when their name occurs in a text."""
    publisher: str = ""
    """Name of the publishing organisation for structured data and the Google News
    sitemap; empty means the site's title."""
    publisher_logo: str = ""
    """URL or theme path of the publisher's logo for structured data."""
    sitemap_size: int = 10000
    """URLs per sitemap file; past it, sitemap.xml becomes an index (at most 50,000)."""
    outputs: Outputs = field(default_factory=Outputs)
    """Optional outputs switched on or off."""
    extra: Mapping[str, Any] = field(default_factory=dict)
    """Unknown top-level keys, available to templates as `site.extra`."""
    fingerprint: str = ""
    """Hash of the config text; any change to it invalidates every page."""
    warnings: tuple[Problem, ...] = ()
    """What is odd in site.toml without stopping a build (a misspelt key or table)."""

    def author(self, key: str) -> AuthorInfo:
        """The author written as `key`, or an author of that name."""
        return self.authors.get(key) or AuthorInfo(key=key, name=key)

    def canonical_tag(self, tag: str) -> str:
        """The tag after applying `[tag_aliases]`."""
        return self.tag_aliases.get(tag.strip().lower(), tag.strip())

    def absolute(self, url: str) -> str:
        """`url` (root-relative, starting with `/`) made absolute with `base_url`."""
        return self.base_url.rstrip("/") + url

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    @property
    def content_key(self) -> str:
        """Hash of the settings that parsing an article depends on.

        A parsed article in the cache is reused only while this is unchanged,
        so editing the site title does not re-parse the archive.
        """
        parts = (self.timezone, self.article_url, sorted(self.tag_aliases.items()),
                 sorted((k, a.name) for k, a in self.authors.items()))
        return hashlib.sha256(repr(parts).encode("utf-8")).hexdigest()[:16]


_KNOWN_TOP = {
    "title", "description", "base_url", "language", "timezone", "theme",
    "home_size", "page_size", "feed_size", "urls", "authors", "tag_aliases",
    "import", "outputs", "publisher_logo", "publisher", "sitemap_size",
}
# The keys `parse_config` reads in each of its tables; any other key there is a mistake.
_TABLE_KEYS = {
    "urls": ("article",),
    "import": ("known_tags",),
    "outputs": ("feeds", "sitemaps", "search", "date_archives", "author_pages"),
}
_AUTHOR_KEYS = ("name", "bio", "photo")
_PLACEHOLDERS = {"year", "month", "day", "slug"}
_LANGUAGE = re.compile(r"^[a-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*$")


class _Checker:
    """Collects problems while reading values out of the TOML table."""

    def __init__(self, path: str, text: str) -> None:
        self.path = path
        self.lines = text.splitlines()
        self.problems: list[Problem] = []

    def line_in(self, table: str, key: str) -> int | None:
        """Line where `key` is set in `[table]` ("" for the top level), or where the
        table `[key]` opens, when it can be found."""
        header = re.compile(r"^\s*\[\s*\"?([^\]\"]*)\"?\s*\]")
        setting = re.compile(rf"^\s*\"?{re.escape(key)}\"?\s*=")
        current = ""
        for number, line in enumerate(self.lines, start=1):
            opened = header.match(line)
            if opened:
                current = opened.group(1).strip()
                if not table and current == key:
                    return number
            elif current == table and setting.match(line):
                return number
        return None

    def warn(self, table: str, key: str, message: str, hint: str) -> None:
        self.problems.append(Problem(self.path, self.line_in(table, key), message, hint,
                                     "warning"))

    def line_of(self, key: str) -> int | None:
        pattern = re.compile(rf"^\s*\"?{re.escape(key)}\"?\s*=")
        for number, line in enumerate(self.lines, start=1):
            if pattern.match(line):
                return number
        return None

    def fail(self, key: str, message: str, hint: str) -> None:
        self.problems.append(Problem(self.path, self.line_of(key.split(".")[-1]), message, hint))

    def string(self, table: Mapping[str, Any], key: str, default: str, name: str = "") -> str:
        value = table.get(key, default)
        if not isinstance(value, str):
            self.fail(key, f"`{name or key}` must be a string, not {type(value).__name__}",
                      f'write it in quotes, e.g. {key} = "..."')
            return default
        return value

    def positive(self, table: Mapping[str, Any], key: str, default: int) -> int:
        value = table.get(key, default)
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            self.fail(key, f"`{key}` must be a whole number of at least 1, not {value!r}",
                      f"e.g. {key} = {default}")
            return default
        return value

    def boolean(self, table: Mapping[str, Any], key: str, name: str) -> bool:
        value = table.get(key, True)
        if not isinstance(value, bool):
            self.fail(key, f"`{name}` must be true or false, not {value!r}",
                      f"write {key} = true or {key} = false")
            return True
        return value


def parse_config(text: str, path: str = CONFIG_NAME) -> SiteConfig:
    """Validate the text of `site.toml`; raise ConfigError listing every problem."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        line = _toml_error_line(str(error))
        raise ConfigError([Problem(path, line, f"invalid TOML: {error}",
                                   "fix the syntax; see docs/configuration.md")]) from None
    check = _Checker(path, text)
    title = check.string(data, "title", "Warta")
    description = check.string(data, "description", "")
    base_url = check.string(data, "base_url", "http://localhost/")
    if not re.match(r"^https?://[^/\s]+(/\S*)?$", base_url):
        check.fail("base_url", f"`base_url` must be an absolute http(s) URL, not {base_url!r}",
                   'e.g. base_url = "https://berita.example/"')
    base_url = base_url.rstrip("/") + "/"
    language = check.string(data, "language", "id")
    if not _LANGUAGE.match(language):
        check.fail("language", f"`language` must be a language code like \"id\" or \"en\", "
                   f"not {language!r}", 'e.g. language = "id"')
        language = "id"
    else:
        language = _checked_locale(check, language)
    timezone = check.string(data, "timezone", "Asia/Jakarta")
    try:
        ZoneInfo(timezone)
    except (ZoneInfoNotFoundError, ValueError):
        check.fail("timezone", f"unknown time zone {timezone!r}",
                   'use an IANA name such as "Asia/Jakarta", "Asia/Makassar" or "Asia/Jayapura"')
        timezone = "Asia/Jakarta"
    theme = check.string(data, "theme", "default")
    if not re.match(r"^[A-Za-z0-9_.-]+$", theme) or theme.startswith("."):
        check.fail("theme", f"`theme` must be a folder name under themes/, not {theme!r}",
                   'e.g. theme = "default"')
        theme = "default"
    urls = _table(check, data, "urls")
    article_url = check.string(urls, "article", "/{year}/{month}/{slug}/", "urls.article")
    _check_pattern(check, article_url)
    imports = _table(check, data, "import")
    known = imports.get("known_tags", [])
    if not isinstance(known, list) or not all(isinstance(t, str) for t in known):
        check.fail("known_tags", "`import.known_tags` must be a list of strings",
                   'e.g. known_tags = ["KPU", "Bawaslu"]')
        known = []
    sitemap_size = check.positive(data, "sitemap_size", 10000)
    if sitemap_size > 50000:
        check.fail("sitemap_size", f"`sitemap_size` may be at most 50000, not {sitemap_size}",
                   "search engines read at most 50,000 URLs per sitemap file")
    outputs_table = _table(check, data, "outputs")
    outputs = Outputs(**{
        name: check.boolean(outputs_table, name, f"outputs.{name}")
        for name in ("feeds", "sitemaps", "search", "date_archives", "author_pages")
    })
    config = SiteConfig(
        title=title,
        description=description,
        base_url=base_url,
        language=language,
        timezone=timezone,
        theme=theme,
        home_size=check.positive(data, "home_size", 20),
        page_size=check.positive(data, "page_size", 20),
        feed_size=check.positive(data, "feed_size", 20),
        article_url=article_url,
        authors=_authors(check, _table(check, data, "authors")),
        tag_aliases=_aliases(check, _table(check, data, "tag_aliases")),
        known_tags=tuple(known),
        publisher=check.string(data, "publisher", "") or title,
        publisher_logo=check.string(data, "publisher_logo", ""),
        sitemap_size=min(sitemap_size, 50000),
        outputs=outputs,
        extra={k: v for k, v in data.items() if k not in _KNOWN_TOP},
        fingerprint=hashlib.sha256(text.encode("utf-8")).hexdigest()[:16],
    )
    _unknown_keys(check, data)
    if any(problem.is_error for problem in check.problems):
        raise ConfigError(check.problems)
    return replace(config, warnings=tuple(check.problems))


def load_config(site_dir: Path) -> SiteConfig:
    """Read `site.toml` from `site_dir`; a site without one gets the defaults."""
    path = site_dir / CONFIG_NAME
    if not path.exists():
        return SiteConfig(fingerprint="default")
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise ConfigError([Problem(CONFIG_NAME, None, "site.toml is not UTF-8 text",
                                   "save it as UTF-8")]) from None
    return parse_config(text, CONFIG_NAME)


def _toml_error_line(message: str) -> int | None:
    match = re.search(r"line (\d+)", message)
    return int(match.group(1)) if match else None


def _unknown_keys(check: _Checker, data: Mapping[str, Any]) -> None:
    """Warn about what looks like a misspelt key or table. Other unknown top-level keys
    are the site's own (`site.extra`); in the tables Warta reads, every key is its."""
    for key, value in data.items():
        inner = _TABLE_KEYS.get(key)
        if inner is not None and isinstance(value, dict):
            for name in value:
                if name not in inner:
                    near = _near(name, inner)
                    check.warn(key, name, f"unknown key `{name}` in [{key}]",
                               f"did you mean `{near}`?" if near else
                               "Warta reads only " + ", ".join(f"`{n}`" for n in inner))
        elif key == "authors" and isinstance(value, dict):
            for initials, author in value.items():
                for name in author if isinstance(author, dict) else ():
                    if name not in _AUTHOR_KEYS:
                        near = _near(name, _AUTHOR_KEYS)
                        check.warn(f"authors.{initials}", name,
                                   f"unknown key `{name}` in [authors.{initials}]",
                                   f"did you mean `{near}`?" if near else
                                   "Warta reads only `name`, `bio` and `photo`")
        elif key not in _KNOWN_TOP and (near := _near(key, _KNOWN_TOP)) is not None:
            if isinstance(value, dict):
                check.warn("", key, f"unknown table `[{key}]`", f"did you mean `[{near}]`?")
            else:
                check.warn("", key, f"unknown key `{key}`", f"did you mean `{near}`?")


def _near(key: str, known: Iterable[str]) -> str | None:
    """The known key `key` is probably a misspelling of, if any."""
    matches = difflib.get_close_matches(key.lower(), sorted(known), n=1, cutoff=0.8)
    return matches[0] if matches else None


def _table(check: _Checker, data: Mapping[str, Any], key: str) -> Mapping[str, Any]:
    value = data.get(key, {})
    if not isinstance(value, dict):
        check.fail(key, f"`{key}` must be a table", f"write it as a [{key}] section")
        return {}
    return value


def _checked_locale(check: _Checker, language: str) -> str:
    from babel import Locale, UnknownLocaleError

    try:
        Locale.parse(language.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        check.fail("language", f"Babel has no locale for language {language!r}",
                   'use a code such as "id" or "en"')
        return "id"
    return language


def _check_pattern(check: _Checker, pattern: str) -> None:
    names = set(re.findall(r"\{(\w+)\}", pattern))
    if (not pattern.startswith("/") or "{slug}" not in pattern or names - _PLACEHOLDERS
            or not (pattern.endswith("/") or pattern.endswith(".html")) or ".." in pattern):
        check.fail("article", f"invalid `urls.article` pattern {pattern!r}",
                   "start with /, include {slug}, end with / or .html, and use only "
                   "{year} {month} {day} {slug}")


def _authors(check: _Checker, table: Mapping[str, Any]) -> dict[str, AuthorInfo]:
    authors: dict[str, AuthorInfo] = {}
    for key, value in table.items():
        if isinstance(value, str):
            authors[key] = AuthorInfo(key=key, name=value)
        elif isinstance(value, dict) and isinstance(value.get("name"), str):
            bio, photo = value.get("bio", ""), value.get("photo", "")
            if not isinstance(bio, str) or not isinstance(photo, str):
                check.fail(key, f"`authors.{key}`: bio and photo must be strings", "")
                continue
            authors[key] = AuthorInfo(key=key, name=value["name"], bio=bio, photo=photo)
        else:
            check.fail(key, f"`authors.{key}` must be a name or a table with `name`",
                       f'e.g. {key} = "Nama Lengkap"')
    return authors


def _aliases(check: _Checker, table: Mapping[str, Any]) -> dict[str, str]:
    aliases: dict[str, str] = {}
    for key, value in table.items():
        if not isinstance(value, str) or not value.strip():
            check.fail(key, f"`tag_aliases.{key}` must be the tag to use instead",
                       f'e.g. "{key}" = "Nama Tag"')
            continue
        aliases[key.strip().lower()] = value.strip()
    return aliases
