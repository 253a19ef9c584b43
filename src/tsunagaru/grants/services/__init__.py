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
from tsunagaru.grants.services.programmes import programme_copy, programme_update, round_save
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
    "conflict_declare",
    "programme_copy",
    "programme_update",
    "round_save",
    "score_submit",
]
