"""Who may write, publish and see events, and who sees the people registered.

Participants' names and contacts are personal data: only the organiser's members and the
support staff see them (never the co-organisers' members, never the public).
"""

from __future__ import annotations

from typing import Any

from tsunagaru.accounts.permissions import has_role
from tsunagaru.info.models import Contribution, Event, EventSeries, Material, Registration
from tsunagaru.partners.models import Organisation
from tsunagaru.partners.permissions import SPEAKING_ROLES, SUPPORT_ROLES, role_in


def can_create_for(user: Any, organisation: Organisation) -> bool:
    """Members of a listed group (or a city department) write its events; so do support staff."""
    if not organisation.is_listed:
        return False
    return role_in(user, organisation) is not None or has_role(user, *SUPPORT_ROLES)


def is_organiser(user: Any, event: Event) -> bool:
    return role_in(user, event.organiser) is not None


def can_edit(user: Any, event: Event) -> bool:
    if event.status == Event.Status.CANCELLED:
        return False
    return is_organiser(user, event) or has_role(user, *SUPPORT_ROLES)


def can_submit(user: Any, event: Event) -> bool:
    return event.status == Event.Status.DRAFT and can_edit(user, event)


def can_review(user: Any, event: Event) -> bool:
    """Staff publish or send back an event waiting for review; nobody reviews their own."""
    if event.status != Event.Status.IN_REVIEW:
        return False
    return has_role(user, *SUPPORT_ROLES) and not is_organiser(user, event)


def can_cancel(user: Any, event: Event) -> bool:
    if event.status not in (Event.Status.PUBLISHED, Event.Status.POSTPONED):
        return False
    return is_organiser(user, event) or has_role(user, *SUPPORT_ROLES)


def can_postpone(user: Any, event: Event) -> bool:
    return event.status == Event.Status.PUBLISHED and can_cancel(user, event)


def can_reschedule(user: Any, event: Event) -> bool:
    return event.status == Event.Status.POSTPONED and can_cancel(user, event)


def can_view(user: Any, event: Event) -> bool:
    """Published, cancelled and postponed events are public; drafts and events under review
    are seen by the organiser's members and the support staff."""
    if event.is_public:
        return True
    return is_organiser(user, event) or has_role(user, *SUPPORT_ROLES)


def can_see_participants(user: Any, event: Event) -> bool:
    """The list of people registered (names, contacts, answers, attendance)."""
    if not (user.is_authenticated and user.is_active):
        return False
    return is_organiser(user, event) or has_role(user, *SUPPORT_ROLES)


def can_register_others(user: Any, event: Event) -> bool:
    """Organisers and staff enter people who phoned or came to the counter."""
    return event.status == Event.Status.PUBLISHED and can_see_participants(user, event)


def can_take_attendance(user: Any, event: Event) -> bool:
    return event.status == Event.Status.PUBLISHED and can_see_participants(user, event)


def can_cancel_registration(user: Any, registration: Registration) -> bool:
    """The person themselves, or the organiser and staff."""
    if registration.status == Registration.Status.CANCELLED:
        return False
    if user.is_authenticated and registration.user_id == user.pk:
        return True
    return can_see_participants(user, registration.event)


def can_contribute_for(user: Any, organisation: Organisation) -> bool:
    """A listed group's representative or contact person applies for a booth or a talk."""
    return organisation.is_listed and role_in(user, organisation) in SPEAKING_ROLES


def can_decide_contribution(user: Any, contribution: Contribution) -> bool:
    if contribution.status != Contribution.Status.APPLIED:
        return False
    return is_organiser(user, contribution.event) or has_role(user, *SUPPORT_ROLES)


def can_withdraw_contribution(user: Any, contribution: Contribution) -> bool:
    if contribution.status not in (Contribution.Status.APPLIED, Contribution.Status.ACCEPTED):
        return False
    return role_in(user, contribution.organisation) in SPEAKING_ROLES


def can_see_contributions(user: Any, event: Event) -> bool:
    """Applications (with what each group needs) are for the organiser and staff; the accepted
    ones are public on the event's page."""
    return can_see_participants(user, event)


def can_manage_series(user: Any, series: EventSeries) -> bool:
    """The organiser's members and staff add sessions and materials and see attendance."""
    if not (user.is_authenticated and user.is_active):
        return False
    return role_in(user, series.organiser) is not None or has_role(user, *SUPPORT_ROLES)


def can_download_material(user: Any, material: Material) -> bool:
    """Public handouts for all; the others for people registered for a session of the series
    and for the organisers."""
    if material.public or can_manage_series(user, material.series):
        return True
    if not user.is_authenticated:
        return False
    return Registration.objects.filter(
        event__series=material.series, user=user, status__in=Registration.ACTIVE
    ).exists()
