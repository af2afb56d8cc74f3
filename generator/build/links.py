"""Links in the stories, pages and site.toml's footer that lead to no page of the site,
for `warta check`:
an editor's typo in `[baca juga](/2025/02/banjir-bandang/)` would publish a link that
answers 404. `broken_links` is pure (the sources' texts and the addresses the site
answers in); `check_links` reads them: the source files, and the output folder as the
last build left it with what this build writes and removes.

Only links the site answers for are checked: root-relative ones (`/2025/02/x/`),
absolute ones under `base_url`, a file of content/media/ written as an image's path
is (`media/2025/laporan.pdf`: the page links `/media/…`), and relative ones, read from
the page's own address as a browser reads them (`2025/02/x/` in a story at
`/2025/03/y/` is `/2025/03/y/2025/02/x/`). A link to the preview on the editor's
computer (`http://localhost:8000/…`) or to a file there (`file:///…`) is named too:
no reader can open it. A link to another site and a fragment alone are left alone.
"""

from __future__ import annotations

import difflib
import os
import re
from collections.abc import Callable, Collection, Iterable, Mapping
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from generator import urls
from generator.build import sources
from generator.build.addresses import read_text
from generator.build.options import BuildResult
from generator.config import SiteConfig
from generator.content.folders import PAGES
from generator.content.frontmatter import ProblemError, split
from generator.content.parse import ContentProblems, parse_article, parse_page
from generator.content.register import GONE, REGISTER, normal_address, parse_register
from generator.errors import Problem, Text
from generator.photos.model import DERIVED

_MARKDOWN = re.compile(r"\]\(\s*(?:<([^>\n]+)>|([^)\s>]+))")
"""The target of a Markdown link or image: `[text](/2025/02/x/ "title")`, or between
angle brackets, spaces and all (`[surat](<media/Surat Edaran.pdf>)`)."""
_HTML = re.compile(r"""\bhref\s*=\s*["']([^"']+)["']""", re.IGNORECASE)
"""The target of an HTML link written in the text: `<a href="/2025/02/x/">`."""
_REFERENCE = re.compile(r"^\s{0,3}\[([^\]]+)\]:\s*<?(\S+?)>?(?:\s|$)", re.MULTILINE)
"""A reference definition: `[1]: /2025/02/x/` (its label, its target)."""


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
            group = 2 if match.lastindex == 2 else 1
            target = match.group(group)
            if _of_media(target) and (
                    sign == "](" and _an_image(text, match.start())
                    or sign == "]:" and _labels_an_image(text, match.group(1))):
                continue  # (a photo shown: the photos step checks it, at its line)
            found.append((text.count("\n", 0, match.start(group)) + 1, target))
    return sorted(found)


def _of_media(target: str) -> bool:
    """Whether a link target names a file of content/media/ as an image's path does
    (`media/x.pdf`, `/content/media/x.pdf`): Warta roots it (`content.image.media_links`)."""
    return target.lstrip("/").startswith(("media/", "content/media/"))


def _an_image(text: str, end: int) -> bool:
    """Whether the Markdown link whose text ends at `end` (its `]`) is an image,
    `![…](…)`: its `[` found past brackets inside the text (`![Banjir di [Kampung]
    Melayu](…)`), so that the link around an image (`[![…](…)](…)`) is a link."""
    depth = 0
    for at in range(end - 1, -1, -1):
        if text[at] == "]":
            depth += 1
        elif text[at] == "[":
            if depth == 0:
                return at > 0 and text[at - 1] == "!"
            depth -= 1
    return False


def _labels_an_image(text: str, label: str) -> bool:
    """Whether a reference definition's `label` is an image's (`![Banjir][foto]`)."""
    return re.search(rf"!\[[^\]]*\]\[{re.escape(label)}\]", text, re.IGNORECASE) is not None


_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")
_HERE = frozenset(("localhost", "127.0.0.1", "0.0.0.0", "::1"))
"""The editor's own computer, as a preview's address names it."""


def site_path(target: str, base_url: str, page: str | None = None) -> str | None:
    """The root-relative path (`/2025/02/x/`) a link target names on this site, without
    its query and fragment: a relative one read from `page`'s address (None without
    it); a file of content/media/ written as an image's path is (`media/x.pdf`, which
    the page links as `/media/x.pdf`). None for another site's link or a fragment."""
    if target.startswith(base_url):
        target = "/" + target[len(base_url):].lstrip("/")
    if _of_media(target):
        target = "/" + target.lstrip("/").removeprefix("content/")
    elif relative(target):
        if page is None:
            return None
        target = urljoin(page, target)
    if not target.startswith("/") or target.startswith("//"):
        return None
    path = unquote(urlsplit(target).path)
    return path or None


def relative(target: str) -> bool:
    """Whether a link target is read from its page's address (`2025/02/x/`, `../x/`):
    not a file of content/media/ written as an image's path is, which Warta roots."""
    return not (target.startswith(("/", "#", "?")) or _of_media(target)
                or _SCHEME.match(target))


def _elsewhere(path: str, line: int, target: str) -> Problem | None:
    """The problem of a link to the editor's computer: the preview's address, or a
    file there; None for another link."""
    if target.lower().startswith("file:"):
        name = unquote(target.rstrip("/").rsplit("/", 1)[-1])
        return Problem(path, line, Text("the link {target} leads to a file on your "
                                        "computer, outside the site", target=target),
                       Text("copy the file into content/media/ and link `media/{name}`",
                            name=name), severity="warning")
    try:
        parts = urlsplit(target)
        host = parts.hostname
    except ValueError:
        return None
    if host not in _HERE:
        return None
    return Problem(path, line, Text("the link {target} leads to the preview on your "
                                    "computer: readers cannot open it", target=target),
                   Text("write the address without the computer's part: {path}",
                        path=parts.path or "/"), severity="warning")


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
                 gone: Collection[str] = (),
                 pages: Mapping[str, str] | None = None,
                 originals: bool = False) -> list[Problem]:
    """A warning at each of the `links` (by source path: line, target; `links_of`)
    that names a path of this site (`site_path`; a relative one read from the
    source's address in `pages`) which it does not answer (`answered`), with the
    address `near` finds closest, if any; or one of the `gone` addresses (a story
    deleted: the gone notice answers there); and at each link to the editor's
    computer. `originals`: whether photos' originals are published (`[images]
    publish_originals`), as JPEGs but for a PNG or a WebP."""
    problems = []
    for path in sorted(links):
        for line, target in links[path]:
            here = _elsewhere(path, line, target)
            if here is not None:
                problems.append(here)
                continue
            page = (pages or {}).get(path)
            wanted = site_path(target, base_url, page)
            if page is not None and relative(target) and wanted is not None \
                    and not answered(wanted):
                problems.append(_relative_problem(path, line, target, wanted, answered, near))
                continue
            if wanted is not None and normal_address(wanted) in gone:
                problems.append(Problem(
                    path, line, Text("the link {target} leads to a page taken off the "
                                     "site: its address answers the gone notice",
                                     target=target),
                    Text("take the link out, or link another page"), severity="warning"))
                continue
            if wanted is None or answered(wanted):
                continue
            if wanted.startswith("/media/") and wanted.lower().endswith(DERIVED) and originals:
                # (its original is published again as a JPEG: `x.heic`, `x.jpeg` at `x.jpg`)
                url = wanted.rsplit(".", 1)[0] + ".jpg"
                problems.append(Problem(
                    path, line, Text("the link {target} leads to a photo's own file, "
                                     "published as {url}", target=target, url=url),
                    Text("link {url}", url=url), severity="warning"))
                continue
            if wanted.startswith("/media/") and wanted.lower().endswith(DERIVED):
                # (a link to a photo, not the photo shown: only its sized copies are
                # published, at other addresses)
                problems.append(Problem(
                    path, line, Text("the link {target} leads to a photo's own file, which "
                                     "is not published: only its sized copies are",
                                     target=target),
                    Text("show it as an image (`![…]({target})`), or link a file of "
                         "another kind, such as a PDF", target=target), severity="warning"))
                continue
            close = near(wanted)
            problems.append(Problem(
                path, line, Text("the link {target} leads to no page of this site",
                                 target=target),
                Text("did you mean {url}?", url=close) if close else
                Text("correct the address, or take the link out"), severity="warning"))
    return problems


def _relative_problem(path: str, line: int, target: str, wanted: str,
                      answered: Callable[[str], bool],
                      near: Callable[[str], str | None]) -> Problem:
    # (`2025/02/x/` written for `/2025/02/x/`, `www.pemkot.go.id` for another site's
    # address: each read from the page's own address)
    rooted = "/" + target.lstrip("./")
    if _DOMAIN.match(target):
        hint = Text("a link to another site starts with https://: https://{target}",
                    target=target)
    elif answered(unquote(urlsplit(rooted).path)):
        hint = Text("start it with `/`: {url}", url=rooted)
    elif (close := near(unquote(urlsplit(rooted).path))) is not None:
        hint = Text("did you mean {url}?", url=close)
    else:
        hint = Text("write the page's address from the site's root, starting with `/`")
    return Problem(path, line, Text("the link {target} is read from this page's address, "
                                    "as {url}, where no page is", target=target, url=wanted),
                   hint, severity="warning")


_DOMAIN = re.compile(r"^(www\.|[a-z0-9-]+(\.[a-z0-9-]+)*\.(id|com|org|net|info|co)(/|$))",
                     re.IGNORECASE)
"""Another site's address written without `https://` (`www.pemkot.go.id`)."""


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
    pages: dict[str, str] = {}
    for source in sources.scan(site_dir):
        try:
            # (as the build reads it: Windows line ends made no frontmatter of `---\r`)
            text = Path(source.absolute).read_bytes().decode("utf-8", "replace").replace(
                "\r\n", "\n")
        except OSError:
            continue  # (gone since the scan; the build reported what it could not read)
        if _may_link_here(text, base_url) and (drafts or not _draft(text, source.path)):
            found = links_of(text)
            if any(relative(target) for _, target in found):
                address = _address(text, source.path, config)
                if address:
                    pages[source.path] = address
            links[source.path] = found
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
                        taken_off, pages, config.images.publish_originals)


def _may_link_here(text: str, base_url: str) -> bool:
    """Whether the source `text` may hold a link to check: one that names this site, is
    read from its page's address, or leads to the editor's computer. Most stories link
    only other sites, if anything: each link's target is looked at where it begins,
    the text passed over three times (`in` for each kind of target took longer than
    reading the files: 1.8 s at 100,000 stories)."""
    if "]:" in text:
        return True  # (a reference definition: rare, read in full)
    for opening in ("](", "href"):
        at = text.find(opening)
        while at != -1:
            start = at + len(opening)
            if opening == "href":
                start = _after_equals(text, start)
            target = text[start:start + 40].lstrip(" ")
            if start and _worth_checking(target, base_url):
                return True
            at = text.find(opening, at + 1)
    return False


def _after_equals(text: str, start: int) -> int:
    """Where the value of an attribute begins after its name ends at `start` (`="…"`),
    or 0 when `=` does not follow."""
    rest = text[start:start + 8]
    equals = rest.find("=")
    if equals == -1 or rest[:equals].strip():
        return 0
    after = rest[equals + 1:].lstrip()
    return start + len(rest) - len(after) + 1 if after[:1] in ("'", '"') else 0


def _worth_checking(target: str, base_url: str) -> bool:
    """Whether a link target (its first characters) may need a warning."""
    return (target.startswith(("/", "<", "file:", base_url[:40])) or relative(target)
            or _of_media(target) or any(here in target for here in _HERE))


def _address(text: str, path: str, config: SiteConfig) -> str:
    """The address the source `text` is published at, "" when it does not parse (the
    build reported why). Its body is not rendered: only its frontmatter places it."""
    try:
        if path.startswith(PAGES + "/"):
            return parse_page(text, path, config, render=lambda _: "")[0].url
        return parse_article(text, path, config, render=lambda _: "").article.url
    except ContentProblems:
        return ""


def _draft(text: str, path: str) -> bool:
    """Whether the source `text` is a draft (`draft: true`, or `published: false`)."""
    try:
        data = split(text, path).data
    except ProblemError:
        return False  # (the build reported it)
    return data.get("draft") is True or data.get("published") is False
