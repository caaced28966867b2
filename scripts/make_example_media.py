"""Draw the example project's photo: content/media/2026/harbour-road-flood.jpg.

A fictional scene drawn with Pillow (a street under water, shops, half-sunk cars), so that the
example's image claim has a picture that belongs to no one. Run from the repository's root:

    python scripts/make_example_media.py

The output is deterministic for a given Pillow version; the file in the repository is the one
the example's hash refers to, so regenerate it only on purpose (the claim page's SHA-256 changes).
"""

from __future__ import annotations

import random
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter

WIDTH, HEIGHT = 1200, 800
OUT = Path("content/media/2026/harbour-road-flood.jpg")


def main() -> None:
    rng = random.Random(14)
    image = Image.new("RGB", (WIDTH, HEIGHT))
    draw = ImageDraw.Draw(image)
    for y in range(HEIGHT // 2):  # a grey storm sky, lighter towards the horizon
        shade = 95 + y * 60 // (HEIGHT // 2)
        draw.line([(0, y), (WIDTH, y)], fill=(shade - 10, shade, shade + 12))
    x = 0
    while x < WIDTH:  # shop fronts along the street
        width = rng.randint(120, 210)
        top = rng.randint(150, 300)
        colour = rng.choice([(150, 96, 80), (190, 170, 140), (120, 130, 150), (170, 120, 90)])
        draw.rectangle([x, top, x + width - 6, HEIGHT // 2 + 90], fill=colour)
        for wx in range(x + 15, x + width - 30, 42):
            for wy in range(top + 20, HEIGHT // 2 + 10, 55):
                draw.rectangle([wx, wy, wx + 24, wy + 32], fill=(60, 70, 85))
        draw.rectangle(
            [x + 10, HEIGHT // 2 + 20, x + width - 16, HEIGHT // 2 + 50], fill=(40, 50, 60)
        )
        x += width
    water_top = HEIGHT // 2 + 70
    for y in range(water_top, HEIGHT):  # brown flood water
        depth = (y - water_top) / (HEIGHT - water_top)
        draw.line(
            [(0, y), (WIDTH, y)],
            fill=(int(120 - 40 * depth), int(100 - 30 * depth), int(70 - 20 * depth)),
        )
    for cx in (140, 520, 880):  # cars with only their roofs and windows above the water
        draw.rounded_rectangle(
            [cx, water_top - 45, cx + 190, water_top + 25],
            radius=22,
            fill=rng.choice([(170, 40, 40), (40, 80, 150), (220, 220, 215)]),
        )
        draw.rectangle([cx + 30, water_top - 35, cx + 160, water_top - 8], fill=(70, 90, 110))
    for _ in range(220):  # ripples
        rx, ry = rng.randint(0, WIDTH), rng.randint(water_top + 5, HEIGHT - 4)
        length = rng.randint(20, 90)
        draw.line([(rx, ry), (rx + length, ry)], fill=(150, 130, 100), width=2)
    image = image.filter(ImageFilter.GaussianBlur(0.8))
    OUT.parent.mkdir(parents=True, exist_ok=True)
    image.save(OUT, "JPEG", quality=82, optimize=True)
    print(f"{OUT}: {OUT.stat().st_size:,} bytes")


if __name__ == "__main__":
    main()
