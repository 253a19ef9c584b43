"""A 地区振興会 with its representative and a member, and plans built through the services."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from tsunagaru.accounts.models import User
from tsunagaru.accounts.tests.factories import UserFactory
from tsunagaru.community import plan_services as services
from tsunagaru.community.plan_models import CommunityPlan, PlanAction, PlanGoal, PlanVersion
from tsunagaru.core.dates import fiscal_year
from tsunagaru.core.models import District
from tsunagaru.guideline.models import OrganisationKind
from tsunagaru.partners.models import Membership, Organisation
from tsunagaru.partners.tests.factories import MembershipFactory, OrganisationFactory


def this_year() -> int:
    """The 年度 of today (tests that travel in time get the year they travel to)."""
    return fiscal_year(timezone.localdate())


def meeting() -> datetime.date:
    """The day of the general meeting (総会) that adopts: a week ago."""
    return timezone.localdate() - datetime.timedelta(days=7)


@dataclass
class Association:
    organisation: Organisation
    representative: User
    member: User


def association(name: str = "稲瀬地区振興会", *, district: str = "inase") -> Association:
    organisation = OrganisationFactory(
        name=name,
        kind=OrganisationKind.objects.get(code="district_association"),
        district=District.objects.get(slug=district),
    )
    representative = UserFactory()
    member = UserFactory()
    MembershipFactory(organisation=organisation, user=representative)
    MembershipFactory(organisation=organisation, user=member, role=Membership.Role.MEMBER)
    return Association(organisation, representative, member)


def plan_data(**changes: Any) -> dict[str, Any]:
    return {
        "title": "稲瀬地区まちづくり計画",
        "first_year": this_year(),
        "last_year": this_year() + 4,
        "vision": "みんなで支え合い、笑顔で暮らせる稲瀬",
        **changes,
    }


def action_data(**changes: Any) -> dict[str, Any]:
    return {
        "title": "地区合同防災訓練",
        "first_year": this_year(),
        "last_year": this_year() + 2,
        "lead": "防災部会",
        "partners": "消防団第5分団",
        "city_role": "地区担当職員が訓練の計画を手伝う",
        "cost": 80000,
        **changes,
    }


@dataclass
class Plan:
    plan: CommunityPlan
    goal: PlanGoal
    action: PlanAction


def drafted(people: Association) -> Plan:
    """A plan with a vision, an issue, a goal with an indicator and an action."""
    by = people.member
    plan = services.plan_create(organisation=people.organisation, data=plan_data(), by=by)
    services.issue_add(plan=plan, text="高齢者だけの世帯が増えた", found_by="survey", by=by)
    goal = services.goal_add(plan=plan, text="災害に強い地区にする", by=by)
    services.indicator_add(
        goal=goal,
        data={
            "name": "防災訓練の参加者",
            "unit": "人",
            "baseline": 120,
            "target": 200,
            "target_year": 2030,
        },
        by=by,
    )
    action = services.action_save(plan=plan, data=action_data(goal=goal), by=by)
    return Plan(plan, goal, action)


def adopted(people: Association) -> tuple[Plan, PlanVersion]:
    made = drafted(people)
    version = services.plan_adopt(
        plan=made.plan, general_meeting_on=meeting(), by=people.representative
    )
    return made, version
