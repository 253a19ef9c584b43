"""Reads of events: the public calendar and list with their filters, an organiser's events,
a person's registrations. Counts are annotated, so a list's queries do not grow with its rows."""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import Count, IntegerField, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone

from tsunagaru.accounts.permissions import has_role
from tsunagaru.info import news_permissions, permissions
from tsunagaru.info.models import Contribution, Event, EventKind, EventSeries, Registration
from tsunagaru.info.news_models import NewsArticle, NewsTrust
from tsunagaru.partners.models import Membership, Organisation
from tsunagaru.partners.permissions import SUPPORT_ROLES
from tsunagaru.partners.selectors import listed_groups_of


@dataclass(frozen=True)
class EventFilters:
    """The filters of the calendar and the list (all optional)."""

    area: int | None = None
    kind: int | None = None
    field: int | None = None
    start: date | None = None
    end: date | None = None
    free: bool = False
    accessible: bool = False
    organiser: int | None = None

    def as_query(self) -> dict[str, Any]:
        """The filters as URL parameters (to keep them across months and pages)."""
        values: dict[str, Any] = {
            "area": self.area,
            "kind": self.kind,
            "field": self.field,
            "start": self.start.isoformat() if self.start else None,
            "end": self.end.isoformat() if self.end else None,
            "free": "1" if self.free else None,
            "accessible": "1" if self.accessible else None,
        }
        return {k: v for k, v in values.items() if v}


def _count_of(status: str) -> Coalesce:
    """People in `status` for each event, as a correlated subquery: computed only for the rows
    a page shows (a GROUP BY over every registration would be counted for the whole list)."""
    counts = (
        Registration.objects.filter(event=OuterRef("pk"), status=status)
        .order_by()
        .values("event")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(counts, output_field=IntegerField()), 0)


def _with_counts(events: QuerySet[Event]) -> QuerySet[Event]:
    return (
        events.select_related("organiser", "kind", "area", "district")
        .prefetch_related("co_organisers")
        .annotate(
            seated=_count_of(Registration.Status.REGISTERED),
            waiting=_count_of(Registration.Status.WAITLISTED),
        )
    )


def visible_events(viewer: Any) -> QuerySet[Event]:
    """Events `viewer` may see: public ones, and drafts of their groups (all, for staff)."""
    events = Event.objects.all()
    if has_role(viewer, *SUPPORT_ROLES):
        return events
    mine = Q()
    if viewer.is_authenticated:
        groups = Membership.objects.filter(user=viewer).values("organisation_id")
        mine = Q(organiser_id__in=groups)
    return (
        events.filter(Q(status__in=Event.PUBLIC) | mine)
        if mine
        else events.filter(status__in=Event.PUBLIC)
    )


def event_get(*, viewer: Any, pk: int) -> Event | None:
    return _with_counts(visible_events(viewer)).filter(pk=pk).first()


def event_list(*, filters: EventFilters, upcoming: bool = True) -> QuerySet[Event]:
    """Public events, soonest first; with `upcoming`, those not yet over (or from `start`)."""
    events = Event.objects.filter(status__in=Event.PUBLIC)
    events = _filter(events, filters)
    if upcoming and filters.start is None:
        events = events.filter(ends_at__gte=timezone.now())
    return _with_counts(events).order_by("starts_at", "pk")


def event_page(*, filters: EventFilters, number: Any, size: int) -> Page[Any]:
    """One page of `event_list`, in two steps: the page's ids from the index alone (sorting
    ids, not whole rows), then those events with their counts."""
    ids = (
        _upcoming(_filter(Event.objects.filter(status__in=Event.PUBLIC), filters), filters)
        .order_by("starts_at", "pk")
        .values_list("pk", flat=True)
    )
    page = Paginator(ids, size).get_page(number)
    chosen = list(page.object_list)
    shown = _with_counts(Event.objects.filter(pk__in=chosen)).defer("description").in_bulk()
    page.object_list = [shown[pk] for pk in chosen if pk in shown]  # type: ignore[misc]
    return page


def _upcoming(events: QuerySet[Event], filters: EventFilters) -> QuerySet[Event]:
    if filters.start is None:
        events = events.filter(ends_at__gte=timezone.now())
    return events


def _filter(events: QuerySet[Event], filters: EventFilters) -> QuerySet[Event]:
    if filters.area:
        events = events.filter(area_id=filters.area)
    if filters.kind:
        events = events.filter(kind_id=filters.kind)
    if filters.field:
        events = events.filter(activity_fields__id=filters.field)
    if filters.organiser:
        events = events.filter(
            Q(organiser_id=filters.organiser) | Q(co_organisers__id=filters.organiser)
        )
    if filters.start:
        events = events.filter(ends_at__gte=_day_start(filters.start))
    if filters.end:
        events = events.filter(starts_at__lt=_day_start(filters.end + timedelta(days=1)))
    if filters.free:
        events = events.filter(fee=0)
    if filters.accessible:
        events = events.filter(
            Q(wheelchair=True) | Q(sign_language=True) | Q(childcare=True) | Q(easy_japanese=True)
        )
    if filters.field or filters.organiser:
        events = events.distinct()
    return events


def _day_start(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


@dataclass(frozen=True)
class CalendarEntry:
    """An event as a calendar cell shows it (no model instance: a month may hold hundreds)."""

    pk: int
    title: str
    starts_at: datetime
    all_day: bool
    status: str

    def get_absolute_url(self) -> str:
        return reverse("info:event", args=[self.pk])

    @property
    def clock(self) -> str:
        """The start time (14:00), none for an all-day event."""
        return "" if self.all_day else f"{self.starts_at:%H:%M}"


@dataclass(frozen=True)
class Day:
    day: date
    in_month: bool
    events: list[CalendarEntry]
    more: int = 0  # events of the day not shown in its cell (the list of the day has them)


# A wall calendar's cell holds a few events; the rest are a link to the day's list.
DAY_CELL = 3


def event_month(*, year: int, month: int, filters: EventFilters) -> list[list[Day]]:
    """The month as weeks (Sunday first, as Japanese wall calendars), each day with its
    public events (an event over several days shows on each)."""
    weeks = calendar.Calendar(firstweekday=6).monthdatescalendar(year, month)
    first, last = weeks[0][0], weeks[-1][-1]
    rows = (
        _filter(Event.objects.filter(status__in=Event.PUBLIC), filters)
        .filter(starts_at__lt=_day_start(last + timedelta(days=1)), ends_at__gte=_day_start(first))
        .order_by("starts_at", "pk")
        .values_list("pk", "title", "starts_at", "ends_at", "all_day", "status")
    )
    zone = timezone.get_current_timezone()
    by_day: dict[date, list[CalendarEntry]] = {}
    for pk, title, starts_at, ends_at, all_day, status in rows:
        start = starts_at.astimezone(zone)
        entry = CalendarEntry(pk, title, start, all_day, status)
        day = max(start.date(), first)
        end = min(ends_at.astimezone(zone).date(), last)
        while day <= end:
            by_day.setdefault(day, []).append(entry)
            day += timedelta(days=1)

    def cell(d: date) -> Day:
        found = by_day.get(d, [])
        return Day(d, d.month == month, found[:DAY_CELL], max(0, len(found) - DAY_CELL))

    return [[cell(d) for d in week] for week in weeks]


def organiser_events(*, organisation_id: int) -> QuerySet[Event]:
    """A group's events for its page: public ones, upcoming first."""
    return event_list(filters=EventFilters(organiser=organisation_id))


def my_events(*, user: Any) -> QuerySet[Event]:
    """Events of the groups `user` belongs to, in every state (their organiser's view)."""
    groups = Membership.objects.filter(user=user).values("organisation_id")
    return _with_counts(Event.objects.filter(organiser_id__in=groups)).order_by("-starts_at")


def my_registrations(*, user: Any) -> QuerySet[Registration]:
    return (
        Registration.objects.filter(user=user)
        .exclude(status=Registration.Status.CANCELLED)
        .select_related("event", "event__organiser")
        .order_by("event__starts_at")
    )


def participants(*, event: Event) -> QuerySet[Registration]:
    """Everyone registered or waiting, in the order they came (for the organiser only)."""
    return (
        event.registrations.exclude(status=Registration.Status.CANCELLED)
        .select_related("user")
        .order_by("status", "waitlisted_at", "created_at", "pk")
    )


def registration_of(*, event: Event, user: Any) -> Registration | None:
    if not user.is_authenticated:
        return None
    return (
        event.registrations.filter(user=user, status__in=Registration.ACTIVE)
        .order_by("-pk")
        .first()
    )


def waiting_position(registration: Registration) -> int:
    """1 for the first on the waiting list."""
    return (
        registration.event.registrations.filter(
            status=Registration.Status.WAITLISTED,
            waitlisted_at__lte=registration.waitlisted_at,
        )
        .exclude(waitlisted_at=registration.waitlisted_at, pk__gt=registration.pk)
        .count()
    )


def kinds() -> QuerySet[EventKind]:
    return EventKind.objects.all()


def contributions(*, event: Event) -> QuerySet[Contribution]:
    """Every application to take part (booths, presentations), for the organiser."""
    return event.contributions.select_related("organisation", "case").order_by(
        "kind", "status", "created_at", "pk"
    )


def accepted_contributions(*, event: Event) -> QuerySet[Contribution]:
    """What the event's page shows: the accepted booths and presentations."""
    return contributions(event=event).filter(status=Contribution.Status.ACCEPTED)


def contributions_of(*, event: Event, user: Any) -> list[Contribution]:
    """The applications of the groups `user` belongs to (to follow and withdraw them)."""
    if not user.is_authenticated:
        return []
    groups = Membership.objects.filter(user=user).values("organisation_id")
    return list(
        contributions(event=event)
        .filter(organisation_id__in=groups)
        .exclude(status=Contribution.Status.WITHDRAWN)
    )


def series_sessions(*, series: EventSeries, viewer: Any) -> QuerySet[Event]:
    """The sessions of a series `viewer` may see, in order."""
    return _with_counts(visible_events(viewer).filter(series=series)).order_by("starts_at", "pk")


@dataclass(frozen=True)
class AttendanceRow:
    name: str
    marks: list[bool | None]  # per session: attended, absent, or not registered (None)

    @property
    def attended(self) -> int:
        return sum(1 for mark in self.marks if mark)


def series_attendance(*, sessions: list[Event]) -> list[AttendanceRow]:
    """Who came to which session of a course (for the organiser: personal data). People are
    matched by account, else by e-mail, else by name."""
    index = {event.pk: n for n, event in enumerate(sessions)}
    rows: dict[str, list[bool | None]] = {}
    names: dict[str, str] = {}
    registered = Registration.objects.filter(
        event__in=sessions, status=Registration.Status.REGISTERED
    ).order_by("created_at", "pk")
    for r in registered:
        key = f"u{r.user_id}" if r.user_id else (r.email or r.name)
        names.setdefault(key, r.name)
        marks = rows.setdefault(key, [None] * len(sessions))
        marks[index[r.event_id]] = r.attended
    return [AttendanceRow(names[key], marks) for key, marks in rows.items()]


# -- news and the pages that show events and news (home, a group, a district) ----------------


def news_list(*, kind: str = "", author_id: int | None = None) -> QuerySet[NewsArticle]:
    """Published news, newest first, with the author's name (one query; never a draft, an
    article under review or a hidden one)."""
    articles = NewsArticle.objects.filter(status=NewsArticle.Status.PUBLISHED)
    if kind:
        articles = articles.filter(kind=kind)
    if author_id is not None:
        articles = articles.filter(author_id=author_id)
    return articles.select_related("author").order_by("-published_at", "-pk")


def news_get(*, viewer: Any, pk: int) -> NewsArticle | None:
    """An article `viewer` may open (see news_permissions.can_view), with its links."""
    article = (
        NewsArticle.objects.select_related("author", "author__kind", "event", "case")
        .filter(pk=pk)
        .first()
    )
    if article is None or not news_permissions.can_view(viewer, article):
        return None
    return article


def events_in_review() -> QuerySet[Event]:
    """Events sent for staff review (kinds that need it), the longest waiting first."""
    return (
        Event.objects.filter(status=Event.Status.IN_REVIEW)
        .select_related("organiser")
        .order_by("updated_at", "pk")
    )


def news_review_queue() -> QuerySet[NewsArticle]:
    """Articles waiting for staff review, oldest first."""
    return (
        NewsArticle.objects.filter(status=NewsArticle.Status.IN_REVIEW)
        .select_related("author")
        .order_by("updated_at", "pk")
    )


def my_news(*, user: Any) -> QuerySet[NewsArticle]:
    """Articles of the groups `user` belongs to, in every state, newest first."""
    groups = Membership.objects.filter(user=user).values("organisation_id")
    return (
        NewsArticle.objects.filter(author_id__in=groups)
        .select_related("author")
        .order_by("-created_at", "-pk")
    )


def news_trusted_groups() -> QuerySet[NewsTrust]:
    """Groups that publish news without review, by name."""
    return NewsTrust.objects.select_related("organisation", "granted_by").order_by(
        "organisation__name", "pk"
    )


def is_news_trusted(organisation_id: int) -> bool:
    return NewsTrust.objects.filter(organisation_id=organisation_id).exists()


def news_of_organisation(organisation_id: int, *, limit: int = 5) -> list[NewsArticle]:
    """A group's latest published articles, for its page (one query)."""
    return list(news_list(author_id=organisation_id)[:limit])


def upcoming_events(*, area_id: int | None = None, limit: int = 5) -> list[Event]:
    """The next public events not yet over (of one area, given `area_id`), soonest first,
    with their organiser: for the home page and a district's page (one query, no counts)."""
    return _next_events(EventFilters(area=area_id), limit)


def events_of_organisation(organisation_id: int, *, limit: int = 5) -> list[Event]:
    """A group's next public events, as organiser or co-organiser, for its page (one query)."""
    return _next_events(EventFilters(organiser=organisation_id), limit)


def _next_events(filters: EventFilters, limit: int) -> list[Event]:
    events = Event.objects.filter(status__in=Event.PUBLIC, ends_at__gte=timezone.now())
    events = _filter(events, filters).select_related("organiser")
    return list(events.order_by("starts_at", "pk")[:limit])


def groups_for_new_event(user: Any) -> list[Organisation]:
    """The listed groups `user` may announce an event for (empty: no "announce" link)."""
    return [g for g in listed_groups_of(user) if permissions.can_create_for(user, g)]
