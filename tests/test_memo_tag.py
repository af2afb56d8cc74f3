"""`{% memo %}`: a block rendered once per environment and key, output unchanged."""

from __future__ import annotations

import jinja2
import pytest

from generator.render import memo_tag
from generator.render.memo_tag import MemoExtension


def _env(templates: dict[str, str]) -> tuple[jinja2.Environment, list[str]]:
    env = jinja2.Environment(loader=jinja2.DictLoader(templates), autoescape=True,
                             extensions=[MemoExtension], trim_blocks=True,
                             lstrip_blocks=True)
    calls: list[str] = []

    def seen(name: str) -> str:
        calls.append(name)
        return name

    env.globals["seen"] = seen
    return env, calls


def test_a_block_renders_once_per_key() -> None:
    env, calls = _env({"t": "{% memo kind %}<b>{{ seen(kind) }} {{ title }}</b>{% endmemo %}"})
    template = env.get_template("t")
    assert template.render(kind="home", title="A") == "<b>home A</b>"
    # Same key: the block as first rendered, even where it would read other values
    # (naming every value the block depends on is the template's part).
    assert template.render(kind="home", title="B") == "<b>home A</b>"
    assert template.render(kind="tag", title="<C>") == "<b>tag &lt;C&gt;</b>"
    assert calls == ["home", "tag"]


def test_the_output_is_the_blocks_own() -> None:
    text = ("<p>\n{% memo a, b %}\n  {% for x in xs %}<i>{{ x }}</i>{% endfor %}\n"
            "{% endmemo %}\n</p>\n{% memo %}{{ '<safe>'|safe }} & {{ '<not>' }}{% endmemo %}")
    memo_env, _ = _env({"t": text})
    # The same template with a block tag that does nothing in place of each memo tag.
    plain = jinja2.Environment(loader=jinja2.DictLoader(
        {"t": text.replace("{% memo a, b %}", "{% if true %}").replace("{% memo %}",
                                                                        "{% if true %}")
         .replace("{% endmemo %}", "{% endif %}")}),
        autoescape=True, trim_blocks=True, lstrip_blocks=True)
    expected = plain.get_template("t").render(xs=["<x>", "y"])
    assert "<i>&lt;x&gt;</i>" in expected
    for _ in range(2):
        assert memo_env.get_template("t").render(a=1, b=2, xs=["<x>", "y"]) == expected


def test_blocks_with_the_same_keys_are_apart() -> None:
    env, calls = _env({"t": "{% memo 1 %}{{ seen('one') }}{% endmemo %}|"
                            "{% memo 1 %}{{ seen('two') }}{% endmemo %}",
                       "u": "{% memo 1 %}{{ seen('three') }}{% endmemo %}"})
    assert env.get_template("t").render() == "one|two"
    assert env.get_template("u").render() == "three"
    assert env.get_template("t").render() == "one|two"
    assert calls == ["one", "two", "three"]


def test_an_unhashable_key_renders_each_time() -> None:
    env, calls = _env({"t": "{% memo xs %}{{ seen('x') }}{% endmemo %}"})
    for _ in range(3):
        assert env.get_template("t").render(xs=[1]) == "x"
    assert calls == ["x", "x", "x"]


def test_each_environment_has_its_own_memo() -> None:
    first, _ = _env({"t": "{% memo %}{{ seen(v) }}{% endmemo %}"})
    second, _ = _env({"t": "{% memo %}{{ seen(v) }}{% endmemo %}"})
    assert first.get_template("t").render(v="a") == "a"
    assert second.get_template("t").render(v="b") == "b"


def test_the_memo_is_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(memo_tag, "MEMO_SIZE", 3)
    env, calls = _env({"t": "{% memo n %}{{ seen(n|string) }}{% endmemo %}"})
    for n in range(5):
        env.get_template("t").render(n=n)
    memo = env.extensions[MemoExtension.identifier]
    assert isinstance(memo, MemoExtension)
    assert len(memo.done) <= 3
    assert calls == ["0", "1", "2", "3", "4"]


def test_a_missing_comma_is_a_syntax_error() -> None:
    env, _ = _env({"t": "{% memo a b %}x{% endmemo %}"})
    with pytest.raises(jinja2.TemplateSyntaxError):
        env.get_template("t")
