"""Links in the stories, pages and site.toml's footer that lead to no page of the site,
for `warta check`:
an editor's typo in `[baca juga](/2025/02/banjir-bandang/)` would publish a link that
answers 404. `broken_links` is pure (the sources' texts and the addresses the site
answers in); `check_links` reads them: the source files, and the output folder as the
last build left it with what this build writes and removes.

Only links the site answers for are checked: root-relative ones (`/2025/02/x/`) and
absolute ones under `base_url`. A link to another site, a relative one and a
fragment alone are left alone.
"""

from __future__ import annotations

import difflib
import os
import re
from collections.abc import Callable, Collection, Iterable, Mapping
from pathlib import Path
from urllib.parse import unquote, urlsplit

from generator import urls
from generator.build import sources
from generator.build.addresses import read_text
from generator.build.options import BuildResult
from generator.config import SiteConfig
from generator.content.frontmatter import ProblemError, split
from generator.content.register import GONE, REGISTER, normal_address, parse_register
from generator.errors import Problem, Text
from generator.photos.model import DERIVED

_MARKDOWN = re.compile(r"\]\(\s*<?([^)\s>]+)")
"""The target of a Markdown link or image: `[text](/2025/02/x/ "title")`."""
_HTML = re.compile(r"""\bhref\s*=\s*["']([^"']+)["']""", re.IGNORECASE)
"""The target of an HTML link written in the text: `<a href="/2025/02/x/">`."""
_REFERENCE = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)", re.MULTILINE)
"""A reference definition: `[1]: /2025/02/x/`."""


_CODE = re.compile(r"^(```|~~~)[^\n]*\n.*?^\1|`[^`\n]+`", re.MULTILINE | re.DOTALL)
"""A fenced code block or a code span: an example written there is no link."""


def links_of(text: str) -> list[tuple[int, str]]:
    """Each link target written in a source's text with its line (1-based), in order:
    Markdown links and images, reference definitions, HTML `href`s; not those in code.
    The frontmatter's lines count, so the line is the file's."""
    if "`" in text or "~~~" in text:  # (code kept out, its lines kept)
        text = _CODE.sub(lambda code: "\n" * code.group(0).count("\n"), text)
    found = []
    for pattern, sign in ((_MARKDOWN, "]("), (_HTML, "ref"), (_REFERENCE, "]:")):
        if sign not in text:
            continue  # (most stories: no such link; the pattern's search costs more)
        for match in pattern.finditer(text):
            found.append((text.count("\n", 0, match.start(1)) + 1, match.group(1)))
    return sorted(found)


def site_path(target: str, base_url: str) -> str | None:
    """The root-relative path (`/2025/02/x/`) a link target names on this site, without
    its query and fragment; None for another site's, a relative link or a fragment."""
    if target.startswith(base_url):
        target = "/" + target[len(base_url):].lstrip("/")
    if not target.startswith("/") or target.startswith("//"):
        return None
    path = unquote(urlsplit(target).path)
    return path or None


def answers(path: str, exists: Callable[[str], bool]) -> bool:
    """Whether the site answers `path` with an output file (relative) that `exists`:
    the file itself, or a folder's `index.html` (`/2025/02/x` as `/2025/02/x/`)."""
    try:
        file = urls.output_path(path)
    except ValueError:
        return False
    return exists(file) or (not path.endswith("/") and exists(f"{file}/index.html"))


def broken_links(links: Mapping[str, Iterable[tuple[int, str]]], base_url: str,
                 answered: Callable[[str], bool], near: Callable[[str], str | None],
                 gone: Collection[str] = ()) -> list[Problem]:
    """A warning at each of the `links` (by source path: line, target; `links_of`)
    that names a path of this site (`site_path`) which it does not answer
    (`answered`), with the address `near` finds closest, if any; or one of the `gone`
    addresses (a story deleted: the gone notice answers there)."""
    problems = []
    for path in sorted(links):
        for line, target in links[path]:
            wanted = site_path(target, base_url)
            if wanted is not None and normal_address(wanted) in gone:
                problems.append(Problem(
                    path, line, Text("the link {target} leads to a page taken off the "
                                     "site: its address answers the gone notice",
                                     target=target),
                    Text("take the link out, or link another page"), severity="warning"))
                continue
            if wanted is None or answered(wanted) or (
                    wanted.startswith("/media/") and wanted.lower().endswith(DERIVED)):
                continue  # (a photo: published as its derivatives, checked with them)
            close = near(wanted)
            problems.append(Problem(
                path, line, Text("the link {target} leads to no page of this site",
                                 target=target),
                Text("did you mean {url}?", url=close) if close else
                Text("correct the address, or take the link out"), severity="warning"))
    return problems


def check_links(site_dir: Path, output: Path, result: BuildResult, config: SiteConfig,
                drafts: bool = False) -> list[Problem]:
    """`broken_links` of the sources the build reads (`sources.scan`; drafts' only with
    `drafts`) and of site.toml's `[footer]`, against the output folder as the build (a
    dry run: `warta check`) `result` would leave it: the files there, with those it
    writes and without those it removes; the gone addresses are the register's and
    those the build adds. Each file a link names is looked up on its own (a few hundred
    of them, not the 140,000 files of a large archive)."""
    base_url = config.base_url
    links: dict[str, list[tuple[int, str]]] = {}
    for source in sources.scan(site_dir):
        try:
            text = Path(source.absolute).read_bytes().decode("utf-8", "replace")
        except OSError:
            continue  # (gone since the scan; the build reported what it could not read)
        # (Only a text that names this site can hold a link to check.)
        if ("](/" in text or "](<" in text or "]( /" in text or "=\"/" in text
                or "='/" in text or "]:" in text or base_url in text) \
                and (drafts or not _draft(text, source.path)):
            links[source.path] = links_of(text)
    if config.footer:
        lines = (site_dir / "site.toml").read_text(encoding="utf-8").splitlines()
        links["site.toml"] = [(next((n for n, text in enumerate(lines, 1)
                                     if link.url in text and "url" in text), 1), link.url)
                              for link in config.footer]
    written, removed = set(result.written), set(result.removed)

    def exists(file: str) -> bool:
        return file in written or (file not in removed and (output / file).is_file())

    def near(path: str) -> str | None:
        # (A typo in the slug: the closest page of the same folder, as `/2025/02/`.)
        folder = path.rstrip("/").rsplit("/", 1)[0] + "/"
        try:
            names = {folder + name + "/" for name in os.listdir(output / folder.lstrip("/"))
                     if exists(f"{folder.lstrip('/')}{name}/index.html")}
        except (OSError, ValueError):
            names = set()
        names |= {"/" + file.removesuffix("index.html") for file in written
                  if file.startswith(folder.lstrip("/")) and file.endswith("/index.html")
                  and file.count("/") == folder.count("/")}
        found = difflib.get_close_matches(path, sorted(names - taken_off), n=1, cutoff=0.8)
        return found[0] if found else None

    register, _ = parse_register(read_text(site_dir, REGISTER) or "")
    taken_off = {url for url, address in register.items() if address.kind == GONE}
    taken_off |= {normal_address(url) for url in result.addresses.gone}
    return broken_links(links, base_url, lambda path: answers(path, exists), near,
                        taken_off)


def _draft(text: str, path: str) -> bool:
    """Whether the source `text` is a draft (`draft: true`, or `published: false`)."""
    try:
        data = split(text, path).data
    except ProblemError:
        return False  # (the build reported it)
    return data.get("draft") is True or data.get("published") is False
