"""Upload checks (core.uploads) and the copies kept of pictures (core.images)."""

from __future__ import annotations

import io

import pytest
from django.core.exceptions import ValidationError
from PIL import Image

from tsunagaru.core import images, uploads
from tsunagaru.core.tests.pictures import (
    GPS_IFD,
    PDF_BYTES,
    bomb_png,
    office,
    phone_photo,
    picture,
    plain_zip,
    upload,
)


def refusal(check, file, **kwargs) -> str:
    with pytest.raises(ValidationError) as caught:
        check(file, **kwargs)
    return caught.value.code


@pytest.mark.parametrize(
    ("name", "content", "code"),
    [
        ("page.html", PDF_BYTES, "name_mismatch"),  # a PDF must be named .pdf
        ("予算.pdf.exe", PDF_BYTES, "name_mismatch"),
        ("予算.exe.pdf", PDF_BYTES, "double_extension"),
        ("写真.jpg.pdf", PDF_BYTES, "double_extension"),
        ("予算", PDF_BYTES, "name_mismatch"),
        ("photo.jpg", picture(kind="PNG"), "name_mismatch"),  # a document is kept as it came
        ("写真.jpg.html", picture(kind="JPEG"), "name_mismatch"),
        ("plan.docm", office(macros=True), "macro"),
        ("plan.docx", office(macros=True), "macro"),  # renamed: the content still has macros
        ("archive.zip", plain_zip(), "invalid_document"),
        ("archive.docx", plain_zip(), "invalid_document"),  # a ZIP that is not Office
        ("fake.docx", plain_zip("word/document.xml"), "invalid_document"),  # no content types
        ("plan.xlsx", office("docx"), "name_mismatch"),
        ("page.html", b"<html><script>alert(1)</script></html>", "invalid_document"),
    ],
)
def test_a_document_whose_name_does_not_agree_with_its_content_is_refused(name, content, code):
    assert refusal(uploads.validate_document, upload(name, content)) == code


@pytest.mark.parametrize(
    ("name", "content", "content_type"),
    [
        ("令和6年度.予算書.pdf", PDF_BYTES, uploads.PDF),  # dots that are not types are fine
        ("実施計画.docx", office("docx"), uploads.DOCX),
        ("収支.XLSX", office("xlsx"), uploads.XLSX),
        ("報告.pptx", office("pptx"), uploads.PPTX),
        ("チラシ.jpeg", picture(kind="JPEG"), "image/jpeg"),
        ("図.png", picture(), "image/png"),
    ],
)
def test_a_document_is_accepted_with_its_type_from_the_content(name, content, content_type):
    assert uploads.validate_document(upload(name, content)) == content_type


def test_a_photo_may_be_named_as_any_picture_since_only_a_copy_is_kept():
    assert uploads.validate_image(upload("IMG_0001.JPG", picture()), max_bytes=10**6) == (
        "image/png"
    )
    assert refusal(uploads.validate_image, upload("x.png.html", picture()), max_bytes=10**6) == (
        "name_mismatch"
    )
    assert refusal(uploads.validate_image, upload("x.exe.png", picture()), max_bytes=10**6) == (
        "double_extension"
    )


def test_a_decompression_bomb_is_refused_as_too_many_pixels_not_an_error():
    bomb = upload("bomb.png", bomb_png(20000, 20000))

    assert refusal(uploads.validate_image, bomb, max_bytes=10**6) == "too_many_pixels"


def test_pixels_are_limited_below_pillows_own_guard():
    # 49 MP: Pillow itself lets it through (its guard starts at 89 MP); our 40 MP cap does not.
    large = upload("large.png", bomb_png(7000, 7000))

    assert refusal(uploads.validate_image, large, max_bytes=10**6) == "too_many_pixels"
    assert uploads.validate_image(upload("ok.png", bomb_png(6000, 6000)), max_bytes=10**6)


def test_a_logo_of_10000_by_10000_pixels_is_refused():
    logo = upload("logo.png", picture((10000, 10000), mode="1"))

    assert len(logo) < uploads.LOGO_MAX_BYTES  # small in bytes, huge in pixels
    code = refusal(
        uploads.validate_image,
        logo,
        max_bytes=uploads.LOGO_MAX_BYTES,
        max_pixels=uploads.LOGO_MAX_PIXELS,
    )
    assert code == "too_many_pixels"


def test_sniff_names_the_type_by_content_and_keeps_the_position():
    handle = io.BytesIO(picture(kind="GIF"))

    assert uploads.sniff(handle) == "image/gif"
    assert handle.tell() == 0
    assert uploads.sniff(io.BytesIO(picture(kind="WEBP"))) == "image/webp"
    assert uploads.sniff(io.BytesIO(b"<svg xmlns='http://www.w3.org/2000/svg'/>")) == (
        uploads.OCTET_STREAM
    )


def test_copies_turn_the_photo_upright_shrink_it_and_drop_its_metadata():
    original = phone_photo((3000, 2000))
    assert Image.open(io.BytesIO(original)).getexif().get_ifd(GPS_IFD)  # the place is there

    display, thumbnail = images.copies(
        upload("p.jpg", original), images.DISPLAY_LONG_SIDE, images.THUMBNAIL_LONG_SIDE
    )

    # Orientation 6 means the stored pixels lie on their side: upright, the photo is tall.
    assert (display.width, display.height) == (1067, 1600)
    assert (thumbnail.width, thumbnail.height) == (320, 480)
    for copy in (display, thumbnail):
        kept = Image.open(copy.file)
        assert kept.format == "JPEG"
        assert kept.size == (copy.width, copy.height)
        assert not kept.getexif()  # no GPS, no camera, no orientation left to apply
        assert "exif" not in kept.info
    assert thumbnail.file.size < display.file.size < len(original)


def test_a_picture_with_transparency_stays_transparent_and_a_logo_stays_png():
    (photo,) = images.copies(upload("a.png", picture(mode="RGBA")), 1600)
    (logo,) = images.copies(upload("l.png", picture((800, 400))), 400, graphic=True)

    assert photo.content_type == "image/webp"
    assert Image.open(photo.file).mode == "RGBA"
    assert (logo.content_type, logo.width, logo.height) == ("image/png", 400, 200)


def test_fit_scales_down_to_a_box_and_never_up():
    assert images.fit(1600, 1067, 160) == (160, 107)
    assert images.fit(80, 40, 160) == (80, 40)
    assert images.fit(None, 40, 160) is None
