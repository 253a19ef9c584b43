"""Versions and consent are records: the admin shows them; pages are edited on the site."""

from __future__ import annotations

from django.contrib import admin

from tsunagaru.core.admin import ReadOnlyAdmin
from tsunagaru.legal.models import ConsentRecord, PageVersion


@admin.register(PageVersion)
class PageVersionAdmin(ReadOnlyAdmin):
    list_display = ("page", "number", "needs_consent", "created_by", "created_at")
    list_filter = ("page", "needs_consent")


@admin.register(ConsentRecord)
class ConsentRecordAdmin(ReadOnlyAdmin):
    list_display = ("user", "terms", "privacy", "agreed_at")
    raw_id_fields = ("user",)
