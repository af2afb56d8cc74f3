"""One photo's derivatives, made with Pillow: decoded once (scaled by the JPEG decoder
itself when it can), turned upright, and encoded at each width without EXIF.

Runs in a worker process of `photos/stage.py`: one decoded image in memory at a time.
"""

from __future__ import annotations

import functools
import math
import os
import shutil
import warnings
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageOps, UnidentifiedImageError

from generator.config.images import ImageSettings
from generator.errors import Text

# What Pillow guards against by default: a file of a few kilobytes that decodes to
# gigabytes. Twice this many pixels is refused by Pillow itself; between the two, it
# only warns: both are refused here, but for a JPEG.
MAX_PIXELS = Image.MAX_IMAGE_PIXELS or 89_478_485

JPEG_MAX_PIXELS = 8 * MAX_PIXELS
"""The most pixels a JPEG may have: it is decoded at an eighth of its width and height
when that is enough for the widest derivative (`draft`), so a phone's 108- or
200-megapixel photo (a Redmi's, a Galaxy Ultra's: 16,320 × 12,240) decodes to three
million pixels, not two hundred million."""


class PhotoError(Exception):
    """A photo that cannot be published: its message says what is wrong."""

    def __init__(self, message: Text, hint: Text) -> None:
        super().__init__(message, hint)  # (both in `args`: it crosses process borders)
        self.message = message
        self.hint = hint


@dataclass(frozen=True)
class Made:
    """What deriving one photo made (stored as the folder's manifest)."""

    width: int
    """The photo's width, upright."""
    height: int
    """Its height, upright."""
    webp: tuple[tuple[int, int], ...]
    """(width, height) of each WebP file `<width>.webp`, narrowest first."""
    jpeg: tuple[int, int]
    """(width, height) of the JPEG fallback `<width>.jpg`."""
    original: str = ""
    """File name of the original without metadata (`original.jpg`), when published."""


def widths_for(width: int, settings: ImageSettings) -> tuple[int, ...]:
    """The widths a photo `width` pixels wide gets: the configured ones it is wider than,
    and its own when it is narrower than the widest (never scaled up)."""
    chosen = [w for w in settings.widths if w <= width]
    if width < settings.widths[-1] and width not in chosen:
        chosen.append(width)
    return tuple(chosen)


def jpeg_width(widths: tuple[int, ...], share: int) -> int:
    """The JPEG fallback's width: the narrowest at least `share` wide, else the widest."""
    return next((w for w in widths if w >= share), widths[-1])


def read_size(source: Path) -> tuple[int, int]:
    """The upright size of an image file published as it is (a GIF, or another image
    named `.gif`), from its header (nothing decoded)."""
    with _opened(source, ("GIF", *_DERIVED_FORMATS)) as image:
        width, height = image.size
        if image.getexif().get(_ORIENTATION, 1) in (5, 6, 7, 8):
            return height, width
        return width, height


_ORIENTATION = 0x0112


def derive(source: Path, folder: Path, settings: ImageSettings, share: int) -> Made:
    """Make the derivatives of `source` in `folder` (created whole, or not at all)."""
    staging = folder.with_name(folder.name + f".{os.getpid()}.tmp")
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    try:
        made = _derive(source, staging, settings, share)
        (staging / "manifest.txt").write_text(manifest_text(made), encoding="utf-8")
        try:
            staging.rename(folder)
        except OSError:  # made meanwhile by another build: the same bytes
            shutil.rmtree(staging, ignore_errors=True)
        return made
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def _derive(source: Path, staging: Path, settings: ImageSettings, share: int) -> Made:
    with _opened(source) as image:
        stored = image.size
        turned = image.getexif().get(_ORIENTATION, 1) in (5, 6, 7, 8)
        upright = (stored[1], stored[0]) if turned else stored
        widths = widths_for(upright[0], settings)
        icc = image.info.get("icc_profile")
        if image.format in ("JPEG", "MPO") and not settings.publish_originals:
            # The decoder scales by 1/2, 1/4 or 1/8 while decoding, keeping at least
            # the size asked for: a 12-megapixel photo decodes at a quarter of the cost.
            # (An original is published whole: not drafted.)
            scale = widths[-1] / upright[0]
            image.draft("RGB", (math.ceil(stored[0] * scale), math.ceil(stored[1] * scale)))
        if image.width * image.height > MAX_PIXELS:
            # (what will be decoded: a JPEG `_opened` let through as drafted may not be,
            # a narrow one of a great height, or one whose original is published)
            raise _too_large(MAX_PIXELS)
        if max(upright[1] * w // upright[0] for w in widths) > _WEBP_SIDE:
            raise PhotoError(Text("the photo is {width} × {height} pixels: a WebP file holds "
                                  "no side longer than {most:,} pixels", width=upright[0],
                                  height=upright[1], most=_WEBP_SIDE),
                             Text("cut it into parts, or make it less tall"))
        try:
            image.load()
        except (OSError, SyntaxError, ValueError) as error:
            raise PhotoError(Text("the photo cannot be read: {error}", error=str(error)),
                             Text("save it again as JPEG, PNG or WebP")) from None
        picture = ImageOps.exif_transpose(image)
        if picture.mode.startswith("I;16"):
            # (16 bits a channel, a scan's or a PNG's: `convert` clipped every value
            # above 255 to white)
            picture = picture.convert("I").point(lambda v: v / 256).convert("L")
        if picture.mode not in ("RGB", "RGBA", "L", "LA"):
            # (A palette's transparency is read from `info`: converted before it goes.)
            alpha = "A" in picture.getbands() or "transparency" in picture.info
            icc = icc if picture.mode != "CMYK" else None  # a CMYK profile fits no RGB
            picture = picture.convert("RGBA" if alpha else "RGB")
        # Some encoders fall back to the image's own EXIF and XMP: none is kept.
        picture.info = {}
        original = ""
        if settings.publish_originals:
            original = _save_original(picture, image.format or "", staging, icc,
                                      settings.quality)
    sizes: dict[int, tuple[int, int]] = {}
    current = picture
    for width in sorted(widths, reverse=True):  # each from the next wider: less work
        height = max(1, round(upright[1] * width / upright[0]))
        if current.size != (width, height):
            current = current.resize((width, height), Image.Resampling.LANCZOS)
        current.save(staging / f"{width}.webp", "WEBP", quality=settings.quality,
                     icc_profile=icc)
        sizes[width] = (width, height)
        if width == jpeg_width(widths, share):
            flat = _flattened(current)
            flat.save(staging / f"{width}.jpg", "JPEG", quality=settings.quality,
                      optimize=True, progressive=True, icc_profile=icc)
    jpeg = jpeg_width(widths, share)
    return Made(width=upright[0], height=upright[1],
                webp=tuple(sizes[w] for w in sorted(sizes)), jpeg=sizes[jpeg],
                original=original)


def _flattened(image: Image.Image) -> Image.Image:
    """`image` without transparency (JPEG has none): on white."""
    if image.mode in ("RGB", "L"):
        return image
    flat = Image.new("RGB", image.size, "white")
    flat.paste(image.convert("RGBA"), mask=image.convert("RGBA").getchannel("A"))
    return flat


def _save_original(image: Image.Image, kind: str, staging: Path, icc: object,
                   quality: int) -> str:
    """The original upright, encoded again without EXIF, XMP or comments."""
    kind = kind if kind in ("JPEG", "PNG", "WEBP") else "JPEG"  # (an MPO, a HEIC, an AVIF)
    suffix = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}.get(kind, "jpg")
    name = f"original.{suffix}"
    options: dict[str, object] = {"icc_profile": icc}
    if suffix == "jpg":
        image = _flattened(image) if image.mode not in ("RGB", "L", "CMYK") else image
        options.update(quality=max(quality, 92), optimize=True)
    elif suffix == "webp":
        options.update(quality=max(quality, 92))
    image.save(staging / name, kind, **options)
    return name


_DERIVED_FORMATS = ("JPEG", "PNG", "WEBP", "MPO", "HEIF", "AVIF", "BMP")
"""The formats Warta makes derivatives of (an MPO: a phone's JPEG with a second view;
HEIF: an iPhone's HEIC, read by pillow-heif; BMP: Windows Paint's)."""


@functools.cache
def _heif_read() -> None:
    """Teach Pillow to open HEIF files (an iPhone's `.heic`): pillow-heif registers its
    opener in Pillow's table of formats, once per process. Asked for only when a photo
    is opened, so that a build without one does not import it."""
    from pillow_heif import register_heif_opener

    register_heif_opener()


class _opened:
    """An image file opened with the decompression-bomb guard as an error, and a file
    that is not an image as a `PhotoError`."""

    def __init__(self, source: Path, formats: tuple[str, ...] = _DERIVED_FORMATS) -> None:
        self.source = source
        self.formats = formats
        self.image: Image.Image | None = None

    def __enter__(self) -> Image.Image:
        _heif_read()  # (whatever the name: a phone's HEIC saved as `.jpg` is one too)
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            most = MAX_PIXELS
            try:
                self.image = _open(self.source)
                if self.image.format in ("JPEG", "MPO"):
                    most = JPEG_MAX_PIXELS
                if self.image.width * self.image.height > most:
                    raise Image.DecompressionBombError("")
            except (Image.DecompressionBombError, Image.DecompressionBombWarning):
                if self.image is not None:
                    self.image.close()
                raise _too_large(most) from None
            except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
                raise PhotoError(Text("the file is not an image Warta can read"),
                                 Text("save the photo as JPEG, PNG or WebP, or fix `src`")
                                 ) from None
        if self.image.format not in self.formats:
            self.image.close()
            raise PhotoError(Text("the file is a {format} image, not JPEG, PNG or WebP",
                                  format=str(self.image.format)),
                             Text("save the photo as JPEG, PNG or WebP"))
        return self.image

    def __exit__(self, *exc: object) -> None:
        if self.image is not None:
            self.image.close()


_WEBP_SIDE = 16_383
"""The longest side a WebP file holds (an infographic 20,000 pixels tall does not fit)."""


def _too_large(most: int) -> PhotoError:
    return PhotoError(Text("the photo is too large to decode safely (more than {most:,} "
                           "pixels)", most=most),
                      Text("make it smaller: 4000 × 3000 pixels is plenty"))


def _open(source: Path) -> Image.Image:
    """`Image.open` without Pillow's own size limit, which is one number for every
    format: `_opened` checks the size by format right after (opening reads the header
    alone; nothing is decoded yet). The limit is Pillow's one setting, restored at
    once; a photo is opened by one thread of a process at a time."""
    limit = Image.MAX_IMAGE_PIXELS
    Image.MAX_IMAGE_PIXELS = None
    try:
        return Image.open(source)
    finally:
        Image.MAX_IMAGE_PIXELS = limit


def manifest_text(made: Made) -> str:
    """`made` as the lines of a manifest file."""
    lines = [f"size {made.width} {made.height}",
             "webp " + " ".join(f"{w}x{h}" for w, h in made.webp),
             f"jpeg {made.jpeg[0]}x{made.jpeg[1]}",
             f"original {made.original}"]
    return "\n".join(lines) + "\n"


def read_manifest(text: str) -> Made | None:
    """A manifest's `Made`, or None when it is not one (a damaged cache)."""
    try:
        fields = dict(line.split(" ", 1) for line in text.splitlines())
        width, height = map(int, fields["size"].split())

        def pair(item: str) -> tuple[int, int]:
            w, h = item.split("x")
            return int(w), int(h)

        return Made(width, height, tuple(pair(i) for i in fields["webp"].split()),
                    pair(fields["jpeg"]), fields["original"].strip())
    except (KeyError, ValueError):
        return None
