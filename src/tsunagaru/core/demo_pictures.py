"""Pictures for the demo, drawn with Pillow: an illustration for each published case and a logo
for each group, each with a Japanese description of what it shows (its alt text).

Nothing is downloaded. The logo's character is drawn with Noto Sans CJK when Debian's
fonts-noto-cjk is installed (the PDF booklet needs it too); without it the logo shows a leaf and
its description says so. Colours follow the name, so a run of the demo always draws the same.
"""

from __future__ import annotations

import functools
import io
import math
import zlib
from dataclasses import dataclass
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, ImageDraw, ImageFont

FONT_PATHS = (
    Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc"),
    Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"),
)
# (colour, its name in a description)
PALETTE = (
    ((46, 125, 50), "緑"),
    ((21, 101, 192), "青"),
    ((230, 81, 0), "だいだい色"),
    ((106, 27, 154), "紫"),
    ((173, 20, 87), "えんじ色"),
    ((93, 64, 55), "茶色"),
)
NAME_PREFIXES = ("NPO法人", "一般社団法人", "社会福祉法人", "(株)", "（株）", "奥州市")


@dataclass(frozen=True)
class Picture:
    """A drawn picture as an upload, with what it shows in words."""

    upload: SimpleUploadedFile
    description: str


def case_illustration(title: str) -> Picture:
    """A 1200 × 800 illustration of the case's theme: fireworks at night, a snowy village, or a
    village under a blue sky, with three people in front."""
    content, description = _drawn_illustration(title)
    return Picture(_upload(content, "illustration.png"), description)


def group_logo(name: str) -> Picture:
    """A 400 × 400 logo: a coloured circle with the group's first character in white."""
    content, description = _drawn_logo(name)
    return Picture(_upload(content, "logo.png"), description)


# The same name always draws the same picture: drawn once per process (the test suite loads
# the demo many times), each call still a fresh upload.
@functools.cache
def _drawn_illustration(title: str) -> tuple[bytes, str]:
    colour, _colour_name = _colour(title)
    canvas = Image.new("RGB", (1200, 800))
    draw = ImageDraw.Draw(canvas)
    if "花火" in title:
        scene = _night_with_fireworks(draw, colour)
    elif "雪" in title:
        scene = _snowy_village(draw)
    else:
        scene = _village(draw, colour)
    _people(draw, colour)
    # The case's title stands next to the picture on every page: the description says only
    # what the picture shows.
    description = f"イメージイラスト：{scene}"
    return _png(canvas), description


@functools.cache
def _drawn_logo(name: str) -> tuple[bytes, str]:
    colour, colour_name = _colour(name)
    canvas = Image.new("RGBA", (400, 400), (0, 0, 0, 0))
    draw = ImageDraw.Draw(canvas)
    draw.ellipse((8, 8, 392, 392), fill=colour)
    initial = _initial(name)
    font = _font(220)
    if font is not None and initial:
        draw.text((200, 200), initial, font=font, fill="white", anchor="mm")
        shown = f"{colour_name}の丸の中に、白で「{initial}」の字"
    else:
        draw.ellipse((120, 110, 280, 290), fill="white")
        draw.line((200, 130, 200, 300), fill=colour, width=10)
        shown = f"{colour_name}の丸の中に、白い葉の形"
    return _png(canvas), f"{name}のロゴ：{shown}"


def _village(draw: ImageDraw.ImageDraw, colour: tuple[int, int, int]) -> str:
    draw.rectangle((0, 0, 1200, 800), fill=(187, 222, 251))
    draw.ellipse((960, 60, 1100, 200), fill=(255, 213, 79))
    draw.ellipse((-200, 420, 700, 1000), fill=(129, 199, 132))
    draw.ellipse((400, 460, 1400, 1100), fill=(102, 187, 106))
    for x in (180, 420, 760):
        _house(draw, x, 470, colour)
    for x in (80, 620, 1000):
        draw.rectangle((x + 22, 470, x + 38, 560), fill=(93, 64, 55))
        draw.ellipse((x - 30, 380, x + 90, 500), fill=(56, 142, 60))
    return "青空と太陽の下、緑の丘に家と木が並び、手前に三人が立っています。"


def _snowy_village(draw: ImageDraw.ImageDraw) -> str:
    draw.rectangle((0, 0, 1200, 800), fill=(207, 216, 220))
    draw.ellipse((-200, 420, 700, 1000), fill="white")
    draw.ellipse((400, 460, 1400, 1100), fill=(245, 245, 245))
    for x in (180, 420, 760):
        _house(draw, x, 470, (120, 144, 156))
        draw.polygon([(x - 20, 470), (x + 90, 380), (x + 200, 470)], fill="white")
    for i in range(60):
        x, y = (i * 197) % 1200, (i * 131) % 420
        draw.ellipse((x, y, x + 10, y + 10), fill="white")
    return "雪の降る灰色の空の下、雪の積もった家が並び、手前に三人が立っています。"


def _night_with_fireworks(draw: ImageDraw.ImageDraw, colour: tuple[int, int, int]) -> str:
    draw.rectangle((0, 0, 1200, 800), fill=(26, 35, 126))
    draw.ellipse((-200, 520, 1400, 1100), fill=(27, 94, 32))
    for cx, cy, tint in (
        (300, 220, (255, 235, 59)),
        (700, 160, colour),
        (980, 280, (240, 98, 146)),
    ):
        for ray in range(16):
            angle = ray * math.pi / 8
            end = (cx + 130 * math.cos(angle), cy + 130 * math.sin(angle))
            draw.line((cx, cy, *end), fill=tint, width=6)
    return "夜空に三つの花火が開き、手前で三人が見上げています。"


def _house(draw: ImageDraw.ImageDraw, x: int, ground: int, roof: tuple[int, int, int]) -> None:
    draw.rectangle((x, ground - 120, x + 180, ground + 60), fill=(255, 248, 225))
    draw.polygon([(x - 20, ground - 120), (x + 90, ground - 210), (x + 200, ground - 120)], roof)
    draw.rectangle((x + 70, ground - 20, x + 110, ground + 60), fill=(121, 85, 72))


def _people(draw: ImageDraw.ImageDraw, colour: tuple[int, int, int]) -> None:
    for i, x in enumerate((470, 600, 730)):
        shirt = colour if i == 1 else (255, 112, 67)
        draw.ellipse((x - 32, 560, x + 32, 624), fill=(255, 204, 128))
        draw.rounded_rectangle((x - 48, 630, x + 48, 800), radius=30, fill=shirt)


def _colour(name: str) -> tuple[tuple[int, int, int], str]:
    return PALETTE[zlib.crc32(name.encode()) % len(PALETTE)]


def _initial(name: str) -> str:
    for prefix in NAME_PREFIXES:
        name = name.removeprefix(prefix)
    return name.strip()[:1]


def _font(size: int) -> ImageFont.FreeTypeFont | None:
    for path in FONT_PATHS:
        if path.exists():
            return ImageFont.truetype(str(path), size, index=0)  # index 0: the Japanese face
    return None


def _png(canvas: Image.Image) -> bytes:
    buffer = io.BytesIO()
    canvas.save(buffer, "PNG")
    return buffer.getvalue()


def _upload(content: bytes, name: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="image/png")
