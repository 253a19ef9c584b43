"""The one picture of a record (a news article, an event), with its description (alt text).

Setting, replacing and removing it the same way everywhere: the upload is checked by content,
bytes and pixels (core.uploads) and kept only as a display copy and a thumbnail without its
metadata (core.images); the files a change replaces are deleted only once the new row is saved
for good, so a refused or rolled-back change keeps the old picture whole. The record is a model
with `image` and `alt_text` fields and core.models.PictureCopies.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.storage import Storage
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from tsunagaru.core import images
from tsunagaru.core.models import PictureCopies
from tsunagaru.core.uploads import PHOTO_MAX_BYTES, validate_image

StoredFile = tuple[Storage, str]
_NO_PICTURE: dict[str, Any] = {
    "image": "",
    "width": None,
    "height": None,
    "thumbnail": "",
    "thumbnail_width": None,
    "thumbnail_height": None,
}


def picture_replace(
    record: PictureCopies, *, upload: UploadedFile | None, remove: bool = False
) -> list[StoredFile]:
    """Give `record` the picture in `upload`, or take its picture away (`remove`), in memory.

    Returns the stored files the change replaces: the caller saves the record, then passes
    them to `delete_on_commit` inside the same transaction. An upload wins over `remove`.
    Raises the ValidationError of core.uploads.validate_image (file_too_large, invalid_image,
    too_many_pixels, name_mismatch, double_extension) before anything is changed.
    """
    if upload is None and not remove:
        return []
    values = _NO_PICTURE
    if upload is not None:
        validate_image(upload, max_bytes=PHOTO_MAX_BYTES)
        display, thumbnail = images.copies(
            upload, images.DISPLAY_LONG_SIDE, images.THUMBNAIL_LONG_SIDE
        )
        values = images.picture_fields(display, thumbnail)
    old = stored_files(record)
    for name, value in values.items():
        setattr(record, name, value)
    return old


def stored_files(record: PictureCopies) -> list[StoredFile]:
    """The files of the record's picture as they are stored now (display copy, thumbnail)."""
    files = (getattr(record, "image", None), record.thumbnail)
    return [(f.storage, f.name) for f in files if f and f.name]


def description_missing(record: PictureCopies) -> ValidationError | None:
    """An "alt_required" error when the record has a picture but no description of it."""
    if getattr(record, "image", None) and not str(getattr(record, "alt_text", "")).strip():
        return ValidationError(
            _("Describe what the picture shows, for people who cannot see it."),
            code="alt_required",
        )
    return None


def delete_on_commit(files: list[StoredFile]) -> None:
    """Delete `files` once the current transaction commits (a rollback keeps them)."""
    if not files:
        return

    def delete() -> None:
        for storage, name in files:
            storage.delete(name)

    transaction.on_commit(delete)
