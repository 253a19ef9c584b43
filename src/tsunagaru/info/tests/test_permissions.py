"""Who may do what to an event, by role and state. Same setup for allowed and refused cases."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser

from tsunagaru.accounts.models import Role
from tsunagaru.info import permissions
from tsunagaru.info.models import Event, Registration
from tsunagaru.info.tests.factories import RegistrationFactory
from tsunagaru.partners.models import Organisation
from tsunagaru.partners.tests.factories import MembershipFactory, OrganisationFactory

pytestmark = pytest.mark.django_db

PEOPLE = [
    "organiser",
    "co_organiser",
    "other_group",
    "resident",
    "coordinator",
    "city_staff",
    "anonymous",
]


@pytest.fixture
def people(event, organiser_member, make_user):
    co = OrganisationFactory(name="共催の会")
    event.co_organisers.add(co)
    co_member = make_user(Role.PARTNER_MEMBER)
    MembershipFactory(user=co_member, organisation=co)
    other = make_user(Role.PARTNER_MEMBER)
    MembershipFactory(user=other)
    return {
        "organiser": organiser_member,
        "co_organiser": co_member,
        "other_group": other,
        "resident": make_user(Role.RESIDENT),
        "coordinator": make_user(Role.COORDINATOR),
        "city_staff": make_user(Role.CITY_STAFF),
        "anonymous": AnonymousUser(),
    }


def _in(event, status):
    Event.objects.filter(pk=event.pk).update(status=status)
    event.refresh_from_db()
    return event


VIEW = {
    "draft": {"organiser", "coordinator", "city_staff"},
    "in_review": {"organiser", "coordinator", "city_staff"},
    "published": set(PEOPLE),
    "postponed": set(PEOPLE),
    "cancelled": set(PEOPLE),
}


@pytest.mark.parametrize("status", list(VIEW))
def test_who_sees_an_event(event, people, status):
    _in(event, status)
    seen = {name for name, user in people.items() if permissions.can_view(user, event)}
    assert seen == VIEW[status]


@pytest.mark.parametrize("status", list(VIEW))
def test_only_the_organiser_and_staff_see_the_participants(event, people, status):
    _in(event, status)
    allowed = {n for n, u in people.items() if permissions.can_see_participants(u, event)}
    assert allowed == {"organiser", "coordinator", "city_staff"}


EDIT = {
    "draft": {"organiser", "coordinator", "city_staff"},
    "in_review": {"organiser", "coordinator", "city_staff"},
    "published": {"organiser", "coordinator", "city_staff"},
    "postponed": {"organiser", "coordinator", "city_staff"},
    "cancelled": set(),
}


@pytest.mark.parametrize("status", list(EDIT))
def test_who_edits_an_event(event, people, status):
    _in(event, status)
    assert {n for n, u in people.items() if permissions.can_edit(u, event)} == EDIT[status]


@pytest.mark.parametrize(
    ("check", "status", "expected"),
    [
        (permissions.can_submit, "draft", {"organiser", "coordinator", "city_staff"}),
        (permissions.can_submit, "published", set()),
        (permissions.can_review, "in_review", {"coordinator", "city_staff"}),
        (permissions.can_review, "draft", set()),
        (permissions.can_cancel, "published", {"organiser", "coordinator", "city_staff"}),
        (permissions.can_cancel, "postponed", {"organiser", "coordinator", "city_staff"}),
        (permissions.can_cancel, "draft", set()),
        (permissions.can_postpone, "published", {"organiser", "coordinator", "city_staff"}),
        (permissions.can_postpone, "postponed", set()),
        (permissions.can_reschedule, "postponed", {"organiser", "coordinator", "city_staff"}),
        (permissions.can_reschedule, "published", set()),
        (permissions.can_take_attendance, "published", {"organiser", "coordinator", "city_staff"}),
        (permissions.can_take_attendance, "cancelled", set()),
        (permissions.can_register_others, "published", {"organiser", "coordinator", "city_staff"}),
        (permissions.can_register_others, "draft", set()),
    ],
)
def test_actions_by_role_and_state(event, people, check, status, expected):
    _in(event, status)
    assert {n for n, u in people.items() if check(u, event)} == expected


def test_staff_who_belong_to_the_organiser_do_not_review_their_own_event(event, make_user):
    staff = make_user(Role.CITY_STAFF)
    MembershipFactory(user=staff, organisation=event.organiser)
    _in(event, "in_review")
    assert not permissions.can_review(staff, event)


def test_only_members_of_a_listed_group_write_its_events(people, event):
    assert permissions.can_create_for(people["organiser"], event.organiser)
    assert not permissions.can_create_for(people["other_group"], event.organiser)
    assert not permissions.can_create_for(people["resident"], event.organiser)
    assert permissions.can_create_for(people["city_staff"], event.organiser)
    Organisation.objects.filter(pk=event.organiser.pk).update(status=Organisation.Status.PENDING)
    event.organiser.refresh_from_db()
    assert not permissions.can_create_for(people["organiser"], event.organiser)


def test_a_person_cancels_their_own_place_and_not_anothers(event, people):
    mine = RegistrationFactory(event=event, user=people["resident"])
    theirs = RegistrationFactory(event=event, user=people["other_group"])
    assert permissions.can_cancel_registration(people["resident"], mine)
    assert not permissions.can_cancel_registration(people["resident"], theirs)
    assert permissions.can_cancel_registration(people["organiser"], theirs)
    assert not permissions.can_cancel_registration(people["anonymous"], theirs)
    mine.status = Registration.Status.CANCELLED
    assert not permissions.can_cancel_registration(people["resident"], mine)
