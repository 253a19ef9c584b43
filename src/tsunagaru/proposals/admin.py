"""Admin views of the proposal table: read-only. Every change goes through services.py (the
all-party approval, the sealed evaluations), so the admin cannot change what all agreed."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from tsunagaru.proposals.models import AgreementVersion, Evaluation, Meeting, Proposal


class ReadOnlyAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


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
