"""An Atom feed of newly published cases."""

from __future__ import annotations

from datetime import datetime

from django.contrib.syndication.views import Feed
from django.db.models import QuerySet
from django.urls import reverse, reverse_lazy
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from tsunagaru.cases.models import Case
from tsunagaru.cases.selectors import published


class LatestCases(Feed):  # type: ignore[type-arg]
    feed_type = Atom1Feed
    title = _("Tsunagaru: new collaboration cases")
    subtitle = _("Cases newly published in the case library.")
    link = reverse_lazy("cases:list")

    def items(self) -> QuerySet[Case]:
        return published().order_by("-published_at", "-pk")[:30]

    def item_title(self, item: Case) -> str:
        return item.title

    def item_description(self, item: Case) -> str:
        return item.summary

    def item_link(self, item: Case) -> str:
        return reverse("cases:detail", args=[item.pk])

    def item_pubdate(self, item: Case) -> datetime | None:
        return item.published_at

    def item_updateddate(self, item: Case) -> datetime:
        return item.updated_at
