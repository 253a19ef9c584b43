"""The city's overview of every district (施策 エ): its 地区振興会, the state of its community
plan, how many of the plan's actions so far were done, and the last year it reviewed its
recurring work — one row per district, by area, in a fixed number of queries."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count

from tsunagaru.community.inventory_selectors import last_inventory_years, this_year
from tsunagaru.community.plan_models import ActionProgress, CommunityPlan, PlanAction
from tsunagaru.community.plan_selectors import DISTRICT_ASSOCIATION, current_plan
from tsunagaru.core.models import Area, District
from tsunagaru.partners.models import Organisation

NO_PLAN = "none"


@dataclass
class Row:
    district: District
    associations: list[Organisation]
    plan: CommunityPlan | None
    planned: int = 0
    done: int = 0
    last_inventory: int | None = None

    @property
    def status(self) -> str:
        return self.plan.status if self.plan is not None else NO_PLAN


@dataclass
class AreaRows:
    area: Area
    rows: list[Row] = field(default_factory=list)

    def count(self, status: str) -> int:
        return sum(1 for row in self.rows if row.status == status)

    @property
    def with_plan(self) -> int:
        return sum(1 for row in self.rows if row.plan is not None)

    @property
    def adopted(self) -> int:
        return sum(1 for row in self.rows if row.status in ("adopted", "revised"))

    @property
    def drafting(self) -> int:
        return self.count("drafting")

    @property
    def without(self) -> int:
        return self.count(NO_PLAN)


def overview(*, year: int | None = None) -> list[AreaRows]:
    """Every active district by area, each with its associations, its current plan (the one
    whose period holds `year`, else the latest begun), the plan's actions planned for the years
    so far against those reported done, and the last 年度 of its inventory."""
    year = this_year() if year is None else year
    districts = list(
        District.objects.filter(is_active=True)
        .select_related("area")
        .order_by("area__order", "area__pk", "order", "pk")
    )
    associations: dict[int, list[Organisation]] = defaultdict(list)
    for group in Organisation.objects.filter(
        kind__code=DISTRICT_ASSOCIATION,
        district__isnull=False,
        status=Organisation.Status.VERIFIED,
    ).order_by("name_sort", "pk"):
        associations[group.district_id].append(group)  # type: ignore[index]
    plans: dict[int, list[CommunityPlan]] = defaultdict(list)
    for begun in CommunityPlan.objects.only(
        "district_id", "status", "first_year", "last_year", "title"
    ).order_by("-first_year", "pk"):
        plans[begun.district_id].append(begun)
    current = {d.pk: current_plan(plans[d.pk], year) for d in districts}
    plan_ids = [p.pk for p in current.values() if p is not None]
    planned = _planned(plan_ids, year)
    done = dict(
        ActionProgress.objects.filter(
            action__plan_id__in=plan_ids, year__lte=year, result=ActionProgress.Result.DONE
        )
        .values("action__plan_id")
        .annotate(n=Count("pk"))
        .values_list("action__plan_id", "n")
    )
    group_ids = [g.pk for groups in associations.values() for g in groups]
    inventories = last_inventory_years(group_ids)
    by_area: dict[int, AreaRows] = {}
    for district in districts:
        plan = current[district.pk]
        groups = associations[district.pk]
        years = [inventories[g.pk] for g in groups if g.pk in inventories]
        row = Row(
            district=district,
            associations=groups,
            plan=plan,
            planned=planned.get(plan.pk, 0) if plan else 0,
            done=done.get(plan.pk, 0) if plan else 0,
            last_inventory=max(years) if years else None,
        )
        by_area.setdefault(district.area_id, AreaRows(district.area)).rows.append(row)
    return list(by_area.values())


def _planned(plan_ids: list[int], year: int) -> dict[int, int]:
    """For each plan, its actions' (action, 年度) pairs up to `year`."""
    counts: dict[int, int] = defaultdict(int)
    rows = PlanAction.objects.filter(plan_id__in=plan_ids, first_year__lte=year).values_list(
        "plan_id", "first_year", "last_year"
    )
    for plan_id, first, last in rows:
        counts[plan_id] += min(last, year) - first + 1
    return counts
