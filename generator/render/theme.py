"""Finding a theme's files: templates, static assets and UI strings.

The site's own `templates/`, `static/` and `locales/` override the theme's
file by file (and string by string).
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from generator.config import SiteConfig
from generator.date_format import babel_locale
from generator.errors import ConfigError, Problem, Text

BUNDLED_THEMES = Path(__file__).resolve().parents[2] / "themes"


@dataclass(frozen=True)
class ThemeFiles:
    """Where a site's templates, assets and strings come from."""

    template_dirs: tuple[Path, ...]
    """Template folders, the site's own first."""
    static: tuple[tuple[str, Path], ...]
    """Static files as (path under /static/, absolute source), site's own winning."""
    catalogs: tuple[Path, ...]
    """PO files for the site's language, the theme's first and the site's last."""
    strings: Mapping[str, str] | None = None
    """The UI strings those catalogues hold, when already read (the build keeps them in
    the cache: build/memos.py); None: the renderer reads the catalogues."""


def find_theme(site_dir: Path, config: SiteConfig) -> ThemeFiles:
    """Locate the configured theme: `themes/<name>` in the site, else a bundled one."""
    for root in (site_dir / "themes", BUNDLED_THEMES):
        theme_dir = root / config.theme
        if (theme_dir / "templates").is_dir():
            break
    else:
        raise ConfigError([Problem("site.toml", None, Text("theme {name} not found",
                                                           name=repr(config.theme)),
                                   Text('create themes/{name}/templates/ or use '
                                        'theme = "default"', name=config.theme))])
    dirs = [site_dir / "templates", theme_dir / "templates"]
    static: dict[str, Path] = {}
    for folder in (theme_dir / "static", site_dir / "static"):
        for path in _files(folder):
            static[path.relative_to(folder).as_posix()] = path
    language = babel_locale(config.language)
    catalogs = [
        folder / "locales" / f"{name}.po"
        for folder in (theme_dir, site_dir)
        for name in dict.fromkeys((language.split("_")[0], language))
        if (folder / "locales" / f"{name}.po").is_file()
    ]
    return ThemeFiles(tuple(d for d in dirs if d.is_dir()), tuple(sorted(static.items())),
                      tuple(catalogs))


def _files(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    found = []
    for dirpath, dirnames, filenames in os.walk(folder):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        found += [Path(dirpath) / f for f in sorted(filenames) if not f.startswith(".")]
    return found


def catalogs_key(theme: ThemeFiles) -> str:
    """Hash of the theme's catalogues: what they say, not when they were saved (two
    saves within a clock tick share a modification time)."""
    digest = hashlib.sha1()
    for path in theme.catalogs:
        digest.update(f"{path}\0".encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def file_key(path: Path) -> str:
    """Fingerprint of a file by its size, mtime and path (cheap: no read)."""
    stat = path.stat()
    return hashlib.sha1(f"{path}:{stat.st_size}:{stat.st_mtime_ns}".encode()).hexdigest()
