"""Admin views of the proposal table: read-only. Every change goes through services.py (the
all-party approval, the sealed evaluations), so the admin cannot change what all agreed."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from tsunagaru.core.admin import ReadOnlyAdmin
from tsunagaru.proposals import selectors
from tsunagaru.proposals.models import AgreementVersion, Evaluation, Meeting, Proposal


@admin.register(Proposal)
class ProposalAdmin(ReadOnlyAdmin):
    list_display = ("title", "proposer", "status", "fiscal_year", "needs_money")
    list_filter = ("status", "needs_money", "fiscal_year")
    search_fields = ("title",)


@admin.register(AgreementVersion)
class AgreementVersionAdmin(ReadOnlyAdmin):
    list_display = ("agreement", "number", "created_at")


@admin.register(Meeting)
class MeetingAdmin(ReadOnlyAdmin):
    list_display = ("proposal", "held_at", "place", "online")


@admin.register(Evaluation)
class EvaluationAdmin(ReadOnlyAdmin):
    list_display = ("proposal", "party", "goal_achievement", "continue_project")

    def get_queryset(self, request: HttpRequest) -> Any:
        # Sealed evaluations (原則6) stay sealed for administrators too: the list, the detail
        # page and the search all start from this queryset.
        return selectors.evaluations_readable(user=request.user).select_related(
            "proposal", "party__organisation"
        )
