"""Who may do what with an organisation. Plain bool answers; the services do the writing."""

from __future__ import annotations

from typing import Any

from tsunagaru.accounts.models import Role
from tsunagaru.accounts.permissions import has_role
from tsunagaru.partners.models import Membership, Organisation

SUPPORT_ROLES = (Role.COORDINATOR, Role.CITY_STAFF, Role.ADMINISTRATOR)
STAFF_ROLES = (Role.CITY_STAFF, Role.ADMINISTRATOR)
# The members who speak for a group: they edit its profile, answer introductions and confirm
# its part in a case.
SPEAKING_ROLES = (Membership.Role.REPRESENTATIVE, Membership.Role.CONTACT)
CITY_DEPARTMENT = "city_department"  # the OrganisationKind code of 市の部署


def role_in(user: Any, organisation: Organisation) -> str | None:
    """The user's membership role in `organisation`, or None."""
    if not (user.is_authenticated and user.is_active):
        return None
    cache = getattr(user, "_membership_roles", None)
    if cache is None:
        cache = dict(Membership.objects.filter(user=user).values_list("organisation_id", "role"))
        user._membership_roles = cache
    return cache.get(organisation.pk)


def can_view(user: Any, organisation: Organisation) -> bool:
    """Listed groups are public; others are seen by their members and the support staff."""
    if organisation.is_listed:
        return True
    return role_in(user, organisation) is not None or has_role(user, *SUPPORT_ROLES)


def can_register(user: Any) -> bool:
    return bool(user.is_authenticated and user.is_active)


def can_edit(user: Any, organisation: Organisation) -> bool:
    if role_in(user, organisation) in SPEAKING_ROLES:
        return True
    return has_role(user, Role.COORDINATOR, Role.ADMINISTRATOR)


def can_manage_members(user: Any, organisation: Organisation) -> bool:
    """The representative (代表者) invites and removes members."""
    if role_in(user, organisation) == Membership.Role.REPRESENTATIVE:
        return True
    return has_role(user, Role.ADMINISTRATOR)


def can_see_members(user: Any, organisation: Organisation) -> bool:
    return role_in(user, organisation) is not None or has_role(user, *SUPPORT_ROLES)


def can_review(user: Any) -> bool:
    """Coordinators and staff see the queue of groups waiting for verification."""
    return has_role(user, *SUPPORT_ROLES)


def can_verify(user: Any, organisation: Organisation) -> bool:
    if organisation.status != Organisation.Status.PENDING:
        return False
    # Nobody verifies their own group.
    return has_role(user, *SUPPORT_ROLES) and role_in(user, organisation) is None


def can_suspend(user: Any, organisation: Organisation) -> bool:
    return organisation.status == Organisation.Status.VERIFIED and has_role(user, *STAFF_ROLES)


def can_reinstate(user: Any, organisation: Organisation) -> bool:
    return organisation.status == Organisation.Status.SUSPENDED and has_role(user, *STAFF_ROLES)


def can_resubmit(user: Any, organisation: Organisation) -> bool:
    return organisation.status == Organisation.Status.REJECTED and can_edit(user, organisation)


def is_city_department(organisation: Organisation) -> bool:
    """A department of the city (市の部署): at the proposal table, a responsible department."""
    return bool(organisation.kind.code == CITY_DEPARTMENT)


def can_set_city_department(user: Any) -> bool:
    """Only city staff make a group a city department or place a group under one."""
    return has_role(user, *STAFF_ROLES)


def can_contact(user: Any, organisation: Organisation) -> bool:
    return organisation.is_listed and bool(organisation.contact_email)


def can_import(user: Any) -> bool:
    """City staff and coordinators import groups from a spreadsheet."""
    return has_role(user, *SUPPORT_ROLES)


def is_partner_or_support(user: Any) -> bool:
    """A member of a listed group, or support staff."""
    if has_role(user, *SUPPORT_ROLES):
        return True
    if not (user.is_authenticated and user.is_active):
        return False
    # Asked by several menu entries on every page: once per request (the user object).
    listed = getattr(user, "_in_listed_group", None)
    if listed is None:
        listed = Membership.objects.filter(
            user=user, organisation__status=Organisation.Status.VERIFIED
        ).exists()
        user._in_listed_group = listed
    return bool(listed)


def can_view_volunteers(user: Any) -> bool:
    """Volunteers who opted in are shown to support staff and to members of listed groups."""
    return is_partner_or_support(user)
