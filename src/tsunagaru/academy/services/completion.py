"""Completion (修了) and the certificate (修了証).

Staff confirm a participant's completion; the service checks the course's rule first
(services.rules), so no certificate exists for someone who did not meet it. The certificate
carries a random verification code; its public page shows the name only while the graduate
allows it (Certificate.show_name, which only they switch).
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tsunagaru.academy import selectors
from tsunagaru.academy.models import Application, Certificate, Cohort
from tsunagaru.academy.services.cohorts import _invalid, _set, tell
from tsunagaru.accounts.models import User
from tsunagaru.audit.services import audit_record


def completion_confirm(*, application: Application, by: User) -> Certificate:
    """Confirm that the participant completed the course and issue the certificate. Audited;
    the graduate is told by mail.

    Raises ValidationError "invalid_transition" (not an accepted participant, or already
    completed), "too_few_sessions", "no_assignment".
    """
    with transaction.atomic():
        Cohort.objects.select_for_update().get(pk=application.cohort_id)
        current = Application.objects.select_related("cohort__course", "user").get(
            pk=application.pk
        )
        if not current.can_move_to(Application.Status.COMPLETED):
            raise _invalid()
        _check_rule(current)
        user = current.user
        certificate = Certificate.objects.create(
            application=current,
            name=(user.full_name or user.display_name)[:110],
            completed_on=timezone.localdate(),
            issued_by=by,
        )
        _set(application, status=Application.Status.COMPLETED)
        audit_record(
            actor=by,
            action="application.complete",
            target=application,
            after={"certificate": certificate.code},
        )
    tell(application, "academy/email/completed.txt", _("Completed: %(course)s"))
    return certificate


def _check_rule(application: Application) -> None:
    course = application.cohort.course
    progress = selectors.application_progress(application)
    attended = progress.attended if progress else 0
    if attended < course.min_sessions:
        raise ValidationError(
            _("Attended %(attended)d sessions; the course asks for %(needed)d.")
            % {"attended": attended, "needed": course.min_sessions},
            code="too_few_sessions",
        )
    if progress is None or not progress.meets_rule:
        raise ValidationError(_("The assignment has not been handed in yet."), code="no_assignment")


def certificate_downloaded(*, certificate: Certificate, by: User) -> None:
    """Record that staff downloaded someone's certificate (it carries the real name)."""
    if by.pk != certificate.application.user_id:
        audit_record(actor=by, action="certificate.download", target=certificate)


def certificate_consent(
    *, certificate: Certificate, show_name: bool, on_profile: bool = False, by: User
) -> Certificate:
    """The graduate allows (or stops) showing their name on the public verification page, and
    the course beside their volunteer profile. Only the graduate decides (the view asks
    academy.permissions.can_set_consent; here it is asked again)."""
    if certificate.application.user_id != by.pk:
        raise ValidationError(_("Only the graduate decides this."), code="not_graduate")
    with transaction.atomic():
        before = {"show_name": certificate.show_name, "on_profile": certificate.on_profile}
        Certificate.objects.filter(pk=certificate.pk).update(
            show_name=show_name, on_profile=on_profile, updated_at=timezone.now()
        )
        certificate.show_name, certificate.on_profile = show_name, on_profile
        audit_record(
            actor=by,
            action="certificate.consent",
            target=certificate,
            before=before,
            after={"show_name": show_name, "on_profile": on_profile},
        )
    return certificate
