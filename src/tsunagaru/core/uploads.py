"""Checks on uploaded files: what the file really is (its first bytes), not its name."""

from __future__ import annotations

import zipfile

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

IMAGE_TYPES = {"PNG", "JPEG", "GIF", "WEBP"}
DOCUMENT_MAX_BYTES = 10 * 1024 * 1024


def validate_image(file: UploadedFile, *, max_bytes: int) -> None:
    """A real PNG, JPEG, GIF or WebP image (Pillow reads and verifies it) of `max_bytes` or less."""
    from PIL import Image, UnidentifiedImageError

    _check_size(file, max_bytes)
    try:
        position = file.tell()
        with Image.open(file) as image:
            kind = image.format
            image.verify()
        file.seek(position)
    except (UnidentifiedImageError, OSError, SyntaxError):
        kind = None
    if kind not in IMAGE_TYPES:
        raise ValidationError(
            _("The file must be a PNG, JPEG, GIF or WebP image."), code="invalid_image"
        )


def validate_document(file: UploadedFile, *, max_bytes: int = DOCUMENT_MAX_BYTES) -> str:
    """A PDF, an image, or a Word, Excel or PowerPoint file (Office Open XML), of `max_bytes`
    or less. Returns the kind: "pdf", "image" or "office"."""
    _check_size(file, max_bytes)
    position = file.tell()
    head = file.read(8)
    file.seek(position)
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(file) as archive:
                names = set(archive.namelist())
        except (zipfile.BadZipFile, OSError):
            names = set()
        file.seek(position)
        if "[Content_Types].xml" in names:
            return "office"
    else:
        try:
            validate_image(file, max_bytes=max_bytes)
        except ValidationError:
            pass
        else:
            return "image"
    raise ValidationError(
        _("Attach a PDF, an image, or a Word, Excel or PowerPoint file."), code="invalid_document"
    )


def _check_size(file: UploadedFile, max_bytes: int) -> None:
    if file.size is not None and file.size > max_bytes:
        raise ValidationError(
            _("The file must be %(size)s MB or smaller."),
            code="file_too_large",
            params={"size": max_bytes // (1024 * 1024)},
        )
