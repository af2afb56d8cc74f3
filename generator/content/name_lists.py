"""The lists of names in an article's frontmatter, read and checked: its tags, authors
and editors. A text is cut at its commas, with a warning showing the YAML list; a
person's degrees stay with the name (`bylines.with_degrees`), and a byline naming two
(`Budi dan Ani`) is two people (`bylines.people_in`). Mixed into `fields.Fields`, whose
`fail` reports a problem at a key's line.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from generator import urls
from generator.config import SiteConfig
from generator.content import keys
from generator.content.bylines import author_slug, people_in, unknown_author, with_degrees
from generator.content.frontmatter import clean
from generator.content.keys import AUTHOR, EDITOR, SYNONYMS, TAG
from generator.content.model import Author, Tag
from generator.errors import NO_HINT, Text
from generator.slugs import slugify


class NameLists:
    """The tags, authors and editors of one file's frontmatter."""

    data: dict[str, Any]
    """The frontmatter's values, by key."""
    config: SiteConfig
    """The site's settings: `[authors]`, `[tag_aliases]`."""

    def fail(self, key: str, message: Text, hint: Text = NO_HINT, severity: str = "error") -> None:
        """Report a problem at `key`'s line (`fields.Fields` does)."""
        raise NotImplementedError

    def _names(self, key: str, value: Any) -> list[str]:
        if isinstance(value, str):
            return keys.words_of(value)
        if isinstance(value, list):
            names = []
            for item in value:
                if isinstance(item, (str, int, float)) and not isinstance(item, bool):
                    names.append(clean(str(item)))
                elif item is None:  # (`- ` with nothing after it, `[~]`)
                    self.fail(key, Text("an entry of `{key}` is empty", key=key),
                              Text("write a name there, or take the entry out"))
                elif isinstance(item, dict) and len(item) == 1 and all(
                        isinstance(part, str) or part is None for part in (*item, *item.values())):
                    # (`[Pemilu: Damai]`: the text offered as written, when YAML kept it)
                    first, second = next(iter(item.items()))
                    name = f"{first}: {second}" if second is not None else f"{first}:"
                    self.fail(key, Text("the entry {name} of `{key}` holds `: `, which YAML "
                                        "reads as a key", name=repr(name), key=key),
                              Text('write it in quotes: `"{name}"`', name=name))
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
        editor meant gets a warning showing the YAML list to write. People's degrees
        stay with their names (`with_degrees`); a byline that names two (`Budi dan Ani`)
        is cut there (`people_in`)."""
        if known is None:  # (tags: a hashtag, `#banjir`, names the tag `banjir`)
            tags = [name.lstrip("#").strip() or name for name in self._names(key, value)]
            return tags if not isinstance(value, str) else self._warned(key, tags, what, known)
        if not isinstance(value, str):
            return with_degrees([person for name in self._names(key, value)
                                 for person in self._people_in(key, name, split=False)])
        parts = self._people_in(key, value)
        names = with_degrees([person for part in parts for person in keys.words_of(part)])
        if 1 < len(names) == len(parts):
            # Names joined by `dan` say what they mean: only commas that cut a name from
            # another (not a degree from its name) ask for the YAML list; each name may
            # still look like several (`Hmz Ulm dan Budi`).
            for name in names:
                self._warned(key, [name], what, known)
            return names
        return self._warned(key, names, what, known)

    def _people_in(self, key: str, text: str, split: bool = True) -> tuple[str, ...]:
        """The people `text` names (`bylines.people_in`); a name `[authors]` knows whole
        (`Dinas Komunikasi dan Informatika`) stays one, and an editor named among the
        authors is left out, with a warning."""
        byline = people_in(text, editors=key == "editors", split=split)
        if (*byline.people, *byline.editing) != (text.strip(),) and (
                text in self.config.authors or text.casefold() in {
                    info.name.casefold() for info in self.config.authors.values()}):
            return (text,)  # (asked only of a byline read as other than written)
        for name in byline.editing:
            self.fail(key, Text("`{key}` names {name} as an editor: left out of the byline",
                                key=key, name=name),
                      Text("write `editors: [{name}]`", name=name), severity="warning")
        return byline.people

    def _warned(self, key: str, names: list[str], what: Text,
                known: Collection[str] | None) -> list[str]:
        """`names`, read from one text of `key`, after warning when they may not be what
        the editor meant."""
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
            slug = author_slug(info.name)
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
