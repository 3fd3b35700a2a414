"""Flat illustrations for the demo practices, drawn with Pillow at load time.

No photos are committed: each cover is a gradient sky in the theme's colours,
mountains (every view in Kyrgyzstan has some), and a simple motif for the theme
(water, a lit road, speech bubbles...). The slug seeds the small variations, so
a practice always gets the same picture and two practices of a theme differ.
"""

import io
import random

from PIL import Image, ImageDraw, ImageOps

SIZE = (1600, 1000)
HORIZON = 690

# theme slug: (sky top, sky bottom, far mountains, near hills, accent, light)
PALETTES = {
    "communications": ("#1d4e89", "#7fb2e5", "#3b6aa0", "#2a5d8f", "#f2a541", "#ffffff"),
    "participation": ("#6a2c70", "#f08a5d", "#8e4a7a", "#5b2a5f", "#f9ed69", "#fff6e9"),
    "keneshes": ("#283149", "#8d93ab", "#404b69", "#2c3550", "#f7d794", "#f5f5f5"),
    "management": ("#16697a", "#82c0cc", "#2b7f8f", "#1f5f6b", "#ffa62b", "#ede7e3"),
    "planning": ("#2d6a4f", "#b7e4c7", "#40916c", "#1b4332", "#f4a261", "#f8f9fa"),
    "property": ("#7f5539", "#e6ccb2", "#9c6644", "#6b4226", "#ddb892", "#fffaf0"),
    "utilities": ("#0b3c5d", "#5fb3d9", "#1e5f87", "#174a6b", "#a8e6ff", "#ffffff"),
    "infrastructure": ("#22223b", "#c9ada7", "#4a4e69", "#2f2f4a", "#ffd166", "#f2e9e4"),
    "social": ("#e07a5f", "#f2cc8f", "#d4694e", "#81b29a", "#3d405b", "#fffdf7"),
    "budget": ("#264653", "#e9c46a", "#2a9d8f", "#1f6f66", "#f4a261", "#fefae0"),
}


def _rgb(colour):
    colour = colour.lstrip("#")
    return tuple(int(colour[i : i + 2], 16) for i in (0, 2, 4))


def _gradient(top, bottom):
    """A vertical gradient: Pillow's built-in 256-step ramp, stretched (fast, no per-pixel loop)."""
    mask = Image.linear_gradient("L").resize(SIZE)
    return Image.composite(Image.new("RGB", SIZE, _rgb(bottom)), Image.new("RGB", SIZE, _rgb(top)), mask)


def _mountains(draw, rng, colour, base, height, peaks):
    """A range of peaks along `base`; returns its outline (x, y) from left to right."""
    width = SIZE[0]
    step = width / peaks
    outline = [(-step / 2, base - rng.uniform(0, height * 0.3))]
    for i in range(peaks + 1):
        x = i * step + rng.uniform(-step / 5, step / 5)
        outline.append((x, base - rng.uniform(height * 0.55, height)))
        outline.append((x + step / 2, base - rng.uniform(0, height * 0.3)))
    draw.polygon([*outline, (width + step, SIZE[1]), (-step, SIZE[1])], fill=colour)
    return outline


def _snow(draw, outline, depth=70):
    """Snow caps: the part of each high peak above `depth` px below its top, cut along its own slopes."""
    for i in range(1, len(outline) - 1, 2):
        (lx, ly), (px, py), (rx, ry) = outline[i - 1], outline[i], outline[i + 1]
        if ly - py < depth * 1.5 or ry - py < depth * 1.5:
            continue
        left = (px + (lx - px) * depth / (ly - py), py + depth)
        right = (px + (rx - px) * depth / (ry - py), py + depth)
        middle = (px, py + depth * 0.7)
        draw.polygon([(px, py), right, ((px + right[0]) / 2, py + depth * 0.8), middle, left], fill="#f4f7fb")


def _clouds(draw, rng, colour):
    """Two or three flat clouds high in the sky, above every motif."""
    for _ in range(rng.randint(2, 3)):
        x, y = rng.uniform(80, SIZE[0] - 380), rng.uniform(50, 170)
        width = rng.uniform(220, 320)
        draw.rounded_rectangle((x, y + 40, x + width, y + 95), radius=28, fill=colour)
        draw.ellipse((x + width * 0.18, y, x + width * 0.18 + 110, y + 95), fill=colour)
        draw.ellipse((x + width * 0.45, y + 12, x + width * 0.45 + 90, y + 95), fill=colour)


def _blend(colour, other, share):
    return tuple(round(a + (b - a) * share) for a, b in zip(_rgb(colour), _rgb(other), strict=True))


def _person(draw, x, y, scale, colour):
    head = 26 * scale
    draw.ellipse((x - head, y - head * 3.6, x + head, y - head * 1.6), fill=colour)
    draw.rounded_rectangle((x - head * 1.5, y - head * 1.4, x + head * 1.5, y + head * 1.6), radius=head, fill=colour)


def _utilities(draw, rng, pal):
    accent, light = _rgb(pal[4]), _rgb(pal[5])
    # A water tower on legs, a pipe to a tap, drops.
    x = rng.randint(260, 420)
    draw.rectangle((x - 10, 420, x + 10, 860), fill=light)
    draw.rectangle((x + 110, 420, x + 130, 860), fill=light)
    draw.rounded_rectangle((x - 60, 260, x + 180, 440), radius=30, fill=light)
    draw.ellipse((x + 20, 320, x + 100, 400), fill=accent)
    draw.polygon([(x + 60, 270), (x + 26, 345), (x + 94, 345)], fill=accent)
    draw.rectangle((x + 120, 780, 1100, 810), fill=light)
    draw.rectangle((1080, 700, 1110, 810), fill=light)
    draw.rectangle((1080, 700, 1200, 730), fill=light)
    for i in range(4):
        top = 750 + i * 60
        draw.ellipse((1170, top, 1210, top + 44), fill=accent)
    for row in range(3):
        y = 890 + row * 34
        for start in range(0, SIZE[0], 160):
            draw.arc((start, y, start + 160, y + 40), 200, 340, fill=accent, width=8)


def _infrastructure(draw, rng, pal):
    accent, light = _rgb(pal[4]), _rgb(pal[5])
    centre = rng.randint(700, 900)
    draw.polygon(
        [(centre - 40, HORIZON), (centre + 40, HORIZON), (centre + 520, 1000), (centre - 520, 1000)], fill="#3a3a4a"
    )
    for i in range(6):
        y0 = HORIZON + 20 + i * i * 9 + i * 20
        draw.rectangle((centre - 4 - i, y0, centre + 4 + i, y0 + 14 + i * 4), fill=light)
    for side in (-1, 1):
        for i, (x, top, size) in enumerate(((centre + side * 180, 560, 1.0), (centre + side * 400, 470, 1.5))):
            x = x + side * i * 40
            draw.rectangle((x - 6 * size, top, x + 6 * size, 1000 - (1 - i) * 220), fill=light)
            draw.ellipse((x - 40 * size, top - 40 * size, x + 40 * size, top + 20 * size), fill=accent)


def _communications(draw, rng, pal):
    accent, light = _rgb(pal[4]), _rgb(pal[5])
    draw.rounded_rectangle((280, 300, 560, 860), radius=40, fill="#1b2a41")
    draw.rounded_rectangle((305, 350, 535, 790), radius=12, fill=light)
    for i in range(4):
        draw.rounded_rectangle((325, 380 + i * 95, 515 - (i % 2) * 60, 440 + i * 95), radius=12, fill=accent)
    for i in range(3):
        x = 760 + i * 230 + rng.randint(-30, 30)
        y = 260 + (i % 2) * 180
        draw.rounded_rectangle((x, y, x + 300, y + 160), radius=40, fill=light)
        draw.polygon([(x + 60, y + 150), (x + 40, y + 220), (x + 120, y + 150)], fill=light)
        for line in range(2):
            draw.rounded_rectangle(
                (x + 40, y + 45 + line * 45, x + 250 - line * 70, y + 70 + line * 45), radius=10, fill=accent
            )


def _participation(draw, rng, pal):
    accent, light = _rgb(pal[4]), _rgb(pal[5])
    colours = [light, accent, "#ffffff", light]
    for i in range(7):
        x = 260 + i * 180 + rng.randint(-20, 20)
        scale = 1.6 + (i % 3) * 0.25
        _person(draw, x, 900 - (i % 2) * 30, scale, colours[i % 4])
    draw.rounded_rectangle((620, 230, 980, 420), radius=30, fill=accent)
    draw.polygon([(780, 410), (800, 480), (840, 410)], fill=accent)


def _keneshes(draw, rng, pal):
    accent, light = _rgb(pal[4]), _rgb(pal[5])
    left, right = 450, 1150
    draw.polygon([(left - 40, 420), ((left + right) / 2, 260), (right + 40, 420)], fill=light)
    draw.rectangle((left - 40, 860, right + 40, 900), fill=light)
    for i in range(6):
        x = left + 30 + i * (right - left - 60) / 5
        draw.rectangle((x - 26, 450, x + 26, 860), fill=light)
    draw.ellipse(((left + right) / 2 - 45, 300, (left + right) / 2 + 45, 390), fill=accent)
    draw.rectangle((left - 20, 420, right + 20, 450), fill=light)
    draw.rectangle((1300, 300, 1310, 900), fill=light)
    draw.rectangle((1310, 300, 1460, 400), fill=accent)


def _management(draw, rng, pal):
    accent, light = _rgb(pal[4]), _rgb(pal[5])
    draw.rounded_rectangle((300, 280, 1000, 760), radius=24, fill="#1b2a41")
    draw.rounded_rectangle((330, 310, 970, 730), radius=10, fill=light)
    draw.rectangle((600, 760, 700, 840), fill="#1b2a41")
    draw.rounded_rectangle((480, 840, 820, 870), radius=10, fill="#1b2a41")
    for i in range(5):
        width = rng.randint(300, 560)
        draw.rounded_rectangle(
            (370, 350 + i * 72, 370 + width, 385 + i * 72), radius=10, fill=accent if i == 0 else "#c9d6df"
        )
    for i in range(3):
        x, y = 1080 + i * 50, 330 + i * 60
        draw.rounded_rectangle((x, y, x + 300, y + 400), radius=16, fill=light, outline=accent, width=6)


def _planning(draw, rng, pal):
    accent, light = _rgb(pal[4]), _rgb(pal[5])
    base = 860
    heights = sorted(rng.randint(150, 520) for _ in range(5))
    for i, height in enumerate(heights):
        x = 420 + i * 170
        draw.rounded_rectangle((x, base - height, x + 110, base), radius=12, fill=light if i < 4 else accent)
    points = [(475 + i * 170, base - h - 60) for i, h in enumerate(heights)]
    draw.line(points, fill=accent, width=14, joint="curve")
    tip = points[-1]
    draw.polygon([(tip[0] + 10, tip[1] - 60), (tip[0] + 60, tip[1] + 10), (tip[0] - 30, tip[1] + 20)], fill=accent)
    draw.rectangle((380, base, 1300, base + 12), fill=light)


def _property(draw, rng, pal):
    accent, light = _rgb(pal[4]), _rgb(pal[5])
    greens = ["#a7c957", "#6a994e", "#dde5b6", "#bc6c25"]
    for row in range(3):
        for col in range(6):
            y0 = 740 + row * 85
            x0 = col * 280 - row * 60
            draw.polygon(
                [(x0, y0), (x0 + 260, y0), (x0 + 230, y0 + 75), (x0 - 30, y0 + 75)],
                fill=greens[(row + col + rng.randint(0, 1)) % 4],
            )
    x = rng.randint(900, 1150)
    draw.rectangle((x, 470, x + 260, 700), fill=light)
    draw.polygon([(x - 30, 480), (x + 130, 350), (x + 290, 480)], fill=accent)
    draw.rectangle((x + 100, 580, x + 160, 700), fill="#6b4226")
    draw.rectangle((x + 30, 520, x + 80, 570), fill="#9ad1f5")


def _social(draw, rng, pal):
    accent, light = _rgb(pal[4]), _rgb(pal[5])
    draw.ellipse((1180, 120, 1400, 340), fill="#ffd166")
    draw.rectangle((300, 520, 760, 860), fill=light)
    draw.polygon([(270, 530), (530, 360), (790, 530)], fill=accent)
    for i in range(3):
        draw.rectangle((340 + i * 140, 590, 420 + i * 140, 660), fill="#9ad1f5")
    draw.rectangle((490, 740, 570, 860), fill=accent)
    for i, scale in enumerate((1.3, 1.0, 1.1, 0.9)):
        _person(draw, 920 + i * 140, 900, scale * 1.4, [accent, "#ffffff", "#f2cc8f", "#81b29a"][i])


def _budget(draw, rng, pal):
    accent, light = _rgb(pal[4]), _rgb(pal[5])
    for stack in range(4):
        x = 320 + stack * 150
        for coin in range(rng.randint(3, 8)):
            y = 860 - coin * 34
            draw.ellipse((x, y - 30, x + 120, y + 20), fill=accent, outline=light, width=4)
    centre, radius = (1100, 560), 230
    box = (centre[0] - radius, centre[1] - radius, centre[0] + radius, centre[1] + radius)
    start = 0
    for share, colour in ((0.42, light), (0.26, accent), (0.18, "#2a9d8f"), (0.14, "#e76f51")):
        end = start + share * 360
        draw.pieslice(box, start, end, fill=colour)
        start = end


NOT_MIRRORED = {"planning"}
MOTIFS = {
    "utilities": _utilities,
    "infrastructure": _infrastructure,
    "communications": _communications,
    "participation": _participation,
    "keneshes": _keneshes,
    "management": _management,
    "planning": _planning,
    "property": _property,
    "social": _social,
    "budget": _budget,
}


def draw_cover(theme_slug, seed, motif=None):
    """A 1600×1000 JPEG (bytes) for a practice of `theme_slug`.

    `seed` (the slug) varies the details: mountains, clouds, and a mirror image half
    of the time (not for a growth chart, which would then fall). `motif` draws another
    theme's motif in this theme's colours (the gallery uses "participation" for its
    pictures of meetings).
    """
    palette = PALETTES.get(theme_slug, PALETTES["planning"])
    rng = random.Random(seed)
    image = _gradient(palette[0], palette[1])
    draw = ImageDraw.Draw(image)
    _clouds(draw, rng, _blend(palette[0], palette[5], 0.7))
    far_height = rng.uniform(260, 380)
    far_range = _mountains(draw, rng, _rgb(palette[2]), HORIZON, far_height, rng.randint(3, 5))
    _snow(draw, far_range)
    _mountains(draw, rng, _rgb(palette[3]), HORIZON + 80, 120, rng.randint(4, 7))
    MOTIFS.get(motif or theme_slug, _planning)(draw, rng, palette)
    if rng.random() < 0.5 and (motif or theme_slug) not in NOT_MIRRORED:
        image = ImageOps.mirror(image)
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=84, optimize=True, progressive=True)
    return buffer.getvalue()
