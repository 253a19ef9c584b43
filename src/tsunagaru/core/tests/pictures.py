"""Files for upload tests, made in memory: pictures, a decompression bomb, Office files."""

from __future__ import annotations

import io
import struct
import zipfile
import zlib

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

PDF_BYTES = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
GPS_IFD = 0x8825
ORIENTATION = 0x0112


def picture(size: tuple[int, int] = (40, 30), kind: str = "PNG", mode: str = "RGB") -> bytes:
    buffer = io.BytesIO()
    Image.new(mode, size, "white" if mode != "RGBA" else (0, 0, 255, 128)).save(buffer, kind)
    return buffer.getvalue()


def phone_photo(size: tuple[int, int] = (3000, 2000)) -> bytes:
    """A JPEG as a phone saves it: sideways, with the orientation to turn it and a GPS place."""
    image = Image.new("RGB", size, (200, 120, 40))
    exif = Image.Exif()
    exif[ORIENTATION] = 6  # turn 90° clockwise to show
    exif[0x010F] = "ExamplePhone"  # camera maker
    exif.get_ifd(GPS_IFD).update({1: "N", 2: (39.0, 8.0, 0.0), 3: "E", 4: (141.0, 8.0, 0.0)})
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", exif=exif, quality=95)
    return buffer.getvalue()


def bomb_png(width: int = 20000, height: int = 20000) -> bytes:
    """A PNG of a few dozen bytes whose header claims width × height pixels."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    idat = zlib.compress(b"\x00" * 64)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")
    )


def office(kind: str = "docx", *, macros: bool = False) -> bytes:
    """A minimal Word, Excel or PowerPoint file (Office Open XML), with macros if asked."""
    main = {
        "docx": ("word/document.xml", "wordprocessingml.document"),
        "xlsx": ("xl/workbook.xml", "spreadsheetml.sheet"),
        "pptx": ("ppt/presentation.xml", "presentationml.presentation"),
    }[kind]
    content_type = f"application/vnd.openxmlformats-officedocument.{main[1]}.main+xml"
    if macros:
        content_type = "application/vnd.ms-word.document.macroEnabled.main+xml"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(
            "[Content_Types].xml",
            f'<Types><Override PartName="/{main[0]}" ContentType="{content_type}"/></Types>',
        )
        archive.writestr(main[0], "<document/>")
        if macros:
            archive.writestr("word/vbaProject.bin", b"\x00macro")
    return buffer.getvalue()


def plain_zip(*names: str) -> bytes:
    """A ZIP that is not an Office file (it may hold parts named like Office's)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in names or ("readme.txt",):
            archive.writestr(name, "not an Office file")
    return buffer.getvalue()


def upload(
    name: str, content: bytes, content_type: str = "application/octet-stream"
) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type=content_type)
