"""Every write of events and registrations.

Event workflow: draft ──submit──▶ published (kinds a group publishes itself) or in review
──staff publish──▶ published; staff may send a submitted event back with a reason.
Published ──cancel──▶ cancelled; published ──postpone──▶ postponed ──new date──▶ published.
Everyone registered is told of a cancellation, a postponement and a new date.

Seats: a registration takes a seat while any is free, else joins the waiting list; a
cancellation gives its seat to the first on the list. Both run in one transaction that holds
the event's row (SELECT … FOR UPDATE on PostgreSQL; SQLite's IMMEDIATE transactions already
serialise writers), so two cancellations at once promote two different people and 200
registrations for 50 seats end with exactly 50 registered.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tsunagaru.accounts.models import Role, User
from tsunagaru.audit.services import audit_record, snapshot
from tsunagaru.core import pictures
from tsunagaru.core.inputs import require_single_line
from tsunagaru.info import series_owners
from tsunagaru.info.models import Event, Registration
from tsunagaru.info.services import registrations
from tsunagaru.partners.models import Organisation

CONTENT_FIELDS = (
    "title",
    "description",
    "kind",
    "program",
    "series",
    "place_name",
    "address",
    "area",
    "district",
    "online_url",
    "starts_at",
    "ends_at",
    "all_day",
    "fee",
    "fee_note",
    "capacity",
    "audience",
    "wheelchair",
    "sign_language",
    "childcare",
    "easy_japanese",
    "accessibility_note",
    "contact",
    "alt_text",
    "registration_required",
    "registration_opens_at",
    "registration_closes_at",
    "allow_guests",
    "calls_for_presentations",
    "questions",
)
MANY_FIELDS = ("co_organisers", "activity_fields", "forms", "domains")
SINGLE_LINE = ("title", "place_name", "address", "fee_note", "audience", "contact", "alt_text")
STAFF_ROLES = (Role.CITY_STAFF, Role.ADMINISTRATOR, Role.COORDINATOR)


# -- events ---------------------------------------------------------------------------------


def event_save(
    *,
    event: Event | None,
    data: Mapping[str, Any],
    many: Mapping[str, Iterable[Any]] | None = None,
    organiser: Organisation | None = None,
    image: UploadedFile | None = None,
    remove_image: bool = False,
    by: User,
    by_owner: bool = False,
) -> Event:
    """Create an event as a draft of `organiser`, or change one; give it a picture (`image`)
    or take its picture away (`remove_image`), the old files deleted once saved. `by_owner`:
    the app that runs the event's series adds it (series_owners).

    Raises ValidationError: "ends_before_start", "closes_after_end", "capacity_below_registered",
    "alt_required", "series_owned", the image errors of core.uploads (nothing changed then, the
    old picture kept), field errors from full_clean. Whether `by` may is the caller's question
    (permissions).
    """
    creating = event is None
    _check_series_owner(event, data.get("series", event.series if event else None), by_owner)
    if event is None:
        if organiser is None:
            raise ValidationError(_("Choose the organiser."), code="no_organiser")
        event = Event(organiser=organiser, created_by=by)
    before = None if creating else snapshot(event, CONTENT_FIELDS)
    old_files = pictures.picture_replace(event, upload=image, remove=remove_image)
    for name in CONTENT_FIELDS:
        if name in data:
            setattr(event, name, data[name])
    event.questions = [q.strip() for q in event.questions or [] if str(q).strip()]
    event.alt_text = event.alt_text.strip()
    _check_event(event)
    require_single_line(event, *SINGLE_LINE)
    event.full_clean()
    with transaction.atomic():
        if not creating:
            # Read under the lock, so a registration landing now is counted.
            _locked(event)
            _check_capacity(event)
        event.save()
        for name, values in (many or {}).items():
            if name in MANY_FIELDS:
                getattr(event, name).set(
                    [v for v in values if not (name == "co_organisers" and v == event.organiser)]
                )
        picture = image is not None or remove_image
        _audit_save(event, before, snapshot(event, CONTENT_FIELDS), picture=picture, by=by)
        pictures.delete_on_commit(old_files)
        # A higher capacity gives seats to the people waiting.
        promoted = [] if creating else registrations.promote_waiting(event)
    registrations.tell_promoted(promoted)
    return event


def _audit_save(
    event: Event,
    before: dict[str, Any] | None,
    after: dict[str, Any],
    *,
    picture: bool,
    by: User,
) -> None:
    """event.create with the content, or event.update with what changed (and whether the
    picture did: its files are not content anyone reads back from the log)."""
    if before is None:
        audit_record(actor=by, action="event.create", target=event, after=after)
        return
    changed = {k for k in after if before.get(k) != after[k]}
    if changed or picture:
        audit_record(
            actor=by,
            action="event.update",
            target=event,
            before={k: before[k] for k in changed},
            after={**{k: after[k] for k in changed}, **({"picture": True} if picture else {})},
        )


def _check_series_owner(event: Event | None, series: Any, by_owner: bool) -> None:
    """Only its owning app puts an event into a series another app runs (series_owners)."""
    joining = series is not None and (event is None or event.series_id != series.pk)
    if joining and not by_owner and series_owners.is_owned(series):
        raise ValidationError(
            {
                "series": ValidationError(
                    _("Sessions of this series are added on its own page (the academy's cohort)."),
                    code="series_owned",
                )
            }
        )


def _check_event(event: Event) -> None:
    errors: dict[str, ValidationError] = {}
    if event.starts_at and event.ends_at and event.ends_at < event.starts_at:
        errors["ends_at"] = ValidationError(
            _("The end is before the start."), code="ends_before_start"
        )
    closes = event.registration_closes_at
    if closes and event.ends_at and closes > event.ends_at:
        errors["registration_closes_at"] = ValidationError(
            _("Registration must close before the event ends."), code="closes_after_end"
        )
    opens = event.registration_opens_at
    if opens and closes and closes < opens:
        errors["registration_closes_at"] = ValidationError(
            _("Registration closes before it opens."), code="closes_before_opens"
        )
    if not (event.place_name.strip() or event.online_url.strip()):
        errors["place_name"] = ValidationError(
            _("Give the place, or the online meeting link."), code="no_place"
        )
    missing = pictures.description_missing(event)
    if missing is not None:
        errors["alt_text"] = missing
    if errors:
        raise ValidationError(errors)


def _check_capacity(event: Event) -> None:
    if event.capacity is None:
        return
    registered = event.registrations.filter(status=Registration.Status.REGISTERED).count()
    if event.capacity < registered:
        raise ValidationError(
            {
                "capacity": ValidationError(
                    _(
                        "%(count)d people have a seat already: the capacity cannot be lower. "
                        "Cancel registrations first."
                    )
                    % {"count": registered},
                    code="capacity_below_registered",
                )
            }
        )


def event_submit(*, event: Event, by: User) -> Event:
    """Send a draft to be published: at once for kinds groups publish themselves and for staff,
    else to staff review ("in_review")."""
    reviewed = event.kind.needs_review and by.role not in STAFF_ROLES
    to = Event.Status.IN_REVIEW if reviewed else Event.Status.PUBLISHED
    with transaction.atomic():
        fields: dict[str, Any] = {"status_reason": ""}
        if to == Event.Status.PUBLISHED:
            fields["published_at"] = timezone.now()
        _move(event, to=to, **fields)
        audit_record(actor=by, action=f"event.{'submit' if reviewed else 'publish'}", target=event)
    return event


def event_publish(*, event: Event, by: User) -> Event:
    """Staff publish an event waiting for review."""
    if event.status != Event.Status.IN_REVIEW:
        raise _invalid()
    with transaction.atomic():
        _move(event, to=Event.Status.PUBLISHED, published_at=timezone.now(), status_reason="")
        audit_record(actor=by, action="event.publish", target=event)
    return event


def event_return(*, event: Event, reason: str, by: User) -> Event:
    """Staff send an event under review back to its organiser with a reason."""
    reason = _reason(reason)
    if event.status != Event.Status.IN_REVIEW:
        raise _invalid()
    with transaction.atomic():
        _move(event, to=Event.Status.DRAFT, status_reason=reason)
        audit_record(actor=by, action="event.return", target=event, note=reason)
    return event


def event_cancel(*, event: Event, reason: str, by: User) -> Event:
    """Cancel a published or postponed event; everyone registered or waiting is told why."""
    return _announce(event, to=Event.Status.CANCELLED, reason=reason, by=by, action="cancel")


def event_postpone(*, event: Event, reason: str, by: User) -> Event:
    """Postpone a published event until a new date is set; everyone registered is told."""
    return _announce(event, to=Event.Status.POSTPONED, reason=reason, by=by, action="postpone")


def event_reschedule(*, event: Event, starts_at: datetime, ends_at: datetime, by: User) -> Event:
    """Give a postponed event its new date and publish it again; registrations stay."""
    if event.status != Event.Status.POSTPONED:
        raise _invalid()
    if ends_at < starts_at:
        raise ValidationError(
            {
                "ends_at": ValidationError(
                    _("The end is before the start."), code="ends_before_start"
                )
            }
        )
    before = snapshot(event, ("starts_at", "ends_at"))
    with transaction.atomic():
        _move(event, to=Event.Status.PUBLISHED, starts_at=starts_at, ends_at=ends_at)
        audit_record(
            actor=by,
            action="event.reschedule",
            target=event,
            before=before,
            after=snapshot(event, ("starts_at", "ends_at")),
        )
    registrations.tell_everyone(
        event, "info/email/event_rescheduled.txt", _("New date: 「%(title)s」")
    )
    return event


def _announce(event: Event, *, to: str, reason: str, by: User, action: str) -> Event:
    reason = _reason(reason)
    with transaction.atomic():
        _move(event, to=to, status_reason=reason)
        audit_record(actor=by, action=f"event.{action}", target=event, note=reason)
    if to == Event.Status.CANCELLED:
        subject = _("Cancelled: 「%(title)s」")
    else:
        subject = _("Postponed: 「%(title)s」")
    registrations.tell_everyone(event, f"info/email/event_{to}.txt", subject)
    return event


def _reason(reason: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(
            _("Write the reason: the people concerned will read it."), code="no_reason"
        )
    return reason


def _invalid() -> ValidationError:
    return ValidationError(
        _("This event can no longer be changed this way."), code="invalid_transition"
    )


def _move(event: Event, *, to: str, **fields: Any) -> None:
    """Change the status with a compare-and-set UPDATE (a double click, two staff at once)."""
    if not event.can_move_to(to):
        raise _invalid()
    values = {"status": to, "updated_at": timezone.now(), **fields}
    updated = Event.objects.filter(pk=event.pk, status=event.status).update(**values)
    if updated != 1:
        raise ValidationError(
            _("Someone else changed this event. Reload the page and try again."), code="stale"
        )
    for name, value in values.items():
        setattr(event, name, value)


def _locked(event: Event) -> Event:
    return Event.objects.select_for_update().get(pk=event.pk)
