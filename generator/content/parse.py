"""Source files become `Article`s and `StaticPage`s.

`parse_article` and `parse_page` are pure: text in, records out, every
problem a `Problem` naming the file and line. Reading files and deciding
what to re-parse is the loader's business (`build/loader.py`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any
from zoneinfo import ZoneInfo

from generator import urls
from generator.config import SiteConfig
from generator.config.sections import section_hint, section_named
from generator.content import frontmatter, keys, markup
from generator.content.bylines import unknown_author
from generator.content.frontmatter import ProblemError, Split, clean, decode, key_line, split
from generator.content.image import body_media, read_image
from generator.content.keys import AUTHOR, EDITOR, SYNONYMS, TAG
from generator.content.model import Article, Author, Correction, Image, StaticPage, Tag, with_key
from generator.date_format import has_time_of_day
from generator.errors import NO_HINT, Problem, Text
from generator.slugs import slugify

Renderer = Callable[[str], str]

SUMMARY_LENGTH = 240


@dataclass(frozen=True)
class Parsed:
    """What parsing one article file gives."""

    article: Article
    """The metadata."""
    body_html: str
    """The rendered body; stored in the cache, not kept for the whole archive."""
    warnings: tuple[Problem, ...]
    """Problems that do not stop the build."""


def parse_article(data: bytes | str, path: str, config: SiteConfig,
                  render: Renderer = markup.render) -> Parsed:
    """Parse one article file; raise ContentProblems listing every error in it."""
    part, problems = _split(data, path)
    fields = _Fields(part, path, config, problems)
    title = fields.text("title", required=True)
    when = fields.moment("date", required=True)
    slug = fields.slug(path)
    body_html = render(part.body)
    summary = fields.text("summary") or fields.synonym_text("summary")
    if not summary:
        summary = markup.cut(markup.first_paragraph(body_html), SUMMARY_LENGTH)
    draft = fields.boolean("draft")
    if "published" in part.data and part.data["published"] is False:
        draft = True
    article = Article(
        path=path,
        title=title,
        date=when or datetime(1970, 1, 1, tzinfo=config.zone),
        time_known=has_time_of_day(part.data.get("date")),
        slug=slug,
        url=urls.article_url(config.article_url, when, slug) if when and slug else "",
        tags=fields.tags(),
        authors=fields.authors(),
        editors=fields.editors(),
        summary=summary,
        location=fields.text("location"),
        source=fields.text("source"),
        image=fields.image(),
        draft=draft,
        updated=fields.moment("updated") or fields.synonym_datetime("updated"),
        corrections=fields.corrections(),
        aliases=fields.aliases(),
        withdrawn=fields.text("withdrawn"),
        section=fields.section(),
        featured=fields.boolean("featured"),
        words=markup.word_count(body_html),
        body_hash=markup.fingerprint(body_html),
        media=body_media(body_html),
        extra=fields.extra(),
    )
    if any(p.is_error for p in problems):
        raise ContentProblems(problems)  # the warnings too: every problem of the file
    return Parsed(with_key(article), body_html, tuple(p for p in problems if not p.is_error))


def parse_page(data: bytes | str, path: str, config: SiteConfig,
               render: Renderer = markup.render) -> tuple[StaticPage, str]:
    """Parse one file of `content/pages/`: a title, an optional slug and a body."""
    part, problems = _split(data, path)
    fields = _Fields(part, path, config, problems)
    title = fields.text("title", required=True)
    slug = fields.slug(path)
    body_html = render(part.body)
    if any(p.is_error for p in problems):
        raise ContentProblems(problems)
    page = StaticPage(path=path, title=title, slug=slug, url=urls.page_url(slug),
                      body_hash=markup.fingerprint(body_html),
                      summary=markup.cut(markup.first_paragraph(body_html), SUMMARY_LENGTH),
                      media=body_media(body_html))
    return page, body_html


class ContentProblems(Exception):
    """Every error found in one file."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(map(str, problems)))


def _split(data: bytes | str, path: str) -> tuple[Split, list[Problem]]:
    try:
        text = decode(data, path) if isinstance(data, bytes) else data
        if not text.strip():
            raise ProblemError(Problem(path, None, frontmatter.EMPTY, frontmatter.EMPTY_HINT))
        return split(text, path), []
    except ProblemError as error:
        raise ContentProblems([error.problem]) from None


class _Fields:
    """Reads and validates frontmatter values, collecting problems."""

    def __init__(self, part: Split, path: str, config: SiteConfig, problems: list[Problem]) -> None:
        self.part, self.path, self.config, self.problems = part, path, config, problems
        self.data = part.data
        self.zone: ZoneInfo = config.zone
        self.unknown = keys.unknown_keys(self.data)
        """Keys Warta does not read, each with the key it probably stands for."""

    def fail(self, key: str, message: Text, hint: Text = NO_HINT, severity: str = "error") -> None:
        # A missing key is reported at the frontmatter's opening line.
        line = key_line(self.part, key) or 1
        self.problems.append(Problem(self.path, line, message, hint, severity))

    def missing(self, key: str, hint: Text) -> None:
        """Report required `key` missing: at the line of an unknown key that stands for
        it (`judul:`, `tittle:`), else at the frontmatter's opening line."""
        for written, meant in self.unknown.items():
            if meant == key:
                self.unknown[written] = None  # reported here, not again as unknown
                self.fail(written, Text("missing `{key}`: `{written}` is not a key Warta "
                                        "reads", key=key, written=written),
                          Text("rename `{written}` to `{key}`", written=written, key=key))
                return
        self.fail(key, Text("missing `{key}`", key=key), hint)

    def _synonym(self, ours: str) -> Any:
        for theirs, target in SYNONYMS.items():
            for key in self.data:
                if target == ours and key.lower() == theirs:
                    return self.data[key]
        return None

    def text(self, key: str, required: bool = False) -> str:
        value = self.data.get(key)
        if value is None or value == "":
            if required:
                self.missing(key, Text("add a line `{key}: ...` to the frontmatter", key=key))
            return ""
        if isinstance(value, (dict, list)):
            self.fail(key, Text("`{key}` must be text, not a {kind}", key=key,
                                kind=type(value).__name__),
                      Text("write `{key}: ...` on one line", key=key))
            return ""
        return clean(str(value))

    def synonym_text(self, ours: str) -> str:
        value = self._synonym(ours)
        return clean(str(value)) if isinstance(value, (str, int, float)) else ""

    def moment(self, key: str, required: bool = False) -> datetime | None:
        value = self.data.get(key)
        if value is None or value == "":
            if required:
                self.missing(key, Text("add `{key}: 2018-09-26T10:00:00+07:00` (or a date, "
                                       "2018-09-26)", key=key))
            return None
        parsed = to_datetime(value, self.zone)
        if parsed is None:
            self.fail(key, Text("`{key}` is not a date: {value}", key=key, value=repr(value)),
                      Text("use ISO 8601, e.g. 2018-09-26T10:00:00+07:00 or 2018-09-26"))
        return parsed

    def synonym_datetime(self, ours: str) -> datetime | None:
        value = self._synonym(ours)
        return to_datetime(value, self.zone) if value is not None else None

    def boolean(self, key: str) -> bool:
        value = self.data.get(key, False)
        if not isinstance(value, bool):
            self.fail(key, Text("`{key}` must be true or false, not {value}", key=key,
                                value=repr(value)),
                      Text("write `{key}: true` or `{key}: false`", key=key))
            return False
        return value

    def slug(self, path: str) -> str:
        given = self.data.get("slug")
        if given is not None:
            slug = slugify(str(given))
            if not slug:
                self.fail("slug", Text("the slug {value} has no letters or digits to make a "
                                       "URL from", value=repr(given)),
                          Text("write a slug such as `banjir-di-malang`"))
            return slug
        # From the file name, not the title: a corrected headline keeps its address.
        slug = slug_of_file(path)
        if not slug:
            self.fail("title", Text("the file name {name} gives no URL slug",
                                    name=repr(path.rsplit("/", 1)[-1])),
                      Text("rename the file with letters or digits, or add a `slug: ...` line"))
        return slug

    def _names(self, key: str, value: Any) -> list[str]:
        if isinstance(value, str):
            return keys.words_of(value)
        if isinstance(value, list):
            names = []
            for item in value:
                if isinstance(item, (str, int, float)) and not isinstance(item, bool):
                    names.append(clean(str(item)))
                else:
                    self.fail(key, Text("every entry of `{key}` must be text, not {value}",
                                        key=key, value=repr(item)),
                              Text("write `{key}: [Satu, Dua]`", key=key))
            return [n for n in names if n]
        if value is not None:
            self.fail(key, Text("`{key}` must be a list or a comma-separated text", key=key),
                      Text("write `{key}: [Satu, Dua]`", key=key))
        return []

    def _listed(self, key: str, value: Any, what: Text,
                known: Collection[str] | None = None) -> list[str]:
        """The names of a list of tags or authors. A text is one name unless it holds
        commas (then it is cut there); either way, a text that may not say what the
        editor meant gets a warning showing the YAML list to write."""
        if not isinstance(value, str):
            return self._names(key, value)
        names = keys.words_of(value)
        if (warning := keys.list_warning(key, names, what, known)) is not None:
            self.fail(key, *warning, severity="warning")
        return names

    def tags(self) -> tuple[Tag, ...]:
        names = self._listed("tags", self.data.get("tags"), TAG)
        for key in self.data:
            if SYNONYMS.get(key.lower()) == "tags":
                names += self._listed(key, self.data[key], TAG)
        tags: dict[str, Tag] = {}
        for raw in names:
            name = self.config.canonical_tag(raw)
            slug = slugify(name)
            if not slug:
                self.fail("tags", Text("the tag {name} has no letters or digits to make a URL "
                                       "from", name=repr(raw)),
                          Text("rename the tag or remove it"))
                continue
            tags.setdefault(slug, Tag(name=name, slug=slug, url=urls.tag_url(slug)))
        return tuple(tags.values())

    def authors(self) -> tuple[Author, ...]:
        key = "authors" if "authors" in self.data else "author"
        value = self.data.get(key)
        if isinstance(value, dict):  # Hugo archives: author: {name: ..., link: ...}
            value = value.get("name")
        # A full name is two capitalised words: only initials of `[authors]` are taken
        # for several authors written with spaces (`Hmz Ulm`).
        return self._people(key, value, AUTHOR)

    def editors(self) -> tuple[Author, ...]:
        return self._people("editors", self.data.get("editors"), EDITOR)

    def _people(self, key: str, value: Any, what: Text) -> tuple[Author, ...]:
        """Authors or editors: initials of `[authors]` become full names."""
        names = self._listed(key, value, what, self.config.authors.keys())
        authors: dict[str, Author] = {}
        for written in names:
            info = self.config.author(written)
            slug = slugify(info.name)
            if not slug:
                self.fail(key, Text("the {what} {name} has no letters or digits to make a URL "
                                    "from", what=what, name=repr(written)),
                          Text("write the name or initials in letters"))
                continue
            if (unknown := unknown_author(written, self.config.authors, what)) is not None:
                self.fail(key, *unknown, severity="warning")
            authors.setdefault(slug, Author(key=written, name=info.name, slug=slug,
                                            url=urls.author_url(slug)))
        return tuple(authors.values())

    def section(self) -> str:
        """The slug of the section `section:` names, checked against `[[sections]]`."""
        value = self.data.get("section")
        if value is None or value == "":
            return ""
        sections = self.config.sections
        if not isinstance(value, str):
            self.fail("section", Text("`section` must be the name of one section, not "
                                      "{value}", value=repr(value)),
                      Text("write `section: Pemerintahan`"))
            return ""
        if not sections:
            self.fail("section", Text("the section {name} is not used: site.toml has no "
                                      "[[sections]]", name=repr(value)),
                      Text("add the sections to site.toml (docs/configuration.md)"),
                      severity="warning")
            return ""
        found = section_named(sections, value)
        if found is not None:
            return found.slug
        self.fail("section", Text("unknown section {name}", name=repr(value)),
                  section_hint(sections, value))
        return ""

    def image(self) -> Image | None:
        return read_image(self.data, self.fail)

    def corrections(self) -> tuple[Correction, ...]:
        value = self.data.get("corrections")
        if value is None:
            return ()
        if not isinstance(value, list):
            self.fail("corrections", Text("`corrections` must be a list of `{{date, text}}`"),
                      Text("write `corrections:` then `  - date: ...` and `    text: ...`"))
            return ()
        found = []
        for item in value:
            when = to_datetime(item.get("date"), self.zone) if isinstance(item, dict) else None
            text = item.get("text") if isinstance(item, dict) else None
            if when is None or not isinstance(text, str) or not text.strip():
                self.fail("corrections", Text("a correction needs a date and a text: {value}",
                                              value=repr(item)),
                          Text("write `- date: 2018-09-27T08:00:00+07:00` and `text: ...`"))
                continue
            found.append(Correction(date=when, text=clean(text)))
        return tuple(sorted(found, key=lambda c: c.date))

    def aliases(self) -> tuple[str, ...]:
        found = []
        for alias in self._names("aliases", self.data.get("aliases")):
            url = "/" + alias.lstrip("/")
            try:
                urls.output_path(url if "." in url.rsplit("/", 1)[-1] else url.rstrip("/") + "/")
            except ValueError:
                self.fail("aliases", Text("the alias {value} is not a path on this site",
                                          value=repr(alias)),
                          Text("write an old path such as /berita/2018/123.html"))
                continue
            found.append(url)
        return tuple(found)

    def extra(self) -> dict[str, Any]:
        for key, near in self.unknown.items():
            if near is not None:
                self.fail(key, Text("unknown key `{name}`", name=key),
                          Text("did you mean `{name}`? As written, Warta does not read it",
                               name=near), severity="warning")
        if self.data.keys() <= keys.KNOWN_KEYS:
            return {}
        return {key: value for key, value in self.data.items() if not keys.is_read(key)}


_DATE_PREFIX = re.compile(r"^\d{4}-\d{2}-\d{2}-")


def slug_of_file(path: str) -> str:
    """The slug an article or page gets without `slug:`: its file name without `.md`
    and without a Jekyll-style date prefix (`2018-09-26-banjir.md` gives `banjir`)."""
    stem = path.rsplit("/", 1)[-1].removesuffix(".md")
    return slugify(_DATE_PREFIX.sub("", stem)) or slugify(stem)


def to_datetime(value: Any, zone: ZoneInfo) -> datetime | None:
    """A frontmatter date value as an aware datetime in `zone`, or None."""
    if isinstance(value, datetime):
        parsed = value
    elif isinstance(value, date):
        parsed = datetime.combine(value, time())
    elif isinstance(value, str):
        text = value.strip()
        if re.match(r"^\d{4}-\d\d-\d\d \d", text):
            text = text.replace(" ", "T", 1)
        try:
            parsed = datetime.fromisoformat(text)
        except ValueError:
            return None
    else:
        return None
    if parsed.tzinfo is None:
        return parsed.replace(tzinfo=zone)
    return parsed.astimezone(zone)
