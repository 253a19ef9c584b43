"""A group's logo: checked in pixels as well as bytes, kept as a small PNG copy, public while
the group is listed."""

from __future__ import annotations

import io
import re

import pytest
from django.urls import reverse
from PIL import Image

from tsunagaru.core.tests.pictures import picture, upload
from tsunagaru.partners.models import Organisation
from tsunagaru.partners.tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db


def post_logo(client, organisation, content, name="logo.png"):
    data = {
        "kind": organisation.kind_id,
        "name": organisation.name,
        "logo_alt": "青い丸に白い「奥」の字",
        "logo": upload(name, content, "image/png"),
    }
    return client.post(reverse("partners:edit", args=[organisation.pk]), data)


@pytest.mark.parametrize("side", [10000, 3000])  # 3000 × 3000 would pass as a photo
def test_a_logo_too_large_in_pixels_is_refused_with_a_clear_message(client, resident, side):
    organisation = MembershipFactory(user=resident).organisation
    client.force_login(resident)

    response = post_logo(client, organisation, picture((side, side), mode="1"))

    assert response.status_code == 200
    assert response.context["form"].errors.as_data()["logo"][0].code == "too_many_pixels"
    organisation.refresh_from_db()
    assert not organisation.logo


def test_a_logo_is_kept_as_a_small_png_and_shown_with_its_size_and_description(client, resident):
    organisation = MembershipFactory(user=resident).organisation
    client.force_login(resident)

    post_logo(client, organisation, picture((1200, 600), kind="JPEG"), name="logo.jpg")

    organisation.refresh_from_db()
    assert (organisation.logo_width, organisation.logo_height) == (400, 200)
    client.logout()
    page = client.get(organisation.get_absolute_url()).content.decode()
    tag = re.search(r'<img class="logo"[^>]*>', page).group(0)
    assert 'alt="青い丸に白い「奥」の字"' in tag
    assert 'width="96" height="48"' in tag
    response = client.get(reverse("partners:logo", args=[organisation.pk]))
    assert response["Content-Type"] == "image/png"
    assert response["Cache-Control"].startswith("public")
    assert Image.open(io.BytesIO(b"".join(response.streaming_content))).size == (400, 200)


def test_the_logo_of_a_group_not_yet_listed_is_private(client, resident):
    organisation = MembershipFactory(
        user=resident, organisation__status=Organisation.Status.PENDING
    ).organisation
    client.force_login(resident)
    post_logo(client, organisation, picture())
    url = reverse("partners:logo", args=[organisation.pk])

    assert client.get(url)["Cache-Control"] == "private, no-store"
    client.logout()
    assert client.get(url).status_code == 404


def test_clearing_the_logo_removes_it_and_its_size(client, resident):
    organisation = MembershipFactory(user=resident).organisation
    client.force_login(resident)
    post_logo(client, organisation, picture())

    client.post(
        reverse("partners:edit", args=[organisation.pk]),
        {"kind": organisation.kind_id, "name": organisation.name, "logo-clear": "on"},
    )

    organisation.refresh_from_db()
    assert not organisation.logo
    assert organisation.logo.name == ""
    assert organisation.logo_width is None
    assert client.get(reverse("partners:logo", args=[organisation.pk])).status_code == 404


def test_a_replaced_or_cleared_logo_leaves_no_file_behind(
    client, resident, django_capture_on_commit_callbacks
):
    organisation = MembershipFactory(user=resident).organisation
    client.force_login(resident)
    post_logo(client, organisation, picture())
    organisation.refresh_from_db()
    first = organisation.logo.name
    storage = organisation.logo.storage

    with django_capture_on_commit_callbacks(execute=True):
        post_logo(client, organisation, picture((300, 300)))
    organisation.refresh_from_db()
    second = organisation.logo.name
    assert second != first
    assert not storage.exists(first)
    assert storage.exists(second)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("partners:edit", args=[organisation.pk]),
            {"kind": organisation.kind_id, "name": organisation.name, "logo-clear": "on"},
        )
    assert not storage.exists(second)


def test_the_edit_form_links_the_current_logo_through_its_view(client, resident):
    organisation = MembershipFactory(user=resident).organisation
    client.force_login(resident)
    post_logo(client, organisation, picture())
    organisation.refresh_from_db()

    page = client.get(reverse("partners:edit", args=[organisation.pk])).content.decode()

    assert f'href="{reverse("partners:logo", args=[organisation.pk])}"' in page
    assert organisation.logo.name not in page  # the storage path means nothing to a person
