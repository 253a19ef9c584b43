"""Who may do what with a district's page and figures, and with a community plan."""

from __future__ import annotations

from typing import Any

from tsunagaru.accounts.permissions import STAFF_ROLES, has_role
from tsunagaru.community.plan_models import CommunityPlan
from tsunagaru.community.plan_selectors import is_district_association
from tsunagaru.partners.models import Membership, Organisation
from tsunagaru.partners.permissions import SUPPORT_ROLES, role_in


def can_edit_district(user: Any) -> bool:
    """The city's staff keep the figures, the 地区センター and the 地区担当職員 up to date."""
    return has_role(user, *STAFF_ROLES)


def _member(user: Any, plan: CommunityPlan) -> bool:
    return role_in(user, plan.organisation) is not None


def can_begin_plan(user: Any, organisation: Organisation) -> bool:
    """Members of a 地区振興会 begin its community plan."""
    return role_in(user, organisation) is not None and is_district_association(organisation)


def can_edit_plan(user: Any, plan: CommunityPlan) -> bool:
    """The plan belongs to its association: only its members write it (not the city)."""
    return _member(user, plan)


def can_adopt(user: Any, plan: CommunityPlan) -> bool:
    """The representative records the general meeting's adoption."""
    return role_in(user, plan.organisation) == Membership.Role.REPRESENTATIVE


def can_see_draft(user: Any, plan: CommunityPlan) -> bool:
    """The working copy: the members, and the support staff who help them (read only)."""
    return _member(user, plan) or has_role(user, *SUPPORT_ROLES)


def can_view_adopted(user: Any, plan: CommunityPlan, *, adopted: bool) -> bool:
    """An adopted plan of a listed association is public; otherwise as the draft."""
    if adopted and plan.organisation.is_listed:
        return True
    return can_see_draft(user, plan)


def can_keep_inventory(user: Any, organisation: Organisation) -> bool:
    """Members of a 地区振興会 keep its inventory of recurring work."""
    return role_in(user, organisation) is not None and is_district_association(organisation)


def can_see_inventory(user: Any, organisation: Organisation) -> bool:
    """The decisions are public for a listed association (without names); the yearly review
    pages are for its members and the support staff."""
    return role_in(user, organisation) is not None or has_role(user, *SUPPORT_ROLES)


def can_see_overview(user: Any) -> bool:
    """The city's overview of every district's plan and inventory: the city's staff and the
    support centre, who help the associations."""
    return has_role(user, *SUPPORT_ROLES)
