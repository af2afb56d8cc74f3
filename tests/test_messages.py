"""Warta's own words follow `language` of site.toml (issue 19, item 8): the same site in
English and in Indonesian says the same things, each in its language; the catalogue
has every message the code says, with the same fields; reading it costs a build
nothing once it has been read.
"""

from __future__ import annotations

import json
import os
import string
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from click.testing import CliRunner

from generator.cli import main
from generator.errors import Problem
from generator.messages import Messages, catalogue, read_catalogue, site_language, strings
from generator.serve.reload import CLOSE_LABEL, OVERLAY_TITLE, overlay, script
from tests.conftest import SiteMaker

GENERATOR = Path(__file__).resolve().parents[1] / "generator"
NOW = "2026-03-01T09:00:00+07:00"
INDONESIAN = catalogue("id")
RAW = Path(__file__).parent / "fixtures" / "import" / "lembahpos-2019-01-16.txt"


def speaking(site: SiteMaker, language: str) -> SiteMaker:
    text = (site.root / "site.toml").read_text(encoding="utf-8")
    site.write("site.toml", text.replace('language = "id"', f'language = "{language}"'))
    return site


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


# The catalogue -------------------------------------------------------------------

def said_in_code() -> set[str]:
    """Every message the code passes to `_()` (or a reporter's `messages()`) and every
    template of a problem's `Text(...)`, as Babel's extractor finds them, and the
    overlay's two constants."""
    found = {message for _, _, message, _, _ in extract_from_dir(
        str(GENERATOR), method_map=[("**.py", "python")],
        keywords={"_": None, "messages": None, "Text": None}) if isinstance(message, str)}
    return (found - {""}) | {OVERLAY_TITLE, CLOSE_LABEL}


def fields(text: str) -> list[tuple[str, str, str]]:
    """Each `{field}` of `text` with its format spec and conversion (`{most:,}`)."""
    return sorted((name, spec or "", conversion or "")
                  for _, name, spec, conversion in string.Formatter().parse(text) if name)


def test_the_indonesian_catalogue_has_every_message_and_nothing_else() -> None:
    assert INDONESIAN is not None
    translated = read_catalogue(INDONESIAN)
    assert set(translated) == said_in_code()


def test_each_translation_keeps_the_fields_of_its_message() -> None:
    assert INDONESIAN is not None
    for message, translation in read_catalogue(INDONESIAN).items():
        assert fields(translation) == fields(message), message


@pytest.mark.parametrize(("language", "expected"),
                         [("id", "id"), ("id-ID", "id"), ("id_ID", "id"), ("en", None),
                          ("en-GB", None), ("jv", None)])
def test_a_language_without_a_catalogue_is_english(language: str,
                                                   expected: str | None) -> None:
    found = catalogue(language)
    assert (found.parent.parent.name if found else None) == expected
    said = Messages(language=language)("OK: {articles} articles, {warnings} warning(s).",
                                       articles=3, warnings=0)
    assert said == ("OK: 3 artikel, 0 peringatan." if expected else
                    "OK: 3 articles, 0 warning(s).")


def test_the_language_is_read_leniently(tmp_path: Path) -> None:
    assert site_language(tmp_path) == "id"  # no site.toml: the default of site.toml
    (tmp_path / "site.toml").write_text('language = "en"\n', encoding="utf-8")
    assert site_language(tmp_path) == "en"
    (tmp_path / "site.toml").write_text('language = "en\n', encoding="utf-8")
    assert site_language(tmp_path) == "id"  # broken: the build says what is wrong


def test_the_catalogue_is_kept_read_until_it_changes(tmp_path: Path) -> None:
    po = tmp_path / "id" / "LC_MESSAGES" / "warta.po"
    po.parent.mkdir(parents=True)
    cache = tmp_path / "cache"
    cache.mkdir()
    po.write_text('msgid "error"\nmsgstr "kesalahan"\n', encoding="utf-8")
    assert strings(po, cache) == {"error": "kesalahan"}
    kept = cache / "messages-id.json"
    assert json.loads(kept.read_text(encoding="utf-8"))["strings"] == {"error": "kesalahan"}
    # What is kept is what is used while the catalogue is the same file ...
    data = json.loads(kept.read_text(encoding="utf-8"))
    data["strings"] = {"error": "galat"}
    kept.write_text(json.dumps(data), encoding="utf-8")
    assert strings(po, cache) == {"error": "galat"}
    # ... and read again once it changed
    po.write_text('msgid "error"\nmsgstr "salah"\n\nmsgid "x"\nmsgstr ""\n', encoding="utf-8")
    assert strings(po, cache) == {"error": "salah"}
    # A folder that cannot keep it (a read-only site) still gets the words
    assert strings(po, tmp_path / "missing") == {"error": "salah"}


def test_a_build_with_the_catalogue_kept_does_not_load_babels_po_reader(
        site: SiteMaker) -> None:
    site.article("a", "Banjir", "2024-03-01")
    assert run("build", "--site", str(site.root))[0] == 0
    probe = ("import sys\nfrom generator.cli import main\n"
             "try:\n    main(['build', '--site', sys.argv[1]])\nexcept SystemExit:\n    pass\n"
             "print('LOADED' if 'babel.messages.pofile' in sys.modules else 'NOT LOADED')\n")
    done = subprocess.run([sys.executable, "-c", probe, str(site.root)], capture_output=True,
                          text=True, check=True, env={**os.environ, "PYTHONWARNINGS": ""})
    assert "artikel -> " in done.stdout  # it spoke Indonesian ...
    assert done.stdout.rstrip().endswith("NOT LOADED")  # ... from the kept copy


# The commands, in both languages ---------------------------------------------------

SAID = {
    "en": {"warning": "warning: content/articles/a.md:4: unknown key `lokasi` \u2014 did you "
                      "mean `location`? As written, Warta does not read it",
           "ok": "OK: 1 articles, 1 warning(s).",
           "error": "error: content/articles/b.md:1: no frontmatter",
           "failed": "Build failed: 1 problem(s); output left unchanged.",
           "found": "1 problem(s) found.",
           "summary": "1 articles -> ",
           "changed": "changed: Banjir (/2024/03/banjir/)",
           "unpublished": "unpublished: Banjir (/2024/03/banjir/): now a draft",
           "draft": "  draft      /2024/03/banjir/",
           "none": "No articles match."},
    "id": {"warning": "peringatan: content/articles/a.md:4: kunci `lokasi` tidak dikenal "
                      "\u2014 maksud Anda `location`? Jika dibiarkan, Warta tidak membacanya",
           "ok": "OK: 1 artikel, 1 peringatan.",
           "error": "kesalahan: content/articles/b.md:1: tidak ada frontmatter",
           "failed": "Build gagal: 1 masalah; output tidak diubah.",
           "found": "Ditemukan 1 masalah.",
           "summary": "1 artikel -> ",
           "changed": "diubah: Banjir (/2024/03/banjir/)",
           "unpublished": "tidak lagi terbit: Banjir (/2024/03/banjir/): kini draf",
           "draft": "  draf       /2024/03/banjir/",
           "none": "Tidak ada artikel yang cocok."},
}


@pytest.mark.parametrize("language", ["en", "id"])
def test_check_and_build_frame_problems_in_the_sites_language(site: SiteMaker,
                                                              language: str) -> None:
    said = SAID[language]
    speaking(site, language)
    site.write("content/articles/a.md", "---\ntitle: Banjir\ndate: 2024-03-01\n"
               "lokasi: Malang\n---\nIsi.\n")
    code, out, err = run("check", "--site", str(site.root))
    assert code == 0 and err.startswith(said["warning"]) and out.strip() == said["ok"]
    code, out, err = run("build", "--site", str(site.root), "--now", NOW)
    assert code == 0 and err.startswith(said["warning"]) and said["summary"] in out
    # An error: the same frame, and the build's and the check's last words
    site.write("content/articles/b.md", "tanpa frontmatter\n")
    code, _, err = run("build", "--site", str(site.root), "--now", NOW)
    assert code == 1 and said["error"] in err and err.rstrip().endswith(said["failed"])
    code, _, err = run("check", "--site", str(site.root))
    assert code == 1 and said["error"] in err and err.rstrip().endswith(said["found"])


@pytest.mark.parametrize("language", ["en", "id"])
def test_the_summary_and_the_listing_speak_the_sites_language(site: SiteMaker,
                                                              language: str) -> None:
    said = SAID[language]
    speaking(site, language)
    site.article("a", "Banjir", "2024-03-01")
    assert run("build", "--site", str(site.root), "--now", NOW)[0] == 0
    site.article("a", "Banjir", "2024-03-01", body="Isi baru.\n")
    code, out, _ = run("build", "--site", str(site.root), "--now", NOW)
    assert code == 0 and said["changed"] in out.splitlines()
    site.article("a", "Banjir", "2024-03-01", draft="true")
    code, out, _ = run("build", "--site", str(site.root), "--now", NOW)
    assert code == 0 and said["unpublished"] in out.splitlines()
    # `warta list`: the status in the site's language; JSON keeps the English word
    code, out, _ = run("list", "--site", str(site.root), "--now", NOW)
    assert code == 0 and said["draft"] in out
    code, out, _ = run("list", "--site", str(site.root), "--now", NOW, "--json")
    assert json.loads(out)[0]["status"] == "draft"
    code, _, err = run("list", "--site", str(site.root), "--now", NOW, "--tag", "Cuaca")
    assert code == 0 and err.strip() == said["none"]


@pytest.mark.parametrize(("language", "expected"),
                         [("en", "imported 1, refused 0"), ("id", "diimpor 1, ditolak 0")])
def test_import_sums_up_in_the_sites_language(site: SiteMaker, language: str,
                                              expected: str) -> None:
    speaking(site, language)
    code, out, _ = run("import", "--site", str(site.root), str(RAW))
    assert code == 0 and out.rstrip().splitlines()[-1] == expected
    assert (": written  (" if language == "en" else ": ditulis  (") in out


@pytest.mark.parametrize("language", ["en", "id"])
def test_the_overlay_speaks_the_sites_language(tmp_path: Path, language: str) -> None:
    (tmp_path / "site.toml").write_text(f'language = "{language}"\n', encoding="utf-8")
    words = Messages(tmp_path)
    title = {"en": OVERLAY_TITLE,
             "id": "Build gagal: pratinjau menampilkan build terakhir yang berhasil"}[language]
    label = {"en": CLOSE_LABEL, "id": "Tutup pesan ini sampai build berikutnya"}[language]
    html = overlay([Problem("content/articles/a.md", 2, "missing `title`")], words)
    assert f"<h2>{title}</h2>" in html and f'aria-label="{label}"' in html
    code = script("abc:1", False, words)
    assert json.dumps(title) in code and json.dumps(label) in code
