"""Reads of 後援名義 requests: a group's own, the city's queue, overdue reports, and whether
an event may show the city's 後援."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.conf import settings
from django.db.models import Q, QuerySet
from django.utils import timezone

from tsunagaru.core.selectors import current_municipality
from tsunagaru.info.models import Event
from tsunagaru.info.sponsorship_models import SponsorshipRequest
from tsunagaru.info.sponsorship_permissions import is_reviewer
from tsunagaru.partners.models import Membership

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


def sponsorship_overdue(*, today: date | None = None) -> QuerySet[SponsorshipRequest]:
    """Approved requests whose results report is past due, longest overdue first."""
    today = today or timezone.localdate()
    last_day = today - timedelta(days=settings.SPONSORSHIP_REPORT_DAYS)
    return _with_parties(
        SponsorshipRequest.objects.filter(status=Status.APPROVED, ends_on__lt=last_day)
    ).order_by("ends_on", "pk")


def sponsorship_queue() -> dict[str, QuerySet[SponsorshipRequest]]:
    """The city's queue: requests waiting for a decision (oldest first), reports overdue, and
    approved requests still waiting for their report."""
    overdue = sponsorship_overdue()
    return {
        "waiting": _with_parties(
            SponsorshipRequest.objects.filter(status=Status.SUBMITTED)
        ).order_by("submitted_at", "pk"),
        "overdue": overdue,
        "awaiting_report": _with_parties(
            SponsorshipRequest.objects.filter(status=Status.APPROVED).exclude(
                pk__in=overdue.values("pk")
            )
        ).order_by("ends_on", "pk"),
        "recent": _with_parties(
            SponsorshipRequest.objects.filter(status__in=(Status.REFUSED, Status.REPORTED))
        ).order_by("-decided_at", "-pk")[:20],
    }


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
