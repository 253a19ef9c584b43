"""Reads of the inventory of recurring work: the activities with their years, the guided
review of one year, the hours and money freed, and what matching could offer."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Max, Prefetch, QuerySet
from django.utils import timezone

from tsunagaru.community.inventory_models import Activity, ActivityYear
from tsunagaru.community.plan_selectors import is_district_association
from tsunagaru.core.dates import fiscal_year
from tsunagaru.matching import selectors as matching
from tsunagaru.partners.models import Organisation

SUGGESTIONS = 5


def association_get(pk: int) -> Organisation | None:
    """The 地区振興会 with this id (None for another kind of group, or none)."""
    group = Organisation.objects.select_related("kind").filter(pk=pk).first()
    return group if group is not None and is_district_association(group) else None


def this_year() -> int:
    return fiscal_year(timezone.localdate())


def activities_of(organisation: Organisation) -> QuerySet[Activity]:
    """The association's activities with their yearly records (latest year first)."""
    return (
        Activity.objects.filter(organisation=organisation)
        .prefetch_related(Prefetch("years", queryset=ActivityYear.objects.order_by("-year")))
        .order_by("pk")
    )


def ended_before(activity: Activity, year: int) -> bool:
    """Whether a decision of an earlier year ended the activity (stopped, handed over,
    merged): it is not reviewed again. Reads the prefetched years."""
    return any(r.year < year and r.decision in ActivityYear.ENDING for r in activity.years.all())


@dataclass(frozen=True)
class ReviewRow:
    activity: Activity
    record: ActivityYear | None
    previous: ActivityYear | None


def review_rows(organisation: Organisation, year: int) -> list[ReviewRow]:
    """The activities the association still runs in `year`, each with that year's record (None
    until reviewed) and the year before's, for the guided review."""
    rows = []
    for activity in activities_of(organisation):
        if ended_before(activity, year):
            continue
        by_year = {r.year: r for r in activity.years.all()}
        rows.append(ReviewRow(activity, by_year.get(year), by_year.get(year - 1)))
    return rows


def next_to_review(organisation: Organisation, year: int, *, after: int = 0) -> Activity | None:
    """The next activity (after the one with pk `after`) not reviewed yet for `year`, else the
    first not reviewed at all."""
    waiting = [row.activity for row in review_rows(organisation, year) if row.record is None]
    later = [a for a in waiting if a.pk > after]
    found = later or waiting
    return found[0] if found else None


@dataclass(frozen=True)
class Freed:
    activities: int
    hours: int
    money: int


def freed(organisation: Organisation, year: int) -> Freed:
    """What the year's decisions to stop or hand over free from the next year on: the hours and
    the money (spending less income) those activities took in `year`."""
    records = ActivityYear.objects.filter(
        activity__organisation=organisation, year=year, decision__in=ActivityYear.FREEING
    )
    rows = list(records.values_list("hours", "cost", "income"))
    return Freed(
        activities=len(rows),
        hours=sum(h for h, _c, _i in rows),
        money=sum(max(0, c - i) for _h, c, i in rows),
    )


def reviewed_years(organisation: Organisation) -> list[int]:
    return sorted(
        set(
            ActivityYear.objects.filter(activity__organisation=organisation).values_list(
                "year", flat=True
            )
        ),
        reverse=True,
    )


def last_inventory_years(organisation_ids: list[int] | None = None) -> dict[int, int]:
    """For each association (of `organisation_ids`, or all), the latest 年度 it reviewed any
    activity."""
    records = ActivityYear.objects.all()
    if organisation_ids is not None:
        records = records.filter(activity__organisation_id__in=organisation_ids)
    return dict(
        records.order_by()
        .values("activity__organisation_id")
        .annotate(last=Max("year"))
        .values_list("activity__organisation_id", "last")
    )


def activity_text(activity: Activity, record: ActivityYear | None) -> str:
    """What matching reads for the activity: its name, purpose and people, and the reason of
    the decision (what help it wants)."""
    parts = [activity.name, activity.purpose, activity.beneficiaries, activity.goods]
    if record is not None:
        parts.append(record.reason)
    return "。".join(p for p in parts if p)


def suggestions(activity: Activity, record: ActivityYear | None) -> list[Any]:
    """Groups that could take the activity over or help with it (matching), with reasons: for
    the need published for it if there is one, else for its text."""
    if not matching.index_ready():
        return []
    if record is not None and record.need is not None:
        return matching.suggestions_for_need(record.need, limit=SUGGESTIONS)
    return matching.suggestions_for_text(
        activity_text(activity, record), organisation=activity.organisation, limit=SUGGESTIONS
    )
