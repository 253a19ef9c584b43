"""What other apps' pages show of community plans and the inventory of recurring work, on a
地区振興会's profile."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.urls import reverse

from tsunagaru.community import permissions
from tsunagaru.community import plan_selectors as selectors
from tsunagaru.community.plan_models import CommunityPlan
from tsunagaru.partners.models import Organisation


@dataclass(frozen=True)
class PlanLink:
    plan: CommunityPlan
    url: str
    adopted: bool


def organisation_plans(viewer: Any, organisation: Organisation) -> dict[str, Any] | None:
    """The association's plans `viewer` may open (adopted ones for everyone, drafts for its
    members and the support staff) and whether they may begin one; None for other groups."""
    if not selectors.is_district_association(organisation):
        return None
    links = []
    for plan in selectors.plans_of(organisation):
        adopted = plan.status != plan.Status.DRAFTING
        if permissions.can_view_adopted(viewer, plan, adopted=adopted):
            name = "community:plan" if adopted else "community:plan_draft"
            links.append(PlanLink(plan, reverse(name, args=[plan.pk]), adopted))
    return {
        "links": links,
        "can_begin": permissions.can_begin_plan(viewer, organisation),
        # The inventory's page is public for a listed association, else for its people.
        "inventory": organisation.is_listed or permissions.can_see_inventory(viewer, organisation),
        # Own income is the association's business and the support staff's.
        "income": permissions.can_see_inventory(viewer, organisation),
    }
