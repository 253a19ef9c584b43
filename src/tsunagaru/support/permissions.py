"""Who may do what at the support centre. Plain bool answers; the services do the writing.

The consultation log holds askers' personal data (names, e-mail addresses, phone numbers,
what they asked): only the centre's coordinators and city staff see it. Administrators run the
site, not the centre, so they are not given it here.
"""

from __future__ import annotations

from typing import Any

from tsunagaru.accounts.models import Role
from tsunagaru.accounts.permissions import has_role
from tsunagaru.partners import permissions as partner_permissions
from tsunagaru.partners.models import Organisation
from tsunagaru.support.models import CentreRegistration, Consultation

CENTRE_ROLES = (Role.COORDINATOR, Role.CITY_STAFF)


def can_ask(user: Any) -> bool:
    """Anyone may ask the centre, signed in or not."""
    return True


def is_centre_staff(user: Any) -> bool:
    """The centre's coordinators and city staff: the consultation log is theirs."""
    return has_role(user, *CENTRE_ROLES)


def can_view_my_questions(user: Any) -> bool:
    return bool(user.is_authenticated and user.is_active)


def can_view_consultation(user: Any, consultation: Consultation) -> bool:
    return is_centre_staff(user)


def can_log(user: Any) -> bool:
    return is_centre_staff(user)


def can_answer(user: Any, consultation: Consultation) -> bool:
    if consultation.status != Consultation.Status.OPEN:
        return False
    return is_centre_staff(user)


def can_close(user: Any, consultation: Consultation) -> bool:
    if not consultation.can_move_to(Consultation.Status.CLOSED):
        return False
    return is_centre_staff(user)


def can_reopen(user: Any, consultation: Consultation) -> bool:
    if not consultation.can_move_to(Consultation.Status.OPEN):
        return False
    return is_centre_staff(user)


def can_update(user: Any, consultation: Consultation) -> bool:
    """Add a referral, a note or a follow-up date: while the consultation is not closed."""
    if consultation.status == Consultation.Status.CLOSED:
        return False
    return is_centre_staff(user)


# Registration with the centre


def speaks_for(user: Any, organisation: Organisation) -> bool:
    """A representative or contact person of the group (who may apply in its name)."""
    role = partner_permissions.role_in(user, organisation)
    return role in partner_permissions.SPEAKING_ROLES


def can_apply_registration(
    user: Any, organisation: Organisation, *, waiting: CentreRegistration | None
) -> bool:
    """The group's speakers apply, once at a time (`waiting`: its open application, if any).

    City departments are the city itself: they do not register with the centre.
    """
    if waiting is not None:
        return False
    if partner_permissions.is_city_department(organisation):
        return False
    return speaks_for(user, organisation)


def can_view_registration(user: Any, organisation: Organisation) -> bool:
    """The group's members and the centre's staff see its registration state."""
    if is_centre_staff(user):
        return True
    return partner_permissions.role_in(user, organisation) is not None


def can_review_registrations(user: Any) -> bool:
    return is_centre_staff(user)


def can_decide_registration(user: Any, registration: CentreRegistration) -> bool:
    if registration.status != CentreRegistration.Status.APPLIED:
        return False
    # Nobody decides on their own group's registration.
    if partner_permissions.role_in(user, registration.organisation) is not None:
        return False
    return is_centre_staff(user)
