"""Who may do what with an application, role × state (grants.permissions)."""

from __future__ import annotations

import pytest

from tsunagaru.accounts.models import Role
from tsunagaru.grants import permissions
from tsunagaru.grants.models import Application
from tsunagaru.grants.tests.factories import begin, citizen_proposal, group

pytestmark = pytest.mark.django_db

S = Application.State
STATES = list(S)
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


@pytest.mark.parametrize("person", PEOPLE)
def test_role_by_state(setting, person):
    """Every state for one person (the states in one test: setting up the people is the
    slow part)."""
    from django.contrib.auth.models import AnonymousUser

    application, users = setting
    user = users.get(person) or AnonymousUser()
    in_group = person in ("representative", "member")
    support = person in ("coordinator", "city staff")
    for state in STATES:
        application.state = state
        # The committee reads what it screens (not drafts, not what is still being checked).
        screened = state not in (S.DRAFT, S.SUBMITTED, S.RETURNED, S.WITHDRAWN)
        viewable = in_group or (support and state != S.DRAFT) or (person == "reviewer" and screened)
        decided = state in (S.ADOPTED, S.REPORTED, S.CONFIRMED, S.PAID)
        expected = {
            "view": viewable,
            "edit": in_group and state in EDITABLE,
            "submit": person == "representative" and state in EDITABLE,
            "withdraw": person == "representative" and state in (S.DRAFT, S.SUBMITTED, S.RETURNED),
            # After the decision: the group and the city's staff only (receipts carry names).
            "follow up": decided and (in_group or person == "city staff"),
            "decision notice": decided and (in_group or support),
            "write report": state == S.ADOPTED and in_group,
            "speak": person == "representative",
        }
        actual = {
            "view": permissions.can_view(user, application),
            "edit": permissions.can_edit(user, application),
            "submit": permissions.can_submit(user, application),
            "withdraw": permissions.can_withdraw(user, application),
            "follow up": permissions.can_see_follow_up(user, application),
            "decision notice": permissions.can_see_decision(user, application),
            "write report": permissions.can_write_report(user, application),
            "speak": permissions.can_speak(user, application),
        }
        assert actual == expected, state
