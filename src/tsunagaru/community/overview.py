"""The city's overview of every district (施策 エ): its 地区振興会, the state of its community
plan, how many of the plan's actions so far were done, and the last year it reviewed its
recurring work — one row per district, by area, in a fixed number of queries.

Rows hold plain values read with values_list, not model instances: a city-wide table of a
thousand districts would otherwise spend most of its time making objects it only names."""

from __future__ import annotations

import functools
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, F, Sum, Value
from django.db.models.functions import Least
from django.urls import reverse
from django.utils.translation import get_language, gettext_lazy

from tsunagaru.community.inventory_selectors import last_inventory_years, this_year
from tsunagaru.community.plan_models import ActionProgress, CommunityPlan, PlanAction
from tsunagaru.community.plan_selectors import DISTRICT_ASSOCIATION
from tsunagaru.core.models import District
from tsunagaru.core.templatetags.japanese_dates import fiscal_year_text
from tsunagaru.partners.models import Organisation

NO_PLAN = "none"
# A district's plan state in words, "none" included (the page and the CSV).
STATUS_WORDS = {NO_PLAN: gettext_lazy("No plan"), **dict(CommunityPlan.Status.choices)}
_ANY = 987654321  # a stand-in id, for an address pattern reversed once


@functools.cache
def _address(name: str) -> str:
    """The address of the view `name` with "{}" for its id: a thousand-row table reverses
    each kind of link once instead of once per row."""
    return reverse(name, args=[_ANY]).replace(str(_ANY), "{}")


@functools.cache
def _year_text(year: int, language: str) -> str:
    return fiscal_year_text(year)


def year_text(year: int) -> str:
    """令和8年度 (FY2026 (Reiwa 8) in English), remembered per year and language."""
    return _year_text(year, get_language() or "")


@dataclass(frozen=True)
class Ref:
    """A district, an area or an association: what the table names and links to."""

    pk: int
    name: str
    slug: str = ""

    @property
    def district_url(self) -> str:
        return _address("community:district").format(self.pk)

    @property
    def group_url(self) -> str:
        return _address("partners:detail").format(self.pk)


@dataclass(frozen=True)
class PlanRef:
    pk: int
    status: str
    first_year: int
    last_year: int

    def contains(self, year: int) -> bool:
        return self.first_year <= year <= self.last_year

    def get_status_display(self) -> str:
        return str(STATUS_WORDS[self.status])

    @property
    def period(self) -> str:
        return f"{year_text(self.first_year)}〜{year_text(self.last_year)}"

    @property
    def url(self) -> str:
        return _address("community:plan_draft").format(self.pk)


@dataclass
class Row:
    district: Ref
    associations: list[Ref]
    plan: PlanRef | None
    planned: int = 0
    done: int = 0
    last_inventory: int | None = None

    @property
    def status(self) -> str:
        return self.plan.status if self.plan is not None else NO_PLAN

    @property
    def status_text(self) -> str:
        return str(STATUS_WORDS[self.status])

    @property
    def last_inventory_text(self) -> str:
        return year_text(self.last_inventory) if self.last_inventory else ""


@dataclass
class AreaRows:
    """An area's counts of districts by plan state, and its rows if it is detailed."""

    area: Ref
    rows: list[Row] = field(default_factory=list)
    # Whether its rows are listed (see overview's `detail`); the counts are always there.
    detailed: bool = True
    counts: dict[str, int] = field(default_factory=lambda: defaultdict(int))

    @property
    def size(self) -> int:
        return sum(self.counts.values())

    @property
    def adopted(self) -> int:
        return self.counts["adopted"] + self.counts["revised"]

    @property
    def drafting(self) -> int:
        return self.counts["drafting"]

    @property
    def without(self) -> int:
        return self.counts[NO_PLAN]


def _current(plans: list[PlanRef], year: int) -> PlanRef | None:
    """Of a district's plans (latest first), the one whose period holds `year`, else the
    latest begun (a plan whose period has not started yet is still being drafted)."""
    for plan in plans:
        if plan.contains(year):
            return plan
    return plans[0] if plans else None


def overview(*, year: int | None = None, detail: str | None = None) -> list[AreaRows]:
    """Every active district by area, each with its associations and its current plan (the
    one whose period holds `year`, else the latest begun). The rows of the `detail` area (its
    slug; the first area if no area has it), or of every area if `detail` is None, also carry
    the plan's actions planned for the years so far against those reported done, and the last
    年度 of the inventory: a page shows one area's table, the CSV all of them."""
    year = this_year() if year is None else year
    districts = list(
        District.objects.filter(is_active=True)
        .order_by("area__order", "area__pk", "order", "pk")
        .values_list("pk", "name", "slug", "area_id", "area__name", "area__slug")
    )
    associations: dict[int, list[Ref]] = defaultdict(list)
    for pk, name, district_id in (
        Organisation.objects.filter(
            kind__code=DISTRICT_ASSOCIATION,
            district__isnull=False,
            status=Organisation.Status.VERIFIED,
        )
        .order_by("name_sort", "pk")
        .values_list("pk", "name", "district_id")
    ):
        associations[district_id].append(Ref(pk, name))
    plans: dict[int, list[PlanRef]] = defaultdict(list)
    for pk, district_id, status, first, last in CommunityPlan.objects.order_by(
        "-first_year", "pk"
    ).values_list("pk", "district_id", "status", "first_year", "last_year"):
        plans[district_id].append(PlanRef(pk, status, first, last))
    current = {row[0]: _current(plans[row[0]], year) for row in districts}
    detailed = _detailed_area(districts, detail)
    shown = [row[0] for row in districts if detailed is None or row[3] == detailed]
    plan_ids = [p.pk for pk in shown if (p := current[pk]) is not None]
    group_ids = [g.pk for pk in shown for g in associations[pk]]
    everything = detailed is None
    planned = _planned(year, None if everything else plan_ids)
    done = _done(year, None if everything else plan_ids)
    inventories = last_inventory_years(None if everything else group_ids)
    by_area: dict[int, AreaRows] = {}
    for pk, name, slug, area_id, area_name, area_slug in districts:
        plan = current[pk]
        area = by_area.get(area_id)
        if area is None:
            listed = everything or area_id == detailed
            area = by_area[area_id] = AreaRows(Ref(area_id, area_name, area_slug), detailed=listed)
        area.counts[plan.status if plan else NO_PLAN] += 1
        if not area.detailed:
            continue  # counted only: a page lists one area's rows
        groups = associations[pk]
        years = [inventories[g.pk] for g in groups if g.pk in inventories]
        area.rows.append(
            Row(
                district=Ref(pk, name, slug),
                associations=groups,
                plan=plan,
                planned=planned.get(plan.pk, 0) if plan else 0,
                done=done.get(plan.pk, 0) if plan else 0,
                last_inventory=max(years) if years else None,
            )
        )
    return list(by_area.values())


def _detailed_area(districts: list[tuple[Any, ...]], detail: str | None) -> int | None:
    """The id of the area whose slug is `detail` (the first area's if none is); None for all."""
    if detail is None:
        return None
    for _pk, _name, _slug, area_id, _area_name, area_slug in districts:
        if area_slug == detail:
            return int(area_id)
    return int(districts[0][3]) if districts else 0


def _planned(year: int, plan_ids: list[int] | None) -> dict[int, int]:
    """For each plan (of `plan_ids`, or all), its actions' (action, 年度) pairs up to `year`,
    summed in the database."""
    years = Least(F("last_year"), Value(year)) - F("first_year") + Value(1)
    actions = PlanAction.objects.filter(first_year__lte=year)
    if plan_ids is not None:
        actions = actions.filter(plan_id__in=plan_ids)
    # order_by(): the models' default orderings would join the plans and their groups.
    rows = actions.order_by().values("plan_id").annotate(n=Sum(years)).values_list("plan_id", "n")
    return {plan_id: int(n) for plan_id, n in rows}


def _done(year: int, plan_ids: list[int] | None) -> dict[int, int]:
    """For each plan (of `plan_ids`, or all), its (action, 年度) pairs up to `year` reported
    done."""
    progress = ActionProgress.objects.filter(year__lte=year, result=ActionProgress.Result.DONE)
    if plan_ids is not None:
        progress = progress.filter(action__plan_id__in=plan_ids)
    return dict(
        progress.order_by()
        .values("action__plan_id")
        .annotate(n=Count("pk"))
        .values_list("action__plan_id", "n")
    )
