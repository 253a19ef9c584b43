"""A case's photos and files: served to whoever may see the case, typed by their content;
a draft's files refused to strangers. Uploads checked by content, name and pixels."""

from __future__ import annotations

import re

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from PIL import Image

from tsunagaru.accounts.models import Role
from tsunagaru.cases import booklet, services
from tsunagaru.cases.models import CaseAttachment, CasePhoto
from tsunagaru.cases.tests.test_services import draft
from tsunagaru.core.tests.pictures import PDF_BYTES, bomb_png, phone_photo, picture, upload

pytestmark = pytest.mark.django_db


def add_photo(case, by):
    return services.case_photo_add(
        case=case,
        image=upload("IMG_0001.jpg", phone_photo(), "image/jpeg"),
        alt_text="河川敷から見上げた打ち上げ花火",
        caption="",
        by=by,
    )


def add_file(case, by, content=PDF_BYTES, name="budget.pdf"):
    return services.case_attachment_add(
        case=case, file=upload(name, content), title="予算書", by=by
    )


def publish(case, partners, coordinator):
    _inase, fireworks, author, other = partners
    services.case_submit(case=case, by=author)
    services.case_confirm(case=case, partner=case.partners.get(organisation=fireworks), by=other)
    services.case_publish(case=case, by=coordinator)


def body(response) -> bytes:
    return b"".join(response.streaming_content)


def test_a_published_case_photo_is_public_typed_by_content_and_cacheable(
    client, partners, coordinator
):
    inase, _fireworks, author, _other = partners
    case = draft(inase, author)
    photo = add_photo(case, author)
    publish(case, partners, coordinator)

    response = client.get(reverse("cases:photo", args=[photo.pk]))

    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"].startswith("public")
    assert "attachment" not in response.get("Content-Disposition", "")
    assert body(response).startswith(b"\xff\xd8\xff")
    thumbnail = client.get(reverse("cases:photo_thumbnail", args=[photo.pk]))
    assert Image.open(ContentFile(body(thumbnail))).size == (320, 480)


def test_every_img_on_a_published_case_and_the_list_is_served_with_its_size_and_description(
    client, partners, coordinator
):
    inase, _fireworks, author, _other = partners
    case = draft(inase, author)
    add_photo(case, author)
    publish(case, partners, coordinator)

    for url in (case.get_absolute_url(), reverse("cases:list")):
        main = client.get(url).content.decode().split("<main", 1)[1].split("</main>", 1)[0]
        tags = re.findall(r"<img [^>]*>", main)
        assert tags, url
        for tag in tags:
            assert 'alt="河川敷から見上げた打ち上げ花火"' in tag
            assert re.search(r'width="\d+" height="\d+"', tag)
            src = re.search(r'src="([^"]+)"', tag).group(1)
            assert client.get(src).status_code == 200, src


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("anonymous", 404),
        ("stranger", 404),
        ("author", 200),
        ("partner", 200),  # a named partner sees what it will confirm
        ("coordinator", 200),
    ],
)
def test_a_drafts_photo_and_file_are_refused_to_strangers(
    client, partners, coordinator, make_user, who, expected
):
    inase, _fireworks, author, other = partners
    case = draft(inase, author)
    photo = add_photo(case, author)
    attachment = add_file(case, author)
    people = {
        "stranger": make_user(Role.PARTNER_MEMBER),
        "author": author,
        "partner": other,
        "coordinator": coordinator,
    }
    if who in people:
        client.force_login(people[who])

    for url in (
        reverse("cases:photo", args=[photo.pk]),
        reverse("cases:photo_thumbnail", args=[photo.pk]),
        reverse("cases:attachment", args=[attachment.pk]),
    ):
        response = client.get(url)
        assert response.status_code == expected, url
        if expected == 200:
            assert response["Cache-Control"] == "private, no-store"


def test_a_file_is_a_download_named_after_its_title(client, partners):
    inase, _fireworks, author, _other = partners
    case = draft(inase, author)
    attachment = add_file(case, author)
    client.force_login(author)

    response = client.get(reverse("cases:attachment", args=[attachment.pk]))

    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert "filename*=utf-8''%E4%BA%88%E7%AE%97%E6%9B%B8.pdf" in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert body(response) == PDF_BYTES


def test_the_type_comes_from_the_content_never_from_the_name(client, partners):
    # A file stored before the checks existed (or put there by hand): a PNG named .jpg, an
    # HTML page named .pdf. Each is served as what it is; the page only as bytes to download.
    inase, _fireworks, author, _other = partners
    case = draft(inase, author)
    client.force_login(author)
    png = CaseAttachment.objects.create(
        case=case, title="図", file=ContentFile(picture(kind="PNG"), name="figure.jpg")
    )
    page = CaseAttachment.objects.create(
        case=case, title="案内", file=ContentFile(b"<html><script>1</script>", name="a.pdf")
    )

    as_png = client.get(reverse("cases:attachment", args=[png.pk]))
    as_bytes = client.get(reverse("cases:attachment", args=[page.pk]))

    assert as_png["Content-Type"] == "image/png"
    assert as_png["Content-Disposition"].startswith("attachment;")  # a file, not a picture
    assert as_bytes["Content-Type"] == "application/octet-stream"
    assert as_bytes["Content-Disposition"].startswith("attachment;")


def test_a_photo_whose_stored_content_is_not_a_picture_is_never_shown_inline(client, partners):
    # Only pictures are inline: anything else, even behind a photo's URL, is a download.
    inase, _fireworks, author, _other = partners
    case = draft(inase, author)
    photo = CasePhoto.objects.create(
        case=case, alt_text="x", image=ContentFile(b"<html><script>1</script>", name="p.jpg")
    )
    client.force_login(author)

    response = client.get(reverse("cases:photo", args=[photo.pk]))

    assert response["Content-Type"] == "application/octet-stream"
    assert response["Content-Disposition"].startswith("attachment;")


def test_a_file_missing_from_the_storage_is_not_found(client, partners):
    inase, _fireworks, author, _other = partners
    case = draft(inase, author)
    attachment = add_file(case, author)
    attachment.file.storage.delete(attachment.file.name)
    client.force_login(author)

    assert client.get(reverse("cases:attachment", args=[attachment.pk])).status_code == 404


@pytest.mark.parametrize(
    ("name", "content", "code"),
    [
        ("bomb.png", bomb_png(20000, 20000), "too_many_pixels"),
        ("large.png", bomb_png(7000, 7000), "too_many_pixels"),
        ("photo.png.html", picture(), "name_mismatch"),
        ("photo.pdf", PDF_BYTES, "invalid_image"),
    ],
)
def test_a_photo_upload_is_refused_with_a_clear_message_and_nothing_saved(
    client, partners, name, content, code
):
    inase, _fireworks, author, _other = partners
    case = draft(inase, author)
    client.force_login(author)

    response = client.post(
        reverse("cases:photos", args=[case.pk]),
        {"image": upload(name, content, "image/png"), "alt_text": "花火"},
    )

    assert response.status_code == 200
    assert [e.code for e in response.context["form"].errors.as_data()["image"]] == [code]
    assert not case.photos.exists()


def test_a_dangerous_file_is_refused_on_the_files_page(client, partners):
    inase, _fireworks, author, _other = partners
    case = draft(inase, author)
    client.force_login(author)

    response = client.post(
        reverse("cases:files", args=[case.pk]),
        {"file": upload("予算.pdf.exe", PDF_BYTES), "title": "予算書"},
    )

    assert response.context["form"].errors.as_data()["file"][0].code == "name_mismatch"
    assert not case.attachments.exists()


def test_the_kept_photo_is_a_smaller_copy_without_the_place_it_was_taken(client, partners):
    inase, _fireworks, author, _other = partners
    case = draft(inase, author)
    original = phone_photo()
    client.force_login(author)

    client.post(
        reverse("cases:photos", args=[case.pk]),
        {"image": upload("IMG_0001.jpg", original, "image/jpeg"), "alt_text": "花火"},
    )

    photo = case.photos.get()
    assert (photo.width, photo.height) == (1067, 1600)
    with photo.image.open("rb") as handle:
        kept = handle.read()
    assert len(kept) < len(original)
    assert not Image.open(ContentFile(kept)).getexif()
    assert photo.thumbnail.size < len(kept)
    assert not photo.image.name.endswith("IMG_0001.jpg")  # the uploader's file name is not kept


def test_removing_a_photo_removes_its_copies(client, partners, django_capture_on_commit_callbacks):
    inase, _fireworks, author, _other = partners
    case = draft(inase, author)
    photo = add_photo(case, author)
    storage, names = photo.image.storage, (photo.image.name, photo.thumbnail.name)

    with django_capture_on_commit_callbacks(execute=True):
        services.case_photo_remove(photo=photo, by=author)

    assert not any(storage.exists(name) for name in names)


def test_the_pdf_booklet_reads_the_photo_through_the_storage(partners, coordinator):
    inase, _fireworks, author, _other = partners
    case = draft(inase, author)
    photo = add_photo(case, author)
    publish(case, partners, coordinator)
    cases = list(booklet.booklet_cases([case.pk]))

    assert f"stored:{photo.image.name}" in booklet.html(cases, for_pdf=True)
    assert b"/Subtype /Image" in booklet.pdf(cases)
