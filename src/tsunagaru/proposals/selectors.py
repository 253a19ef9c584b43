"""Reads of the proposal table: one proposal, the lists, the dashboard, goal progress."""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, TypeVar

from django.db.models import Avg, Count, Exists, F, Max, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone

from tsunagaru.core.lists import join_list
from tsunagaru.partners.models import Membership
from tsunagaru.proposals.models import (
    PUBLIC_STATES,
    AgreementVersion,
    Approval,
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


def evaluations_visible(*, user: Any, proposal: Proposal) -> list[Evaluation]:
    """The evaluations of `proposal` that `user` may read (原則6, sealed); see
    evaluations_readable."""
    evaluations = evaluations_readable(user=user).filter(proposal=proposal)
    return list(
        evaluations.select_related("party__organisation").prefetch_related("scores__principle")
    )


def evaluations_readable(*, user: Any, today: datetime.date | None = None) -> QuerySet[Evaluation]:
    """Every evaluation `user` may read, whatever their role (the admin too): all of a project's
    once every party has sent one (evaluated) or its deadline has passed; until then only the
    evaluation of the user's own party (a member of a group at the table that did not decline).

    The same rule as services.evaluations_open, as a query, so pages, the admin and the API
    cannot disagree about what is sealed.
    """
    today = today or timezone.localdate()
    opened = Q(proposal__status=Proposal.Status.EVALUATED) | Q(
        proposal__status=Proposal.Status.FINISHED, proposal__evaluation_deadline__lt=today
    )
    if not (user.is_authenticated and user.is_active):
        return Evaluation.objects.filter(opened)
    own = Q(
        party__organisation__in=Membership.objects.filter(user=user).values("organisation_id")
    ) & ~Q(party__answer=Party.Answer.DECLINED)
    return Evaluation.objects.filter(opened | own)


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
    """Proposals of the groups the user belongs to, as proposer or party (not declined);
    another group's drafts stay its own."""
    groups = Membership.objects.filter(user=user).values("organisation_id")
    joined = (
        Party.objects.filter(
            organisation_id__in=groups,
            answer__in=[Party.Answer.INVITED, Party.Answer.ACCEPTED],
        )
        .exclude(proposal__status=Proposal.Status.DRAFT)
        .values("proposal_id")
    )
    # Two id lists rather than a join: no duplicate rows, so no DISTINCT.
    return (
        Proposal.objects.filter(Q(proposer_id__in=groups) | Q(pk__in=joined))
        .select_related("proposer")
        .order_by("-updated_at", "-pk")
    )


@dataclass
class Dashboard:
    by_state: list[tuple[str, int]]
    by_department: list[tuple[str, int]]
    waiting: list[tuple[Any, str]]  # (proposal, on whom), oldest first, at most LIMIT
    waiting_total: int
    overdue: list[tuple[Any, datetime.date]]  # (proposal, due since)
    overdue_total: int


DASHBOARD_LIMIT = 50

T = TypeVar("T")


def dashboard(*, today: datetime.date | None = None) -> Dashboard:
    """The secretariat's view: how many in each state, per responsible department, what waits
    on whom, and what is late (a report past due, evaluations past their deadline). A fixed
    number of queries however many proposals there are; the lists show the oldest first."""
    today = today or timezone.localdate()
    counts = dict(
        Proposal.objects.exclude(status=Proposal.Status.DRAFT)
        .values_list("status")
        .annotate(n=Count("pk"))
    )
    by_state = [(str(label), counts.get(value, 0)) for value, label in Proposal.Status.choices]
    departments = (
        Party.objects.filter(role=Party.Role.DEPARTMENT, proposal__status__in=OPEN_STATES)
        .exclude(answer=Party.Answer.DECLINED)
        .values_list("organisation__name")
        .annotate(n=Count("pk"))
        .order_by("-n", "organisation__name")
    )
    waiting = _waiting()
    overdue = _overdue(today)
    return Dashboard(
        by_state[1:],  # not drafts: they are the proposer's
        list(departments),
        _with_proposals(waiting[:DASHBOARD_LIMIT]),
        len(waiting),
        _with_proposals(overdue[:DASHBOARD_LIMIT]),
        len(overdue),
    )


def _waiting() -> list[tuple[int, str]]:
    """Whose move it is: the secretariat (screening), the proposer (returned), the parties that
    have not answered their invitation, approved the current version or sent an evaluation."""
    on: dict[int, list[str]] = {}
    screening = Proposal.objects.filter(status=Proposal.Status.SUBMITTED)
    for pk in screening.values_list("pk", flat=True):
        on[pk] = ["secretariat"]
    returned = Proposal.objects.filter(status=Proposal.Status.RETURNED)
    for pk, name in returned.values_list("pk", "proposer__name"):
        on[pk] = [name]
    at_table = Party.objects.filter(proposal__status=Proposal.Status.AT_TABLE).exclude(
        answer=Party.Answer.DECLINED
    )
    invited = at_table.filter(answer=Party.Answer.INVITED)
    # At the table with some approvals of the current version: those who have not approved.
    started = Approval.objects.filter(version=OuterRef("proposal__agreement__current"))
    unapproved = (
        at_table.filter(answer=Party.Answer.ACCEPTED)
        .filter(Exists(started))
        .exclude(Exists(started.filter(party=OuterRef("pk"))))
    )
    unevaluated = Party.objects.filter(
        proposal__status=Proposal.Status.FINISHED, answer=Party.Answer.ACCEPTED
    ).exclude(Exists(Evaluation.objects.filter(party=OuterRef("pk"))))
    for rows in (invited, unapproved, unevaluated):
        for pk, name in rows.values_list("proposal_id", "organisation__name"):
            on.setdefault(pk, []).append(name)
    # The oldest first: sort the ids by their submission, then load only the page shown.
    order = Proposal.objects.filter(pk__in=list(on)).values_list("pk", "submitted_at")
    oldest = sorted(order, key=lambda row: (row[1] is None, row[1] or 0, row[0]))
    return [(pk, join_list(on[pk])) for pk, _at in oldest]


def _overdue(today: datetime.date) -> list[tuple[int, datetime.date]]:
    from tsunagaru.proposals.services import next_report_due  # shared with the reminders

    running = (
        AgreementVersion.objects.filter(
            agreement__approved_id=F("pk"), agreement__proposal__status=Proposal.Status.AGREED
        )
        .annotate(last_report=Max("agreement__proposal__reports__reported_on"))
        .values_list(
            "agreement__proposal_id", "starts_on", "ends_on", "report_every_months", "last_report"
        )
    )
    late: list[tuple[int, datetime.date]] = []
    # Plain rows: the dates of every running project in one query, compared here.
    for pk, starts_on, ends_on, every, last_report in running:
        due = next_report_due(starts_on, ends_on, every, last_report)
        if due is not None and due < today:
            late.append((pk, due))
    evaluations = Proposal.objects.filter(
        status=Proposal.Status.FINISHED, evaluation_deadline__lt=today
    ).values_list("pk", "evaluation_deadline")
    late += [(pk, deadline) for pk, deadline in evaluations if deadline]
    late.sort(key=lambda row: (row[1], row[0]))
    return late


def _with_proposals(rows: Sequence[tuple[int, T]]) -> list[tuple[Proposal, T]]:
    """The proposals of (id, value) rows, in the rows' order, in one query."""
    found = Proposal.objects.select_related("proposer").in_bulk([pk for pk, _t in rows])
    return [(found[pk], text) for pk, text in rows if pk in found]


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
