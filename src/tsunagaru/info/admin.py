"""Admin of the info app. 後援名義: the grounds for refusal are data staff edit here (saved
through the service, so audited; retired, never deleted); requests are read-only, their
workflow lives in info.services.sponsorship."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from tsunagaru.core.admin import ReadOnlyAdmin
from tsunagaru.info import services
from tsunagaru.info.sponsorship_models import SponsorshipGround, SponsorshipRequest


@admin.register(SponsorshipGround)
class SponsorshipGroundAdmin(admin.ModelAdmin[SponsorshipGround]):
    list_display = ("name", "code", "order", "is_active")
    list_editable = ("order", "is_active")

    def save_model(
        self, request: HttpRequest, obj: SponsorshipGround, form: Any, change: bool
    ) -> None:
        services.sponsorship_ground_save(ground=obj, by=request.user)  # type: ignore[arg-type]

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(SponsorshipRequest)
class SponsorshipRequestAdmin(ReadOnlyAdmin):
    list_display = ("title", "applicant", "status", "starts_on", "letter_number")
    list_filter = ("status",)
