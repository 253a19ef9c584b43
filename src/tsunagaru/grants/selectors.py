"""Reads of grants: the programmes open now, an application with what it needs, its budget's
totals (computed by grants.amounts), and what is still missing before it can be submitted."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.db import models
from django.db.models import Prefetch, QuerySet, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from tsunagaru.community import plan_selectors
from tsunagaru.core.dates import fiscal_year, fiscal_year_end
from tsunagaru.grants import amounts
from tsunagaru.grants.models import (
    ADOPTED_STATES,
    ActualCost,
    Application,
    Attachment,
    BudgetLine,
    ChangeRequest,
    Course,
    Payment,
    Programme,
    ResultsReport,
    Round,
    Score,
)
from tsunagaru.partners.models import Organisation

# The fields each form asks for; the full form adds partners, role sharing and goals.
LIGHT_REQUIRED = ("title", "purpose", "activities", "schedule", "place", "beneficiaries")
FULL_REQUIRED = (*LIGHT_REQUIRED, "partners", "roles", "goals")
# Applications that count as "the group's application of the year".
COUNTED_STATES = (
    Application.State.SUBMITTED,
    Application.State.RETURNED,
    Application.State.IN_REVIEW,
    *ADOPTED_STATES,
)


def today() -> datetime.date:
    return timezone.localdate()


def programmes_of_year(year: int) -> QuerySet[Programme]:
    return Programme.objects.filter(fiscal_year=year).prefetch_related("courses", "rounds")


def programme_years() -> list[int]:
    return list(
        Programme.objects.order_by("-fiscal_year").values_list("fiscal_year", flat=True).distinct()
    )


def programme_get(pk: int) -> Programme | None:
    return (
        Programme.objects.filter(pk=pk)
        .prefetch_related("courses", "rounds", "cost_categories", "criteria__principle")
        .first()
    )


def open_round(programme: Programme, on: datetime.date | None = None) -> Round | None:
    """The round taking applications on `on` (today): opened, its deadline not passed."""
    on = on or today()
    return programme.rounds.filter(opens_on__lte=on, deadline__gte=on).order_by("number").first()


def next_round(programme: Programme, on: datetime.date | None = None) -> Round | None:
    on = on or today()
    return programme.rounds.filter(opens_on__gt=on).order_by("number").first()


def is_open(programme: Programme, on: datetime.date | None = None) -> bool:
    """Taking applications: a round is open, or (no rounds: 交付金) it is the programme's 年度."""
    on = on or today()
    if programme.rounds.exists():
        return open_round(programme, on) is not None
    return programme.fiscal_year == fiscal_year(on)


def application_get(pk: int) -> Application | None:
    return (
        Application.objects.select_related(
            "programme", "course", "round", "organisation", "plan_action", "proposal", "created_by"
        )
        .prefetch_related(
            Prefetch("budget_lines", queryset=BudgetLine.objects.select_related("category")),
            Prefetch("attachments", queryset=Attachment.objects.order_by("pk")),
        )
        .filter(pk=pk)
        .first()
    )


def applications_of(organisation: Organisation) -> QuerySet[Application]:
    return (
        Application.objects.filter(organisation=organisation)
        .select_related("programme", "course")
        .order_by("-programme__fiscal_year", "-created_at")
    )


def yearly_application(
    organisation: Organisation, programme: Programme, *, excluding: int | None = None
) -> Application | None:
    """The group's application of the year to this programme (one per group per year), not
    counting courses allowed besides it."""
    return (
        Application.objects.filter(
            organisation=organisation, programme=programme, state__in=COUNTED_STATES
        )
        .exclude(pk=excluding or 0)
        .exclude(course__besides_yearly=True)
        .first()
    )


def rule_of(application: Application) -> amounts.Rule:
    programme = application.programme
    course: Course | None = application.course
    return amounts.Rule(
        numerator=programme.rate_numerator,
        denominator=programme.rate_denominator,
        cap=course.cap if course is not None else programme.cap,
        unit=programme.rounding_unit,
    )


@dataclass(frozen=True)
class Totals:
    expenses: int
    eligible: int
    other_income: int
    most_allowed: int
    grant: int
    shortfall: int  # what the income lacks (negative: more income than expenses)

    @property
    def excess(self) -> int:
        return max(0, -self.shortfall)

    @property
    def adds_up(self) -> bool:
        return self.expenses > 0 and self.shortfall == 0


def totals_of(application: Application) -> Totals:
    """The budget's sums and the grant the rules give (grants.amounts), from the lines."""
    rows = (
        BudgetLine.objects.filter(application=application)
        .values("side", "category__eligible")
        .annotate(total=Sum("amount"))
        .order_by()
    )
    expenses = eligible = income = 0
    for row in rows:
        if row["side"] == BudgetLine.Side.EXPENSE:
            expenses += row["total"]
            if row["category__eligible"]:
                eligible += row["total"]
        else:
            income += row["total"]
    rule = rule_of(application)
    most = amounts.most_allowed(eligible, rule)
    grant = amounts.grant_asked(eligible, rule, application.asked)
    return Totals(
        expenses=expenses,
        eligible=eligible,
        other_income=income,
        most_allowed=most,
        grant=grant,
        shortfall=amounts.shortfall(expenses, income, grant),
    )


def required_fields(application: Application) -> tuple[str, ...]:
    light = application.course is not None and application.course.form == Course.Form.LIGHT
    return LIGHT_REQUIRED if light else FULL_REQUIRED


@dataclass(frozen=True)
class Missing:
    code: str
    message: Promise | str
    anchor: str  # the id of the form's part to fix it in


def missing_items(application: Application, totals: Totals | None = None) -> list[Missing]:
    """What must still be done before the application can be submitted, in the form's order."""
    missing: list[Missing] = []
    for name in required_fields(application):
        if not str(getattr(application, name) or "").strip():
            label = getattr(Application._meta.get_field(name), "verbose_name", name)
            missing.append(Missing("field", _("Write: %(field)s") % {"field": label}, name))
    if application.programme.needs_plan_action and application.plan_action_id is None:
        missing.append(
            Missing("plan_action", _("Choose the action of your community plan."), "plan_action")
        )
    totals = totals or totals_of(application)
    if totals.expenses == 0:
        missing.append(Missing("budget", _("Add the expenses of the project."), "budget"))
    elif totals.shortfall > 0:
        missing.append(
            Missing(
                "budget",
                _(
                    "The income is ¥%(amount)s short of the expenses: "
                    "add your own funds or other income."
                )
                % {"amount": f"{totals.shortfall:,}"},
                "budget",
            )
        )
    elif totals.shortfall < 0:
        missing.append(
            Missing(
                "budget",
                _("The income is ¥%(amount)s more than the expenses: check the figures.")
                % {"amount": f"{-totals.shortfall:,}"},
                "budget",
            )
        )
    kinds = {a.kind for a in application.attachments.all()}
    for kind in application.programme.required_attachments:
        if kind not in kinds:
            label = Attachment.Kind(kind).label
            missing.append(Missing("attachment", _("Attach: %(file)s") % {"file": label}, "files"))
    return missing


def adopted_actions_for(organisation: Organisation) -> list[Any]:
    """The actions of the association's adopted community plans a 自立チャレンジ may carry out."""
    actions = []
    for plan in plan_selectors.plans_of(organisation).exclude(status="drafting"):
        ids = plan_selectors.adopted_action_ids(plan)
        actions += list(plan.actions.filter(pk__in=ids).order_by("first_year", "pk")) if ids else []
    return actions


# Screening (services.review): the committee is every active reviewer without a conflict.


def reviewers() -> QuerySet[Any]:
    from tsunagaru.accounts.models import Role, User

    return User.objects.filter(role=Role.REVIEWER, is_active=True).order_by("pk")


def is_excluded(reviewer: Any, application: Application) -> bool:
    """A reviewer who is a member of the applicant, or declared a conflict, takes no part."""
    from tsunagaru.partners.models import Membership

    if Membership.objects.filter(user=reviewer, organisation=application.organisation_id).exists():
        return True
    return application.conflicts.filter(reviewer=reviewer).exists()


def committee(application: Application) -> list[Any]:
    """The reviewers who screen this application (members of the applicant and those who
    declared a conflict left out)."""
    from tsunagaru.partners.models import Membership

    members = Membership.objects.filter(organisation=application.organisation_id).values("user")
    conflicted = application.conflicts.values("reviewer")
    return list(reviewers().exclude(pk__in=members).exclude(pk__in=conflicted))


def all_scored(application: Application) -> bool:
    """Every reviewer of the committee has scored (False while the committee is empty)."""
    people = {r.pk for r in committee(application)}
    scored = set(application.scores.values_list("reviewer_id", flat=True))
    return bool(people) and people <= scored


@dataclass(frozen=True)
class CriterionResult:
    name: str
    principle: str
    points: int
    average: str  # one decimal, as the committee reads it


@dataclass(frozen=True)
class Review:
    scored: int
    expected: int
    sealed: bool
    criteria: list[CriterionResult]
    average_total: str
    comments: list[str]


def review_of(application: Application) -> Review:
    """The committee's result: while sealed only how many have scored; once every reviewer
    has, each criterion's average and every comment, side by side (no reviewer's name)."""
    people = committee(application)
    scores = list(application.scores.filter(reviewer__in=people).order_by("pk"))
    expected = len(people)
    sealed = not (expected and len(scores) >= expected)
    criteria: list[CriterionResult] = []
    average_total = ""
    if not sealed:
        for criterion in application.programme.criteria.select_related("principle"):
            given = [int(s.points.get(str(criterion.pk), 0)) for s in scores]
            criteria.append(
                CriterionResult(
                    criterion.name,
                    criterion.principle.name if criterion.principle else "",
                    criterion.points,
                    _one_decimal(sum(given), len(given)),
                )
            )
        average_total = _one_decimal(sum(s.total for s in scores), len(scores))
    return Review(
        scored=len(scores),
        expected=expected,
        sealed=sealed,
        criteria=criteria,
        average_total=average_total,
        comments=[s.comment for s in scores if s.comment] if not sealed else [],
    )


def _one_decimal(total: int, count: int) -> str:
    """total / count to one decimal, rounded half up, in integers (no floats)."""
    if not count:
        return "—"
    tenths = (total * 20 + count) // (2 * count)
    return f"{tenths // 10}.{tenths % 10}"


def applications_to_screen(
    programme: Programme, *, round_number: int | None = None, state: str = ""
) -> QuerySet[Application]:
    """The staff's list of a programme's sent applications, by round and state: only the
    columns a line shows, and the scores counted per line in a subquery (a GROUP BY over the
    whole programme would sort every application before the page takes its 50)."""
    scores = (
        Score.objects.filter(application=models.OuterRef("pk"))
        .order_by()
        .values("application")
        .annotate(n=models.Count("pk"))
        .values("n")
    )
    queryset = (
        Application.objects.filter(programme=programme)
        .exclude(state__in=(Application.State.DRAFT,))
        .select_related("organisation", "course", "round")
        .only(
            "title",
            "state",
            "requested",
            "first_time",
            "submitted_at",
            "organisation__name",
            "course__name",
            "round__number",
        )
        .annotate(score_count=Coalesce(models.Subquery(scores), 0))
        .order_by("round__number", "submitted_at", "pk")
    )
    if round_number:
        queryset = queryset.filter(round__number=round_number)
    if state:
        queryset = queryset.filter(state=state)
    return queryset


def to_score(reviewer: Any) -> QuerySet[Application]:
    """The applications being screened that this reviewer takes part in: not those of a group
    they are a member of, nor those they declared a conflict on."""
    from tsunagaru.partners.models import Membership

    member_of = Membership.objects.filter(user=reviewer).values("organisation")
    return (
        Application.objects.filter(state=Application.State.IN_REVIEW)
        .exclude(organisation__in=member_of)
        .exclude(conflicts__reviewer=reviewer)
        .select_related("programme", "course", "organisation")
        .only("title", "programme__name", "course__name", "organisation__name")
        .order_by("programme__name", "submitted_at", "pk")
    )


# After the decision ---------------------------------------------------------------------------


def report_due_of(application: Application) -> datetime.date:
    """When the results report is due: the programme's days after the project's end (or after
    the 年度's end when the application gives none, as for the 交付金)."""
    end = application.ends_on or fiscal_year_end(application.programme.fiscal_year)
    return end + datetime.timedelta(days=application.programme.report_days)


def report_of(application: Application) -> ResultsReport | None:
    try:
        return application.results_report
    except ResultsReport.DoesNotExist:
        return None


@dataclass(frozen=True)
class Actuals:
    """The sums of a results report: every cost, the eligible ones, and the amount the rules
    would confirm (grants.amounts.confirmed)."""

    expenses: int
    eligible: int
    other_income: int
    confirmed: int


def actuals_of(application: Application, report: ResultsReport) -> Actuals:
    rows = (
        ActualCost.objects.filter(report=report)
        .values("category__eligible")
        .annotate(total=Sum("amount"))
        .order_by()
    )
    expenses = eligible = 0
    for row in rows:
        expenses += row["total"]
        if row["category__eligible"]:
            eligible += row["total"]
    return Actuals(
        expenses=expenses,
        eligible=eligible,
        other_income=report.other_income,
        confirmed=amounts.confirmed(
            application.decided_amount or 0, eligible, rule_of(application)
        ),
    )


def report_missing(report: ResultsReport | None) -> list[Promise]:
    """What the results report still lacks before it can be sent."""
    if report is None:
        return [_("What was done"), _("Participants"), _("Actual costs with receipts"), _("Photos")]
    missing: list[Promise] = []
    if not report.done.strip():
        missing.append(_("What was done"))
    if report.participants is None:
        missing.append(_("Participants"))
    if not report.costs.exists():
        missing.append(_("Actual costs with receipts"))
    if not report.photos.exists():
        missing.append(_("Photos"))
    return missing


def pending_change(application: Application) -> ChangeRequest | None:
    return application.change_requests.filter(state=ChangeRequest.State.PENDING).first()


def unpaid_claim(application: Application) -> Payment | None:
    """A claim the city has not paid yet (one at a time)."""
    return application.payments.filter(paid_on__isnull=True).first()


def overdue_reports(on: datetime.date | None = None) -> QuerySet[Application]:
    """Adopted projects whose results report is past its due date, oldest first."""
    return (
        Application.objects.filter(state=Application.State.ADOPTED, report_due__lt=on or today())
        .select_related("programme", "organisation")
        .only(
            "title", "report_due", "programme__name", "programme__fiscal_year", "organisation__name"
        )
        .order_by("report_due", "pk")
    )


def follow_up(on: datetime.date | None = None) -> dict[str, QuerySet[Any]]:
    """The staff's after-the-decision work: reports to check, change requests and claims
    waiting for the city, and overdue reports."""
    columns = ("title", "programme__name", "programme__fiscal_year", "organisation__name")
    return {
        "reports": Application.objects.filter(state=Application.State.REPORTED)
        .select_related("programme", "organisation")
        .only(*columns)
        .order_by("updated_at", "pk"),
        "changes": ChangeRequest.objects.filter(state=ChangeRequest.State.PENDING)
        .select_related("application__programme", "application__organisation")
        .order_by("created_at", "pk"),
        "claims": Payment.objects.filter(paid_on__isnull=True)
        .exclude(kind=Payment.Kind.REFUND)
        .select_related("application__programme", "application__organisation")
        .order_by("created_at", "pk"),
        "refunds": Application.objects.filter(
            state=Application.State.CONFIRMED, paid_amount__gt=models.F("confirmed_amount")
        )
        .select_related("programme", "organisation")
        .only(*columns, "paid_amount", "confirmed_amount")
        .order_by("confirmed_at", "pk"),
        "overdue": overdue_reports(on),
    }
