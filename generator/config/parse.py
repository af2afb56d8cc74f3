"""`site.toml` becomes one frozen `SiteConfig`.

`parse_config` is pure (text in, config out) so every rule is testable from
a string; `load_config` is the thin wrapper that reads the file.
"""

from __future__ import annotations

import difflib
import hashlib
import re
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from generator.config import search
from generator.config.checker import Checker, near, table
from generator.config.footer import FOOTER_KEYS, read_footer
from generator.config.images import KEYS as IMAGE_KEYS
from generator.config.images import read_images
from generator.config.model import AuthorInfo, Outputs, SiteConfig
from generator.config.sections import HOME_KEYS, read_home, read_nav_tags, read_sections
from generator.errors import NO_HINT, ConfigError, Problem, Text

CONFIG_NAME = "site.toml"



_KNOWN_TOP = {
    "title", "description", "base_url", "language", "timezone", "theme",
    "home_size", "page_size", "feed_size", "urls", "authors", "tag_aliases",
    "import", "outputs", "publisher_logo", "publisher", "sitemap_size",
    # Editorial structure (config/sections.py).
    "sections", "nav_tags", "home",
    "footer",
    "search",
    "images",
}
# The keys `parse_config` reads in each of its tables; any other key there is a mistake.
_TABLE_KEYS = {
    "urls": ("article",),
    "import": ("known_tags",),
    "outputs": ("feeds", "tag_feeds", "sitemaps", "search", "date_archives", "author_pages"),
    "home": HOME_KEYS,
    "footer": FOOTER_KEYS,
    "search": search.KEYS,
    "images": IMAGE_KEYS,
}
_AUTHOR_KEYS = ("name", "bio", "photo")
_PLACEHOLDERS = {"year", "month", "day", "slug"}
_LANGUAGE_NAMES = {
    "indonesia": "id", "bahasa indonesia": "id", "indonesian": "id", "bahasa": "id",
    "english": "en", "inggris": "en", "bahasa inggris": "en", "jawa": "jv", "javanese": "jv",
    "bahasa jawa": "jv", "sunda": "su", "sundanese": "su", "bahasa sunda": "su",
    "melayu": "ms", "malay": "ms",
}
"""A language written by its name (in Indonesian or English), and its code."""
_LANGUAGE = re.compile(r"^[a-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*$")


def parse_config(text: str, path: str = CONFIG_NAME) -> SiteConfig:
    """Validate the text of `site.toml`; raise ConfigError listing every problem."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        line = _toml_error_line(str(error))
        if line is not None and (marked := text.split("\n")[line - 1]).startswith(
                ("<<<<<<< ", "=======", ">>>>>>> ")):  # (two editors' settings merged; the
            # lock files' reader is content's, of a higher rank: content/merge_conflicts.py)
            raise ConfigError([Problem(
                path, line, Text("{line!r}: a merge conflict of git is left in the file",
                                 line=marked.rstrip("\r")),
                Text("keep the text meant (one side, the other, or both joined) and delete "
                     "the marks <<<<<<<, ======= and >>>>>>>"))]) from None
        raise ConfigError([Problem(path, line, Text("invalid TOML: {error}", error=str(error)),
                                   Text("fix the syntax; see docs/configuration.md"))]) from None
    check = Checker(path, text)
    title = check.string(data, "title", "Warta")
    if not title.strip():
        check.fail("title", Text("`title` is empty: the site's name is in every page's "
                                 "title, its feeds and its structured data"),
                   Text('write the site\'s name, e.g. title = "Kabar Kota"'))
    description = check.string(data, "description", "")
    base_url = check.string(data, "base_url", "http://localhost/")
    if not re.match(r"^https?://[^/\s]+(/\S*)?$", base_url):
        check.fail("base_url", Text("`base_url` must be an absolute http(s) URL, not {value}",
                                    value=repr(base_url)),
                   Text('e.g. base_url = "https://berita.example/"'))
    elif (where := urlsplit(base_url)).path.strip("/") or "?" in base_url or "#" in base_url:
        # The pages link from the domain's root (`/static/style.css`, `/2025/03/x/`), as
        # the hosts' redirect rules do: under a folder they would lead out of the site.
        root = f"{where.scheme}://{where.netloc}/"
        check.fail("base_url", Text("`base_url` {value} is not the root of its domain: the "
                                    "pages link from the root ({root}static/style.css), "
                                    "where this site would not be", value=repr(base_url),
                                    root=root),
                   Text('publish the site at the root of a domain or subdomain, e.g. '
                        'base_url = "{example}"',
                        example=f"{where.scheme}://arsip.{where.netloc.removeprefix('www.')}/"))
    base_url = base_url.rstrip("/") + "/"
    language = check.string(data, "language", "id")
    if not _LANGUAGE.match(language):
        named = _LANGUAGE_NAMES.get(" ".join(language.lower().split()), "")
        check.fail("language", Text("`language` must be a language code like \"id\" or \"en\", "
                                    "not {value}", value=repr(language)),
                   Text('write language = "{code}"', code=named) if named else
                   Text('e.g. language = "id"'))
        language = "id"
    else:  # (BCP 47, as pages and feeds write it: Babel's `id_ID` is `id-ID`)
        language = _checked_locale(check, language).replace("_", "-")
    timezone = check.string(data, "timezone", "Asia/Jakarta")
    try:
        ZoneInfo(timezone)
    except (ZoneInfoNotFoundError, ValueError):
        meant = _zone_meant(timezone)
        check.fail("timezone", Text("unknown time zone {value}", value=repr(timezone)),
                   Text('did you mean timezone = "{zone}"?', zone=meant) if meant else
                   Text('use an IANA name such as "Asia/Jakarta", "Asia/Makassar" or '
                        '"Asia/Jayapura"'))
        timezone = "Asia/Jakarta"
    theme = check.string(data, "theme", "default")
    if not re.match(r"^[A-Za-z0-9_.-]+$", theme) or theme.startswith("."):
        check.fail("theme", Text("`theme` must be a folder name under themes/, not {value}",
                                 value=repr(theme)),
                   Text('e.g. theme = "default"'))
        theme = "default"
    urls = table(check, data, "urls")
    article_url = check.string(urls, "article", "/{year}/{month}/{slug}/", "urls.article")
    _check_pattern(check, article_url)
    imports = table(check, data, "import")
    known = imports.get("known_tags", [])
    if not isinstance(known, list) or not all(isinstance(t, str) for t in known):
        check.fail("known_tags", Text("`import.known_tags` must be a list of strings"),
                   Text('e.g. known_tags = ["KPU", "Bawaslu"]'))
        known = []
    sitemap_size = check.positive(data, "sitemap_size", 10000)
    if sitemap_size > 50000:
        check.fail("sitemap_size", Text("`sitemap_size` may be at most 50000, not {value}",
                                        value=sitemap_size),
                   Text("search engines read at most 50,000 URLs per sitemap file"))
    outputs_table = table(check, data, "outputs")
    outputs = Outputs(**{
        name: check.boolean(outputs_table, name, f"outputs.{name}")
        for name in ("feeds", "sitemaps", "search", "date_archives", "author_pages")
    }, tag_feeds=check.boolean(outputs_table, "tag_feeds", "outputs.tag_feeds", False))
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
        authors=_authors(check, table(check, data, "authors")),
        tag_aliases=_aliases(check, table(check, data, "tag_aliases")),
        known_tags=tuple(known),
        publisher=check.string(data, "publisher", "") or title,
        publisher_logo=check.string(data, "publisher_logo", ""),
        sitemap_size=min(sitemap_size, 50000),
        outputs=outputs,
        sections=read_sections(check, data),
        nav_tags=read_nav_tags(check, data),
        home=read_home(check, data),
        footer=read_footer(check, table(check, data, "footer")),
        search=search.read_search(check, data),
        images=read_images(check, table(check, data, "images")),
        extra={k: v for k, v in data.items() if k not in _KNOWN_TOP},
        fingerprint=hashlib.sha256(text.encode("utf-8")).hexdigest()[:16],
    )
    _unknown_keys(check, data)
    if any(problem.is_error for problem in check.problems):
        raise ConfigError(check.problems)
    return replace(config, warnings=tuple(check.problems))


_ZONES_BY_NAME = {
    **dict.fromkeys(("wib", "+7", "surabaya", "bandung", "semarang", "medan", "yogyakarta",
                     "malang", "palembang", "padang", "pekanbaru", "lampung", "serang",
                     "solo", "banda aceh", "jambi", "bengkulu", "batam", "tangerang",
                     "bekasi", "bogor", "depok", "kediri", "riau", "tanjung pinang",
                     "tanjungpinang", "cirebon", "tasikmalaya", "purwokerto"), "Asia/Jakarta"),
    **dict.fromkeys(("wita", "+8", "bali", "denpasar", "kuta", "lombok", "palu", "mataram",
                     "kupang", "balikpapan", "samarinda", "manado", "banjarmasin", "kendari",
                     "gorontalo", "makasar", "bima", "parepare", "tarakan"), "Asia/Makassar"),
    **dict.fromkeys(("wit", "+9", "ambon", "sorong", "manokwari", "merauke", "ternate",
                     "papua", "biak", "maluku", "timika", "nabire"), "Asia/Jayapura"),
}
"""Indonesia's zones by the names newsrooms give them: the dateline's (`WIB`), an offset
(`GMT+7`: not `Etc/GMT+7`, which is seven hours *behind* UTC), or a city that has no
IANA name of its own (`Bali`, `Surabaya`, `Palu`)."""


def _zone_meant(written: str) -> str | None:
    """The IANA time zone a `timezone` Warta does not know most likely meant: Indonesia's
    zones by the names newsrooms use (`_ZONES_BY_NAME`: `WIB`, `GMT+7`, `Bali`), or a city
    of the IANA list written alone, in another case or a letter or two off (`Jakarta`,
    `Asia/Makasar`): its name compared with the cities' names alone (with the region,
    `Asia/Batam` was close to `Asia/Qatar`), never an `Etc/` zone."""
    city = " ".join(written.strip().rsplit("/", 1)[-1].replace("_", " ").split()).lower()
    offset = re.fullmatch(r"(?:gmt|utc)\s*\+\s*0?([789])(?::?00)?", city)
    key = f"+{offset[1]}" if offset else city
    if key in _ZONES_BY_NAME:
        return _ZONES_BY_NAME[key]
    cities = {name.rsplit("/", 1)[-1].replace("_", " ").lower(): name
              for name in sorted(available_timezones(), reverse=True)
              if "/" in name and not name.startswith(("Etc/", "SystemV/"))}
    found = difflib.get_close_matches(city, sorted(cities), n=1, cutoff=0.85)
    return cities[found[0]] if found else None


def load_config(site_dir: Path) -> SiteConfig:
    """Read `site.toml` from `site_dir`; a site without one gets the defaults."""
    path = site_dir / CONFIG_NAME
    if not path.exists():
        return SiteConfig(fingerprint="default")
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise ConfigError([Problem(CONFIG_NAME, None, Text("site.toml is not UTF-8 text"),
                                   Text("save it as UTF-8"))]) from None
    return parse_config(text, CONFIG_NAME)


def _toml_error_line(message: str) -> int | None:
    match = re.search(r"line (\d+)", message)
    return int(match.group(1)) if match else None


def _unknown_keys(check: Checker, data: Mapping[str, Any]) -> None:
    """Warn about what looks like a misspelt key or table. Other unknown top-level keys
    are the site's own (`site.extra`); in the tables Warta reads, every key is its."""
    for key, value in data.items():
        inner = _TABLE_KEYS.get(key)
        if inner is not None and isinstance(value, dict):
            for name in value:
                if name not in inner:
                    close = near(name, inner)
                    check.warn(key, name, Text("unknown key `{name}` in [{table}]", name=name,
                                               table=key),
                               Text("did you mean `{name}`?", name=close) if close else
                               Text("Warta reads only {keys}",
                                    keys=", ".join(f"`{n}`" for n in inner)))
        elif key == "authors" and isinstance(value, dict):
            for initials, author in value.items():
                for name in author if isinstance(author, dict) else ():
                    if name not in _AUTHOR_KEYS:
                        close = near(name, _AUTHOR_KEYS)
                        check.warn(f"authors.{initials}", name,
                                   Text("unknown key `{name}` in [{table}]", name=name,
                                        table=f"authors.{initials}"),
                                   Text("did you mean `{name}`?", name=close) if close else
                                   Text("Warta reads only `name`, `bio` and `photo`"))
        elif key not in _KNOWN_TOP and (close := near(key, _KNOWN_TOP)) is not None:
            if isinstance(value, dict):
                check.warn("", key, Text("unknown table `[{name}]`", name=key),
                           Text("did you mean `[{name}]`?", name=close))
            else:
                check.warn("", key, Text("unknown key `{name}`", name=key),
                           Text("did you mean `{name}`?", name=close))


def _checked_locale(check: Checker, language: str) -> str:
    from babel import Locale, UnknownLocaleError

    try:
        Locale.parse(language.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        check.fail("language", Text("Babel has no locale for language {value}",
                                    value=repr(language)),
                   Text('use a code such as "id" or "en"'))
        return "id"
    return language


def _check_pattern(check: Checker, pattern: str) -> None:
    names = set(re.findall(r"\{(\w+)\}", pattern))
    if (not pattern.startswith("/") or "{slug}" not in pattern or names - _PLACEHOLDERS
            or not (pattern.endswith("/") or pattern.endswith(".html")) or ".." in pattern):
        check.fail("article", Text("invalid `urls.article` pattern {value}",
                                   value=repr(pattern)),
                   Text("start with /, include {{slug}}, end with / or .html, and use only "
                        "{{year}} {{month}} {{day}} {{slug}}"))


def _authors(check: Checker, table: Mapping[str, Any]) -> dict[str, AuthorInfo]:
    authors: dict[str, AuthorInfo] = {}
    for key, value in table.items():
        if isinstance(value, str):
            authors[key] = AuthorInfo(key=key, name=value)
        elif isinstance(value, dict) and isinstance(value.get("name"), str):
            bio, photo = value.get("bio", ""), value.get("photo", "")
            if not isinstance(bio, str) or not isinstance(photo, str):
                check.fail(key, Text("`authors.{key}`: bio and photo must be strings",
                                     key=key), NO_HINT)
                continue
            authors[key] = AuthorInfo(key=key, name=value["name"], bio=bio, photo=photo)
        else:
            check.fail(key, Text("`authors.{key}` must be a name or a table with `name`",
                                 key=key),
                       Text('e.g. {key} = "Nama Lengkap"', key=key))
    # (A name corrected, "Hamid Zulkarnaen" = "Hamid Zulkarnain", beside an older
    # Hmz = "Hamid Zulkarnaen": a byline is looked up once, so each key leads to the
    # name at the end of its chain, with the first bio and photo along it, else one
    # reporter's stories would have two pages. A loop is an error, said once.)
    looped: set[str] = set()
    for key in list(authors):
        chain, loop = _chain(key, lambda k: n if (n := authors[k].name) in authors
                             and n != k else None)
        if loop:
            if not looped.intersection(loop):
                check.fail(loop[0], Text("the names of [authors] {names} lead to one "
                                         "another, never to a name", names=" -> ".join(
                                             repr(n) for n in [*loop, loop[0]])),
                           Text("take out one of their lines"))
            looped.update(loop)
            continue
        links = [authors[k] for k in chain]
        authors[key] = AuthorInfo(key=key, name=links[-1].name,
                                  bio=next((a.bio for a in links if a.bio), ""),
                                  photo=next((a.photo for a in links if a.photo), ""))
    return authors


def _aliases(check: Checker, table: Mapping[str, Any]) -> dict[str, str]:
    aliases: dict[str, str] = {}
    for key, value in table.items():
        if not isinstance(value, str) or not value.strip():
            check.fail(key, Text("`tag_aliases.{key}` must be the tag to use instead",
                                 key=key),
                       Text('e.g. "{key}" = "Nama Tag"', key=key))
            continue
        name = key.strip().lower()
        if name in aliases and aliases[name] != value.strip():
            # (Case does not count: the second line would win without a word.)
            first = next(k for k in table if k.strip().lower() == name)
            check.fail(key, Text("the tag aliases {first} and {key} are one name, mapped "
                                 "to two tags", first=repr(first), key=repr(key)),
                       Text("keep one of the two lines"))
            continue
        aliases[name] = value.strip()
    # (A tag renamed again, "tour" = "Wisata" beside a newer "wisata" = "Pariwisata":
    # each old name leads to the tag at the end of its chain, as `canonical_tag` takes
    # one step. A name mapped to its own spelling ends a chain; a loop would swap two
    # tags' stories: an error, said once.)
    looped: set[str] = set()
    for key in list(aliases):
        chain, loop = _chain(key, lambda k: n if (n := aliases[k].lower()) in aliases
                             and n != k else None)
        if loop:
            if not looped.intersection(loop):
                written = next(k for k in table if k.strip().lower() == loop[0])
                check.fail(written, Text("the tag aliases {names} lead to one another, "
                                         "never to a tag", names=" -> ".join(
                                             repr(n) for n in [*loop, loop[0]])),
                           Text("take out one of their lines"))
            looped.update(loop)
            continue
        aliases[key] = aliases[chain[-1]]
    return aliases


def _chain(first: str, ahead: Callable[[str], str | None]) -> tuple[list[str], list[str]]:
    """The keys from `first` along `ahead` (the key its value names, or None at the end
    of the chain), and the keys of a loop it runs into (empty when it ends)."""
    chain = [first]
    while (after := ahead(chain[-1])) is not None:
        if after in chain:
            return chain, chain[chain.index(after):]
        chain.append(after)
    return chain, []

