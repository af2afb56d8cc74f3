"""Embedded frames in a story's text (content/embeds.py): fit for a phone's column and
for the validator, the rest as the editor pasted it."""

from __future__ import annotations

import pytest

from generator.content.embeds import fitted_frames

YOUTUBE = ('<iframe width="560" height="315" src="https://www.youtube.com/embed/abc?si=x&amp;'
           't=2" title="YouTube video player" frameborder="0" allow="autoplay; '
           'encrypted-media" referrerpolicy="strict-origin-when-cross-origin" '
           "allowfullscreen></iframe>")


@pytest.mark.parametrize(("pasted", "fitted"), [
    (YOUTUBE,
     '<iframe width="560" height="315" src="https://www.youtube.com/embed/abc?si=x&amp;t=2" '
     'title="YouTube video player" allow="autoplay; encrypted-media" '
     'referrerpolicy="strict-origin-when-cross-origin" allowfullscreen loading="lazy" '
     'style="width: 100%; height: auto; aspect-ratio: 560 / 315"></iframe>'),
    # (a map's code: its own style kept first, its `loading` as written)
    ('<iframe src="https://maps.example/embed" width="600" height="450" style="border:0;" '
     'allowfullscreen="" loading="eager"></iframe>',
     '<iframe src="https://maps.example/embed" width="600" height="450" allowfullscreen="" '
     'loading="eager" style="border:0; width: 100%; height: auto; aspect-ratio: 600 / 450">'
     "</iframe>"),
    # (no size in pixels: no proportions to keep)
    ("<IFRAME SRC=x WIDTH=100% SCROLLING=no></IFRAME>",
     '<iframe SRC=x WIDTH=100% loading="lazy"></IFRAME>'),
    ("<p>Tanpa bingkai.</p>", "<p>Tanpa bingkai.</p>"),
    # (a `>` in a quoted value, a style in single quotes holding `"`, another element)
    ('<iframe srcdoc="<b>a > b</b>" width="100" height="50"></iframe>',
     '<iframe srcdoc="<b>a > b</b>" width="100" height="50" loading="lazy" '
     'style="width: 100%; height: auto; aspect-ratio: 100 / 50"></iframe>'),
    ("<iframe style='font-family: \"A\"' width=\"100\" height=\"50\"></iframe>",
     '<iframe width="100" height="50" loading="lazy" style="font-family: &quot;A&quot;; '
     'width: 100%; height: auto; aspect-ratio: 100 / 50"></iframe>'),
    ("<iframe-like>x</iframe-like>", "<iframe-like>x</iframe-like>"),
])
def test_a_pasted_frame_is_fitted(pasted: str, fitted: str) -> None:
    assert fitted_frames(pasted) == fitted
    assert fitted_frames(fitted) == fitted  # (once is enough: parsed again, the same)
