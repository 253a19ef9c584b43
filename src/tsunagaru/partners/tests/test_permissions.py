"""Role × state tables: the same set-up for allowed and refused cases."""

import pytest

from tsunagaru.accounts.models import Role
from tsunagaru.accounts.tests.factories import UserFactory
from tsunagaru.partners import permissions
from tsunagaru.partners.models import Membership, Organisation
from tsunagaru.partners.tests.factories import MembershipFactory, OrganisationFactory

pytestmark = pytest.mark.django_db

S = Organisation.Status
R = Membership.Role


@pytest.mark.parametrize(
    ("status", "viewer", "expected"),
    [
        (S.VERIFIED, "anonymous", True),
        (S.PENDING, "anonymous", False),
        (S.PENDING, "resident", False),
        (S.PENDING, "member", True),
        (S.PENDING, "coordinator", True),
        (S.SUSPENDED, "resident", False),
        (S.SUSPENDED, "member", True),
        (S.REJECTED, "city_staff", True),
    ],
)
def test_who_sees_a_group(status, viewer, expected):
    from django.contrib.auth.models import AnonymousUser

    organisation = OrganisationFactory(status=status)
    if viewer == "anonymous":
        user = AnonymousUser()
    elif viewer == "member":
        user = MembershipFactory(organisation=organisation, role=R.MEMBER).user
    else:
        user = UserFactory(role=viewer)

    assert permissions.can_view(user, organisation) is expected


@pytest.mark.parametrize(
    ("membership_role", "platform_role", "edit", "manage"),
    [
        (R.REPRESENTATIVE, Role.PARTNER_MEMBER, True, True),
        (R.CONTACT, Role.PARTNER_MEMBER, True, False),
        (R.MEMBER, Role.PARTNER_MEMBER, False, False),
        (None, Role.COORDINATOR, True, False),
        (None, Role.CITY_STAFF, False, False),
        (None, Role.ADMINISTRATOR, True, True),
        (None, Role.RESIDENT, False, False),
    ],
)
def test_who_edits_and_manages_members(membership_role, platform_role, edit, manage):
    organisation = OrganisationFactory()
    user = UserFactory(role=platform_role)
    if membership_role:
        MembershipFactory(organisation=organisation, user=user, role=membership_role)

    assert permissions.can_edit(user, organisation) is edit
    assert permissions.can_manage_members(user, organisation) is manage


@pytest.mark.parametrize(
    ("role", "status", "verify", "suspend", "reinstate"),
    [
        (Role.COORDINATOR, S.PENDING, True, False, False),
        (Role.COORDINATOR, S.VERIFIED, False, False, False),
        (Role.CITY_STAFF, S.PENDING, True, False, False),
        (Role.CITY_STAFF, S.VERIFIED, False, True, False),
        (Role.CITY_STAFF, S.SUSPENDED, False, False, True),
        (Role.PARTNER_MEMBER, S.PENDING, False, False, False),
        (Role.RESIDENT, S.VERIFIED, False, False, False),
    ],
)
def test_verification_and_suspension_by_role_and_state(role, status, verify, suspend, reinstate):
    organisation = OrganisationFactory(status=status)
    user = UserFactory(role=role)

    assert permissions.can_verify(user, organisation) is verify
    assert permissions.can_suspend(user, organisation) is suspend
    assert permissions.can_reinstate(user, organisation) is reinstate


def test_a_coordinator_does_not_verify_their_own_group():
    organisation = OrganisationFactory(status=S.PENDING)
    coordinator = MembershipFactory(
        organisation=organisation, user=UserFactory(role=Role.COORDINATOR)
    ).user

    assert permissions.can_verify(coordinator, organisation) is False
