"""Registration with the centre (市民活動支援センター登録): a group applies, staff register it
(after the centre's interview) with a date and a renewal date, or refuse with a reason.

Registration is the gate for the proposal table and the city's grants (奥州市市民公益活動の推進に
関する条例 第3条(4)). Whether the caller may apply or decide is asked in support.permissions.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, override

from tsunagaru.accounts.models import User
from tsunagaru.audit.services import audit_record
from tsunagaru.core.mail import mail_subject
from tsunagaru.partners.models import Organisation
from tsunagaru.support.models import CentreRegistration


def default_valid_until(registered_on: datetime.date) -> datetime.date:
    """One year of registration, the day before the anniversary (staff may change it)."""
    try:
        return registered_on.replace(year=registered_on.year + 1) - datetime.timedelta(days=1)
    except ValueError:  # registered on 29 February
        return registered_on.replace(year=registered_on.year + 1, day=28)


def registration_apply(
    *, organisation: Organisation, activities: str, by: User
) -> CentreRegistration:
    """Apply (or apply again, to renew) for the group's registration with the centre.

    Raises ValidationError with code "empty" or "already_applied" (an application is waiting).
    """
    activities = activities.strip()
    if not activities:
        raise ValidationError(_("Describe what the group does."), code="empty")
    registration = CentreRegistration(
        organisation=organisation, activities=activities, applied_by=by
    )
    try:
        with transaction.atomic():
            registration.save()
            audit_record(actor=by, action="centre_registration.apply", target=registration)
    except IntegrityError as error:
        # The partial unique constraint: a second application while one waits (a double
        # click, two speakers of the group at once).
        raise ValidationError(
            _("An application of this group is already waiting for the centre."),
            code="already_applied",
        ) from error
    return registration


def registration_register(
    *,
    registration: CentreRegistration,
    registered_on: datetime.date,
    valid_until: datetime.date,
    by: User,
) -> CentreRegistration:
    """Register the group from `registered_on` to `valid_until` and tell its applicant.

    Raises ValidationError with code "bad_dates", "invalid_transition" or "stale".
    """
    if valid_until < registered_on:
        raise ValidationError(_("The registration cannot end before it starts."), code="bad_dates")
    with transaction.atomic():
        _move(
            registration,
            to=CentreRegistration.Status.REGISTERED,
            registered_on=registered_on,
            valid_until=valid_until,
            decided_by=by,
        )
        audit_record(
            actor=by,
            action="centre_registration.register",
            target=registration,
            before={"status": CentreRegistration.Status.APPLIED},
            after={
                "status": CentreRegistration.Status.REGISTERED,
                "registered_on": registered_on,
                "valid_until": valid_until,
            },
        )
    _mail(registration, gettext_lazy("%(name)s is registered with the support centre"))
    return registration


def registration_refuse(
    *, registration: CentreRegistration, reason: str, by: User
) -> CentreRegistration:
    """Refuse the application with a reason the group reads.

    Raises ValidationError with code "reason_required", "invalid_transition" or "stale".
    """
    reason = reason.strip()
    if not reason:
        raise ValidationError(_("Write the reason: the group reads it."), code="reason_required")
    with transaction.atomic():
        _move(registration, to=CentreRegistration.Status.REFUSED, reason=reason, decided_by=by)
        audit_record(
            actor=by,
            action="centre_registration.refuse",
            target=registration,
            before={"status": CentreRegistration.Status.APPLIED},
            after={"status": CentreRegistration.Status.REFUSED, "reason": reason},
        )
    _mail(registration, gettext_lazy("The support centre did not register %(name)s"))
    return registration


def _move(registration: CentreRegistration, *, to: str, **fields: Any) -> None:
    """Compare-and-set on the status: two staff deciding at once cannot both win."""
    if not registration.can_move_to(to):
        raise ValidationError(
            _("This application has already been decided."), code="invalid_transition"
        )
    values = {
        "status": to,
        "decided_at": timezone.now(),
        "updated_at": timezone.now(),
        **fields,
    }
    updated = CentreRegistration.objects.filter(
        pk=registration.pk, status=registration.status
    ).update(**values)
    if updated != 1:
        raise ValidationError(
            _("Someone else decided this application. Reload the page."), code="stale"
        )
    for name, value in values.items():
        setattr(registration, name, value)


def _mail(registration: CentreRegistration, subject: Any) -> None:
    applicant = registration.applied_by
    if not (applicant.is_active and applicant.email):
        return
    context = {
        "registration": registration,
        "organisation": registration.organisation,
        "link": str(settings.SITE_URL) + registration.organisation.get_absolute_url(),
    }
    with override(settings.LANGUAGE_CODE):
        body = render_to_string("support/email/registration_decided.txt", context)
        text = mail_subject(str(subject) % {"name": registration.organisation.name})
    EmailMessage(text, body, settings.DEFAULT_FROM_EMAIL, [applicant.email]).send()
