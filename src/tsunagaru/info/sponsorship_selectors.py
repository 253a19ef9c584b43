"""Reads of 後援名義 requests: a group's own, the staff's queue by department, overdue reports,
and whether an event may show the city's 後援."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.conf import settings
from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from tsunagaru.core.selectors import current_municipality
from tsunagaru.info.models import Event
from tsunagaru.info.sponsorship_models import SponsorshipRequest
from tsunagaru.info.sponsorship_permissions import city_desk, is_reviewer
from tsunagaru.partners.models import Membership, Organisation
from tsunagaru.partners.permissions import CITY_DEPARTMENT, role_in

Status = SponsorshipRequest.Status


def _with_parties(requests: QuerySet[SponsorshipRequest]) -> QuerySet[SponsorshipRequest]:
    return requests.select_related("applicant", "department", "event")


def visible_requests(viewer: Any) -> QuerySet[SponsorshipRequest]:
    """Requests `viewer` may read: their groups' own; for city staff, every one sent.

    The same rule as sponsorship_permissions.can_view, as a query: a request of another group
    is not found at all (404), so its existence does not leak.
    """
    if not (viewer.is_authenticated and viewer.is_active):
        return SponsorshipRequest.objects.none()
    mine = Q(applicant__in=Membership.objects.filter(user=viewer).values("organisation_id"))
    if is_reviewer(viewer):
        mine |= ~Q(status=Status.DRAFT)
    return SponsorshipRequest.objects.filter(mine)


def sponsorship_get(*, viewer: Any, pk: int) -> SponsorshipRequest | None:
    return _with_parties(visible_requests(viewer)).filter(pk=pk).first()


def sponsorship_list_mine(*, user: Any) -> QuerySet[SponsorshipRequest]:
    """The requests of the groups `user` belongs to, newest first."""
    if not user.is_authenticated:
        return SponsorshipRequest.objects.none()
    groups = Membership.objects.filter(user=user).values("organisation_id")
    return _with_parties(SponsorshipRequest.objects.filter(applicant__in=groups))


def report_due_on(request: SponsorshipRequest) -> date:
    """The day the results report is due: the event's last day + SPONSORSHIP_REPORT_DAYS."""
    return request.ends_on + timedelta(days=settings.SPONSORSHIP_REPORT_DAYS)


# The queue's choices besides one department's pk.
MINE, ALL, CITY = "mine", "all", "city"


@dataclass(frozen=True)
class QueueScope:
    """Which requests a queue shows: those to `departments` (pks) and, if `city`, those to
    the city as a whole; `departments` None: every request."""

    departments: tuple[int, ...] | None
    city: bool

    def condition(self) -> Q:
        if self.departments is None:
            return Q()
        chosen = Q(department__in=self.departments)
        return chosen | Q(department=None) if self.city else chosen


EVERYTHING = QueueScope(departments=None, city=True)


@dataclass(frozen=True)
class DepartmentCount:
    """One line of the queue's counts: a department (None: the city as a whole)."""

    department: Organisation | None
    waiting: int
    overdue: int


def city_departments() -> list[Organisation]:
    """Every city department (市の部署), in あいうえお order: the queue's filter."""
    return list(
        Organisation.objects.filter(kind__code=CITY_DEPARTMENT).order_by("name_sort", "name", "pk")
    )


def departments_of(user: Any, departments: list[Organisation]) -> list[Organisation]:
    """Those of `departments` that `user` belongs to (any membership role)."""
    return [d for d in departments if role_in(user, d) is not None]


def queue_scope(*, viewer: Any, choice: str, departments: list[Organisation]) -> QueueScope:
    """The scope of `choice`: MINE (the viewer's departments, and the city as a whole when the
    viewer is in the collaboration section or the site has none), ALL, CITY or a department's
    pk among `departments`; ALL or anything else: every request."""
    if choice == MINE:
        mine = departments_of(viewer, departments)
        desk = city_desk()
        handles_city = desk is None or any(d.pk == desk.pk for d in mine)
        return QueueScope(departments=tuple(d.pk for d in mine), city=handles_city)
    if choice == CITY:
        return QueueScope(departments=(), city=True)
    chosen = [d.pk for d in departments if str(d.pk) == choice]
    if chosen:
        return QueueScope(departments=tuple(chosen), city=False)
    return EVERYTHING


def default_choice(viewer: Any, departments: list[Organisation]) -> str:
    """The queue opens on the viewer's departments; on everything for staff in none."""
    return MINE if departments_of(viewer, departments) else ALL


def default_scope(viewer: Any) -> QueueScope:
    """What the queue opens on for `viewer`: their departments (as MINE), or everything for
    staff in none. Reads only the viewer's own departments, not the city's whole list: the
    workspace asks this on every visit."""
    if not viewer.is_authenticated:
        return EVERYTHING
    mine = list(
        Organisation.objects.filter(kind__code=CITY_DEPARTMENT, memberships__user=viewer)
        .distinct()
        .order_by("name_sort", "name", "pk")
    )
    choice = default_choice(viewer, mine)
    return queue_scope(viewer=viewer, choice=choice, departments=mine)


def _overdue_since(today: date | None) -> date:
    """Approved requests that ended before this day have their report overdue."""
    today = today or timezone.localdate()
    return today - timedelta(days=settings.SPONSORSHIP_REPORT_DAYS)


def sponsorship_overdue(
    *, today: date | None = None, scope: QueueScope = EVERYTHING
) -> QuerySet[SponsorshipRequest]:
    """Approved requests in `scope` whose results report is past due, longest overdue first."""
    late = Q(status=Status.APPROVED, ends_on__lt=_overdue_since(today))
    return _with_parties(SponsorshipRequest.objects.filter(late, scope.condition())).order_by(
        "ends_on", "pk"
    )


def sponsorship_queue(
    *, scope: QueueScope = EVERYTHING, today: date | None = None
) -> dict[str, QuerySet[SponsorshipRequest]]:
    """The staff's queue within `scope`: requests waiting for a decision (oldest first),
    reports overdue, approved requests still waiting for their report, recently closed ones.
    Four queries however many rows."""
    overdue = sponsorship_overdue(today=today, scope=scope)
    mine = SponsorshipRequest.objects.filter(scope.condition())
    return {
        "waiting": _with_parties(mine.filter(status=Status.SUBMITTED)).order_by(
            "submitted_at", "pk"
        ),
        "overdue": overdue,
        "awaiting_report": _with_parties(
            mine.filter(status=Status.APPROVED).exclude(pk__in=overdue.values("pk"))
        ).order_by("ends_on", "pk"),
        "recent": _with_parties(mine.filter(status__in=(Status.REFUSED, Status.REPORTED))).order_by(
            "-decided_at", "-pk"
        )[:20],
    }


def sponsorship_counts(
    *, departments: list[Organisation], today: date | None = None
) -> list[DepartmentCount]:
    """Requests waiting and reports overdue per department asked (the city as a whole first,
    then `departments` in their order), lines with nothing left out. One query."""
    late = Q(status=Status.APPROVED, ends_on__lt=_overdue_since(today))
    rows = (
        SponsorshipRequest.objects.filter(Q(status=Status.SUBMITTED) | late)
        .values("department_id")
        .annotate(
            waiting=Count("pk", filter=Q(status=Status.SUBMITTED)),
            overdue=Count("pk", filter=late),
        )
        .order_by()
    )
    counts = {row["department_id"]: (row["waiting"], row["overdue"]) for row in rows}
    lines = [DepartmentCount(None, *counts[None])] if None in counts else []
    lines += [DepartmentCount(d, *counts[d.pk]) for d in departments if d.pk in counts]
    return lines


def sponsor_name(request: SponsorshipRequest) -> str:
    """The name lent (奥州市, 奥州市教育委員会): as approved, else the city's (for a proposal)."""
    if request.sponsor_name:
        return request.sponsor_name
    municipality = current_municipality()
    return municipality.name if municipality is not None else ""


def event_sponsors(event: Event) -> list[str]:
    """The names the event is sponsored by (「奥州市」 → shown as 「奥州市後援」), once approved."""
    approved = event.sponsorship_requests.filter(status__in=SponsorshipRequest.SPONSORED)
    names = approved.values_list("sponsor_name", flat=True)
    return sorted({n for n in names if n})
