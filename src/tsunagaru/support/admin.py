"""Admin of the support centre: read only. Topics change through data migrations; the
workflows live in support.services (audited). Consultations are not in the admin at all:
askers' personal data is for the centre's staff (permissions.is_centre_staff) only."""

from __future__ import annotations

from django.contrib import admin

from tsunagaru.core.admin import ReadOnlyAdmin
from tsunagaru.support.models import CentreRegistration, Topic


@admin.register(Topic)
class TopicAdmin(ReadOnlyAdmin):
    list_display = ("name", "name_en", "code", "order", "is_active")


@admin.register(CentreRegistration)
class CentreRegistrationAdmin(ReadOnlyAdmin):
    list_display = ("organisation", "status", "registered_on", "valid_until")
    list_filter = ("status",)
