"""Files beside the stories that Warta never reads, named by `warta check`
(build/unread.py): a story saved as `.markdown` or `.MD` would never be published."""

from __future__ import annotations

from generator.build.unread import unread_problems
from tests.conftest import SiteMaker
from tests.test_cli import run


def test_each_file_not_read_gets_the_hint_for_its_kind() -> None:
    found = unread_problems(["content/articles/b/banjir.markdown", "content/pages/TENTANG.MD",
                             "content/articles/catatan.txt", "content/articles/foto.jpg",
                             "content/articles/.DS_Store", "content/articles/a.md"])
    assert [str(p) for p in found] == [
        "content/articles/b/banjir.markdown: Warta does not read this file: it reads `.md` "
        "files here \u2014 rename it banjir.md",
        "content/articles/catatan.txt: Warta does not read this file: it reads `.md` files "
        "here \u2014 move a raw text out of content/ and make it a story with `warta "
        "import`, or rename it catatan.md if it starts with `---` and its frontmatter",
        "content/articles/foto.jpg: Warta does not read this file: it reads `.md` files "
        "here \u2014 put photos and documents in content/media/",
        "content/pages/TENTANG.MD: Warta does not read this file: it reads `.md` files "
        "here \u2014 rename it TENTANG.md"]
    assert all(p.severity == "warning" for p in found)


def test_warta_check_names_a_story_saved_under_another_ending(site: SiteMaker) -> None:
    site.article("a", "A", "2024-03-01")
    site.write("content/articles/2024/b.markdown", "---\ntitle: B\ndate: 2024-03-02\n---\nB.\n")
    site.write("content/articles/.git-keep/x.txt", "ignored: a hidden folder")
    code, out, err = run("check", "--site", str(site.root))
    assert code == 0 and "OK: 1 artikel, 1 peringatan" in out
    assert "content/articles/2024/b.markdown: Warta tidak membaca berkas ini" in err
