"""Every write of the support centre (split by sub-area, re-exported here)."""

from __future__ import annotations

from tsunagaru.support.services.consultations import (
    consultation_answer,
    consultation_ask,
    consultation_close,
    consultation_follow_up,
    consultation_index,
    consultation_log,
    consultation_reopen,
    consultation_viewed,
    consultations_listed,
    referral_add,
)
from tsunagaru.support.services.registrations import (
    default_valid_until,
    registration_apply,
    registration_refuse,
    registration_register,
)

__all__ = [
    "consultation_answer",
    "consultation_ask",
    "consultation_close",
    "consultation_follow_up",
    "consultation_index",
    "consultation_log",
    "consultation_reopen",
    "consultation_viewed",
    "consultations_listed",
    "default_valid_until",
    "referral_add",
    "registration_apply",
    "registration_refuse",
    "registration_register",
]
