"""One source file's frontmatter values read and checked (`Fields`), each wrong value a
`Problem` at its key's line (its lists of names: content/name_lists.py); and the pure
reader of a file's slug it shares with the rest of Warta (`slug_of_file`; dates are read
by content/dates.py). content/parse.py makes the records of them.
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any
from urllib.parse import unquote, urlsplit
from zoneinfo import ZoneInfo

from generator import urls
from generator.config import SiteConfig
from generator.config.sections import section_hint, section_named
from generator.content import folders, keys
from generator.content.dates import meant_date, to_datetime
from generator.content.frontmatter import Split, clean, key_line
from generator.content.image import read_image
from generator.content.keys import IMAGE_FIELDS, SYNONYMS
from generator.content.model import Correction, Image
from generator.content.name_lists import NameLists
from generator.date_format import full_date
from generator.errors import NO_HINT, Problem, Text
from generator.slugs import slugify


class Fields(NameLists):
    """Reads and validates one file's frontmatter values, collecting its problems (its
    lists of names: `NameLists`)."""

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
        key = self._synonym_key(ours)
        return None if key is None else self.data[key]

    def _synonym_key(self, ours: str) -> str | None:
        """The key written for `ours` as Hugo or Jekyll spell it (`lastmod`), if any."""
        for theirs, target in SYNONYMS.items():
            for key in self.data:
                if target == ours and key.lower() == theirs:
                    return key
        return None

    def text(self, key: str, required: bool = False) -> str:
        value = self.data.get(key)
        if value is None or (isinstance(value, str) and not clean(value)):
            if required and key not in self.data:
                self.missing(key, Text("add a line `{key}: ...` to the frontmatter", key=key))
            elif required:  # (`title:` or `title: '  '`: a page without a headline)
                self.fail(key, Text("`{key}` is empty", key=key),
                          Text("write it after `{key}:`", key=key))
            return ""
        if isinstance(value, (dict, list)):
            self.fail(key, Text("`{key}` must be text, not a {kind}", key=key,
                                kind=type(value).__name__),
                      Text("write `{key}: ...` on one line", key=key))
            return ""
        if isinstance(value, bool):  # (readers would read "False": `location: false`)
            self._not_text(key, value)
            return ""
        return clean(str(value))

    def _not_text(self, key: str, value: bool) -> None:
        self.fail(key, Text("`{key}` must be text, not {value}", key=key,
                            value=self._written(key) or str(value).lower()),
                  Text("write the text after `{key}:`, in quotes if it is a word YAML reads "
                       "as true or false (`{key}: \"No\"`), or take out the line", key=key))

    def _written(self, key: str) -> str:
        """The value of top-level `key` as its line writes it (`no`, where YAML reads
        false), or "" when the line is not found."""
        line = key_line(self.part, key)
        if line is None:
            return ""
        return self.part.lines[line - self.part.first_line].split(":", 1)[1].strip()

    def synonym_text(self, ours: str) -> str:
        value = self._synonym(ours)
        return clean(str(value)) if isinstance(value, (str, int, float)) \
            and not isinstance(value, bool) else ""

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
                      self._date_hint(key, value))
        return parsed

    def _date_hint(self, key: str, value: Any) -> Text:
        meant = meant_date(value) if isinstance(value, str) else None
        if meant is None:
            return Text("use ISO 8601, e.g. 2018-09-26T10:00:00+07:00 or 2018-09-26")
        # (the day in words, so that a day and a month read the wrong way round show)
        day = full_date(datetime.fromisoformat(meant), self.config.language)
        if re.match(r"\s*\d{4}\b", value):  # (the year first already: `2025/01/05`)
            return Text("write it as `{key}: {meant}` ({day})", key=key, meant=meant, day=day)
        return Text("write it year first: `{key}: {meant}` ({day}), if that is the day meant",
                    key=key, meant=meant, day=day)

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

    def withdrawal(self) -> str:
        """The reason an article was withdrawn, shown to readers instead of its text; ""
        when it was not (`withdrawn: false` too: not the text "False", which withdrew
        it). `withdrawn: true` says no reason: an error, as the Pedoman Pemberitaan Media
        Siber asks every withdrawal to say why, and readers would read "True"."""
        value = self.data.get("withdrawn")
        said = str(value).strip().strip("'\"").casefold()  # (`"false"`, `0`: no reason)
        if value is False or said in _NO:
            return ""
        if value is True or said in _YES:
            self.fail("withdrawn", Text("`withdrawn` is the reason shown to readers in place "
                                        "of the text, not true or false"),
                      Text("write why, e.g. `withdrawn: Ditarik karena identitas narasumber "
                           "keliru.`"))
            return ""
        return self.text("withdrawn")

    def slug(self, path: str) -> str:
        given = self.data.get("slug")
        if isinstance(given, bool):  # (not the address `/…/false/`)
            self._not_text("slug", given)
            return ""
        if given is not None:
            if _an_address(str(given)):  # (`/2025/01/banjir/` made `2025-01-banjir`)
                self._address_as_slug(str(given))
                return ""
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

    def _address_as_slug(self, given: str) -> None:
        words = [word for word in urlsplit(given).path.split("/") if slugify(word)]
        last = slugify(words[-1].removesuffix(".html")) if words else ""
        self.fail("slug", Text("the slug {value} is an address; the slug is only its last "
                               "word", value=repr(given)),
                  Text("write `slug: {slug}`; an address the story must keep answering goes "
                       "in `aliases:`", slug=last) if last else
                  Text("write a slug such as `banjir-di-malang`"))

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
        if isinstance(value, dict):  # one correction, or dated notes, not in a list
            notes = [{when: text} for when, text in value.items()
                     if to_datetime(when, self.zone) is not None]
            value = notes if len(notes) == len(value) > 1 else [value]
        if not isinstance(value, list):
            self.fail("corrections", Text("`corrections` must be a list of `{{date, text}}`"),
                      Text("write `corrections:` then `  - date: ...` and `    text: ...`"))
            return ()
        found = []
        for item in value:
            if (correction := self._correction(item)) is not None:
                found.append(correction)
        return tuple(sorted(found, key=lambda c: c.date))

    def _correction(self, item: Any) -> Correction | None:
        """One entry of `corrections`: `{date, text}`, or `2025-01-06: text` as an editor
        writes a dated note; None after reporting what it lacks."""
        if isinstance(item, dict) and len(item) == 1:
            [(first, said)] = item.items()
            if first not in ("date", "text") and (to_datetime(first, self.zone) is not None
                                                  or meant_date(str(first)) is not None):
                # (a dated note: its date read as `date:` is, an unreadable one offered)
                item = {"date": first, "text": said}
        if not isinstance(item, dict):
            self.fail("corrections", Text("a correction is a date and a text, not {value}",
                                          value=repr(item)), _CORRECTION_HINT)
            return None
        if unread := [str(key) for key in item if key not in ("date", "text")]:
            self.fail("corrections", Text("a correction's keys are `date` and `text`, not "
                                          "{keys}", keys=", ".join(f"`{k}`" for k in unread)),
                      Text("write `date:` for the day and `text:` for what was corrected")
                      if any(key.lower() in _CORRECTION_WORDS for key in unread) else
                      _CORRECTION_HINT)
            return None
        text, written = item.get("text"), item.get("date")
        when = to_datetime(written, self.zone) if written is not None else None
        if written is None or when is None:
            self.fail("corrections", Text("a correction without a date: {text}",
                                          text=repr(text)) if written is None else
                      Text("the date of a correction is not a date: {value}",
                           value=repr(written)),
                      self._date_hint("date", written) if written is not None else
                      _CORRECTION_HINT)
            return None
        if isinstance(text, (int, float)) and not isinstance(text, bool):
            text = str(text)
        if not isinstance(text, str) or not text.strip():
            self.fail("corrections", Text("the correction of {date} has no text",
                                          date=when.date().isoformat()),
                      Text("write what was corrected below its date, `text: ...`, on a line "
                           "without `-`"))
            return None
        return Correction(date=when, text=clean(text))

    def dated_before(self, when: datetime, updated: datetime | None,
                     corrections: tuple[Correction, ...]) -> None:
        """Warn of `updated` or a correction dated before the article's `date`: no
        reader sees it as an update (a typo in the year or the month, most often)."""
        if updated is None and not corrections:
            return  # (most stories: every article's parse comes through here)
        first = min((c.date for c in corrections), default=None)
        for key, found in (("updated", updated), ("corrections", first)):
            if found is not None and found.date() < when.date():  # (a day, not an hour:
                # `updated: 2018-09-26` on a story of 10:00 that day is no typo)
                if key == "updated" and key not in self.data:  # (written `lastmod:`)
                    key = self._synonym_key("updated") or key
                self.fail(key, Text("`{key}` is dated {found}, before the article's `date` "
                                    "({date}): readers see no update then", key=key,
                                    found=found.isoformat(timespec="minutes"),
                                    date=when.isoformat(timespec="minutes")),
                          Text("if the year or the month is a typo, correct it"),
                          severity="warning")

    def aliases(self) -> tuple[str, ...]:
        found: list[str] = []
        written_all = self._names("aliases", self.data.get("aliases"))
        base = urlsplit(self.config.base_url) if written_all else None
        for alias in written_all:
            written = urlsplit(alias)
            if base is not None and written.scheme in ("http", "https") \
                    and written.netloc.lower() == base.netloc.lower() \
                    and written.path.startswith(base.path) and not written.query:
                # (Copied from the browser's address bar: this site's, as its path, as
                # the host reads it: `caf%C3%A9` is `café`.)
                alias = unquote(written.path[len(base.path):])
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
        imaged = "image" in self.data or self._synonym_key("image") is not None
        for key, near in self.unknown.items():
            if key in _BESIDE_IMAGE:
                if not imaged:  # (beside an `image`, read as the image's: `read_image`)
                    self.fail(key, Text("`{name}` is said of an image, and this file has no "
                                        "`image`", name=key),
                              Text("write it under `image:`, indented: `image:`, then "
                                   "`  src: media/…` and `  {name}: …`", name=key),
                              severity="warning")
            elif near is not None:
                self.fail(key, Text("unknown key `{name}`", name=key),
                          Text("did you mean `{name}`? As written, Warta does not read it",
                               name=near), severity="warning")
        if self.data.keys() <= keys.KNOWN_KEYS:
            return {}
        return {key: value for key, value in self.data.items() if not keys.is_read(key)
                and not (imaged and key in _BESIDE_IMAGE)}  # (read as the image's)


_BESIDE_IMAGE = ("src", *IMAGE_FIELDS)
"""Keys of an image an editor writes beside `image:` (`read_image` reads them there)."""
_CORRECTION_HINT = Text("write `- date: 2018-09-27T08:00:00+07:00` and `text: ...`")
_CORRECTION_WORDS = frozenset(("tanggal", "tgl", "waktu", "teks", "isi", "keterangan",
                               "catatan", "koreksi", "ralat", "note", "day", "correction"))
"""The words editors write for a correction's keys."""
_NO = frozenset(("false", "no", "off", "0"))
_YES = frozenset(("true", "yes", "on", "1"))
"""How editors write a switch, which no reason for a withdrawal reads as."""

_DATE_PREFIX = re.compile(r"^\d{4}-\d{2}-\d{2}-")


def _an_address(slug: str) -> bool:
    """Whether a `slug:` holds an address pasted whole (`/2025/01/banjir/`, a URL,
    `2025/01/banjir`), not a slug that has a slash (`Layanan 24/7`)."""
    return slug.startswith("/") or "://" in slug or (
        slug.count("/") >= 2 and " " not in slug.strip())


def slug_of_file(path: str) -> str:
    """The slug an article or page gets without `slug:`: its file name without `.md`
    and without a Jekyll-style date prefix (`2018-09-26-banjir.md` gives `banjir`); of
    an `index.md` in a folder of its own (a Hugo archive's page bundle,
    `berita/banjir-rob/index.md`), the folder's name, as Hugo gives it; not a folder
    of a year or a month (`2024/05/index.md`, what `warta new "Index"` writes: a story
    called index, as it always was)."""
    folder, _, name = path.rpartition("/")
    stem = name.removesuffix(".md")
    if stem == "index" and folder not in (folders.ARTICLES, folders.PAGES):
        own = folder.rsplit("/", 1)[-1]
        stem = own if any(letter.isalpha() for letter in own) else stem
    return slugify(_DATE_PREFIX.sub("", stem)) or slugify(stem)
