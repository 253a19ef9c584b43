"""Every write of the info app (events, registrations), re-exported for callers."""

from __future__ import annotations

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
from tsunagaru.info.services.sponsorship import (
    sponsorship_approve,
    sponsorship_ground_save,
    sponsorship_refuse,
    sponsorship_report,
    sponsorship_save,
    sponsorship_submit,
    sponsorship_withdraw,
)

__all__ = [
    "attendance_record",
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
    "sponsorship_approve",
    "sponsorship_ground_save",
    "sponsorship_refuse",
    "sponsorship_report",
    "sponsorship_save",
    "sponsorship_submit",
    "sponsorship_withdraw",
]
