import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.urls import reverse

from tsunagaru.accounts.models import Role, User
from tsunagaru.audit.models import AuditEvent

pytestmark = pytest.mark.django_db

SIGNUP = {
    "email": "hanako@example.jp",
    "family_name": "佐藤",
    "given_name": "花子",
    "family_name_kana": "さとう",
    "given_name_kana": "ﾊﾅｺ",
    "display_name": "",
    "password1": "奥州の-correct-horse",
    "password2": "奥州の-correct-horse",
    "agree_terms": "on",
}


def test_sign_up_creates_an_unverified_resident_and_mails_a_verification_link(client):
    response = client.post(reverse("account_signup"), SIGNUP, HTTP_ACCEPT_LANGUAGE="ja")

    assert response.status_code == 302
    user = User.objects.get(email="hanako@example.jp")
    assert (user.role, user.display_name) == (Role.RESIDENT, "佐藤")
    # As typed: hiragana stays hiragana; half-width ｶﾅ becomes full width.
    assert (user.family_name_kana, user.given_name_kana) == ("さとう", "ハナコ")
    assert EmailAddress.objects.get(user=user).verified is False
    assert AuditEvent.objects.filter(action="user.signup", target_id=str(user.pk)).exists()
    assert len(mail.outbox) == 1
    assert re.search(r"/accounts/confirm-email/[^/\s]+/", mail.outbox[0].body)


@pytest.mark.parametrize(
    ("field", "value", "error_field"),
    [
        ("email", "not-an-address", "email"),
        ("family_name", "", "family_name"),
        ("family_name_kana", "佐藤", "family_name_kana"),
        ("password2", "something-else-entirely", "password2"),
        ("password1", "12345678", "password1"),
    ],
)
def test_sign_up_with_wrong_input_shows_the_error_by_the_field_and_saves_nothing(
    client, field, value, error_field
):
    response = client.post(reverse("account_signup"), {**SIGNUP, field: value})

    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors.get(error_field)
    html = response.content.decode()
    # Django ties the message to the input: aria-invalid plus aria-describedby="<id>_error".
    assert f'id="id_{error_field}_error"' in html
    assert User.objects.count() == 0


def test_kana_error_is_shown_in_japanese_by_default(client):
    response = client.post(
        reverse("account_signup"), {**SIGNUP, "family_name_kana": "佐藤"}, HTTP_ACCEPT_LANGUAGE="ja"
    )

    assert "ふりがな" in response.content.decode()


def test_profile_needs_login(client):
    response = client.get(reverse("accounts:profile"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_person_edits_own_profile_and_sees_it_saved(client, resident):
    client.force_login(resident)

    response = client.post(
        reverse("accounts:profile"),
        {
            "family_name": "佐藤",
            "given_name": "花子",
            "family_name_kana": "さとう",
            "given_name_kana": "はなこ",
            "display_name": "はなちゃん",
        },
        follow=True,
    )

    assert response.status_code == 200
    resident.refresh_from_db()
    assert (resident.display_name, resident.family_name_kana) == ("はなちゃん", "さとう")
    assert AuditEvent.objects.filter(action="user.profile_update").count() == 1


def test_profile_with_a_missing_family_name_keeps_the_saved_one(client, resident):
    client.force_login(resident)
    before = resident.family_name

    response = client.post(reverse("accounts:profile"), {"family_name": "  ", "display_name": "x"})

    assert response.status_code == 200
    assert 'id="id_family_name_error"' in response.content.decode()
    resident.refresh_from_db()
    assert resident.family_name == before


@pytest.mark.parametrize("role", [Role.CITY_STAFF, Role.ADMINISTRATOR])
def test_staff_without_two_factor_are_sent_to_set_it_up(client, make_user, role):
    user = make_user(role, totp=False)
    client.force_login(user)

    response = client.get(reverse("core:home"))

    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_activate_totp")


@pytest.mark.parametrize(
    "role", [Role.RESIDENT, Role.PARTNER_MEMBER, Role.COORDINATOR, Role.REVIEWER]
)
def test_other_roles_may_go_on_without_two_factor(client, make_user, role):
    client.force_login(make_user(role))

    assert client.get(reverse("core:home")).status_code == 200


def test_staff_with_two_factor_reach_pages(client, city_staff):
    client.force_login(city_staff)

    assert client.get(reverse("core:home")).status_code == 200


def test_staff_cannot_remove_their_authenticator(client, city_staff):
    from allauth.mfa.adapter import get_adapter

    authenticator = city_staff.authenticator_set.get(type="totp")

    assert get_adapter().can_delete_authenticator(authenticator) is False


def test_residents_may_remove_their_own_authenticator(make_user):
    from allauth.mfa.adapter import get_adapter

    user = make_user(Role.RESIDENT, totp=True)

    assert get_adapter().can_delete_authenticator(user.authenticator_set.get(type="totp")) is True
