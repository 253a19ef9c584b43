"""Registrations: seats, the waiting list, guests confirmed by mail, attendance."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import timedelta
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

from tsunagaru.accounts.models import User
from tsunagaru.audit.services import audit_record
from tsunagaru.core.mail import mail_subject
from tsunagaru.info.models import Event, Registration


def registration_open(event: Event) -> bool:
    """Can people register now? (published, registration asked for, within its dates)."""
    if event.status != Event.Status.PUBLISHED or not event.registration_required:
        return False
    now = timezone.now()
    if event.registration_opens_at and now < event.registration_opens_at:
        return False
    closes = event.registration_closes_at or event.starts_at
    return now < closes


def registration_create(
    *,
    event: Event,
    user: User | None,
    name: str = "",
    email: str = "",
    phone: str = "",
    answers: Mapping[str, str] | None = None,
    by: User | None,
    at_counter: bool = False,
    tell: bool = True,
) -> Registration:
    """Register a person: a signed-in user, a guest (name and e-mail, confirmed by mail), or
    someone who phoned or came in (`at_counter`: entered by an organiser or staff, `by`).
    `tell` False: no "registered" mail, for a caller that tells the person itself (the
    academy's acceptance lists every session in one mail); a guest is always asked to confirm.

    Returns the registration: registered if a seat was free, else waitlisted (guests stay
    unconfirmed until they open the link in their mail). Raises ValidationError with code
    "closed", "guests_not_allowed", "already_registered", "no_contact".
    Whether `by` may register others is the caller's question (permissions).
    """
    if not registration_open(event) and not (at_counter and event.status == Event.Status.PUBLISHED):
        raise ValidationError(_("Registration for this event is closed."), code="closed")
    name = " ".join((name or "").split())
    email = (email or "").strip().lower()
    if user is not None:
        name = name or user.full_name or user.display_name
        email = email or user.email
    elif not at_counter and not event.allow_guests:
        raise ValidationError(_("Sign in to register for this event."), code="guests_not_allowed")
    if not name or (user is None and not at_counter and not email):
        raise ValidationError(_("Give your name and e-mail address."), code="no_contact")
    questions = list(event.questions or [])
    kept = {q: str((answers or {}).get(q, "")).strip()[:500] for q in questions}
    guest = user is None and not at_counter
    try:
        with transaction.atomic():
            Event.objects.select_for_update().get(pk=event.pk)
            _refuse_second(event, user, email)
            registration = Registration(
                event=event,
                user=user,
                name=name[:100],
                email=email,
                phone=(phone or "").strip()[:30],
                answers=kept,
                status=Registration.Status.UNCONFIRMED,
                added_by=by if at_counter else None,
            )
            if not guest:
                _seat(event, registration)
            registration.save()
            audit_record(
                actor=by,
                action="registration.create",
                target=event,
                after={"registration": registration.pk, "status": registration.status},
            )
    except IntegrityError as error:
        # The unique constraint caught a second registration made at the same moment.
        raise _already() from error
    if guest:
        _mail(
            registration,
            "info/email/registration_confirm.txt",
            _("Please confirm your registration: 「%(title)s」"),
        )
    elif tell:
        _mail(registration, "info/email/registration_done.txt", _("Registered: 「%(title)s」"))
    return registration


def registration_confirm(*, token: str) -> Registration:
    """A guest opened the link in the mail: the registration takes a seat or a waiting place.

    Raises ValidationError "unknown" for a link that matches nothing and "closed" when the
    event no longer takes registrations. Opening the link twice changes nothing.
    """
    with transaction.atomic():
        registration = Registration.objects.select_related("event").filter(token=token).first()
        if registration is None:
            raise ValidationError(_("This link is not valid."), code="unknown")
        if registration.status != Registration.Status.UNCONFIRMED:
            return registration
        event = registration.event
        Event.objects.select_for_update().get(pk=event.pk)
        if not registration_open(event):
            raise ValidationError(_("Registration for this event is closed."), code="closed")
        _refuse_second(event, None, registration.email)
        _seat(event, registration)
        registration.save(update_fields=["status", "waitlisted_at", "updated_at"])
        audit_record(
            actor=None,
            action="registration.confirm",
            target=event,
            after={"registration": registration.pk, "status": registration.status},
        )
    _mail(registration, "info/email/registration_done.txt", _("Registered: 「%(title)s」"))
    return registration


def registration_cancel(*, registration: Registration, by: User | None) -> Registration:
    """Cancel a place; its seat goes to the first person waiting, who is told by mail."""
    with transaction.atomic():
        event = Event.objects.select_for_update().get(pk=registration.event_id)
        # Re-read under the lock: a double click or two tabs must not cancel twice.
        current = Registration.objects.get(pk=registration.pk)
        if current.status == Registration.Status.CANCELLED:
            raise ValidationError(_("This registration is already cancelled."), code="cancelled")
        previous = current.status
        Registration.objects.filter(pk=current.pk).update(
            status=Registration.Status.CANCELLED, updated_at=timezone.now()
        )
        registration.status = Registration.Status.CANCELLED
        audit_record(
            actor=by,
            action="registration.cancel",
            target=event,
            before={"registration": registration.pk, "status": previous},
        )
        # A seat set free goes to the first people waiting (none when a waiting place ends).
        promoted = promote_waiting(event)
    tell_promoted(promoted)
    return registration


def promote_waiting(event: Event) -> list[Registration]:
    """Give free seats to the people waiting, first come first served. Call it inside the
    transaction that holds the event's row."""
    if event.capacity is None:
        waiting = list(_waiting(event))
    else:
        taken = event.registrations.filter(status=Registration.Status.REGISTERED).count()
        free = max(0, event.capacity - taken)
        waiting = list(_waiting(event)[:free]) if free else []
    for person in waiting:
        Registration.objects.filter(pk=person.pk).update(
            status=Registration.Status.REGISTERED, updated_at=timezone.now()
        )
        person.status = Registration.Status.REGISTERED
        audit_record(
            actor=None,
            action="registration.promote",
            target=event,
            after={"registration": person.pk, "status": person.status},
        )
    return waiting


def attendance_record(*, event: Event, attended: Iterable[int], by: User) -> int:
    """Mark who came (a list with checkboxes at the door); returns how many are marked.

    Only registered people can be marked; the rest of the list is marked absent.
    """
    present = {int(pk) for pk in attended}
    with transaction.atomic():
        seated = event.registrations.filter(status=Registration.Status.REGISTERED)
        seated.filter(pk__in=present).update(attended=True)
        seated.exclude(pk__in=present).update(attended=False)
        count = seated.filter(attended=True).count()
        audit_record(actor=by, action="event.attendance", target=event, after={"attended": count})
    return count


def reminders_send(*, now: Any = None) -> int:
    """Remind everyone with a seat at an event that starts tomorrow (run daily, e.g. 9:00);
    each person is reminded once. Returns how many mails were sent."""
    today = timezone.localdate(now or timezone.now())
    tomorrow = today + timedelta(days=1)
    due = Registration.objects.select_related("event").filter(
        status=Registration.Status.REGISTERED,
        reminded_at__isnull=True,
        event__status=Event.Status.PUBLISHED,
        event__starts_at__date=tomorrow,
    )
    sent = 0
    for registration in due:
        claimed = Registration.objects.filter(pk=registration.pk, reminded_at__isnull=True).update(
            reminded_at=timezone.now()
        )
        if claimed:
            _mail(
                registration, "info/email/registration_reminder.txt", _("Tomorrow: 「%(title)s」")
            )
            sent += 1
    return sent


def _seat(event: Event, registration: Registration) -> None:
    taken = event.registrations.filter(status=Registration.Status.REGISTERED).count()
    if event.capacity is None or taken < event.capacity:
        registration.status = Registration.Status.REGISTERED
    else:
        registration.status = Registration.Status.WAITLISTED
        registration.waitlisted_at = timezone.now()


def _waiting(event: Event) -> Any:
    return event.registrations.filter(status=Registration.Status.WAITLISTED).order_by(
        "waitlisted_at", "pk"
    )


def _refuse_second(event: Event, user: User | None, email: str) -> None:
    live = event.registrations.filter(status__in=Registration.ACTIVE)
    if user is not None and live.filter(user=user).exists():
        raise _already()
    if email and live.filter(email__iexact=email).exists():
        raise _already()


def _already() -> ValidationError:
    return ValidationError(
        _("You are already registered for this event."), code="already_registered"
    )


def _mail(registration: Registration, template: str, subject: str) -> None:
    if not registration.email:
        return
    event = registration.event
    site = str(settings.SITE_URL)
    context = {
        "event": event,
        "registration": registration,
        "link": site + reverse("info:event", args=[event.pk]),
        "confirm_link": site + reverse("info:confirm", args=[registration.token]),
        "cancel_link": site + reverse("info:cancel_place", args=[registration.token]),
    }
    with override(settings.LANGUAGE_CODE):
        body = render_to_string(template, context)
        subject_text = mail_subject(subject % {"title": event.title})
    EmailMessage(subject_text, body, settings.DEFAULT_FROM_EMAIL, [registration.email]).send()


def tell_promoted(promoted: Iterable[Registration]) -> None:
    for person in promoted:
        _mail(person, "info/email/registration_promoted.txt", _("A seat is yours: 「%(title)s」"))


def tell_everyone(event: Event, template: str, subject: str) -> None:
    """Mail everyone registered or waiting (a cancellation, a postponement, a new date)."""
    for registration in event.registrations.filter(status__in=Registration.ACTIVE):
        _mail(registration, template, subject)
