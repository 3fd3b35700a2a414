"""Covers of the demo issues, drawn with Pillow at load time (1200×1700 JPEG).

A band in the theme's colour with the magazine's name, number and month; below it the
library's illustration for the issue's main theme (practices.demo.covers); at the foot
the issue's title in Kyrgyz and Russian. The letters come from a subset of DejaVu Sans
Bold committed next to the PDFs (files/, made by scripts/make_demo_magazine.py), so
loading needs no system font.
"""

import io
import string
from pathlib import Path

from PIL import Image, ImageColor, ImageDraw, ImageFont

from practices.demo.covers import PALETTES, draw_cover

SIZE = (1200, 1700)
BAND = 500
ART_HEIGHT = 750
MARGIN = 60
COVER_FONT = Path(__file__).resolve().parent / "files" / "DejaVuSans-Bold-cover.ttf"
# Every character a cover may print (the script subsets the font to these).
CYRILLIC = "".join(chr(code) for code in range(0x410, 0x450)) + "ЁёҢңӨөҮү"
COVER_TEXT = string.printable.strip() + " " + CYRILLIC + "№«»–—·…’“”"
TAGLINE = "ЖӨБ СОЮЗУНУН ЖУРНАЛЫ · ЖУРНАЛ СОЮЗА МСУ"


def _font(size):
    return ImageFont.truetype(str(COVER_FONT), size)


def _fitted(text, width, largest):
    """The largest font (up to `largest` px) in which `text` fits `width`."""
    length = _font(largest).getlength(text)
    return _font(min(largest, int(largest * width / length)))


def _wrap(text, font, width, max_lines):
    """Lines of `text` no wider than `width`; an ellipsis ends the last one if it had to be cut."""
    lines, line = [], ""
    for word in text.split():
        candidate = f"{line} {word}".strip()
        if font.getlength(candidate) <= width or not line:
            line = candidate
            continue
        lines.append(line)
        line = word
    lines.append(line)
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        while font.getlength(lines[-1] + "…") > width and " " in lines[-1]:
            lines[-1] = lines[-1].rsplit(" ", 1)[0]
        lines[-1] += "…"
    return lines


def _mix(colour, other, share):
    a, b = ImageColor.getrgb(colour), ImageColor.getrgb(other)
    return tuple(round(x + (y - x) * share) for x, y in zip(a, b, strict=True))


def _band(draw, palette, number, month):
    dark, accent, light = palette[0], palette[4], palette[5]
    width = SIZE[0] - 2 * MARGIN
    draw.rectangle((0, 0, SIZE[0], BAND), fill=dark)
    draw.text((MARGIN, 70), "МУНИЦИПАЛИТЕТ", font=_fitted("МУНИЦИПАЛИТЕТ", width, 150), fill=light, anchor="la")
    draw.text((MARGIN, 245), TAGLINE, font=_fitted(TAGLINE, width, 34), fill=_mix(light, dark, 0.3), anchor="la")
    draw.rectangle((MARGIN, 318, MARGIN + 120, 326), fill=accent)
    draw.text((MARGIN, 360), number, font=_font(84), fill=accent, anchor="la")
    draw.text((SIZE[0] - MARGIN, 378), month.upper(), font=_font(58), fill=light, anchor="ra")
    draw.rectangle((0, BAND - 14, SIZE[0], BAND), fill=accent)


def _titles(draw, palette, headline, subtitle):
    width = SIZE[0] - 2 * MARGIN
    top = BAND + ART_HEIGHT + 44
    draw.rectangle((0, BAND + ART_HEIGHT, SIZE[0], SIZE[1]), fill=palette[5])
    big = _font(58)
    for line in _wrap(headline, big, width, 3):
        draw.text((MARGIN, top), line, font=big, fill=palette[0], anchor="la")
        top += 72
    small = _font(38)
    for line in _wrap(subtitle, small, width, 2):
        draw.text((MARGIN, top + 14), line, font=small, fill=_mix(palette[0], palette[5], 0.35), anchor="la")
        top += 50
    draw.rectangle((0, SIZE[1] - 22, SIZE[0], SIZE[1]), fill=palette[4])


def draw_issue_cover(*, theme, seed, number, month, headline, subtitle=""):
    """The cover of an issue as JPEG bytes.

    `number` is printed as is ("№ 10 (156)"), `month` in capitals ("Октябрь 2026");
    `headline` (three lines at most) and `subtitle` (two) are the issue's titles.
    """
    palette = PALETTES.get(theme, PALETTES["planning"])
    image = Image.new("RGB", SIZE, palette[5])
    art = Image.open(io.BytesIO(draw_cover(theme, seed)))
    image.paste(art.resize((SIZE[0], ART_HEIGHT), Image.Resampling.LANCZOS), (0, BAND))
    draw = ImageDraw.Draw(image)
    _band(draw, palette, number, month)
    _titles(draw, palette, headline, subtitle)
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=84, optimize=True, progressive=True)
    return buffer.getvalue()
