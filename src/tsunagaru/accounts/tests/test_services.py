import pytest
from allauth.account.models import EmailAddress
from django.core.exceptions import ValidationError

from tsunagaru.accounts import services
from tsunagaru.accounts.models import Role, User
from tsunagaru.accounts.tests.factories import UserFactory
from tsunagaru.audit.models import AuditEvent

pytestmark = pytest.mark.django_db


def test_user_create_makes_a_verified_account_and_audits_it():
    admin = UserFactory(role=Role.ADMINISTRATOR)

    user = services.user_create(
        email="Chiba@Example.JP",
        password="a-long-password-2026",
        family_name="千葉",
        role=Role.COORDINATOR,
        by=admin,
    )

    assert user.email == "chiba@example.jp"
    assert user.display_name == "千葉"
    assert user.check_password("a-long-password-2026")
    assert EmailAddress.objects.get(user=user).verified
    event = AuditEvent.objects.get(action="user.create")
    assert event.actor == admin
    assert event.after == {"email": "chiba@example.jp", "role": "coordinator"}


def test_user_create_refuses_an_address_already_in_use_whatever_its_case():
    UserFactory(email="sato@example.jp")

    with pytest.raises(ValidationError) as error:
        services.user_create(
            email="SATO@example.jp", password="x" * 12, family_name="佐藤", by=None
        )

    assert error.value.code == "unique"
    assert User.objects.count() == 1


def test_administrator_role_gives_admin_site_access_and_other_roles_take_it_away():
    admin = UserFactory(role=Role.ADMINISTRATOR)
    user = UserFactory(role=Role.CITY_STAFF)

    services.user_set_role(user=user, role=Role.ADMINISTRATOR, by=admin)
    user.refresh_from_db()
    assert (user.is_staff, user.is_superuser) == (True, True)

    services.user_set_role(user=user, role=Role.RESIDENT, by=admin)
    user.refresh_from_db()
    assert (user.role, user.is_staff, user.is_superuser) == (Role.RESIDENT, False, False)
    changes = [e.after["role"] for e in AuditEvent.objects.filter(action="user.role_change")]
    assert sorted(changes) == ["administrator", "resident"]


def test_setting_an_unknown_role_is_refused_and_nothing_changes():
    admin = UserFactory(role=Role.ADMINISTRATOR)
    user = UserFactory()

    with pytest.raises(ValidationError) as error:
        services.user_set_role(user=user, role="mayor", by=admin)

    assert error.value.code == "invalid_role"
    user.refresh_from_db()
    assert user.role == Role.RESIDENT
    assert not AuditEvent.objects.filter(action="user.role_change").exists()


def test_profile_update_records_before_and_after():
    user = UserFactory(family_name="佐藤", display_name="さとう")

    services.user_update_profile(user=user, data={"display_name": "花ちゃん"}, by=user)

    event = AuditEvent.objects.get(action="user.profile_update")
    assert event.before["display_name"] == "さとう"
    assert event.after["display_name"] == "花ちゃん"
    assert event.changes == [("display_name", "さとう", "花ちゃん")]


def test_profile_update_without_a_change_writes_no_audit_entry():
    user = UserFactory(display_name="さとう")

    services.user_update_profile(user=user, data={"display_name": "さとう"}, by=user)

    assert not AuditEvent.objects.filter(action="user.profile_update").exists()


def test_profile_update_with_an_empty_display_name_falls_back_to_the_family_name():
    user = UserFactory(family_name="及川", display_name="まこと")

    services.user_update_profile(user=user, data={"display_name": ""}, by=user)

    user.refresh_from_db()
    assert user.display_name == "及川"


def test_suspending_and_restoring_an_account_is_audited_with_the_reason():
    admin = UserFactory(role=Role.ADMINISTRATOR)
    user = UserFactory()

    services.user_set_active(user=user, active=False, by=admin, reason="なりすましの疑い")
    services.user_set_active(user=user, active=False, by=admin)  # no change, no entry
    services.user_set_active(user=user, active=True, by=admin)

    actions = list(AuditEvent.objects.order_by("pk").values_list("action", "note"))
    assert actions == [("user.suspend", "なりすましの疑い"), ("user.activate", "")]


def test_activating_totp_for_someone_is_audited():
    user = UserFactory(role=Role.CITY_STAFF)

    services.user_activate_totp(user=user, secret="JBSWY3DPEHPK3PXP", by=None)

    assert user.authenticator_set.filter(type="totp").exists()
    assert AuditEvent.objects.get(action="user.mfa_add").after == {"type": "totp"}
