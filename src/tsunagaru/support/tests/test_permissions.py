"""Role × state tables for the support centre's permissions. Each table builds the same record
for every row, so a refusal comes from the role or the state and nothing else."""

from __future__ import annotations

import pytest

from tsunagaru.accounts.models import Role
from tsunagaru.guideline.models import OrganisationKind
from tsunagaru.partners.models import Membership
from tsunagaru.partners.tests.factories import MembershipFactory, OrganisationFactory
from tsunagaru.support import permissions
from tsunagaru.support.tests.factories import CentreRegistrationFactory, ConsultationFactory

pytestmark = pytest.mark.django_db

ROLES = [
    Role.RESIDENT,
    Role.PARTNER_MEMBER,
    Role.COORDINATOR,
    Role.CITY_STAFF,
    Role.REVIEWER,
    Role.ADMINISTRATOR,
]
CENTRE = {Role.COORDINATOR, Role.CITY_STAFF}
STATES = ["open", "answered", "closed"]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("state", STATES)
def test_who_may_do_what_to_a_consultation_in_each_state(make_user, role, state):
    user = make_user(role)
    consultation = ConsultationFactory(status=state)
    centre = role in CENTRE

    assert permissions.can_view_consultation(user, consultation) is centre
    assert permissions.can_answer(user, consultation) is (centre and state == "open")
    assert permissions.can_close(user, consultation) is (centre and state != "closed")
    assert permissions.can_reopen(user, consultation) is (centre and state != "open")
    assert permissions.can_update(user, consultation) is (centre and state != "closed")


def test_anonymous_may_ask_but_see_nothing_of_the_centre(client):
    from django.contrib.auth.models import AnonymousUser

    anonymous = AnonymousUser()
    consultation = ConsultationFactory()

    assert permissions.can_ask(anonymous)
    assert not permissions.is_centre_staff(anonymous)
    assert not permissions.can_view_consultation(anonymous, consultation)
    assert not permissions.can_view_my_questions(anonymous)


def test_a_suspended_coordinator_sees_nothing(make_user):
    coordinator = make_user(Role.COORDINATOR, is_active=False)

    assert not permissions.is_centre_staff(coordinator)


@pytest.mark.parametrize(
    ("membership", "may_apply"),
    [
        (Membership.Role.REPRESENTATIVE, True),
        (Membership.Role.CONTACT, True),
        (Membership.Role.MEMBER, False),
        (None, False),
    ],
)
@pytest.mark.parametrize("waiting", [False, True])
def test_the_groups_speakers_apply_once_at_a_time(make_user, membership, may_apply, waiting):
    user = make_user(Role.PARTNER_MEMBER)
    group = OrganisationFactory()
    if membership is not None:
        MembershipFactory(organisation=group, user=user, role=membership)
    application = CentreRegistrationFactory(organisation=group) if waiting else None

    allowed = permissions.can_apply_registration(user, group, waiting=application)

    assert allowed is (may_apply and not waiting)


def test_a_city_department_does_not_register_with_the_centre(make_user):
    user = make_user(Role.CITY_STAFF)
    department = OrganisationFactory(kind=OrganisationKind.objects.get(code="city_department"))
    MembershipFactory(organisation=department, user=user)

    assert not permissions.can_apply_registration(user, department, waiting=None)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("state", ["applied", "registered", "refused"])
def test_who_decides_an_application_in_each_state(make_user, role, state):
    user = make_user(role)
    registration = CentreRegistrationFactory(
        status=state,
        registered_on="2026-04-01" if state == "registered" else None,
        valid_until="2027-03-31" if state == "registered" else None,
    )

    allowed = permissions.can_decide_registration(user, registration)

    assert allowed is (role in CENTRE and state == "applied")


def test_nobody_decides_on_their_own_groups_registration(make_user):
    coordinator = make_user(Role.COORDINATOR)
    registration = CentreRegistrationFactory()
    MembershipFactory(organisation=registration.organisation, user=coordinator)

    assert not permissions.can_decide_registration(coordinator, registration)


@pytest.mark.parametrize(
    ("role", "member", "sees"),
    [
        (Role.RESIDENT, False, False),
        (Role.PARTNER_MEMBER, False, False),
        (Role.PARTNER_MEMBER, True, True),
        (Role.REVIEWER, False, False),
        (Role.COORDINATOR, False, True),
        (Role.CITY_STAFF, False, True),
    ],
)
def test_the_registration_is_seen_by_members_and_the_centre(make_user, role, member, sees):
    user = make_user(role)
    group = OrganisationFactory()
    if member:
        MembershipFactory(organisation=group, user=user, role=Membership.Role.MEMBER)

    assert permissions.can_view_registration(user, group) is sees
