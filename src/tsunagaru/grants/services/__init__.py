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

__all__ = [
    "application_create",
    "application_save",
    "application_submit",
    "application_withdraw",
    "attachment_add",
    "attachment_remove",
    "budget_line_add",
    "budget_line_remove",
    "programme_copy",
    "programme_update",
    "round_save",
]
