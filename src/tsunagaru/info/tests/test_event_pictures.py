"""An event's picture with its description: checked like every picture of the site, kept as
copies without metadata, replaced and removed without leaving files behind, and shown with its
description and size on the event's page, its card, the home page and the booth."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tsunagaru.audit.models import AuditEvent
from tsunagaru.core.tests.pictures import PDF_BYTES, bomb_png, phone_photo, picture
from tsunagaru.core.uploads import PHOTO_MAX_BYTES
from tsunagaru.info import services
from tsunagaru.info.models import Event
from tsunagaru.info.tests.factories import EventFactory

pytestmark = pytest.mark.django_db

ALT = "雪の積もった地区センターの前で、長靴の人が三人並んでいる"


def png(name: str = "poster.png", size: tuple[int, int] = (640, 480)) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, picture(size), content_type="image/png")


def with_picture(event: Event, by, *, alt: str = ALT) -> Event:
    return services.event_save(event=event, data={"alt_text": alt}, image=png(), by=by)


def files_of(event: Event) -> list[str]:
    return [event.image.name, event.thumbnail.name]


# -- services -------------------------------------------------------------------------------


def test_a_picture_is_kept_as_copies_without_its_metadata_and_the_change_is_audited(
    event, organiser_member
):
    photo = SimpleUploadedFile("IMG_0042.jpg", phone_photo(), content_type="image/jpeg")

    saved = services.event_save(
        event=event, data={"alt_text": f"  {ALT} "}, image=photo, by=organiser_member
    )

    saved.refresh_from_db()
    assert saved.alt_text == ALT
    assert saved.image.name.startswith("events/")
    assert saved.image.name.endswith(".jpg")
    assert "IMG_0042" not in saved.image.name
    # The phone's photo is sideways with an orientation tag: the copy stands upright.
    assert (saved.width, saved.height) == (1067, 1600)
    assert max(saved.thumbnail_width, saved.thumbnail_height) == 480
    assert all(default_storage.exists(name) for name in files_of(saved))
    with default_storage.open(saved.image.name) as kept:
        assert b"ExamplePhone" not in kept.read()  # no EXIF, no GPS
    update = AuditEvent.objects.get(action="event.update", target_id=str(event.pk))
    assert update.after["picture"] is True


def test_a_picture_without_its_description_is_refused_and_nothing_is_saved(event, organiser_member):
    with pytest.raises(ValidationError) as error:
        services.event_save(event=event, data={"alt_text": "  "}, image=png(), by=organiser_member)

    assert error.value.error_dict["alt_text"][0].code == "alt_required"
    assert not Event.objects.get(pk=event.pk).image
    assert not AuditEvent.objects.filter(action="event.update").exists()


def test_a_new_event_with_a_picture_needs_its_description_too(event, organiser_member):
    data = {
        "title": "雪かき講習会",
        "description": "道具の使い方を学びます。",
        "kind": event.kind,
        "place_name": "稲瀬地区センター",
        "starts_at": event.starts_at,
        "ends_at": event.ends_at,
    }
    with pytest.raises(ValidationError) as error:
        services.event_save(
            event=None, data=data, organiser=event.organiser, image=png(), by=organiser_member
        )
    assert error.value.error_dict["alt_text"][0].code == "alt_required"
    assert not Event.objects.filter(title="雪かき講習会").exists()


def test_the_description_cannot_be_taken_away_while_the_picture_stays(event, organiser_member):
    with_picture(event, organiser_member)
    with pytest.raises(ValidationError) as error:
        services.event_save(event=event, data={"alt_text": ""}, by=organiser_member)
    assert error.value.error_dict["alt_text"][0].code == "alt_required"
    assert Event.objects.get(pk=event.pk).alt_text == ALT


@pytest.mark.parametrize(
    ("name", "content", "code"),
    [
        ("leaflet.png", PDF_BYTES, "invalid_image"),  # a PDF named as a picture
        ("broken.png", picture()[:40], "invalid_image"),  # cut off half-way
        ("huge.png", bomb_png(), "too_many_pixels"),
        ("poster.png", picture() + b"\0" * PHOTO_MAX_BYTES, "file_too_large"),
        ("poster.exe.png", picture(), "double_extension"),
    ],
    ids=["wrong-type", "broken", "too-many-pixels", "oversize", "double-extension"],
)
def test_a_bad_file_is_refused_with_its_code_and_the_old_picture_is_kept(
    event, organiser_member, name, content, code
):
    before = files_of(with_picture(event, organiser_member))

    with pytest.raises(ValidationError) as error:
        services.event_save(
            event=Event.objects.get(pk=event.pk),
            data={"alt_text": "新しい説明", "title": "変えたつもりの題名"},
            image=SimpleUploadedFile(name, content),
            by=organiser_member,
        )

    assert error.value.code == code
    kept = Event.objects.get(pk=event.pk)
    assert files_of(kept) == before
    assert (kept.alt_text, kept.title) == (ALT, event.title)
    assert all(default_storage.exists(name) for name in before)


def test_replacing_the_picture_deletes_the_old_files_once_saved(
    event, organiser_member, django_capture_on_commit_callbacks
):
    old = files_of(with_picture(event, organiser_member))

    with django_capture_on_commit_callbacks(execute=True):
        replaced = services.event_save(
            event=event, data={}, image=png("new.png", (300, 200)), by=organiser_member
        )

    assert files_of(replaced) != old
    assert not any(default_storage.exists(name) for name in old)
    assert all(default_storage.exists(name) for name in files_of(replaced))
    assert (replaced.width, replaced.height) == (300, 200)


def test_removing_the_picture_deletes_its_files_and_clears_its_size(
    event, organiser_member, django_capture_on_commit_callbacks
):
    old = files_of(with_picture(event, organiser_member))

    with django_capture_on_commit_callbacks(execute=True):
        services.event_save(event=event, data={}, remove_image=True, by=organiser_member)

    kept = Event.objects.get(pk=event.pk)
    assert not kept.image
    assert not kept.thumbnail
    assert (kept.width, kept.height, kept.thumbnail_width) == (None, None, None)
    assert not any(default_storage.exists(name) for name in old)
    update = AuditEvent.objects.filter(action="event.update").latest("pk")
    assert update.after == {"picture": True}


def test_a_refused_change_deletes_no_file(
    event, organiser_member, django_capture_on_commit_callbacks
):
    old = files_of(with_picture(event, organiser_member))

    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(ValidationError),
    ):
        services.event_save(
            event=event, data={"place_name": ""}, remove_image=True, by=organiser_member
        )

    assert callbacks == []
    assert all(default_storage.exists(name) for name in old)


def test_two_events_never_share_their_picture_files(event, organiser_member):
    # A session of a course announced with the same picture gets files of its own: removing
    # the picture of one leaves the other's in place.
    other = EventFactory(organiser=event.organiser)
    first = files_of(with_picture(event, organiser_member))
    second = files_of(with_picture(other, organiser_member))
    assert not set(first) & set(second)


def test_a_postponed_event_keeps_its_picture_through_its_new_date(event, organiser_member):
    kept = files_of(with_picture(event, organiser_member))
    services.event_postpone(event=event, reason="会場の工事のため延期します。", by=organiser_member)
    services.event_reschedule(
        event=event,
        starts_at=event.starts_at + timedelta(days=7),
        ends_at=event.ends_at + timedelta(days=7),
        by=organiser_member,
    )
    moved = Event.objects.get(pk=event.pk)
    assert files_of(moved) == kept
    assert moved.alt_text == ALT
    assert all(default_storage.exists(name) for name in kept)


# -- pages ----------------------------------------------------------------------------------


def _form(event: Event, **changes):
    data = {
        "title": event.title,
        "kind": event.kind.pk,
        "description": event.description,
        "starts_at": event.starts_at.strftime("%Y-%m-%dT%H:%M"),
        "ends_at": event.ends_at.strftime("%Y-%m-%dT%H:%M"),
        "place_name": event.place_name,
        "fee": "0",
        "capacity": "30",
        "registration_required": "on",
    }
    return {**data, **changes}


def test_the_organiser_uploads_a_picture_through_the_form_and_the_page_shows_it(
    client, event, organiser_member
):
    client.force_login(organiser_member)
    edit = reverse("info:edit", args=[event.pk])
    assert 'enctype="multipart/form-data"' in client.get(edit).content.decode()

    response = client.post(edit, _form(event, alt_text=ALT, picture=png(size=(1200, 900))))

    assert response.status_code == 302
    event.refresh_from_db()
    assert (event.width, event.height) == (1200, 900)
    page = client.get(event.get_absolute_url()).content.decode()
    src = reverse("info:picture", args=[event.pk])
    # Shown at most 800 px wide, with its description: the size keeps the page from jumping.
    assert f'<img src="{src}" alt="{ALT}" width="800" height="600">' in page
    served = client.get(src)
    assert served.status_code == 200
    assert served["Content-Type"] == "image/jpeg"


def test_the_form_says_what_is_wrong_with_the_file_and_saves_nothing(
    client, event, organiser_member
):
    client.force_login(organiser_member)
    response = client.post(
        reverse("info:edit", args=[event.pk]),
        _form(event, title="変えた題名", alt_text=ALT, picture=SimpleUploadedFile("a.png", b"x")),
    )
    assert response.status_code == 200
    [refusal] = response.context["form"].errors.as_data()["picture"]
    assert refusal.code == "invalid_image"
    assert refusal.messages[0] in response.content.decode()  # next to the field, in Japanese
    kept = Event.objects.get(pk=event.pk)
    assert kept.title == event.title
    assert not kept.image


def test_the_form_asks_for_the_description_of_an_uploaded_picture(client, event, organiser_member):
    client.force_login(organiser_member)
    response = client.post(reverse("info:edit", args=[event.pk]), _form(event, picture=png()))
    assert response.status_code == 200
    assert [e.code for e in response.context["form"].errors.as_data()["alt_text"]] == [
        "alt_required"
    ]
    assert not Event.objects.get(pk=event.pk).image


def test_the_form_offers_to_remove_the_picture_only_when_there_is_one(
    client, event, organiser_member, django_capture_on_commit_callbacks
):
    client.force_login(organiser_member)
    edit = reverse("info:edit", args=[event.pk])
    assert 'name="remove_picture"' not in client.get(edit).content.decode()
    old = files_of(with_picture(event, organiser_member))
    assert 'name="remove_picture"' in client.get(edit).content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(edit, _form(event, alt_text=ALT, remove_picture="on"))

    assert response.status_code == 302
    assert not Event.objects.get(pk=event.pk).image
    assert not any(default_storage.exists(name) for name in old)


def test_the_picture_of_a_draft_is_for_its_group_only(client, event, organiser_member):
    with_picture(event, organiser_member)
    Event.objects.filter(pk=event.pk).update(status=Event.Status.DRAFT)
    for name in ("info:picture", "info:thumbnail"):
        url = reverse(name, args=[event.pk])
        assert client.get(url).status_code == 404
        client.force_login(organiser_member)
        served = client.get(url)
        assert served.status_code == 200
        assert served["Cache-Control"] == "private, no-store"
        client.logout()


def test_a_card_and_the_home_page_show_the_thumbnail_with_its_size(client, event, organiser_member):
    with_picture(event, organiser_member)
    thumbnail = reverse("info:thumbnail", args=[event.pk])

    listing = client.get(reverse("info:events")).content.decode()
    home = client.get(reverse("core:home")).content.decode()

    assert re.search(
        rf'<img class="card__picture" src="{thumbnail}" alt="{ALT}" width="480" height="360"',
        listing,
    )
    assert re.search(
        rf'<img class="home-list__picture" src="{thumbnail}" alt="{ALT}" width="96" height="72"',
        home,
    )
    assert client.get(thumbnail)["Cache-Control"].startswith("public")


def test_pictures_on_the_list_cost_no_query(client, event, django_assert_max_num_queries):
    for _n in range(15):
        EventFactory(organiser=event.organiser)
    Event.objects.update(
        image="events/2026/a.jpg",
        alt_text=ALT,
        thumbnail="thumbnails/2026/a.jpg",
        thumbnail_width=480,
        thumbnail_height=360,
    )
    client.get(reverse("info:events"))
    with django_assert_max_num_queries(12):  # as without pictures (test_views)
        page = client.get(reverse("info:events")).content.decode()
    assert page.count('class="card__picture"') == 16


def test_the_booth_shows_an_events_picture_with_its_description(client, event, organiser_member):
    with_picture(event, organiser_member)
    page = client.get(reverse("kiosk:display")).content.decode()
    src = reverse("info:picture", args=[event.pk])
    assert f'<img class="kiosk-slide__picture" src="{src}" alt="{ALT}"' in page
