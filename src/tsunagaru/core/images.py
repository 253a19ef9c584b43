"""The copies of an uploaded picture that the site keeps and shows.

The upload itself is never stored: a photo straight from a phone carries its place (GPS) and
the camera's details in EXIF, and may be 8000 px wide. Each picture is turned the right way up
(the EXIF orientation), re-encoded without any metadata and scaled down to a display copy and a
thumbnail for cards. Photos become JPEG (WebP if they have transparency), logos PNG.
Call only on a file that core.uploads.validate_image accepted (it bounds the pixels).
"""

from __future__ import annotations

import io
import uuid
from dataclasses import dataclass
from typing import IO, Any

from django.core.files.base import ContentFile
from PIL import Image, ImageOps

DISPLAY_LONG_SIDE = 1600  # sharp on a wide screen and in the printed 事例集 (A4, ~250 dpi)
THUMBNAIL_LONG_SIDE = 480  # a card at twice its CSS size, for high-density screens
LOGO_LONG_SIDE = 400  # shown at 96 CSS px; enough for 4× screens
JPEG_QUALITY = 85


@dataclass(frozen=True)
class Copy:
    """One re-encoded picture, ready to save in a FileField."""

    file: ContentFile[bytes]
    width: int
    height: int
    content_type: str


def copies(upload: IO[bytes], *sizes: int, graphic: bool = False) -> list[Copy]:
    """The picture in `upload` scaled to fit each long side in `sizes` (never enlarged), in
    that order; each is made from the one before, so give the largest first. A `graphic`
    (a logo: flat colours, sharp edges) is kept as PNG, which JPEG would blur."""
    position = upload.tell()
    try:
        with Image.open(upload) as original:
            if original.format == "JPEG":
                # Decode at a reduced scale straight away: a 40 MP photo never fills memory.
                original.draft("RGB", (sizes[0], sizes[0]))
            picture = ImageOps.exif_transpose(original)
            picture = _flatten_mode(picture)
            made = []
            for size in sizes:
                picture = picture.copy()
                picture.thumbnail((size, size), Image.Resampling.LANCZOS)
                made.append(_encode(picture, graphic=graphic))
            return made
    finally:
        upload.seek(position)


def _flatten_mode(picture: Image.Image) -> Image.Image:
    """RGB, or RGBA where the picture has transparency; the first frame of an animation."""
    has_alpha = picture.mode in ("RGBA", "LA", "PA") or "transparency" in picture.info
    return picture.convert("RGBA" if has_alpha else "RGB")


def _encode(picture: Image.Image, *, graphic: bool) -> Copy:
    buffer = io.BytesIO()
    # Nothing from the original's metadata is passed on: no EXIF, no GPS, no comments.
    if graphic:
        picture.save(buffer, "PNG", optimize=True)
        extension, content_type = "png", "image/png"
    elif picture.mode == "RGBA":
        picture.save(buffer, "WEBP", quality=JPEG_QUALITY, method=4)
        extension, content_type = "webp", "image/webp"
    else:
        picture.save(buffer, "JPEG", quality=JPEG_QUALITY, optimize=True, progressive=True)
        extension, content_type = "jpg", "image/jpeg"
    # The stored name is ours: the uploader's file name (which may name a person) is not kept.
    name = f"{uuid.uuid4().hex}.{extension}"
    return Copy(ContentFile(buffer.getvalue(), name=name), *picture.size, content_type)


def picture_fields(display: Copy, thumbnail: Copy) -> dict[str, Any]:
    """The values of a photo model's `image` and core.models.PictureCopies fields."""
    return {
        "image": display.file,
        "width": display.width,
        "height": display.height,
        "thumbnail": thumbnail.file,
        "thumbnail_width": thumbnail.width,
        "thumbnail_height": thumbnail.height,
    }


def fit(width: int | None, height: int | None, box: int) -> tuple[int, int] | None:
    """The size at which a width × height picture fits a box × box square (for the width and
    height attributes of an <img>), or None if the size is not known."""
    if not width or not height:
        return None
    scale = min(1.0, box / max(width, height))
    return max(1, round(width * scale)), max(1, round(height * scale))
