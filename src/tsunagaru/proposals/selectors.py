"""Reads of the proposal table: one proposal, the lists, the dashboard, goal progress."""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Avg, Count, Max, Prefetch, Q, QuerySet
from django.utils import timezone

from tsunagaru.partners.models import Membership
from tsunagaru.proposals.models import (
    PUBLIC_STATES,
    AgreementVersion,
    Evaluation,
    GoalValue,
    Party,
    Proposal,
)

OPEN_STATES = (
    Proposal.Status.SUBMITTED,
    Proposal.Status.RETURNED,
    Proposal.Status.AT_TABLE,
    Proposal.Status.AGREED,
    Proposal.Status.FINISHED,
)


def proposal_get(pk: int) -> Proposal | None:
    return (
        Proposal.objects.select_related("proposer", "agreement__current", "agreement__approved")
        .prefetch_related(
            Prefetch("parties", queryset=Party.objects.select_related("organisation")),
            "forms",
        )
        .filter(pk=pk)
        .first()
    )


def version_detail(version: AgreementVersion) -> AgreementVersion:
    """A version with its goals, role table and approvals, in a fixed number of queries."""
    return (
        AgreementVersion.objects.select_related("domain", "collaboration_type")
        .prefetch_related(
            "forms",
            "goals",
            "tasks__responsible__organisation",
            "approvals__party__organisation",
        )
        .get(pk=version.pk)
    )


@dataclass
class GoalProgress:
    description: str
    unit: str
    target: Decimal | None
    due_on: datetime.date | None
    latest: Decimal | None

    @property
    def reached(self) -> bool:
        return self.target is not None and self.latest is not None and self.latest >= self.target


def goal_progress(proposal: Proposal) -> list[GoalProgress]:
    """Each goal of the agreement in force with the latest reported value."""
    agreement = getattr(proposal, "agreement", None)
    if agreement is None or agreement.approved is None:
        return []
    latest: dict[int, Decimal] = {}
    values = GoalValue.objects.filter(report__proposal=proposal).order_by(
        "report__reported_on", "report_id"
    )
    for key, value in values.values_list("goal_key", "value"):
        latest[key] = value
    return [
        GoalProgress(g.description, g.unit, g.target_value, g.due_on, latest.get(g.key))
        for g in agreement.approved.goals.all()
    ]


def evaluations_of(proposal: Proposal) -> list[Evaluation]:
    return list(
        proposal.evaluations.select_related("party__organisation").prefetch_related(
            "scores__principle"
        )
    )


def public_projects(*, form_id: int | None = None) -> QuerySet[Proposal]:
    """Agreed, running and evaluated projects: public within what their agreements publish."""
    projects = Proposal.objects.filter(status__in=PUBLIC_STATES)
    if form_id:
        projects = projects.filter(agreement__approved__forms=form_id)
    return (
        projects.select_related("proposer", "agreement__approved")
        .prefetch_related(
            Prefetch(
                "parties",
                queryset=Party.objects.filter(answer=Party.Answer.ACCEPTED).select_related(
                    "organisation"
                ),
            )
        )
        .order_by("-fiscal_year", "-pk")
    )


def principle_scores(*, principle_id: int) -> QuerySet[Proposal]:
    """Evaluated projects with their parties' average score for one principle, best first."""
    return (
        Proposal.objects.filter(
            status=Proposal.Status.EVALUATED, evaluations__scores__principle_id=principle_id
        )
        .annotate(
            average=Avg("evaluations__scores__score"),
            scored=Count("evaluations__scores", distinct=True),
        )
        .order_by("-average", "-pk")
    )


def my_proposals(*, user: Any) -> QuerySet[Proposal]:
    """Proposals of the groups the user belongs to, as proposer or party (not declined)."""
    groups = Membership.objects.filter(user=user).values("organisation_id")
    return (
        Proposal.objects.filter(
            Q(proposer_id__in=groups)
            | Q(
                parties__organisation_id__in=groups,
                parties__answer__in=[Party.Answer.INVITED, Party.Answer.ACCEPTED],
            )
        )
        .exclude(~Q(proposer_id__in=groups) & Q(status=Proposal.Status.DRAFT))
        .distinct()
        .select_related("proposer")
        .order_by("-updated_at", "-pk")
    )


@dataclass
class Dashboard:
    by_state: list[tuple[str, int]]
    by_department: list[tuple[str, int]]
    waiting: list[tuple[Any, str]]
    overdue: list[tuple[Any, str]]


def dashboard(*, today: datetime.date | None = None) -> Dashboard:
    """The secretariat's view: how many in each state, per responsible department, what waits
    on whom, and what is late (a report past due, evaluations past their deadline)."""
    from tsunagaru.proposals.services import due_after  # a read, shared with reminders

    today = today or timezone.localdate()
    counts = dict(
        Proposal.objects.exclude(status=Proposal.Status.DRAFT)
        .values_list("status")
        .annotate(n=Count("pk"))
    )
    by_state = [(str(label), counts.get(value, 0)) for value, label in Proposal.Status.choices]
    by_state = by_state[1:]  # not drafts: they are the proposer's
    departments = (
        Party.objects.filter(role=Party.Role.DEPARTMENT, proposal__status__in=OPEN_STATES)
        .exclude(answer=Party.Answer.DECLINED)
        .values_list("organisation__name")
        .annotate(n=Count("pk"))
        .order_by("-n", "organisation__name")
    )
    open_ones: list[Any] = list(
        Proposal.objects.filter(status__in=OPEN_STATES)
        .select_related("proposer", "agreement__current", "agreement__approved")
        .prefetch_related(
            Prefetch("parties", queryset=Party.objects.select_related("organisation")),
            "agreement__current__approvals",
            "evaluations",
        )
        .annotate(last_report=Max("reports__reported_on"))
        .order_by("submitted_at", "pk")
    )
    waiting = [(p, who) for p in open_ones if (who := _waiting_on(p))]
    overdue = []
    for p in open_ones:
        if p.status == Proposal.Status.AGREED:
            version = p.agreement.approved
            due = due_after(version, p.last_report) if version else None
            if due is not None and due < today:
                overdue.append((p, due.isoformat()))
        elif (
            p.status == Proposal.Status.FINISHED
            and p.evaluation_deadline
            and p.evaluation_deadline < today
        ):
            overdue.append((p, p.evaluation_deadline.isoformat()))
    return Dashboard(by_state, list(departments), waiting, overdue)


def not_adopted(*, fiscal_year: int) -> tuple[list[tuple[str, int]], list[Proposal]]:
    """The yearly public list of proposals not adopted: counts by reason, and each reason."""
    closed = list(
        Proposal.objects.filter(status=Proposal.Status.NOT_ADOPTED, fiscal_year=fiscal_year)
        .select_related("proposer")
        .order_by("closing_reason", "pk")
    )
    counted = Counter(p.closing_reason for p in closed)
    labels = dict(Proposal.ClosingReason.choices)
    return [(str(labels[k]), n) for k, n in sorted(counted.items())], closed


def fiscal_years_with_closures() -> list[int]:
    return sorted(
        {
            y
            for y in Proposal.objects.filter(status=Proposal.Status.NOT_ADOPTED).values_list(
                "fiscal_year", flat=True
            )
            if y
        },
        reverse=True,
    )


def _waiting_on(proposal: Proposal) -> str:
    """Whose move it is, in a few words (names of groups)."""
    parties = list(proposal.parties.all())
    if proposal.status == Proposal.Status.SUBMITTED:
        return "secretariat"
    if proposal.status == Proposal.Status.RETURNED:
        return proposal.proposer.name
    invited = [p.organisation.name for p in parties if p.answer == Party.Answer.INVITED]
    if invited:
        return "、".join(invited)
    if proposal.status == Proposal.Status.AT_TABLE:
        version = proposal.agreement.current
        approved = {a.party_id for a in version.approvals.all()} if version else set()
        if approved:
            return "、".join(
                p.organisation.name
                for p in parties
                if p.answer == Party.Answer.ACCEPTED and p.pk not in approved
            )
    if proposal.status == Proposal.Status.FINISHED:
        done = {e.party_id for e in proposal.evaluations.all()}
        return "、".join(
            p.organisation.name
            for p in parties
            if p.answer == Party.Answer.ACCEPTED and p.pk not in done
        )
    return ""
