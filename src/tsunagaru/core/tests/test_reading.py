"""Text size and colours (core.reading): chosen with a button on any page, kept in a cookie
without an account, applied to every page as classes on <html>."""

from __future__ import annotations

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_a_chosen_size_is_kept_and_shown_on_the_next_pages(client):
    response = client.post(reverse("core:reading"), {"size": "larger", "next": "/grants/"})

    assert response.status_code == 302
    assert response["Location"] == "/grants/"
    cookie = response.cookies["reading"]
    assert cookie.value == "larger.normal.auto"
    assert cookie["max-age"] >= 365 * 24 * 60 * 60
    assert cookie["httponly"]
    html = client.get("/").content.decode()
    assert '<html lang="ja" class="text-larger">' in html
    chosen = 'value="larger" class="reading-settings__choice reading-settings__choice--larger"'
    assert f'{chosen} aria-pressed="true"' in html


def test_choosing_the_colours_keeps_the_size(client):
    client.post(reverse("core:reading"), {"size": "large", "next": "/"})
    client.post(reverse("core:reading"), {"contrast": "high", "next": "/"})

    html = client.get("/").content.decode()

    assert 'class="text-large contrast-high"' in html


@pytest.mark.parametrize("data", [{"size": "huge"}, {"contrast": "dark"}])
def test_an_unknown_choice_is_refused_in_words_and_nothing_is_kept(client, data):
    response = client.post(reverse("core:reading"), {**data, "next": "/"})

    assert response.status_code == 400
    assert "reading" not in response.cookies
    assert response.content.decode().strip()


def test_a_next_address_on_another_site_goes_home_instead(client):
    response = client.post(
        reverse("core:reading"), {"size": "large", "next": "https://example.com/phish"}
    )
    assert response["Location"] == "/"


def test_a_damaged_cookie_reads_as_the_defaults(client):
    client.cookies["reading"] = "giant.rainbow"
    html = client.get("/").content.decode()
    assert '<html lang="ja">' in html


def test_the_choice_is_a_post_only(client):
    assert client.get(reverse("core:reading"), {"size": "large"}).status_code == 405


def test_a_logged_in_readers_choice_follows_them_to_another_device(resident):
    from django.test import Client

    from tsunagaru.audit.models import AuditEvent

    phone = Client()
    phone.force_login(resident)
    phone.post(reverse("core:reading"), {"size": "larger", "furigana": "on", "next": "/"})
    resident.refresh_from_db()
    assert resident.reading == "larger.normal.on"
    event = AuditEvent.objects.get(action="user.reading_change")
    assert (event.actor_id, event.after) == (resident.pk, {"reading": "larger.normal.on"})

    computer = Client()  # no reading cookie here yet
    computer.force_login(resident)
    assert '<html lang="ja" class="text-larger">' in computer.get("/").content.decode()
    # What this device chooses wins here and is kept for the next one.
    computer.post(reverse("core:reading"), {"size": "normal", "next": "/"})
    assert '<html lang="ja">' in computer.get("/").content.decode()
    resident.refresh_from_db()
    assert resident.reading == "normal.normal.on"
    assert '<html lang="ja">' in Client().get("/").content.decode()  # not for anyone else
