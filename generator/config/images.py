"""`site.toml`'s `[images]`: the widths photos are published at, and whether the
originals are published too."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from generator.config.checker import Checker
from generator.errors import Text

KEYS = ("widths", "quality", "publish_originals")
"""The keys `[images]` may hold."""

DEFAULT_WIDTHS = (480, 800, 1200, 1600)


@dataclass(frozen=True)
class ImageSettings:
    """How photos are published (`[images]`)."""

    widths: tuple[int, ...] = DEFAULT_WIDTHS
    """Widths in pixels of the WebP derivatives, smallest first; a photo is never
    scaled up, so a narrower one gets its own width instead of the larger ones."""
    quality: int = 80
    """Encoder quality (1-95) of the WebP and JPEG derivatives."""
    publish_originals: bool = False
    """Publish the original files too (re-encoded without their metadata). Off by
    default: an original carries the camera's GPS position and serial number."""

    @property
    def key(self) -> str:
        """What a derivative depends on besides the photo's bytes."""
        return f"w{','.join(map(str, self.widths))} q{self.quality} o{int(self.publish_originals)}"


def read_images(check: Checker, table: Mapping[str, Any]) -> ImageSettings:
    """`[images]` as settings; each wrong value a problem at its line, and the default."""
    default = ImageSettings()
    widths = table.get("widths", list(default.widths))
    if (not isinstance(widths, list) or not widths
            or not all(isinstance(w, int) and not isinstance(w, bool) and 16 <= w <= 8192
                       for w in widths)):
        check.fail("widths", Text("`images.widths` must be a list of widths in pixels "
                                  "(16 to 8192), not {value}", value=repr(widths)),
                   Text("e.g. widths = [480, 800, 1200, 1600]"))
        widths = list(default.widths)
    quality = table.get("quality", default.quality)
    if isinstance(quality, bool) or not isinstance(quality, int) or not 1 <= quality <= 95:
        check.fail("quality", Text("`images.quality` must be a whole number from 1 to 95, "
                                   "not {value}", value=repr(quality)),
                   Text("e.g. quality = 80"))
        quality = default.quality
    originals = table.get("publish_originals", False)
    if not isinstance(originals, bool):
        check.fail("publish_originals", Text("`images.publish_originals` must be true or "
                                             "false, not {value}", value=repr(originals)),
                   Text("write publish_originals = false"))
        originals = False
    return ImageSettings(widths=tuple(sorted(set(widths))), quality=quality,
                         publish_originals=originals)
