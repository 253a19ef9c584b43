"""Shared setup for the tests of volunteers in matching: a kitchen that needs helping hands,
and volunteers who did or did not agree to be suggested."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from tsunagaru.accounts.models import Role
from tsunagaru.core.models import District
from tsunagaru.partners import services as partner_services
from tsunagaru.partners.models import Membership, Need, VolunteerProfile
from tsunagaru.partners.tests.factories import MembershipFactory

HANDS_NEED = {
    "category": "trouble",
    "title": "配膳と片付けを手伝う人が足りない",
    "description": "土曜日の昼に、配膳と片付けを手伝ってくれるボランティアを探しています。",
}


@pytest.fixture
def kitchen(make_user: Callable[..., Any]) -> tuple[Any, Any, Need]:
    """みずさわ子ども食堂 (水沢区) with its representative and a need for helping hands."""
    member = make_user(Role.PARTNER_MEMBER, email="kitchen@example.jp", display_name="食堂の佐藤")
    group = MembershipFactory(
        user=member,
        organisation__name="みずさわ子ども食堂",
        organisation__district=District.objects.get(slug="mizusawa"),
        organisation__contact_email="shokudo@example.jp",
    ).organisation
    need = partner_services.need_save(need=Need(organisation=group), data=HANDS_NEED, by=member)
    return group, member, need


@pytest.fixture
def make_volunteer(make_user: Callable[..., Any]) -> Callable[..., VolunteerProfile]:
    def make(
        *,
        email: str = "hanako@example.jp",
        display_name: str = "はなこ",
        skills: str = "調理師の資格があります。大人数の食事づくりの経験があります。",
        wishes: str = "子どもと関わるボランティアをしてみたい。",
        district: str = "mizusawa",
        suggest: bool = True,
    ) -> VolunteerProfile:
        user = make_user(Role.RESIDENT, email=email, display_name=display_name)
        return partner_services.volunteer_profile_save(
            user=user,
            data={
                "skills": skills,
                "wishes": wishes,
                "district": District.objects.get(slug=district),
                "availability": "土曜日の午前",
                "suggest": suggest,
            },
        )

    return make


@pytest.fixture
def other_member(make_user: Callable[..., Any]) -> Any:
    """A member of another listed group: no part in the kitchen's need."""
    user = make_user(Role.PARTNER_MEMBER, email="other@example.jp")
    MembershipFactory(user=user, role=Membership.Role.MEMBER)
    return user
