"""What the academy adds to the support workspace (see core.workspace)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tsunagaru.academy import permissions
from tsunagaru.academy.models import Application, Certificate
from tsunagaru.core.workspace import Item, Section, Waiting, first, register

# Graduates listed as new for this long after completing.
NEW_GRADUATE_DAYS = 60


def _item(application: Application) -> Item:
    return Item(
        # The applicant's display name only: the workspace is no place for real names.
        title=str(application.user),
        url=application.get_absolute_url(),
        action=_("Decide"),
        about=str(application.cohort),
        since=application.created_at,
    )


# What an application's line shows: the person's display name (or e-mail) and the cohort.
_APPLICATION = (
    "created_at",
    "user__display_name",
    "user__email",
    "cohort__fiscal_year",
    "cohort__course__name",
    "cohort__course__name_en",
)


def _waiting(user: Any) -> Waiting:
    applications = (
        Application.objects.filter(status__in=Application.WAITING)
        .select_related("user", "cohort", "cohort__course")
        .order_by("created_at", "pk")
    )
    return first(applications, _item, only=_APPLICATION)


def _graduate_item(certificate: Certificate) -> Item:
    application = certificate.application
    return Item(
        title=str(application.user),
        url=application.get_absolute_url(),
        action=_("Find where they can help"),
        about=application.cohort.course.label,
        since=certificate.completed_on,
    )


def _new_graduates(user: Any) -> Waiting:
    """Who completed a course in the last NEW_GRADUATE_DAYS: the coordinators connect them with
    the districts that need them (施策 ア)."""
    since = timezone.localdate() - timedelta(days=NEW_GRADUATE_DAYS)
    certificates = (
        Certificate.objects.filter(completed_on__gte=since)
        .select_related("application__user", "application__cohort__course")
        .order_by("-completed_on", "-pk")
    )
    only = ("completed_on", *(f"application__{name}" for name in _APPLICATION))
    return first(certificates, _graduate_item, only=only)


register(
    Section(
        key="new-graduates",
        title=_("New graduates of the academy"),
        order=36,
        visible=permissions.is_academy_staff,
        waiting=_new_graduates,
        empty=_("Nobody completed a course in the last two months."),
        all_url=lambda: reverse("academy:cohorts"),
    ),
    Section(
        key="academy-applications",
        title=_("Applications to the academy waiting for a decision"),
        order=35,
        visible=permissions.is_academy_staff,
        waiting=_waiting,
        empty=_("No application is waiting."),
        all_url=lambda: reverse("academy:cohorts"),
    ),
)
