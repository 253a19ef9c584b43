"""Checks on uploaded files: what the file really is (its first bytes), not its name.

A file is accepted when its content is one of the kinds below, its name agrees with that
content, and (for pictures) it is small enough in bytes *and* in pixels. The same content check
(`sniff`) decides the Content-Type when a stored file is served (core.serving): a name is never
trusted. See docs/decisions/0008-uploaded-files.md.
"""

from __future__ import annotations

import zipfile
from typing import IO

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

IMAGE_TYPES = {"PNG": "image/png", "JPEG": "image/jpeg", "GIF": "image/gif", "WEBP": "image/webp"}
PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation"
# OpenDocument (LibreOffice, 一太郎's export): a ZIP whose first part, "mimetype", names the kind.
ODT = "application/vnd.oasis.opendocument.text"
ODS = "application/vnd.oasis.opendocument.spreadsheet"
OCTET_STREAM = "application/octet-stream"
MACRO = "macro"  # an Office file with macros: never accepted, never served as Office

# The name a file of each kind must end in.
EXTENSIONS: dict[str, tuple[str, ...]] = {
    PDF: ("pdf",),
    "image/png": ("png",),
    "image/jpeg": ("jpg", "jpeg"),
    "image/gif": ("gif",),
    "image/webp": ("webp",),
    DOCX: ("docx",),
    XLSX: ("xlsx",),
    PPTX: ("pptx",),
    ODT: ("odt",),
    ODS: ("ods",),
}
# What validate_document accepts unless a caller names its own kinds: OpenDocument only where
# an app offers it (the knowledge base's templates).
DOCUMENT_KINDS = frozenset(EXTENSIONS) - {ODT, ODS}
IMAGE_EXTENSIONS = tuple(ext for kind in IMAGE_TYPES.values() for ext in EXTENSIONS[kind])
# File types that must not hide inside a name ("予算.pdf.exe", "写真.jpg.html", "x.exe.pdf"):
# a second type in the name is how a file tricks the person who opens it.
KNOWN_EXTENSIONS = frozenset(
    {ext for exts in EXTENSIONS.values() for ext in exts}
    | {"doc", "docm", "dotm", "xls", "xlsm", "xltm", "ppt", "pptm", "potm", "ppsm", "rtf", "txt"}
    | {"odp", "odg", "ott", "ots"}
    | {"csv", "zip", "7z", "rar", "gz", "tar", "lzh", "iso", "img", "svg", "svgz", "bmp", "tif"}
    | {"tiff", "heic", "html", "htm", "xhtml", "shtml", "xml", "js", "mjs", "css", "php", "asp"}
    | {"aspx", "jsp", "cgi", "pl", "py", "rb", "sh", "bash", "exe", "com", "bat", "cmd", "scr"}
    | {"pif", "msi", "msp", "dll", "cpl", "jar", "vbs", "vbe", "jse", "wsf", "wsh", "hta", "ps1"}
    | {"lnk", "reg", "inf", "apk", "app", "dmg", "pkg", "deb", "rpm", "swf", "eml", "mht"}
)

DOCUMENT_MAX_BYTES = 10 * 1024 * 1024
PHOTO_MAX_BYTES = 10 * 1024 * 1024  # a phone's photo is 2-6 MB; only a copy is kept
LOGO_MAX_BYTES = 2 * 1024 * 1024
# Pixels, not bytes, decide what decoding an image costs (4 bytes a pixel: 40 MP ≈ 160 MB while
# the copies are made). 40 MP takes any camera's or phone's normal photo (48 MP phones save
# 12 MP by default) and refuses the 20000 × 20000 "bomb" that a few kilobytes of PNG can be.
PHOTO_MAX_PIXELS = 40_000_000
# A logo is shown at 96 px; 4 MP (2000 × 2000) is far more than any logo needs.
LOGO_MAX_PIXELS = 4_000_000
# Reading an Office file's table of contents: bounded, so a zip bomb cannot cost memory.
_CONTENT_TYPES_MAX_BYTES = 1024 * 1024


def sniff(handle: IO[bytes]) -> str:
    """The content type of an open file, from its content alone (the position is kept).

    Returns one of the types in EXTENSIONS, MACRO for an Office file with macros, or
    application/octet-stream for anything else (a ZIP that is not Office, HTML, text, ...).
    """
    position = handle.tell()
    try:
        head = handle.read(16)
        if head.startswith(b"%PDF-"):
            return PDF
        if head.startswith(b"\x89PNG\r\n\x1a\n"):
            return "image/png"
        if head.startswith(b"\xff\xd8\xff"):
            return "image/jpeg"
        if head.startswith((b"GIF87a", b"GIF89a")):
            return "image/gif"
        if head.startswith(b"RIFF") and head[8:12] == b"WEBP":
            return "image/webp"
        if head.startswith(b"PK\x03\x04"):
            handle.seek(position)
            return _office_type(handle)
        return OCTET_STREAM
    finally:
        handle.seek(position)


def _office_type(handle: IO[bytes]) -> str:
    """Word, Excel or PowerPoint (Office Open XML) or an OpenDocument text or spreadsheet by the
    parts inside the ZIP; MACRO if the file carries macros; application/octet-stream for any
    other ZIP."""
    try:
        with zipfile.ZipFile(handle) as archive:
            names = set(archive.namelist())
            if "mimetype" in names and "[Content_Types].xml" not in names:
                return _open_document_type(archive, names)
            info = (
                archive.getinfo("[Content_Types].xml") if "[Content_Types].xml" in names else None
            )
            types = ""
            if info is not None and info.file_size <= _CONTENT_TYPES_MAX_BYTES:
                types = archive.read(info).decode("utf-8", "replace")
    except (zipfile.BadZipFile, OSError, RuntimeError, NotImplementedError, EOFError):
        return OCTET_STREAM
    if info is None:
        return OCTET_STREAM
    if "macroEnabled" in types or any(n.lower().endswith("vbaproject.bin") for n in names):
        return MACRO
    if "word/document.xml" in names:
        return DOCX
    if "xl/workbook.xml" in names:
        return XLSX
    if "ppt/presentation.xml" in names:
        return PPTX
    return OCTET_STREAM


def _open_document_type(archive: zipfile.ZipFile, names: set[str]) -> str:
    """An OpenDocument's kind from its "mimetype" part; MACRO if it carries Basic or scripts."""
    info = archive.getinfo("mimetype")
    if info.file_size > 100:
        return OCTET_STREAM
    kind = archive.read(info).decode("ascii", "replace").strip()
    if kind not in (ODT, ODS):
        return OCTET_STREAM
    if any(n.startswith(("Basic/", "Scripts/")) for n in names):
        return MACRO
    return kind


def validate_image(
    file: UploadedFile, *, max_bytes: int, max_pixels: int = PHOTO_MAX_PIXELS
) -> str:
    """A real PNG, JPEG, GIF or WebP image (Pillow reads and verifies it) of `max_bytes` or
    less and `max_pixels` or fewer, named as a picture. Returns its content type.

    Error codes: file_too_large, invalid_image, too_many_pixels, name_mismatch,
    double_extension. The picture is re-encoded before it is kept (core.images), so its name
    need only be a picture's, not exactly its own type's.
    """
    _check_size(file, max_bytes)
    kind = _image_kind(file, max_pixels)
    _check_name(file.name, IMAGE_EXTENSIONS)
    return kind


def _image_kind(file: UploadedFile, max_pixels: int) -> str:
    from PIL import Image, UnidentifiedImageError

    position = file.tell()
    try:
        with Image.open(file) as image:
            kind = image.format
            _check_pixels(image.width, image.height, max_pixels)
            image.verify()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        # Pillow refuses before we could look: still a clear "too large", never a 500.
        raise _too_many_pixels(max_pixels) from error
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        kind = None
    finally:
        file.seek(position)
    if kind not in IMAGE_TYPES:
        raise ValidationError(
            _("The file must be a PNG, JPEG, GIF or WebP image."), code="invalid_image"
        )
    return IMAGE_TYPES[kind]


def _check_pixels(width: int, height: int, max_pixels: int) -> None:
    if width * height > max_pixels:
        raise _too_many_pixels(max_pixels)


def _too_many_pixels(max_pixels: int) -> ValidationError:
    return ValidationError(
        _(
            "The image has too many pixels: at most %(megapixels)s million are accepted. "
            "Make it smaller and try again."
        ),
        code="too_many_pixels",
        params={"megapixels": max_pixels // 1_000_000},
    )


def validate_document(
    file: UploadedFile,
    *,
    max_bytes: int = DOCUMENT_MAX_BYTES,
    kinds: frozenset[str] = DOCUMENT_KINDS,
) -> str:
    """A PDF, an image, or a Word, Excel or PowerPoint file (Office Open XML, without macros),
    of `max_bytes` or less, whose name ends in its own type. Returns its content type.
    `kinds` narrows or widens what is accepted (e.g. OpenDocument); the caller then explains
    an `invalid_document` refusal in its own words.

    Error codes: file_too_large, invalid_document, macro, too_many_pixels, name_mismatch,
    double_extension. The document is kept as it came, so its name must match it exactly.
    """
    _check_size(file, max_bytes)
    kind = sniff(file)
    if kind == MACRO:
        raise ValidationError(
            _(
                "Office files with macros (.docm, .xlsm, .pptm) are not accepted. "
                "Save the file without macros (.docx, .xlsx or .pptx) and try again."
            ),
            code="macro",
        )
    if kind.startswith("image/"):
        kind = validate_image(file, max_bytes=max_bytes)
    if kind not in kinds:
        raise ValidationError(
            _("Attach a PDF, an image, or a Word, Excel or PowerPoint file."),
            code="invalid_document",
        )
    _check_name(file.name, EXTENSIONS[kind])
    return kind


def _check_name(name: str | None, allowed: tuple[str, ...]) -> None:
    """The name ends in one of `allowed` and names no other file type before it."""
    parts = (name or "").replace("\\", "/").rsplit("/", 1)[-1].lower().split(".")
    if len(parts) < 2 or parts[-1] not in allowed:
        raise ValidationError(
            _(
                "The file's name does not match its content: it should end in %(extensions)s. "
                "Rename the file and try again."
            ),
            code="name_mismatch",
            params={"extensions": " / ".join(f".{e}" for e in allowed)},
        )
    hidden = [part for part in parts[1:-1] if part.strip() in KNOWN_EXTENSIONS]
    if hidden:
        raise ValidationError(
            _(
                "The file's name contains a second file type (.%(type)s). "
                "Rename the file so that it has only one and try again."
            ),
            code="double_extension",
            params={"type": hidden[0]},
        )


def _check_size(file: UploadedFile, max_bytes: int) -> None:
    if file.size is not None and file.size > max_bytes:
        raise ValidationError(
            _("The file must be %(size)s MB or smaller."),
            code="file_too_large",
            params={"size": max_bytes // (1024 * 1024)},
        )
