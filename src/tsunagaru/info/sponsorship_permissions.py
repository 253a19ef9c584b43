"""Who may apply for 後援, decide on it, file the report and read a request.

A request is the group's business with the city: its budget and its answers are seen by the
group's own members and by city staff (市職員・管理者), never by other groups, coordinators or
the public. The people who speak for the group (代表者・担当者) act for it; staff decide, but
never on a request of a group they belong to.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.utils import timezone

from tsunagaru.accounts.models import Role
from tsunagaru.accounts.permissions import has_role
from tsunagaru.info.sponsorship_models import SponsorshipRequest
from tsunagaru.partners.models import Membership, Organisation
from tsunagaru.partners.permissions import (
    CITY_DEPARTMENT,
    SPEAKING_ROLES,
    STAFF_ROLES,
    is_city_department,
    role_in,
)

Status = SponsorshipRequest.Status


def is_reviewer(user: Any) -> bool:
    """City staff and administrators decide on requests and see the queue."""
    return has_role(user, *STAFF_ROLES)


def speaks_for(user: Any, request: SponsorshipRequest) -> bool:
    return role_in(user, request.applicant) in SPEAKING_ROLES


def can_apply_for(user: Any, organisation: Organisation) -> bool:
    """A listed group (not a city department) applies through the people who speak for it."""
    if not organisation.is_listed or is_city_department(organisation):
        return False
    return role_in(user, organisation) in SPEAKING_ROLES


def applies_for_a_group(user: Any) -> bool:
    """Whether the user speaks for a group that may apply (the menu's "Sponsorship requests")."""
    if not (user.is_authenticated and user.is_active):
        return False
    return (
        Membership.objects.filter(
            user=user,
            role__in=SPEAKING_ROLES,
            organisation__status=Organisation.Status.VERIFIED,
        )
        .exclude(organisation__kind__code=CITY_DEPARTMENT)
        .exists()
    )


def can_view(user: Any, request: SponsorshipRequest) -> bool:
    """The group's members always; staff once it is sent (a draft is the group's own)."""
    if role_in(user, request.applicant) is not None:
        return True
    return is_reviewer(user) and request.status != Status.DRAFT


def can_edit(user: Any, request: SponsorshipRequest) -> bool:
    return request.status == Status.DRAFT and speaks_for(user, request)


def can_submit(user: Any, request: SponsorshipRequest) -> bool:
    return can_edit(user, request)


def can_withdraw(user: Any, request: SponsorshipRequest) -> bool:
    """Before the decision only."""
    if request.status not in (Status.DRAFT, Status.SUBMITTED):
        return False
    return speaks_for(user, request)


def city_desk() -> Organisation | None:
    """The collaboration section: the verified city department named by
    settings.SPONSORSHIP_CITY_DESK, which handles requests to the city as a whole; None when
    the setting is empty or names no such department (then any member of staff handles them)."""
    name = settings.SPONSORSHIP_CITY_DESK.strip()
    if not name:
        return None
    return (
        Organisation.objects.filter(
            name=name, kind__code=CITY_DEPARTMENT, status=Organisation.Status.VERIFIED
        )
        .order_by("pk")
        .first()
    )


def handling_department(request: SponsorshipRequest) -> Organisation | None:
    """The department whose staff decide: the one asked, else the collaboration section."""
    if request.department is not None:
        return request.department
    return city_desk()


def belongs_to_applicant(user: Any, request: SponsorshipRequest) -> bool:
    return role_in(user, request.applicant) is not None


def decides_for(user: Any, request: SponsorshipRequest) -> bool:
    """Whether `user` is one of those who decide on `request`, whatever its state: staff of
    the handling department, or an administrator; never a member of the applying group.
    The services ask this again, so no page or admin action can go round it."""
    if not is_reviewer(user):
        return False
    if belongs_to_applicant(user, request):
        return False
    if has_role(user, Role.ADMINISTRATOR):
        return True
    department = handling_department(request)
    if department is None:
        # No collaboration section on the site: the city as a whole is every member of staff.
        return True
    return role_in(user, department) is not None


def can_decide(user: Any, request: SponsorshipRequest) -> bool:
    """Approve or refuse a submitted request: see decides_for."""
    if request.status != Status.SUBMITTED:
        return False
    return decides_for(user, request)


def can_report(user: Any, request: SponsorshipRequest) -> bool:
    """The results report: on an approved request, once the event's last day has come."""
    if request.status != Status.APPROVED:
        return False
    if request.ends_on > timezone.localdate():
        return False
    return speaks_for(user, request)


def can_download_letter(user: Any, request: SponsorshipRequest) -> bool:
    """The decision letter: the group's members and staff, once decided."""
    return request.status in SponsorshipRequest.DECIDED and can_view(user, request)
