"""What the academy adds to the support workspace (see core.workspace)."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from tsunagaru.academy import permissions
from tsunagaru.academy.models import Application
from tsunagaru.core.workspace import Item, Section, Waiting, first, register


def _item(application: Application) -> Item:
    return Item(
        # The applicant's display name only: the workspace is no place for real names.
        title=str(application.user),
        url=application.get_absolute_url(),
        action=_("Decide"),
        about=str(application.cohort),
        since=application.created_at,
    )


def _waiting(user: Any) -> Waiting:
    applications = (
        Application.objects.filter(status__in=Application.WAITING)
        .select_related("user", "cohort", "cohort__course")
        .order_by("created_at", "pk")
    )
    return first(applications, _item)


register(
    Section(
        key="academy-applications",
        title=_("Applications to the academy waiting for a decision"),
        order=35,
        visible=permissions.is_academy_staff,
        waiting=_waiting,
        empty=_("No application is waiting."),
        all_url=lambda: reverse("academy:cohorts"),
    )
)
