"""allauth's pages in our words: every string goes through our catalogue, so やさしい日本語
readers get Easy Japanese, not allauth's standard Japanese."""

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from tsunagaru.core.tests.text import without_ruby

pytestmark = pytest.mark.django_db

# allauth's own Japanese for strings on these pages (from its catalogue, locale/ja).
ALLAUTH_JAPANESE = (
    "ログインしたままにする",
    "パスワードをお忘れですか",
    "ユーザー登録",
    "多要素認証",
    "パスワード (再入力)",
    "パスワードの再設定",
)


def get(client, path, language):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    response = client.get(path, follow=True)
    assert response.status_code == 200
    return response.content.decode()


def test_login_page_in_easy_japanese_shows_our_easy_japanese(client):
    html = without_ruby(get(client, reverse("account_login"), "ja-easy"))

    assert "アカウントを 作る" in html  # our Easy Japanese for "Create an account"
    assert "新規登録する" not in html  # not the standard Japanese
    with translation.override("ja-easy"):
        assert translation.gettext("Stay logged in on this device") in html
    assert [s for s in ALLAUTH_JAPANESE if s in html] == []


@pytest.mark.parametrize("language", ["ja", "ja-easy"])
@pytest.mark.parametrize(
    "name",
    [
        "account_login",
        "account_signup",
        "account_reset_password",
        "account_reset_password_done",
        "account_email_verification_sent",
    ],
)
def test_entrance_pages_carry_none_of_allauths_stock_japanese(client, name, language):
    html = get(client, reverse(name), language)

    assert [s for s in ALLAUTH_JAPANESE if s in html] == []


@pytest.mark.parametrize("language", ["ja", "ja-easy"])
@pytest.mark.parametrize(
    "name",
    [
        "account_email",
        "account_change_password",
        "mfa_index",
        "mfa_activate_totp",
        "account_logout",
    ],
)
def test_account_pages_of_a_signed_in_person_carry_none_of_allauths_stock_japanese(
    client, resident, name, language
):
    client.force_login(resident)

    html = get(client, reverse(name), language)

    assert [s for s in ALLAUTH_JAPANESE if s in html] == []


def test_a_broken_reset_link_says_so_in_our_words(client):
    html = get(client, "/accounts/password/reset/key/1-bad-key/", "ja")

    with translation.override("ja"):
        assert translation.gettext("This link does not work") in html


def test_login_page_names_the_service_and_the_city(client):
    html = get(client, reverse("account_login"), "en")

    assert "Tsunagaru" in html
    assert "the collaborative community building site of Oshu City" in html  # its English name


def test_allauths_own_form_errors_are_said_in_our_words(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ja-easy"

    response = client.post(
        reverse("account_signup"),
        {"email": "a@example.jp", "password1": "奥州の-horse-2026", "password2": "other-2026"},
    )

    with translation.override("ja-easy"):
        ours = translation.gettext("The two passwords are not the same.")
    assert response.context["form"].errors["password2"] == [ours]
