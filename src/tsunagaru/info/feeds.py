"""An Atom feed of newly published events (public ones only)."""

from __future__ import annotations

from datetime import datetime

from django.contrib.syndication.views import Feed
from django.db.models import QuerySet
from django.urls import reverse_lazy
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from tsunagaru.info import feed_selectors
from tsunagaru.info.ics import summary_prefix
from tsunagaru.info.models import Event
from tsunagaru.info.templatetags.event_dates import event_when


class LatestEvents(Feed):  # type: ignore[type-arg]
    feed_type = Atom1Feed
    title = _("Tsunagaru: new events")
    subtitle = _("Events newly announced by the city and Oshu's groups.")
    link = reverse_lazy("info:events")

    def items(self) -> QuerySet[Event]:
        return feed_selectors.newly_published()

    def item_title(self, item: Event) -> str:
        return summary_prefix(item) + item.title

    def item_description(self, item: Event) -> str:
        # When and where first: a feed reader shows the start of the text.
        where = item.place_name or item.online_url
        return f"{event_when(item)} {where}\n\n{item.description}".strip()

    def item_link(self, item: Event) -> str:
        return item.get_absolute_url()

    def item_author_name(self, item: Event) -> str:
        return item.organiser.name

    def item_pubdate(self, item: Event) -> datetime | None:
        return item.published_at

    def item_updateddate(self, item: Event) -> datetime:
        return item.updated_at

    def item_categories(self, item: Event) -> list[str]:
        return [item.kind.label]
