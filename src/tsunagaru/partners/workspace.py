"""What partners adds to the support workspace (see core.workspace)."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from tsunagaru.core.workspace import Item, Section, Waiting, first, register
from tsunagaru.partners import permissions, selectors
from tsunagaru.partners.models import Organisation


def _item(organisation: Organisation) -> Item:
    about = [str(organisation.kind.label)]
    if organisation.district:
        about.append(organisation.district.name)
    return Item(
        title=organisation.name,
        url=organisation.get_absolute_url(),
        action=_("Check and list"),
        about=" ・ ".join(about),
        since=organisation.created_at,
    )


def _waiting(user: Any) -> Waiting:
    return first(
        selectors.review_queue(),
        _item,
        only=("name", "created_at", "kind__name", "kind__name_en", "district__name"),
    )


register(
    Section(
        key="groups-to-verify",
        title=_("Groups waiting for verification"),
        order=30,
        visible=permissions.can_review,
        waiting=_waiting,
        empty=_("No group is waiting."),
        all_url=lambda: reverse("partners:review"),
    )
)
