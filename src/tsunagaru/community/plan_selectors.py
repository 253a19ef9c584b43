"""Reads of community plans: a plan's content (the working copy, or a version as adopted) in
one shape for pages and the PDF, the links of its actions the viewer may follow, and its
progress."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from tsunagaru.community.plan_models import (
    ActionProgress,
    CommunityPlan,
    PlanAction,
    PlanGoal,
    PlanIssue,
    PlanVersion,
)
from tsunagaru.core.dates import fiscal_year
from tsunagaru.info import selectors as events
from tsunagaru.partners.models import Need, Organisation
from tsunagaru.proposals import permissions as proposal_permissions
from tsunagaru.proposals.models import Proposal

DISTRICT_ASSOCIATION = "district_association"  # the OrganisationKind code of 地区振興会


def is_district_association(organisation: Organisation) -> bool:
    return organisation.kind.code == DISTRICT_ASSOCIATION


def plan_get(pk: int) -> CommunityPlan | None:
    return (
        CommunityPlan.objects.select_related("organisation", "organisation__kind", "district")
        .filter(pk=pk)
        .first()
    )


def plans_of(organisation: Organisation) -> QuerySet[CommunityPlan]:
    """The association's plans, the latest period first."""
    return CommunityPlan.objects.filter(organisation=organisation).order_by("-first_year")


def latest_version(plan: CommunityPlan) -> PlanVersion | None:
    return plan.versions.order_by("-number").first()


def versions_of(plan: CommunityPlan) -> list[PlanVersion]:
    return list(plan.versions.order_by("-number").defer("snapshot"))


def content_of(plan: CommunityPlan) -> dict[str, Any]:
    """The working copy in the shape a PlanVersion keeps (JSON-safe: decimals as text)."""
    goals = PlanGoal.objects.filter(plan=plan).prefetch_related("indicators").order_by("pk")
    actions = PlanAction.objects.filter(plan=plan).order_by("first_year", "pk")
    return {
        "title": plan.title,
        "first_year": plan.first_year,
        "last_year": plan.last_year,
        "vision": plan.vision,
        "issues": [
            {"id": i.pk, "text": i.text, "found_by": i.found_by}
            for i in PlanIssue.objects.filter(plan=plan).order_by("pk")
        ],
        "goals": [
            {
                "id": g.pk,
                "text": g.text,
                "indicators": [
                    {
                        "id": n.pk,
                        "name": n.name,
                        "unit": n.unit,
                        "baseline": None if n.baseline is None else str(n.baseline),
                        "target": str(n.target),
                        "target_year": n.target_year,
                    }
                    for n in g.indicators.all()
                ],
            }
            for g in goals
        ],
        "actions": [
            {
                "id": a.pk,
                "goal_id": a.goal_id,
                "title": a.title,
                "first_year": a.first_year,
                "last_year": a.last_year,
                "lead": a.lead,
                "partners": a.partners,
                "city_role": a.city_role,
                "cost": a.cost,
                "proposal_id": a.proposal_id,
                "event_id": a.event_id,
                "need_id": a.need_id,
            }
            for a in actions
        ],
    }


def _comparable(content: dict[str, Any]) -> dict[str, Any]:
    """The content without row ids: an issue removed and typed again is no change."""

    def strip(value: Any) -> Any:
        if isinstance(value, dict):
            return {k: strip(v) for k, v in value.items() if k not in ("id", "goal_id")}
        if isinstance(value, list):
            return [strip(v) for v in value]
        return value

    result: dict[str, Any] = strip(content)
    return result


def same_content(a: dict[str, Any], b: dict[str, Any]) -> bool:
    return _comparable(a) == _comparable(b)


def readable(
    content: dict[str, Any],
    *,
    viewer: Any,
    progress: dict[int, list[ActionProgress]] | None = None,
) -> dict[str, Any]:
    """The content arranged for reading: issues with how they were found in words, each goal
    with its actions (actions of no goal at the end), each action's links that `viewer` may
    follow (a link to a page they could not open is left out) and its `progress`."""
    progress = progress or {}
    found_by = dict(PlanIssue.FoundBy.choices)
    links = _links(content["actions"], viewer=viewer)
    actions_by_goal: dict[int | None, list[dict[str, Any]]] = defaultdict(list)
    goal_ids = {g["id"] for g in content["goals"]}
    for action in content["actions"]:
        goal_id = action["goal_id"] if action["goal_id"] in goal_ids else None
        actions_by_goal[goal_id].append(
            {**action, **links.get(action["id"], {}), "progress": progress.get(action["id"], [])}
        )
    return {
        **content,
        "issues": [
            {**i, "found_by_label": found_by.get(i["found_by"], "")} for i in content["issues"]
        ],
        "goals": [{**g, "actions": actions_by_goal.get(g["id"], [])} for g in content["goals"]],
        "other_actions": actions_by_goal.get(None, []),
        "total_cost": sum(a["cost"] or 0 for a in content["actions"]),
    }


def _links(actions: list[dict[str, Any]], *, viewer: Any) -> dict[int, dict[str, Any]]:
    """For each action id, the proposal, event and need it links to, if `viewer` may see them."""
    wanted = {
        kind: {a[f"{kind}_id"] for a in actions if a[f"{kind}_id"]}
        for kind in ("proposal", "event", "need")
    }
    found: dict[str, dict[int, Any]] = {"proposal": {}, "event": {}, "need": {}}
    if wanted["proposal"]:
        for proposal in Proposal.objects.select_related("proposer").filter(
            pk__in=wanted["proposal"]
        ):
            if proposal_permissions.can_view(viewer, proposal):
                found["proposal"][proposal.pk] = proposal
    if wanted["event"]:
        found["event"] = {
            e.pk: e for e in events.visible_events(viewer).filter(pk__in=wanted["event"])
        }
    if wanted["need"]:
        found["need"] = {
            n.pk: n
            for n in Need.objects.filter(
                pk__in=wanted["need"],
                status=Need.Status.OPEN,
                organisation__status=Organisation.Status.VERIFIED,
            )
        }
    return {a["id"]: {kind: found[kind].get(a[f"{kind}_id"]) for kind in found} for a in actions}


def progress_by_action(plan: CommunityPlan) -> dict[int, list[ActionProgress]]:
    """Each action's yearly progress, oldest year first."""
    rows: dict[int, list[ActionProgress]] = defaultdict(list)
    for progress in ActionProgress.objects.filter(action__plan=plan).order_by("year"):
        rows[progress.action_id].append(progress)
    return rows


def progress_summary(plan: CommunityPlan, *, year: int | None = None) -> dict[str, int]:
    """Of the actions planned for the years so far, how many were reported done, partly done,
    not done, and not reported: one count per (action, year)."""
    year = fiscal_year(timezone.localdate()) if year is None else year
    planned = 0
    for first, last in PlanAction.objects.filter(plan=plan).values_list("first_year", "last_year"):
        planned += max(0, min(last, year) - first + 1)
    counts = dict.fromkeys(ActionProgress.Result.values, 0)
    for result in ActionProgress.objects.filter(action__plan=plan, year__lte=year).values_list(
        "result", flat=True
    ):
        counts[result] += 1
    counts["planned"] = planned
    counts["unreported"] = max(0, planned - sum(counts[r] for r in ActionProgress.Result.values))
    return counts


def adopted_action_ids(plan: CommunityPlan) -> set[int]:
    """The actions in the latest adopted version (the only ones progress is reported on)."""
    version = latest_version(plan)
    return {a["id"] for a in version.snapshot["actions"]} if version else set()


def district_plans(district_id: int) -> list[CommunityPlan]:
    """Adopted plans of the district's listed associations, the latest period first, with
    their association."""
    return list(
        CommunityPlan.objects.filter(
            district_id=district_id, organisation__status=Organisation.Status.VERIFIED
        )
        .exclude(status=CommunityPlan.Status.DRAFTING)
        .select_related("organisation")
        .order_by("-first_year", "pk")
    )
