"""Sign-in rate limits count per client, also behind the documented nginx proxy."""

from __future__ import annotations

import pytest
from allauth.account.adapter import get_adapter
from django.test import Client
from django.urls import reverse

from tsunagaru.accounts.tests.factories import PASSWORD
from tsunagaru.core.request_context import client_ip

pytestmark = pytest.mark.django_db

ATTACKER = "203.0.113.5"
RESIDENT = "198.51.100.7"


def _login(client: Client, email: str, password: str, forwarded_for: str):
    # nginx connects from 127.0.0.1 and writes the client's address (docs/operations.md).
    return client.post(
        reverse("account_login"),
        {"login": email, "password": password},
        REMOTE_ADDR="127.0.0.1",
        HTTP_X_FORWARDED_FOR=forwarded_for,
    )


def _lock_out_the_attacker() -> Client:
    attacker = Client()
    # Ten wrong passwords for ten addresses: the per-client limit, not the per-address one.
    for n in range(10):
        _login(attacker, f"guess{n}@example.jp", "wrong", ATTACKER)
    return attacker


def test_behind_the_proxy_one_client_locked_out_does_not_lock_out_another(settings, resident):
    settings.BEHIND_TLS_PROXY = True
    attacker = _lock_out_the_attacker()

    refused = _login(attacker, "guess99@example.jp", "wrong", ATTACKER)
    signed_in = _login(Client(), resident.email, PASSWORD, RESIDENT)

    assert [e.code for e in refused.context["form"].errors.as_data()["__all__"]] == [
        "too_many_login_attempts"
    ]
    assert signed_in.status_code == 302
    assert signed_in.wsgi_request.user == resident


def test_behind_the_proxy_the_locked_out_client_is_refused_even_with_a_right_password(
    settings, resident
):
    settings.BEHIND_TLS_PROXY = True
    attacker = _lock_out_the_attacker()

    response = _login(attacker, resident.email, PASSWORD, ATTACKER)

    assert response.status_code == 200
    assert not response.wsgi_request.user.is_authenticated


def test_without_the_proxy_setting_a_forged_header_is_ignored(settings, resident):
    settings.BEHIND_TLS_PROXY = False
    attacker = Client()
    for n in range(10):
        # Each attempt claims another address; all come from the same REMOTE_ADDR.
        _login(attacker, f"guess{n}@example.jp", "wrong", f"192.0.2.{n}")

    response = _login(attacker, resident.email, PASSWORD, "192.0.2.200")

    assert not response.wsgi_request.user.is_authenticated


def test_the_audit_log_and_the_rate_limits_ask_one_helper_for_the_client(rf, settings):
    settings.BEHIND_TLS_PROXY = True
    request = rf.get("/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR=f"10.0.0.1, {RESIDENT}")

    assert get_adapter().get_client_ip(request) == client_ip(request) == RESIDENT
