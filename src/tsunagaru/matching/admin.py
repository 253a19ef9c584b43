"""Admin views of matching. Introductions, connections and feedback are read-only here: their
rules (who answers, contact details, audit) live in services.py and the pages that use it.
Glossary entries are saved through the same service as the site's glossary page."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from tsunagaru.core.admin import ReadOnlyAdmin
from tsunagaru.matching import services
from tsunagaru.matching.models import (
    Connection,
    Feedback,
    GlossaryGroup,
    Introduction,
    PersonIntroduction,
)


@admin.register(Introduction)
class IntroductionAdmin(ReadOnlyAdmin):
    list_display = ("created_at", "requester", "recipient", "via", "status")
    list_filter = ("status", "via")


@admin.register(PersonIntroduction)
class PersonIntroductionAdmin(ReadOnlyAdmin):
    # The person by number only (see PersonIntroduction.__str__): the list is for counting.
    list_display = ("created_at", "__str__", "status")
    list_filter = ("status",)


@admin.register(Connection)
class ConnectionAdmin(ReadOnlyAdmin):
    list_display = ("connected_on", "first", "second", "source")
    list_filter = ("source",)


@admin.register(Feedback)
class FeedbackAdmin(ReadOnlyAdmin):
    list_display = ("created_at", "need", "organisation", "helpful")


@admin.register(GlossaryGroup)
class GlossaryGroupAdmin(admin.ModelAdmin[GlossaryGroup]):
    list_display = ("__str__", "note", "is_active")
    fields = ("words", "note", "is_active")

    def save_model(self, request: HttpRequest, obj: GlossaryGroup, form: Any, change: bool) -> None:
        existing = GlossaryGroup.objects.get(pk=obj.pk) if change else None
        saved = services.glossary_save(
            group=existing,
            words=obj.words,
            note=obj.note,
            is_active=obj.is_active,
            by=request.user,  # type: ignore[arg-type]
        )
        obj.pk = saved.pk

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # retire an entry with "in use" instead: the audit log keeps its history
