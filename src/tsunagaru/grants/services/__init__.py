"""Every write of grants; see each module's docstring for its rules and error codes."""

from tsunagaru.grants.services.applications import (
    application_create,
    application_save,
    application_submit,
    application_withdraw,
    attachment_add,
    attachment_remove,
    budget_line_add,
    budget_line_remove,
)
from tsunagaru.grants.services.payments import payment_claim, payment_record, refund_record
from tsunagaru.grants.services.programmes import programme_copy, programme_update, round_save
from tsunagaru.grants.services.reports import (
    change_decide,
    change_request,
    cost_add,
    cost_remove,
    photo_add,
    photo_remove,
    progress_add,
    report_confirm,
    report_return,
    report_save,
    report_submit,
)
from tsunagaru.grants.services.review import (
    application_accept,
    application_decide,
    application_return,
    conflict_declare,
    score_submit,
)

__all__ = [
    "application_accept",
    "application_create",
    "application_decide",
    "application_return",
    "application_save",
    "application_submit",
    "application_withdraw",
    "attachment_add",
    "attachment_remove",
    "budget_line_add",
    "budget_line_remove",
    "change_decide",
    "change_request",
    "conflict_declare",
    "cost_add",
    "cost_remove",
    "payment_claim",
    "payment_record",
    "photo_add",
    "photo_remove",
    "programme_copy",
    "programme_update",
    "progress_add",
    "refund_record",
    "report_confirm",
    "report_return",
    "report_save",
    "report_submit",
    "round_save",
    "score_submit",
]
