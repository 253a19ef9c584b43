"""Every write of the proposal table (split by stage; import from here)."""

from tsunagaru.proposals.services.agreement import (
    agreement_approve,
    agreement_problems,
    agreement_save,
)
from tsunagaru.proposals.services.delivery import (
    due_after,
    evaluation_submit,
    evaluations_close_overdue,
    evaluations_open,
    next_report_due,
    proposal_finish,
    proposal_make_case,
    report_add,
    report_due_on,
    reports_remind,
)
from tsunagaru.proposals.services.table import (
    document_add,
    meeting_record,
    meeting_reply,
    message_post,
    party_answer,
    party_invite,
    proposal_accept,
    proposal_close,
    proposal_return,
    proposal_save,
    proposal_submit,
)

__all__ = [
    "agreement_approve",
    "agreement_problems",
    "agreement_save",
    "document_add",
    "due_after",
    "evaluation_submit",
    "evaluations_close_overdue",
    "evaluations_open",
    "meeting_record",
    "meeting_reply",
    "message_post",
    "next_report_due",
    "party_answer",
    "party_invite",
    "proposal_accept",
    "proposal_close",
    "proposal_finish",
    "proposal_make_case",
    "proposal_return",
    "proposal_save",
    "proposal_submit",
    "report_add",
    "report_due_on",
    "reports_remind",
]
