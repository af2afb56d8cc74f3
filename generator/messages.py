"""The commands' and the preview's own words, in the site's language.

The code writes each message in English with named fields, `_("OK: {articles}
articles", articles=n)`; `generator/locale/<language>/LC_MESSAGES/warta.po` holds
its translation (Indonesian today). The language is `language` of the site's
`site.toml` (its first part: `id-ID` is `id`); a language without a catalogue, and
a site without `site.toml`, keeps the English.

This is the catalogue of Warta's own messages, apart from the theme's (its UI
strings are the site's to override: themes/default/locales/): the words around a
problem (`error:`, `Build failed: …`), the build's summary, the preview's overlay,
and what each problem says of a file. A problem's message and hint are
`errors.Text` values, an English template with its fields' values, made where the
problem is found without reading any catalogue; they are translated where they are
shown (`Problem.text(messages.translate)`: the console's report, `warta check`, the
build's summary, the preview's overlay and its event stream).

A new message or hint gets its Indonesian `msgstr` at the end of warta.po
(tests/test_messages.py finds every English one in the code and requires it). Its
English wording changed, a problem found when parsing a file also needs
`cache.version.SCHEMA` bumped: the cache keeps each file's problems with the English
they were made with, which would then have no translation.

Babel reads the catalogue (no compiled `.mo` is kept in the repository). Reading
it costs ~30 ms, a sixth of a build with nothing to do, so the strings are kept in
`.warta/messages-<language>.json` until the catalogue changes, and nothing is read
before the first message is asked for.
"""

from __future__ import annotations

import json
import os
import tomllib
from pathlib import Path

from generator.config import CONFIG_NAME, SiteConfig
from generator.errors import Text

LOCALE_DIR = Path(__file__).resolve().parent / "locale"
DOMAIN = "warta"


def catalogue(language: str) -> Path | None:
    """The PO file of `language` (`id`, `id-ID`, `id_ID`), or None: English."""
    base = language.replace("_", "-").split("-")[0].lower()
    path = LOCALE_DIR / base / "LC_MESSAGES" / f"{DOMAIN}.po"
    return path if path.is_file() else None


def site_language(site_dir: Path) -> str:
    """`language` of the site's `site.toml`, read leniently: the default when the file is
    missing or broken (the build reports what is wrong with it, in these words)."""
    default: str = SiteConfig.language
    try:
        with open(site_dir / CONFIG_NAME, "rb") as handle:
            value = tomllib.load(handle).get("language", default)
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError):
        return default
    return value if isinstance(value, str) and value.strip() else default


class Messages:
    """`_(message, **fields)`: `message` in the site's language, its `{fields}` filled.

    Built for a site folder (`Messages(site_dir)`) or a language (`language=`); the
    catalogue is read at the first message.
    """

    def __init__(self, site_dir: Path | None = None, language: str | None = None) -> None:
        self.site_dir = site_dir
        self._language = language
        self._strings: dict[str, str] | None = None

    @property
    def language(self) -> str:
        if self._language is None:
            self._language = site_language(self.site_dir) if self.site_dir else "en"
        return self._language

    def __call__(self, message: str, /, **fields: object) -> str:
        """`message` translated, its `{fields}` filled; a `Text` with its own values."""
        if isinstance(message, Text):
            return message.render(self.translate)
        text = self.translate(message)
        return text.format(**fields) if fields else text

    def translate(self, message: str) -> str:
        """The translation of template `message`, or `message` itself (English)."""
        if self._strings is None:
            path = catalogue(self.language)
            cache = self.site_dir / ".warta" if self.site_dir else None
            self._strings = {} if path is None else strings(path, cache)
        return self._strings.get(message) or message


def strings(path: Path, cache: Path | None = None) -> dict[str, str]:
    """The translations of the PO file at `path`: from the copy kept in folder `cache`
    when it was made from this very file, else read with Babel (and kept there)."""
    stat = path.stat()
    key = f"{path}:{stat.st_size}:{stat.st_mtime_ns}"
    kept = cache / f"messages-{path.parent.parent.name}.json" if cache else None
    if kept is not None:
        try:
            data = json.loads(kept.read_text(encoding="utf-8"))
            if data.get("source") == key:
                return dict(data["strings"])
        except (OSError, ValueError, KeyError, AttributeError):
            pass
    found = read_catalogue(path)
    if kept is not None and kept.parent.is_dir():
        # Written aside and renamed: two commands starting at once never read half a file.
        temporary = kept.with_name(f"{kept.name}.{os.getpid()}")
        try:
            temporary.write_text(json.dumps({"source": key, "strings": found},
                                            ensure_ascii=False), encoding="utf-8")
            os.replace(temporary, kept)
        except OSError:
            temporary.unlink(missing_ok=True)  # a read-only site: read the PO next time
    return found


def read_catalogue(path: Path) -> dict[str, str]:
    """The translated messages of a PO file (untranslated and fuzzy ones left out)."""
    from babel.messages.pofile import read_po  # (only when the kept copy is stale)

    with open(path, "rb") as handle:
        catalog = read_po(handle, ignore_obsolete=True)
    return {m.id: m.string for m in catalog
            if isinstance(m.id, str) and m.id and isinstance(m.string, str) and m.string
            and not m.fuzzy}
