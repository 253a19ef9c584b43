"""Every write of the info app (events, registrations), re-exported for callers."""

from __future__ import annotations

from tsunagaru.info.services.calendar import calendar_token_create, calendar_token_revoke
from tsunagaru.info.services.contributions import accepts as contribution_accepts
from tsunagaru.info.services.contributions import (
    contribution_apply,
    contribution_decide,
    contribution_withdraw,
)
from tsunagaru.info.services.events import (
    event_cancel,
    event_postpone,
    event_publish,
    event_reschedule,
    event_return,
    event_save,
    event_submit,
)
from tsunagaru.info.services.news import (
    news_hide,
    news_publish,
    news_restore,
    news_return,
    news_save,
    news_submit,
    news_trust_grant,
    news_trust_withdraw,
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
from tsunagaru.info.services.series import material_add, material_remove, series_save
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
    "calendar_token_create",
    "calendar_token_revoke",
    "contribution_accepts",
    "contribution_apply",
    "contribution_decide",
    "contribution_withdraw",
    "event_cancel",
    "event_postpone",
    "event_publish",
    "event_reschedule",
    "event_return",
    "event_save",
    "event_submit",
    "material_add",
    "material_remove",
    "news_hide",
    "news_publish",
    "news_restore",
    "news_return",
    "news_save",
    "news_submit",
    "news_trust_grant",
    "news_trust_withdraw",
    "promote_waiting",
    "registration_cancel",
    "registration_confirm",
    "registration_create",
    "registration_open",
    "reminders_send",
    "series_save",
    "sponsorship_approve",
    "sponsorship_ground_save",
    "sponsorship_refuse",
    "sponsorship_report",
    "sponsorship_save",
    "sponsorship_submit",
    "sponsorship_withdraw",
]
