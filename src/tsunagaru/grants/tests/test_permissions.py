"""Who may do what with an application, role × state (grants.permissions)."""

from __future__ import annotations

import pytest

from tsunagaru.accounts.models import Role
from tsunagaru.grants import permissions
from tsunagaru.grants.models import Application
from tsunagaru.grants.tests.factories import begin, citizen_proposal, group

pytestmark = pytest.mark.django_db

S = Application.State
STATES = [S.DRAFT, S.SUBMITTED, S.RETURNED, S.IN_REVIEW, S.ADOPTED, S.NOT_ADOPTED, S.WITHDRAWN]
PEOPLE = [
    "representative",
    "member",
    "other group",
    "coordinator",
    "city staff",
    "reviewer",
    "resident",
    "anonymous",
]

EDITABLE = {S.DRAFT, S.RETURNED}


@pytest.fixture
def setting(make_user):
    people = group()
    application = begin(people, citizen_proposal())
    users = {
        "representative": people.representative,
        "member": people.member,
        "other group": group().representative,
        "coordinator": make_user(Role.COORDINATOR),
        "city staff": make_user(Role.CITY_STAFF),
        "reviewer": make_user(Role.REVIEWER),
        "resident": make_user(Role.RESIDENT),
    }
    return application, users


@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("person", PEOPLE)
def test_role_by_state(setting, state, person):
    from django.contrib.auth.models import AnonymousUser

    application, users = setting
    application.state = state
    user = users.get(person) or AnonymousUser()
    in_group = person in ("representative", "member")
    support = person in ("coordinator", "city staff")

    # The committee reads what it screens (not drafts, not what is still being checked).
    screened = state in (S.IN_REVIEW, S.ADOPTED, S.NOT_ADOPTED)
    viewable = in_group or (support and state != S.DRAFT) or (person == "reviewer" and screened)
    assert permissions.can_view(user, application) is viewable
    assert permissions.can_edit(user, application) is (in_group and state in EDITABLE)
    assert permissions.can_submit(user, application) is (
        person == "representative" and state in EDITABLE
    )
    assert permissions.can_withdraw(user, application) is (
        person == "representative" and state in (S.DRAFT, S.SUBMITTED, S.RETURNED)
    )
