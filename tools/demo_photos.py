"""Photos made by us, for the demo archive, the tests and the photo benchmark.

Each is a simple scene drawn with Pillow (sky, sun, hills, houses) saved as a JPEG
carrying what a reporter's phone writes into its files: the camera's make, model
and serial number, a maker note, and the GPS position where it was taken. Warta
must publish none of it (tests/test_photos_privacy.py looks).

    .venv/bin/python tools/demo_photos.py   # (re)writes the demo's photos in content/media/
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter

MAKE, MODEL, SERIAL = "Kamera Lembah", "KL-A525F", "R58N91XYZ042"
"""What the photos say of the camera, so a test can look for it in the output."""
GPS = {1: "S", 2: (7.0, 58.0, 12.5), 3: "E", 4: (112.0, 37.0, 48.25), 5: 0, 6: 412.0}
"""A made-up position, as the GPS IFD holds it (latitude 7°58'S, longitude 112°37'E)."""

# The demo's photos: (file under content/media/, seed, palette, size, EXIF orientation).
DEMO = (
    ("2024/banjir-tegalsari.jpg", 3, "flood", (1800, 1200), 1),
    ("2024/juara-liga.jpg", 5, "field", (1600, 1200), 1),
    ("2025/bukit-sekar-langit.jpg", 7, "hills", (1200, 1800), 6),
    ("2025/bus-kota.jpg", 11, "city", (2000, 1333), 1),
    ("2025/halte-bus.jpg", 13, "city", (1400, 933), 1),
)
_PALETTES = {
    "flood": ((120, 140, 160), (190, 200, 210), (110, 95, 70)),
    "field": ((70, 140, 220), (170, 210, 240), (60, 150, 60)),
    "hills": ((240, 150, 90), (250, 210, 160), (50, 110, 70)),
    "city": ((90, 150, 210), (200, 225, 245), (120, 120, 125)),
}


def make_photo(path: Path, size: tuple[int, int] = (1600, 1200), seed: int = 1,
               palette: str = "hills", orientation: int = 1, noise: float = 0.0,
               quality: int = 90) -> None:
    """Write a JPEG scene of `size` (as shown) to `path`, with camera and GPS EXIF.

    `orientation` 6 stores the pixels turned a quarter to the left, as a phone held
    upright does, with the EXIF tag that turns them back. `noise` (a standard
    deviation, e.g. 12) gives the file the weight of a real photo.
    """
    sky, haze, ground = _PALETTES[palette]
    width, height = size
    rng = random.Random(seed)
    gradient = Image.linear_gradient("L").resize((width, height))
    image = Image.composite(Image.new("RGB", size, sky), Image.new("RGB", size, haze),
                            Image.eval(gradient, lambda v: 255 - v))
    draw = ImageDraw.Draw(image)
    sun = rng.randint(width // 6, width * 5 // 6), rng.randint(height // 10, height // 3)
    radius = max(8, width // 14)
    draw.ellipse((sun[0] - radius, sun[1] - radius, sun[0] + radius, sun[1] + radius),
                 fill=(255, 236, 170))
    for layer in range(3):
        base = height * (55 + 10 * layer) // 100
        points = [(0, height)]
        for x in range(0, width + 1, max(1, width // 12)):
            points.append((x, base + rng.randint(-height // 12, height // 12)))
        points.append((width, height))
        shade = tuple(max(0, c - 25 * layer) for c in ground)
        draw.polygon(points, fill=shade)  # type: ignore[arg-type]
    for _ in range(rng.randint(4, 9)):
        x = rng.randint(0, width - width // 10)
        w, h = rng.randint(width // 30, width // 12), rng.randint(height // 25, height // 10)
        y = height * 85 // 100 - h
        draw.rectangle((x, y, x + w, y + h), fill=(rng.randint(150, 240), 200, 190))
        draw.polygon([(x - w // 8, y), (x + w // 2, y - h // 2), (x + w + w // 8, y)],
                     fill=(160, 60, 40))
    image = image.filter(ImageFilter.SMOOTH)
    if noise:
        grain = Image.effect_noise(size, noise).convert("RGB")
        image = Image.blend(image, grain, 0.12)
    if orientation == 6:
        image = image.transpose(Image.Transpose.ROTATE_90)
    path.parent.mkdir(parents=True, exist_ok=True)
    image.save(path, "JPEG", quality=quality, exif=camera_exif(orientation))


def camera_exif(orientation: int = 1) -> Image.Exif:
    """EXIF as a phone writes it: camera, serial number, maker note, GPS position."""
    exif = Image.Exif()
    exif[0x010F] = MAKE  # Make
    exif[0x0110] = MODEL  # Model
    exif[0x0112] = orientation  # Orientation
    exif[0x0131] = "Kamera Lembah Firmware 1.0"  # Software
    ifd = exif.get_ifd(0x8769)  # the Exif IFD
    ifd[0xA431] = SERIAL  # BodySerialNumber
    ifd[0x927C] = b"LEMBAH\x00" + SERIAL.encode()  # MakerNote
    ifd[0x9003] = "2024:03:14 08:15:00"  # DateTimeOriginal
    exif[0x8825] = dict(GPS)  # the GPS IFD
    return exif


def main(site: Path) -> None:
    for name, seed, palette, size, orientation in DEMO:
        make_photo(site / "content" / "media" / name, size, seed, palette, orientation,
                   noise=6)
        print(f"content/media/{name}")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parent.parent)
