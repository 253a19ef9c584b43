"""What core.uploads refuses, decided by the file's content, never by its name."""

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from tsunagaru.core.uploads import DOCX, IMAGE_TYPES, PDF, validate_document, validate_image

MB = 1024 * 1024


def image_bytes(kind, size=(8, 8)):
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 80, 40)).save(buffer, format=kind)
    return buffer.getvalue()


def zip_bytes(names):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in names:
            archive.writestr(name, "<x/>")
    return buffer.getvalue()


def upload(content, name="file.bin"):
    return SimpleUploadedFile(name, content)


@pytest.mark.parametrize(
    ("kind", "name"),
    [("PNG", "photo.png"), ("JPEG", "photo.jpg"), ("GIF", "photo.gif"), ("WEBP", "photo.webp")],
)
def test_the_allowed_image_types_are_accepted(kind, name):
    assert validate_image(upload(image_bytes(kind), name), max_bytes=2 * MB) == IMAGE_TYPES[kind]
    assert validate_document(upload(image_bytes(kind), name)) == IMAGE_TYPES[kind]


@pytest.mark.parametrize("kind", ["BMP", "TIFF", "ICO", "PPM"])
def test_an_image_type_outside_the_allowed_list_is_refused(kind):
    # Pillow reads these well; they are still not on the list (named .png or not).
    with pytest.raises(ValidationError) as error:
        validate_image(upload(image_bytes(kind), "photo.png"), max_bytes=2 * MB)
    assert error.value.code == "invalid_image"
    with pytest.raises(ValidationError) as error:
        validate_document(upload(image_bytes(kind), "photo.png"))
    assert error.value.code == "invalid_document"


def test_an_oversized_photo_is_refused_before_it_is_read():
    photo = image_bytes("PNG")
    padded = photo + b"\0" * (2 * MB + 1 - len(photo))

    with pytest.raises(ValidationError) as error:
        validate_image(upload(padded, "photo.png"), max_bytes=2 * MB)

    assert error.value.code == "file_too_large"
    assert error.value.params == {"size": 2}


def test_a_photo_of_exactly_the_limit_is_accepted():
    photo = image_bytes("PNG")
    validate_image(upload(photo, "photo.png"), max_bytes=len(photo))


def test_an_oversized_document_is_refused():
    pdf = b"%PDF-1.7\n" + b"0" * (3 * MB)
    with pytest.raises(ValidationError) as error:
        validate_document(upload(pdf, "plan.pdf"), max_bytes=3 * MB)
    assert error.value.code == "file_too_large"
    assert validate_document(upload(pdf, "plan.pdf"), max_bytes=len(pdf)) == PDF


def test_an_office_file_is_a_zip_with_content_types():
    docx = zip_bytes(["[Content_Types].xml", "word/document.xml"])
    assert validate_document(upload(docx, "plan.docx")) == DOCX


@pytest.mark.parametrize(
    "content",
    [
        zip_bytes(["index.html", "payload.exe"]),
        zip_bytes(["word/document.xml"]),
        b"PK\x03\x04 broken archive",
    ],
    ids=["other-zip", "office-like-without-content-types", "broken-zip"],
)
def test_a_zip_that_is_not_office_is_refused_even_named_docx(content):
    with pytest.raises(ValidationError) as error:
        validate_document(upload(content, "plan.docx"))
    assert error.value.code == "invalid_document"


@pytest.mark.parametrize(
    "content", [b"<html><script>alert(1)</script>", b"MZ\x90\x00", b""], ids=["html", "exe", "0"]
)
def test_other_content_is_refused_whatever_its_name(content):
    with pytest.raises(ValidationError) as error:
        validate_document(upload(content, "plan.pdf"))
    assert error.value.code == "invalid_document"


def test_the_file_can_be_read_again_after_the_check():
    photo = image_bytes("PNG")
    file = upload(photo, "photo.png")
    validate_image(file, max_bytes=2 * MB)
    assert file.read() == photo
    docx = zip_bytes(["[Content_Types].xml", "word/document.xml"])
    file = upload(docx, "plan.docx")
    validate_document(file)
    assert file.read() == docx
