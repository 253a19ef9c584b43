"""Role × permission tables. Every row uses the same set-up; only the role differs."""

import pytest
from django.contrib.auth.models import AnonymousUser

from tsunagaru.accounts import permissions
from tsunagaru.accounts.models import Role
from tsunagaru.accounts.tests.factories import UserFactory

pytestmark = pytest.mark.django_db

ALL_ROLES = list(Role.values)
STAFF = {Role.CITY_STAFF, Role.ADMINISTRATOR}


@pytest.mark.parametrize("role", ALL_ROLES)
@pytest.mark.parametrize(
    ("check", "allowed"),
    [
        (permissions.must_use_two_factor, STAFF),
        (permissions.can_view_audit_log, STAFF),
        (permissions.can_export_audit_log, STAFF),
        (permissions.can_use_admin_site, {Role.ADMINISTRATOR}),
    ],
)
def test_role_table(check, allowed, role):
    user = UserFactory(role=role)

    assert check(user) is (role in allowed)


@pytest.mark.parametrize(
    "check",
    [
        permissions.must_use_two_factor,
        permissions.can_view_audit_log,
        permissions.can_export_audit_log,
        permissions.can_use_admin_site,
    ],
)
def test_anonymous_and_suspended_people_get_nothing(check):
    suspended_admin = UserFactory(role=Role.ADMINISTRATOR, is_active=False)

    assert check(AnonymousUser()) is False
    assert check(suspended_admin) is False


@pytest.mark.parametrize("role", ALL_ROLES)
def test_only_another_administrator_changes_a_role(role):
    actor = UserFactory(role=role)
    target = UserFactory()

    assert permissions.can_change_role(actor, target) is (role == Role.ADMINISTRATOR)


def test_administrators_cannot_change_their_own_role():
    admin = UserFactory(role=Role.ADMINISTRATOR)

    assert permissions.can_change_role(admin, admin) is False


@pytest.mark.parametrize("role", ALL_ROLES)
def test_personal_data_is_for_the_person_and_administrators(role):
    viewer = UserFactory(role=role)
    other = UserFactory()

    assert permissions.can_view_personal_data(viewer, viewer) is True
    assert permissions.can_view_personal_data(viewer, other) is (role == Role.ADMINISTRATOR)
    assert permissions.can_view_personal_data(AnonymousUser(), other) is False


def test_profile_is_edited_only_by_its_owner():
    owner, admin = UserFactory(), UserFactory(role=Role.ADMINISTRATOR)

    assert permissions.can_edit_profile(owner, owner) is True
    assert permissions.can_edit_profile(admin, owner) is False
