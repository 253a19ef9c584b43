"""Cohorts, their sessions and applications.

A cohort's sessions are events of the info app in the cohort's EventSeries, published at once
and closed to self-registration: the academy registers each accepted applicant for every
session (info.services.registration_create, entered by staff), so attendance is taken at the
door with the events app and the series' materials reach the cohort.

Places: an application made while the accepted people fill the cohort goes on the waiting
list; an acceptance that would exceed the places is refused. Both run in one transaction that
holds the cohort's row (SELECT … FOR UPDATE on PostgreSQL; SQLite's IMMEDIATE transactions
serialise writers), the way info.services.registrations guards an event's seats.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from tsunagaru.academy.models import Application, Cohort, Course, CourseSession
from tsunagaru.accounts.models import User
from tsunagaru.audit.services import audit_record
from tsunagaru.core.dates import fiscal_year_label
from tsunagaru.core.mail import mail_subject
from tsunagaru.info import services as info_services
from tsunagaru.info.models import Event, EventKind, Registration
from tsunagaru.partners.models import Organisation

MOTIVATION_MAX = 2000
TAKEN = (Application.Status.ACCEPTED, Application.Status.COMPLETED)


def cohort_create(
    *,
    course: Course,
    fiscal_year: int,
    organiser: Organisation,
    capacity: int,
    applications_close_at: datetime,
    note: str = "",
    by: User,
) -> Cohort:
    """Open a cohort of `course` in `fiscal_year`, with its series of events. Audited.

    Raises ValidationError "no_places" for a capacity below 1.
    """
    if capacity < 1:
        raise ValidationError(_("A cohort needs at least one place."), code="no_places")
    title = f"{fiscal_year_label(fiscal_year)} {course.name}"
    with transaction.atomic():
        series = info_services.series_save(
            series=None,
            data={"title": title, "description": course.aim, "program": course.program},
            organiser=organiser,
            by=by,
        )
        cohort = Cohort(
            course=course,
            fiscal_year=fiscal_year,
            series=series,
            capacity=capacity,
            applications_close_at=applications_close_at,
            note=note.strip(),
            created_by=by,
        )
        cohort.full_clean()
        cohort.save()
        audit_record(
            actor=by,
            action="cohort.create",
            target=cohort,
            after={"capacity": capacity, "applications_close_at": applications_close_at},
        )
    return cohort


def session_add(
    *,
    cohort: Cohort,
    session: CourseSession,
    starts_at: datetime,
    ends_at: datetime,
    place_name: str,
    address: str = "",
    by: User,
) -> Event:
    """Schedule a session of the curriculum as a published event of the cohort's series and
    register everyone accepted so far. Raises the event's ValidationErrors ("ends_before_start")."""
    course = cohort.course
    topics = "\n".join(f"・{t}" for t in session.topic_list)
    link = str(settings.SITE_URL) + cohort.get_absolute_url()
    with override(settings.LANGUAGE_CODE):
        # Stored text of the event, in the site's language like everything staff write.
        who = _(
            "A session for the participants of the cohort. Apply on the academy's page: %(link)s"
        ) % {"link": link}
    with transaction.atomic():
        event = info_services.event_save(
            event=None,
            data={
                "title": f"{course.name} 第{session.number}回 {session.title}",
                "description": f"{course.aim}\n\n{topics}\n\n{who}".strip(),
                "kind": EventKind.objects.get(code="course"),
                "series": cohort.series,
                "program": course.program,
                "place_name": place_name,
                "address": address,
                "starts_at": starts_at,
                "ends_at": ends_at,
                # Registration is closed from the start: the academy registers the people it
                # accepted (at_counter), and the organisers take attendance on the event's list.
                "registration_required": True,
                "registration_closes_at": min(timezone.now(), starts_at),
            },
            organiser=cohort.series.organiser,
            by=by,
            by_owner=True,
        )
        info_services.event_submit(event=event, by=by)
        audit_record(
            actor=by, action="cohort.session_add", target=cohort, after={"event": event.pk}
        )
    for application in cohort.applications.filter(status__in=TAKEN).select_related("user"):
        _register(application.user, event, by)
    return event


def application_apply(*, cohort: Cohort, user: User, motivation: str) -> Application:
    """Apply to `cohort` with a short motivation. Returns the application: "applied", or
    "waitlisted" when the accepted people already fill the places.

    Raises ValidationError "closed" (after the close date), "no_motivation", "too_long",
    "already_applied" (a live application exists; also when two submits race).
    """
    if timezone.now() >= cohort.applications_close_at:
        raise ValidationError(_("Applications for this cohort are closed."), code="closed")
    motivation = (motivation or "").strip()
    if not motivation:
        raise ValidationError(
            _("Write in a few words why you want to take part."), code="no_motivation"
        )
    if len(motivation) > MOTIVATION_MAX:
        raise ValidationError(
            _("Keep it under %(max)d characters.") % {"max": MOTIVATION_MAX}, code="too_long"
        )
    try:
        with transaction.atomic():
            Cohort.objects.select_for_update().get(pk=cohort.pk)
            if cohort.applications.filter(user=user, status__in=Application.LIVE).exists():
                raise _already()
            full = cohort.applications.filter(status__in=TAKEN).count() >= cohort.capacity
            application = Application.objects.create(
                cohort=cohort,
                user=user,
                motivation=motivation,
                status=Application.Status.WAITLISTED if full else Application.Status.APPLIED,
            )
            audit_record(
                actor=user,
                action="application.apply",
                target=application,
                after={"status": application.status},
            )
    except IntegrityError as error:
        raise _already() from error
    return application


def application_decide(
    *, application: Application, accept: bool, reason: str = "", by: User
) -> Application:
    """Accept an application (the person is registered for every session) or decline it with a
    reason; the applicant is told by mail. Whether `by` may is the caller's question.

    Raises ValidationError "no_reason", "invalid_transition", "full" (no place left).
    """
    reason = (reason or "").strip()
    if not accept and not reason:
        raise ValidationError(_("Give the reason for declining."), code="no_reason")
    to = Application.Status.ACCEPTED if accept else Application.Status.DECLINED
    with transaction.atomic():
        cohort = Cohort.objects.select_for_update().get(pk=application.cohort_id)
        # Re-read under the lock: two staff deciding at once must not both succeed.
        current = Application.objects.get(pk=application.pk)
        if not current.can_move_to(to):
            raise _invalid()
        if accept and cohort.applications.filter(status__in=TAKEN).count() >= cohort.capacity:
            raise ValidationError(
                _("The cohort is full: no place is left to accept this application."),
                code="full",
            )
        previous = current.status
        _set(application, status=to, reason=reason, decided_at=timezone.now(), decided_by=by)
        audit_record(
            actor=by,
            action="application.accept" if accept else "application.decline",
            target=application,
            before={"status": previous},
            after={"status": to, "reason": reason},
        )
    sessions: list[Event] = []
    if accept:
        # One mail for them all: the decision lists every session (not one mail per session).
        sessions = list(
            cohort.series.sessions.filter(status=Event.Status.PUBLISHED).order_by("starts_at")
        )
        for event in sessions:
            _register(application.user, event, by, tell=False)
    tell(
        application,
        "academy/email/application_decided.txt",
        _("Your application: %(course)s"),
        sessions=sessions,
    )
    return application


def application_withdraw(*, application: Application, by: User) -> Application:
    """The applicant withdraws; their places at the sessions are given up. Audited.

    Raises ValidationError "invalid_transition" (declined, completed or already withdrawn).
    """
    with transaction.atomic():
        Cohort.objects.select_for_update().get(pk=application.cohort_id)
        current = Application.objects.get(pk=application.pk)
        if not current.can_move_to(Application.Status.WITHDRAWN):
            raise _invalid()
        _set(application, status=Application.Status.WITHDRAWN)
        audit_record(
            actor=by,
            action="application.withdraw",
            target=application,
            before={"status": current.status},
        )
    places = Registration.objects.filter(
        event__series_id=application.cohort.series_id,
        user=application.user,
        status__in=Registration.ACTIVE,
    )
    for registration in places:
        info_services.registration_cancel(registration=registration, by=by)
    return application


def _register(user: User, event: Event, by: User, *, tell: bool = True) -> None:
    """Register `user` for a session as staff do for someone at the counter; a place they
    already hold is kept. `tell`: the events app's own "registered" mail."""
    try:
        info_services.registration_create(event=event, user=user, by=by, at_counter=True, tell=tell)
    except ValidationError as error:
        if error.code != "already_registered":
            raise


def _set(application: Application, **fields: Any) -> None:
    fields["updated_at"] = timezone.now()
    Application.objects.filter(pk=application.pk).update(**fields)
    for name, value in fields.items():
        setattr(application, name, value)


def _already() -> ValidationError:
    return ValidationError(_("You have already applied to this cohort."), code="already_applied")


def _invalid() -> ValidationError:
    return ValidationError(
        _("This application can no longer be changed this way."), code="invalid_transition"
    )


def tell(
    application: Application, template: str, subject: str, *, sessions: Sequence[Event] = ()
) -> None:
    """Mail the applicant about their application (in the site's language), with `sessions`
    (the ones they were registered for) if any."""
    user = application.user
    if not user.email:
        return
    context = {
        "application": application,
        "cohort": application.cohort,
        "sessions": sessions,
        "name": user.full_name or user.display_name,
        "link": str(settings.SITE_URL) + reverse("academy:application", args=[application.pk]),
    }
    with override(settings.LANGUAGE_CODE):
        body = render_to_string(template, context)
        text = mail_subject(subject % {"course": application.cohort.course.name})
    EmailMessage(text, body, settings.DEFAULT_FROM_EMAIL, [user.email]).send()


def personal_data_viewed(
    *, application: Application | None = None, cohort: Cohort | None = None, by: User
) -> None:
    """Record that staff opened applicants' personal data (motivation, attendance, work)."""
    if application is not None:
        audit_record(actor=by, action="application.view", target=application)
    if cohort is not None:
        audit_record(actor=by, action="cohort.applications_view", target=cohort)
