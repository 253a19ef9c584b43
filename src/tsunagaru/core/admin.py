"""Admin for the municipality's places. Saves go through core.services, so they are audited;
nothing is deleted here (a district is retired by unticking "active")."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db import models
from django.http import HttpRequest

from tsunagaru.core import services
from tsunagaru.core.models import Area, District, Job, Municipality


class ReadOnlyAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    """For records whose rules live in an app's services (workflows, approvals, audit): the
    admin shows them and changes nothing."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class PlaceAdmin(admin.ModelAdmin[Any]):
    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        services.place_save(place=obj, by=request.user)  # type: ignore[arg-type]

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Municipality)
class MunicipalityAdmin(PlaceAdmin):
    list_display = ("code", "name", "prefecture")
    # A website typed without a scheme is an https one (Django 6's default too).
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


class DistrictInline(admin.TabularInline[District, Area]):
    model = District
    fields = ("order", "name", "name_kana", "name_en", "slug", "is_active")
    extra = 0
    can_delete = False
    show_change_link = True

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        # Districts are edited on their own page, where the save is audited.
        return False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Area)
class AreaAdmin(PlaceAdmin):
    list_display = ("name", "name_kana", "municipality", "order")
    inlines = [DistrictInline]


@admin.register(District)
class DistrictAdmin(PlaceAdmin):
    list_display = ("name", "name_kana", "area", "order", "is_active")
    list_filter = ("area", "is_active")
    search_fields = ("name", "name_kana", "name_en")


@admin.register(Job)
class JobAdmin(admin.ModelAdmin[Job]):
    """Operators may look at jobs; only the services change them."""

    list_display = ("label", "kind", "started_by", "status", "created_at")
    list_filter = ("kind", "status")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
