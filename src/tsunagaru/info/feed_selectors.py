"""Reads behind the calendar feeds (.ics, Atom) and the open data of events.

Only public events (published, cancelled, postponed) ever leave through these: a draft or an
event waiting for review is in no feed and no open data. A feed carries the events of the last
FEED_PAST_DAYS and everything coming, at most FEED_LIMIT (a calendar app reloads it often).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from itertools import islice
from typing import Any

from django.db.models import F, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone

from tsunagaru.core.models import Area
from tsunagaru.info.models import CalendarToken, Event, Registration
from tsunagaru.partners.models import Organisation

FEED_PAST_DAYS = 90
FEED_LIMIT = 500
ATOM_LIMIT = 30


def public_events() -> QuerySet[Event]:
    """Every event shown to everyone, with what a feed row needs, in date order."""
    return (
        Event.objects.filter(status__in=Event.PUBLIC)
        .select_related("organiser", "kind", "area", "series")
        .order_by("starts_at", "pk")
    )


def public_event_get(*, pk: int) -> Event | None:
    """A public event for its own .ics; None for a draft, an event in review or no event."""
    return public_events().filter(pk=pk).first()


def _window(events: QuerySet[Event]) -> QuerySet[Event]:
    since = timezone.now() - timedelta(days=FEED_PAST_DAYS)
    return events.filter(ends_at__gte=since)[:FEED_LIMIT]


def listed_group_get(*, pk: int) -> Organisation | None:
    """A group shown in the directory (an unlisted group has no public feed)."""
    return Organisation.objects.filter(pk=pk, status=Organisation.Status.VERIFIED).first()


def group_feed_events(*, organisation: Organisation) -> QuerySet[Event]:
    """Public events the group organises or co-organises."""
    mine = Q(organiser=organisation) | Q(co_organisers=organisation)
    ids = Event.objects.filter(mine).values("pk")
    return _window(public_events().filter(pk__in=ids))


def area_get(*, pk: int) -> Area | None:
    return Area.objects.filter(pk=pk).first()


def area_feed_events(*, area: Area) -> QuerySet[Event]:
    """Public events held in the area (区)."""
    return _window(public_events().filter(area=area))


def calendar_token_find(*, token: str) -> CalendarToken | None:
    """The calendar address with this token, live or revoked (the caller checks
    `revoked_at`: a revoked address shows nobody's events)."""
    if not token:
        return None
    return CalendarToken.objects.filter(token=token).select_related("user").first()


def calendar_token_of(*, user: Any) -> CalendarToken | None:
    """The person's live calendar address, if they made one."""
    return CalendarToken.objects.filter(user=user, revoked_at__isnull=True).order_by("-pk").first()


def registered_feed_events(*, user: Any) -> QuerySet[Event]:
    """Public events `user` holds a seat or a waiting-list place for (never a cancelled one),
    each with `my_status` ("registered" or "waitlisted")."""
    mine = Registration.objects.filter(
        event=OuterRef("pk"), user=user, status__in=Registration.ACTIVE
    ).values("status")[:1]
    return _window(
        public_events().annotate(my_status=Subquery(mine)).filter(my_status__isnull=False)
    )


def newly_published(*, limit: int = ATOM_LIMIT) -> QuerySet[Event]:
    """Public events, the most recently published first (for the Atom feed)."""
    return (
        Event.objects.filter(status__in=Event.PUBLIC, published_at__isnull=False)
        .select_related("organiser", "kind")
        .order_by("-published_at", "-pk")[:limit]
    )


# The columns the open data reads, fetched as plain rows: building 20,000 model instances
# (with their organiser, kind, area and series) costs several times more than the data.
OPENDATA_FIELDS = (
    "pk",
    "title",
    "description",
    "status",
    "status_reason",
    "starts_at",
    "ends_at",
    "all_day",
    "fee",
    "fee_note",
    "capacity",
    "contact",
    "place_name",
    "address",
    "online_url",
    "audience",
    "wheelchair",
    "sign_language",
    "childcare",
    "easy_japanese",
    "accessibility_note",
    "registration_required",
    "registration_closes_at",
    "allow_guests",
)


def opendata_rows(*, chunk: int = 1000) -> Iterator[dict[str, Any]]:
    """Every public event as a dict (OPENDATA_FIELDS, plus organiser_name, kind_name,
    area_name, series_title and co_organiser_names), in date order, read `chunk` at a time:
    one query for the events and one per chunk for the co-organisers."""
    rows = (
        Event.objects.filter(status__in=Event.PUBLIC)
        .order_by("starts_at", "pk")
        .values(
            *OPENDATA_FIELDS,
            organiser_name=F("organiser__name"),
            kind_name=F("kind__name"),
            area_name=F("area__name"),
            series_title=F("series__title"),
        )
        .iterator(chunk_size=chunk)
    )
    while batch := list(islice(rows, chunk)):
        yield from _with_co_organisers(batch)


def _with_co_organisers(batch: list[dict[str, Any]]) -> list[dict[str, Any]]:
    names: dict[int, list[str]] = {}
    links = Event.co_organisers.through.objects.filter(
        event_id__in=[row["pk"] for row in batch]
    ).order_by("pk")
    for event_id, name in links.values_list("event_id", "organisation__name"):
        names.setdefault(event_id, []).append(name)
    for row in batch:
        row["co_organiser_names"] = names.get(row["pk"], [])
    return batch
