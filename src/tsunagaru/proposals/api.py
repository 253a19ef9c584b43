"""Public API of the proposal table: agreed projects, within what their agreements publish.
Read-only: every change goes through the pages and services.py (the all-party approval)."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django.db.models import Prefetch
from django.http import HttpRequest
from ninja import Router, Schema
from ninja.pagination import paginate

from tsunagaru.api.pagination import BoundedLimitOffset
from tsunagaru.proposals import selectors, services
from tsunagaru.proposals.models import Evaluation, GoalValue, Proposal

router = Router(tags=["proposals"])


class PartyOut(Schema):
    name: str
    role: str


class GoalOut(Schema):
    description: str
    unit: str
    target_value: Decimal | None
    due_on: datetime.date | None
    latest_value: Decimal | None


class ScoreOut(Schema):
    principle: int
    score: int
    comment: str


class EvaluationOut(Schema):
    party: str
    goal_achievement: int
    goal_comment: str
    improvements: str
    continue_project: str
    scores: list[ScoreOut]


class ProjectOut(Schema):
    id: int
    title: str
    status: str
    fiscal_year: int | None
    url: str
    parties: list[PartyOut]
    publication_text: str
    starts_on: datetime.date | None
    ends_on: datetime.date | None
    forms: list[str]
    goals: list[GoalOut]
    evaluations: list[EvaluationOut]


@router.get("/projects", response=list[ProjectOut])
@paginate(BoundedLimitOffset)
def projects(request: HttpRequest) -> Any:
    """Agreed, running and evaluated projects; evaluations once they are open to all."""
    return _Projects(
        selectors.public_projects().prefetch_related(
            "agreement__approved__forms",
            "agreement__approved__goals",
            Prefetch(
                "evaluations",
                queryset=Evaluation.objects.select_related("party__organisation").prefetch_related(
                    "scores__principle"
                ),
            ),
        )
    )


class _Projects:
    """The page of projects as schema dicts: the latest goal values in one query per page."""

    def __init__(self, queryset: Any) -> None:
        self.queryset = queryset

    def __len__(self) -> int:
        return int(self.queryset.count())

    def __getitem__(self, window: slice) -> list[dict[str, Any]]:
        page = list(self.queryset[window])
        latest: dict[tuple[int, int], Decimal] = {}
        values = GoalValue.objects.filter(report__proposal__in=page).order_by(
            "report__reported_on", "report_id"
        )
        for proposal_id, key, value in values.values_list(
            "report__proposal_id", "goal_key", "value"
        ):
            latest[(proposal_id, key)] = value
        return [_project(p, latest) for p in page]


def _project(p: Proposal, latest: dict[tuple[int, int], Decimal]) -> dict[str, Any]:
    version = p.agreement.approved
    evaluations = list(p.evaluations.all()) if services.evaluations_open(p) else []
    return {
        "id": p.pk,
        "title": p.title,
        "status": p.status,
        "fiscal_year": p.fiscal_year,
        "url": p.get_absolute_url(),
        "parties": [{"name": x.organisation.name, "role": x.role} for x in p.parties.all()],
        "publication_text": version.publication_text if version else "",
        "starts_on": version.starts_on if version else None,
        "ends_on": version.ends_on if version else None,
        "forms": [f.name for f in version.forms.all()] if version else [],
        "goals": [
            {
                "description": g.description,
                "unit": g.unit,
                "target_value": g.target_value,
                "due_on": g.due_on,
                "latest_value": latest.get((p.pk, g.key)),
            }
            for g in (version.goals.all() if version else [])
        ],
        "evaluations": [
            {
                "party": e.party.organisation.name,
                "goal_achievement": e.goal_achievement,
                "goal_comment": e.goal_comment,
                "improvements": e.improvements,
                "continue_project": e.continue_project,
                "scores": [
                    {"principle": s.principle.number, "score": s.score, "comment": s.comment}
                    for s in e.scores.all()
                ],
            }
            for e in evaluations
        ],
    }
