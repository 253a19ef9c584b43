"""Events as iCalendar (RFC 5545) for calendar apps, written with the `icalendar` library.

Each event keeps one UID for life (``event-<pk>@<site host>``), so a calendar that imported
or subscribed to it updates the same entry; SEQUENCE and LAST-MODIFIED grow with every change
(SEQUENCE counts the seconds between creation and the last change, so it only goes up without
a counter column). Times are written in Asia/Tokyo with its VTIMEZONE; an all-day event has
DATE values with the exclusive end day RFC 5545 asks for. A cancelled event stays in the feed
with STATUS:CANCELLED (calendars then strike it out instead of silently keeping it); a
postponed one is TENTATIVE until its new date is set.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, timedelta
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils.translation import gettext as _
from icalendar import Calendar
from icalendar import Event as VEvent

from tsunagaru.info.models import Event, Registration

TZID = "Asia/Tokyo"
TOKYO = ZoneInfo(TZID)
# How often a subscribed calendar should fetch the feed again.
REFRESH = timedelta(hours=6)


def event_uid(event: Event) -> str:
    host = urlsplit(str(settings.SITE_URL)).hostname or "tsunagaru"
    return f"event-{event.pk}@{host}"


def event_url(event: Event) -> str:
    return str(settings.SITE_URL) + event.get_absolute_url()


def calendar_bytes(events: Iterable[Event], *, name: str, subscription: bool = True) -> bytes:
    """A VCALENDAR of `events` (with `my_status` where the person's own place is known)."""
    calendar = Calendar()
    calendar.add("prodid", f"-//Tsunagaru//{settings.MUNICIPALITY_CODE} events//JA")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", TZID)
    if subscription:
        calendar.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
        calendar.add("x-published-ttl", REFRESH)
    for event in events:
        calendar.add_component(vevent(event))
    calendar.add_missing_timezones()
    body: bytes = calendar.to_ical()
    return body


def vevent(event: Event) -> VEvent:
    """One VEVENT: what, when, where, the page, the state, and its revision."""
    item = VEvent()
    item.add("uid", event_uid(event))
    # Without METHOD:REQUEST, DTSTAMP is the last revision (RFC 5545 3.8.7.2): stable output.
    item.add("dtstamp", event.updated_at)
    item.add("created", event.created_at)
    item.add("last-modified", event.updated_at)
    item.add("sequence", _sequence(event))
    item.add("summary", summary_prefix(event) + event.title)
    start, end = _span(event)
    item.add("dtstart", start)
    item.add("dtend", end)
    location = _location(event)
    if location:
        item.add("location", location)
    item.add("url", event_url(event))
    item.add("description", _description(event))
    item.add("status", _status(event))
    item.add("categories", [event.kind.label])
    return item


def _sequence(event: Event) -> int:
    return max(0, int((event.updated_at - event.created_at).total_seconds()))


def _span(event: Event) -> tuple[date, date] | tuple[datetime, datetime]:
    starts = event.starts_at.astimezone(TOKYO)
    ends = event.ends_at.astimezone(TOKYO)
    if event.all_day:
        # DTEND of an all-day event is the day after the last one (exclusive).
        return starts.date(), ends.date() + timedelta(days=1)
    return starts, ends


def _location(event: Event) -> str:
    place = "　".join(p for p in (event.place_name, event.address) if p)
    if event.online_url:
        online = f"{_('Online')}: {event.online_url}"
        return f"{place}\n{online}" if place else online
    return place


def _description(event: Event) -> str:
    parts = []
    if event.status_reason and event.status in (Event.Status.CANCELLED, Event.Status.POSTPONED):
        parts.append(event.status_reason)
    parts.append(event.description)
    parts.append(f"{_('Organiser')}: {event.organiser.name}")
    parts.append(event_url(event))
    return "\n\n".join(p.strip() for p in parts if p and p.strip())


def _status(event: Event) -> str:
    if event.status == Event.Status.CANCELLED:
        return "CANCELLED"
    if event.status == Event.Status.POSTPONED:
        return "TENTATIVE"
    if getattr(event, "my_status", None) == Registration.Status.WAITLISTED:
        return "TENTATIVE"
    return "CONFIRMED"


def summary_prefix(event: Event) -> str:
    """ "[Cancelled] ", "[Postponed] ", "[Waiting list] " (the person's own place) or ""."""
    if event.status == Event.Status.CANCELLED:
        return _("[Cancelled] ")
    if event.status == Event.Status.POSTPONED:
        return _("[Postponed] ")
    if getattr(event, "my_status", None) == Registration.Status.WAITLISTED:
        return _("[Waiting list] ")
    return ""
