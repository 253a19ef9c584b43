"""What the support centre adds to the workspace (see core.workspace).

Lines show a consultation's subject and topic, never the asker: the workspace is a to-do
list, the asker's details are on the consultation's page (whose every view is logged)."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from tsunagaru.core.workspace import Item, Section, Waiting, first, register
from tsunagaru.support import permissions, selectors
from tsunagaru.support.models import CentreRegistration, Consultation


def _open_item(consultation: Consultation) -> Item:
    return Item(
        title=consultation.subject,
        url=consultation.get_absolute_url(),
        action=pgettext_lazy("next step", "Answer"),
        about=consultation.topic.label,
        since=consultation.created_at,
    )


def _follow_up_item(consultation: Consultation) -> Item:
    return Item(
        title=consultation.subject,
        url=consultation.get_absolute_url(),
        action=_("Follow up"),
        about=consultation.topic.label,
        due=consultation.follow_up_on,
    )


def _registration_item(registration: CentreRegistration) -> Item:
    return Item(
        title=registration.organisation.name,
        url=reverse("support:registrations") + f"#application-{registration.pk}",
        action=_("Decide"),
        since=registration.created_at,
    )


_CONSULTATION = ("subject", "topic__name", "topic__name_en")


def _open(user: Any) -> Waiting:
    rows = Consultation.objects.filter(status=Consultation.Status.OPEN).select_related("topic")
    return first(rows.order_by("created_at", "pk"), _open_item, only=(*_CONSULTATION, "created_at"))


def _follow_ups(user: Any) -> Waiting:
    rows = (
        Consultation.objects.filter(follow_up_on__lte=timezone.localdate())
        .exclude(status=Consultation.Status.CLOSED)
        .select_related("topic")
    )
    return first(
        rows.order_by("follow_up_on", "pk"), _follow_up_item, only=(*_CONSULTATION, "follow_up_on")
    )


def _registrations(user: Any) -> Waiting:
    return first(
        selectors.registrations_waiting(),
        _registration_item,
        only=("created_at", "organisation__name"),
    )


register(
    Section(
        key="consultations-open",
        title=_("Questions and consultations not yet answered"),
        order=10,
        visible=permissions.is_centre_staff,
        waiting=_open,
        empty=_("Every question has been answered."),
        all_url=lambda: reverse("support:queue") + "?status=open",
    ),
    Section(
        key="follow-ups-due",
        title=_("Follow-ups due"),
        order=12,
        visible=permissions.is_centre_staff,
        waiting=_follow_ups,
        empty=_("No follow-up is due."),
        all_url=lambda: reverse("support:queue") + "?due=on",
    ),
    Section(
        key="centre-registrations",
        title=_("Applications to register with the centre"),
        order=32,
        visible=permissions.can_review_registrations,
        waiting=_registrations,
        empty=_("No application is waiting."),
        all_url=lambda: reverse("support:registrations"),
    ),
)
