"""Admin of the academy. Courses and their curriculum are data staff edit here; cohorts,
applications and certificates are read-only (their workflow lives in academy.services)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from tsunagaru.academy import services
from tsunagaru.academy.models import Application, Certificate, Cohort, Course, CourseSession
from tsunagaru.core.admin import ReadOnlyAdmin


class CourseSessionInline(admin.TabularInline[CourseSession, Course]):
    model = CourseSession
    extra = 0


@admin.register(Course)
class CourseAdmin(admin.ModelAdmin[Course]):
    list_display = ("name", "code", "min_sessions", "requires_assignment", "order", "is_active")
    inlines = [CourseSessionInline]

    def save_model(self, request: HttpRequest, obj: Course, form: Any, change: bool) -> None:
        services.course_save(course=obj, by=request.user)  # type: ignore[arg-type]

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Cohort)
class CohortAdmin(ReadOnlyAdmin):
    list_display = ("course", "fiscal_year", "capacity", "applications_close_at")


@admin.register(Application)
class ApplicationAdmin(ReadOnlyAdmin):
    list_display = ("cohort", "status", "created_at")
    list_filter = ("status",)


@admin.register(Certificate)
class CertificateAdmin(ReadOnlyAdmin):
    list_display = ("code", "completed_on")
