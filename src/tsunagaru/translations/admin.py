"""The admin shows versions and translators; they change only through the site's pages
(translations.services), where each change is audited."""

from __future__ import annotations

from django.contrib import admin

from tsunagaru.core.admin import ReadOnlyAdmin
from tsunagaru.translations.models import TextVersion, Translator


@admin.register(TextVersion)
class TextVersionAdmin(ReadOnlyAdmin):
    list_display = ("content_type", "object_id", "field", "language", "updated_at")
    list_filter = ("language", "content_type")


@admin.register(Translator)
class TranslatorAdmin(ReadOnlyAdmin):
    list_display = ("user", "languages", "is_active")
