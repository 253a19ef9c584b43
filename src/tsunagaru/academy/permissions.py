"""Who may do what in the academy. Plain bool answers; the services do the writing.

Applicants' motivations, attendance, assignments and feedback are personal data: the person
and the academy's staff (the support centre's coordinators, city staff, administrators) see
them, nobody else. Nobody decides on, or confirms, their own application.
"""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from tsunagaru.academy.models import Application, Certificate, Cohort
from tsunagaru.accounts.permissions import has_role
from tsunagaru.partners.permissions import SUPPORT_ROLES


def _active(user: Any) -> bool:
    return bool(user.is_authenticated and user.is_active)


def is_academy_staff(user: Any) -> bool:
    """Coordinators, city staff and administrators run the academy's cohorts."""
    return has_role(user, *SUPPORT_ROLES)


def can_create_cohort(user: Any) -> bool:
    return is_academy_staff(user)


def can_manage(user: Any, cohort: Cohort) -> bool:
    """See the applications and the progress of everyone, schedule sessions."""
    return is_academy_staff(user)


def can_apply(user: Any, cohort: Cohort) -> bool:
    """Signed in, before the close date. A second application is refused by the service with
    a message (the page shows the first one instead of the form)."""
    if not _active(user):
        return False
    return timezone.now() < cohort.applications_close_at


def _own(user: Any, application: Application) -> bool:
    return _active(user) and application.user_id == user.pk


def can_view_application(user: Any, application: Application) -> bool:
    return _own(user, application) or is_academy_staff(user)


def can_decide(user: Any, application: Application) -> bool:
    if application.status not in Application.WAITING:
        return False
    return is_academy_staff(user) and not _own(user, application)


def can_withdraw(user: Any, application: Application) -> bool:
    if not application.can_move_to(Application.Status.WITHDRAWN):
        return False
    return _own(user, application)


def can_submit_assignment(user: Any, application: Application) -> bool:
    return application.status == Application.Status.ACCEPTED and _own(user, application)


def can_give_feedback(user: Any, application: Application) -> bool:
    if application.status not in (Application.Status.ACCEPTED, Application.Status.COMPLETED):
        return False
    return is_academy_staff(user) and not _own(user, application)


def can_record_makeup(user: Any, application: Application) -> bool:
    return application.status == Application.Status.ACCEPTED and can_give_feedback(
        user, application
    )


def can_confirm_completion(user: Any, application: Application) -> bool:
    if application.status != Application.Status.ACCEPTED:
        return False
    return is_academy_staff(user) and not _own(user, application)


def can_download_certificate(user: Any, certificate: Certificate) -> bool:
    """The graduate, and the staff who may have to send it again."""
    return _own(user, certificate.application) or is_academy_staff(user)


def can_set_consent(user: Any, certificate: Certificate) -> bool:
    """Only the graduate decides whether their name is shown on the public page."""
    return _own(user, certificate.application)
