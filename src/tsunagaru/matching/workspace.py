"""What matching adds to the support workspace (see core.workspace)."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from tsunagaru.core.workspace import Item, Section, Waiting, first, register
from tsunagaru.matching import permissions, selectors
from tsunagaru.matching.models import Introduction
from tsunagaru.partners.models import Need


def _need(need: Need) -> Item:
    return Item(
        title=need.title,
        url=reverse("matching:need", args=[need.pk]),
        action=_("Find a partner"),
        about=need.organisation.name,
        since=need.created_at,
    )


def _introduction(introduction: Introduction) -> Item:
    return Item(
        title=f"{introduction.requester.name} → {introduction.recipient.name}",
        url=reverse("matching:introduction", args=[introduction.pk]),
        action=_("Follow up"),
        about=introduction.need.title if introduction.need else "",
        since=introduction.created_at,
    )


def _needs(user: Any) -> Waiting:
    return first(
        selectors.unmatched_needs(), _need, only=("title", "created_at", "organisation__name")
    )


def _introductions(user: Any) -> Waiting:
    return first(
        selectors.introductions_unanswered(),
        _introduction,
        only=("created_at", "requester__name", "recipient__name", "need__title"),
    )


register(
    Section(
        key="needs-without-partner",
        title=_("Needs without a partner"),
        order=20,
        visible=permissions.can_view_unmatched,
        waiting=_needs,
        empty=_("Every open need has been taken up by an introduction."),
        all_url=lambda: reverse("matching:unmatched"),
    ),
    Section(
        key="introductions-unanswered",
        title=_("Introductions waiting for an answer"),
        order=25,
        visible=permissions.can_follow_introductions,
        waiting=_introductions,
        empty=_("Every introduction has been answered."),
    ),
)
