"""Every write of the academy, re-exported for callers."""

from __future__ import annotations

from tsunagaru.academy.rules import meets_rule, needs_makeup
from tsunagaru.academy.services.cohorts import (
    application_apply,
    application_decide,
    application_withdraw,
    cohort_create,
    personal_data_viewed,
    session_add,
)
from tsunagaru.academy.services.completion import (
    certificate_consent,
    certificate_downloaded,
    completion_confirm,
)
from tsunagaru.academy.services.courses import course_save
from tsunagaru.academy.services.progress import assignment_submit, feedback_add, makeup_record

__all__ = [
    "application_apply",
    "application_decide",
    "application_withdraw",
    "assignment_submit",
    "certificate_consent",
    "certificate_downloaded",
    "cohort_create",
    "completion_confirm",
    "course_save",
    "feedback_add",
    "makeup_record",
    "meets_rule",
    "needs_makeup",
    "personal_data_viewed",
    "session_add",
]
