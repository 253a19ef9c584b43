"""Every write of the info app (events, registrations), re-exported for callers."""

from __future__ import annotations

from tsunagaru.info.services.calendar import calendar_token_create, calendar_token_revoke
from tsunagaru.info.services.events import (
    event_cancel,
    event_postpone,
    event_publish,
    event_reschedule,
    event_return,
    event_save,
    event_submit,
)
from tsunagaru.info.services.registrations import (
    attendance_record,
    promote_waiting,
    registration_cancel,
    registration_confirm,
    registration_create,
    registration_open,
    reminders_send,
)

__all__ = [
    "attendance_record",
    "calendar_token_create",
    "calendar_token_revoke",
    "event_cancel",
    "event_postpone",
    "event_publish",
    "event_reschedule",
    "event_return",
    "event_save",
    "event_submit",
    "promote_waiting",
    "registration_cancel",
    "registration_confirm",
    "registration_create",
    "registration_open",
    "reminders_send",
]
