"""Grants and grants-in-aid (補助金・交付金, 施策 ク・オ・エ・カ・キ).

A Programme is one grant for one 年度 (市民提案型協働支援事業補助金 of 令和7年度): its rules are
data — who may apply, the courses and their caps, the screening rounds, the cost categories that
count, the rate and the rounding, the rubric — so staff set up the next year in the site, and a
year's rules stay as they were for the applications made under them.

An Application is a group's request under a programme; its text and budget lines are the
working copy the group edits, and each submission keeps the whole application as it was sent
in an ApplicationVersion (what the city reviews and prints)."""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from tsunagaru.core.dates import fiscal_year_label
from tsunagaru.core.models import PictureCopies, TimeStampedModel


class Requirement(models.TextChoices):
    """What a programme or a course asks of the applicant; the self-check asks one question
    for each (grants.eligibility), and japan.md lists where each comes from."""

    MEMBERS_IN_CITY = "members_in_city", _("More than half of the members live or work in the city")
    GOVERNANCE = "governance", _("The group has rules (規約), a budget and a plan of activities")
    ADULT_REPRESENTATIVE = "adult_representative", _("The representative is an adult")
    REGISTERED = "registered", _("The group is registered with the citizen activity centre")
    NO_OTHER_SUBSIDY = "no_other_subsidy", _("The project receives no other city subsidy")
    FIRST_THIS_YEAR = "first_this_year", _("The group has not applied to this grant this year")
    PUBLIC_BENEFIT = "public_benefit", _("The project benefits the city, not only the members")
    DISTRICT_ASSOCIATION = (
        "district_association",
        _("The group is a district association receiving the district operation grant"),
    )
    ADOPTED_PLAN = "adopted_plan", _("The district has an adopted community plan")
    NEW_PARTNERSHIP = "new_partnership", _("The project is done with a new partner")
    TRACK_RECORD = "track_record", _("The group has carried out a project like this before")
    OWNS_HALL = "owns_hall", _("The district owns or manages a meeting hall")


class Programme(TimeStampedModel):
    """One grant programme in one 年度, with its rules and its budget."""

    class Kind(models.TextChoices):
        SUBSIDY = "subsidy", _("Subsidy (補助金)")
        ALLOCATION = "allocation", _("Grant-in-aid (交付金)")

    class Payment(models.TextChoices):
        AFTER_RESULTS = "after_results", _("After the results report")
        ADVANCE = "advance", _("In advance")
        HALVES = "halves", _("In two halves (April and October)")

    code = models.SlugField(_("programme code"), max_length=40)
    fiscal_year = models.PositiveSmallIntegerField(_("fiscal year (年度)"))
    name = models.CharField(_("name"), max_length=100)
    summary = models.TextField(_("what it supports"))
    legal_basis = models.CharField(_("legal basis (告示)"), max_length=100, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.SUBSIDY)
    requirements = models.JSONField(
        _("who may apply"), default=list, blank=True, help_text=_("Codes of Requirement.")
    )
    # rate = numerator / denominator of the eligible costs (1/2; 10/10 when the whole cost).
    rate_numerator = models.PositiveSmallIntegerField(
        _("rate: numerator"), default=1, validators=[MinValueValidator(1)]
    )
    rate_denominator = models.PositiveSmallIntegerField(
        _("rate: denominator"), default=1, validators=[MinValueValidator(1)]
    )
    cap = models.PositiveIntegerField(
        _("cap (yen)"), null=True, blank=True, help_text=_("Empty when each course has its own.")
    )
    rounding_unit = models.PositiveIntegerField(
        _("rounded down to (yen)"), default=1000, validators=[MinValueValidator(1)]
    )
    combinable = models.BooleanField(_("may be combined with other subsidies"), default=False)
    needs_plan_action = models.BooleanField(
        _("the project must be an action of the district's community plan"), default=False
    )
    required_attachments = models.JSONField(
        _("files every application sends"),
        default=list,
        blank=True,
        help_text=_("Codes of Attachment.Kind."),
    )
    payment = models.CharField(
        _("payment"), max_length=20, choices=Payment.choices, default=Payment.AFTER_RESULTS
    )
    # The results report is due this many days after the project ends (the 年度's end when
    # the application gives no end, as for the 交付金).
    report_days = models.PositiveSmallIntegerField(
        _("results report due (days after the project ends)"), default=30
    )
    budget = models.PositiveBigIntegerField(_("budget for the year (yen)"), default=0)
    # Kept in the decision's transaction (services.budget): never more than the budget.
    committed = models.PositiveBigIntegerField(_("committed (yen)"), default=0, editable=False)
    paid = models.PositiveBigIntegerField(_("paid (yen)"), default=0, editable=False)
    contact = models.CharField(_("contact"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("grant programme")
        verbose_name_plural = _("grant programmes")
        ordering = ["-fiscal_year", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["code", "fiscal_year"], name="grants_programme_year"),
            models.CheckConstraint(
                condition=Q(committed__lte=models.F("budget")),
                name="grants_programme_within_budget",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({fiscal_year_label(self.fiscal_year)})"

    def get_absolute_url(self) -> str:
        return reverse("grants:programme", args=[self.pk])

    @property
    def left(self) -> int:
        return self.budget - self.committed


class Course(models.Model):
    """A course of a programme (チャレンジ, コラボレーション, ステップアップ) with its own cap
    and form: the light form asks the least."""

    class Form(models.TextChoices):
        LIGHT = "light", _("Short form")
        FULL = "full", _("Full form")

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="courses")
    code = models.SlugField(_("course code"), max_length=40)
    name = models.CharField(_("name"), max_length=100)
    description = models.TextField(_("for what"), blank=True)
    cap = models.PositiveIntegerField(_("cap (yen)"))
    form = models.CharField(_("form"), max_length=10, choices=Form.choices, default=Form.FULL)
    requirements = models.JSONField(_("what else it asks"), default=list, blank=True)
    # A group may apply to this course besides its one application of the year (the
    # コラボレーション course, for a genuinely new partnership).
    besides_yearly = models.BooleanField(_("allowed besides the yearly application"), default=False)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = pgettext_lazy("grant course", "course")
        verbose_name_plural = pgettext_lazy("grant course", "courses")
        ordering = ["programme", "order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "code"], name="grants_course_code"),
        ]

    def __str__(self) -> str:
        return self.name


class Round(models.Model):
    """A screening round (第1回審査) with its own dates."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="rounds")
    number = models.PositiveSmallIntegerField(_("round"), validators=[MinValueValidator(1)])
    opens_on = models.DateField(_("applications from"))
    deadline = models.DateField(_("deadline"))
    review_on = models.DateField(_("screening on"), null=True, blank=True)

    class Meta:
        verbose_name = _("screening round")
        verbose_name_plural = _("screening rounds")
        ordering = ["programme", "number"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "number"], name="grants_round_number"),
            models.CheckConstraint(
                condition=Q(deadline__gte=models.F("opens_on")), name="grants_round_dates"
            ),
        ]

    def __str__(self) -> str:
        return str(_("Round %(number)s") % {"number": self.number})


class CostCategory(models.Model):
    """An expense category of a programme's budget form; only eligible ones count for the
    grant (food and the group's running costs usually do not)."""

    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="cost_categories"
    )
    name = models.CharField(_("name"), max_length=50)
    eligible = models.BooleanField(_("counts for the grant"), default=True)
    note = models.CharField(_("for example"), max_length=200, blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("cost category")
        verbose_name_plural = _("cost categories")
        ordering = ["programme", "order", "pk"]

    def __str__(self) -> str:
        return self.name


class Criterion(models.Model):
    """One line of a programme's screening rubric, mapped to a principle of collaboration."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="criteria")
    name = models.CharField(_("criterion"), max_length=100)
    description = models.CharField(_("what is looked at"), max_length=300, blank=True)
    principle = models.ForeignKey(
        "guideline.Principle",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("principle"),
    )
    points = models.PositiveSmallIntegerField(
        _("points"), default=10, validators=[MinValueValidator(1), MaxValueValidator(100)]
    )
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("screening criterion")
        verbose_name_plural = _("screening criteria")
        ordering = ["programme", "order", "pk"]

    def __str__(self) -> str:
        return self.name


class Refusal(models.TextChoices):
    """Why an application was not adopted: counted by reason in the public results."""

    SCORE = "score", _("The screening did not reach the bar")
    NOT_ELIGIBLE = "not_eligible", _("The project or its costs are not what the grant supports")
    BUDGET = "budget", _("The year's budget was used up")
    DUPLICATE = "duplicate", _("The project has other public funding")
    OTHER = "other", _("Other reasons")


class Application(TimeStampedModel):
    """A group's application under a programme (and course and round)."""

    class State(models.TextChoices):
        DRAFT = "draft", pgettext_lazy("application state", "Being written")
        SUBMITTED = "submitted", pgettext_lazy("application state", "Submitted")
        RETURNED = "returned", pgettext_lazy("application state", "Returned for correction")
        IN_REVIEW = "in_review", pgettext_lazy("application state", "Being screened")
        ADOPTED = "adopted", pgettext_lazy("application state", "Adopted")
        NOT_ADOPTED = "not_adopted", pgettext_lazy("application state", "Not adopted")
        WITHDRAWN = "withdrawn", pgettext_lazy("application state", "Withdrawn")
        REPORTED = "reported", pgettext_lazy("application state", "Results reported")
        CONFIRMED = "confirmed", pgettext_lazy("application state", "Amount confirmed")
        PAID = "paid", pgettext_lazy("application state", "Paid in full")

    # The workflow (services check every change against it).
    TRANSITIONS: ClassVar[dict[str, frozenset[str]]] = {
        State.DRAFT: frozenset({State.SUBMITTED, State.WITHDRAWN}),
        State.SUBMITTED: frozenset({State.RETURNED, State.IN_REVIEW, State.WITHDRAWN}),
        State.RETURNED: frozenset({State.SUBMITTED, State.WITHDRAWN}),
        State.IN_REVIEW: frozenset({State.ADOPTED, State.NOT_ADOPTED}),
        State.ADOPTED: frozenset({State.REPORTED}),
        # A results report the city returns goes back to the group (ADOPTED) to correct.
        State.REPORTED: frozenset({State.ADOPTED, State.CONFIRMED}),
        State.CONFIRMED: frozenset({State.PAID}),
        State.NOT_ADOPTED: frozenset(),
        State.WITHDRAWN: frozenset(),
        State.PAID: frozenset(),
    }

    programme = models.ForeignKey(Programme, on_delete=models.PROTECT, related_name="applications")
    course = models.ForeignKey(
        Course, on_delete=models.PROTECT, null=True, blank=True, related_name="applications"
    )
    round = models.ForeignKey(
        Round, on_delete=models.PROTECT, null=True, blank=True, related_name="applications"
    )
    organisation = models.ForeignKey(
        "partners.Organisation",
        on_delete=models.PROTECT,
        related_name="grant_applications",
        verbose_name=_("applicant"),
    )
    state = models.CharField(_("state"), max_length=20, choices=State.choices, default=State.DRAFT)
    title = models.CharField(_("project name"), max_length=200, blank=True)
    purpose = models.TextField(_("purpose: the local problem it takes on"), blank=True)
    activities = models.TextField(_("what you will do"), blank=True)
    schedule = models.TextField(_("when"), blank=True)
    starts_on = models.DateField(_("from"), null=True, blank=True)
    ends_on = models.DateField(_("until"), null=True, blank=True)
    place = models.CharField(_("where"), max_length=200, blank=True)
    beneficiaries = models.TextField(_("who benefits, and how many"), blank=True)
    partners = models.TextField(_("partners"), blank=True)
    roles = models.TextField(_("who does what (role sharing)"), blank=True)
    goals = models.TextField(_("goals and how you will know they are met"), blank=True)
    # The amount the group asks, when less than the most the rules allow; empty: the most.
    asked = models.PositiveIntegerField(_("amount asked (yen)"), null=True, blank=True)
    plan_action = models.ForeignKey(
        "community.PlanAction",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="grant_applications",
        verbose_name=_("action of the community plan"),
    )
    proposal = models.ForeignKey(
        "proposals.Proposal",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="grant_applications",
        verbose_name=_("from the proposal"),
    )
    # What was last submitted: the amount the city reviews (set by application_submit).
    requested = models.PositiveIntegerField(_("amount requested (yen)"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    return_reason = models.TextField(_("what to correct"), blank=True)
    # Groups applying for the first time: the guideline measures them (new groups).
    first_time = models.BooleanField(_("first application of the group"), default=False)
    # The decision (交付決定), by staff after the screening committee (services.review).
    decided_amount = models.PositiveIntegerField(_("amount decided (yen)"), null=True, blank=True)
    conditions = models.TextField(_("conditions of the grant"), blank=True)
    refusal = models.CharField(
        _("why not adopted"), max_length=20, choices=Refusal.choices, blank=True
    )
    decision_note = models.TextField(_("reasons given to the group"), blank=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # After the decision (services.reports, services.payments): when the results report is
    # due (kept here so the overdue list is one indexed query), the confirmed amount (確定額),
    # and what has been paid, less what was paid back.
    report_due = models.DateField(_("results report due"), null=True, blank=True)
    confirmed_amount = models.PositiveIntegerField(
        _("amount confirmed (yen)"), null=True, blank=True
    )
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    paid_amount = models.PositiveIntegerField(_("paid (yen)"), default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("grant application")
        verbose_name_plural = _("grant applications")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["programme", "state"], name="grants_app_prog_state"),
            models.Index(fields=["organisation", "programme"], name="grants_app_org_prog"),
            models.Index(fields=["state", "report_due"], name="grants_app_state_due"),
        ]

    def __str__(self) -> str:
        return self.title or str(_("(no project name yet)"))

    def get_absolute_url(self) -> str:
        return reverse("grants:application", args=[self.pk])

    @property
    def is_editable(self) -> bool:
        return self.state in (self.State.DRAFT, self.State.RETURNED)


# Adopted, and every state after (reported, confirmed, paid): what the city publishes as
# adopted and what counts as the group's application of the year.
ADOPTED_STATES = (
    Application.State.ADOPTED,
    Application.State.REPORTED,
    Application.State.CONFIRMED,
    Application.State.PAID,
)


class BudgetLine(models.Model):
    """One line of the application's budget (収支予算): an expense by category, or an income
    other than the grant (the group's own funds, fees, donations)."""

    class Side(models.TextChoices):
        EXPENSE = "expense", _("Expense")
        INCOME = "income", _("Income")

    class Source(models.TextChoices):
        OWN_FUNDS = "own_funds", _("Own funds (自己資金)")
        FEES = "fees", _("Participation fees")
        DONATIONS = "donations", _("Donations and sponsorship")
        OTHER_GRANT = "other_grant", _("Other grants (not from the city)")
        OTHER = "other", _("Other income")

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="budget_lines"
    )
    side = models.CharField(_("income or expense"), max_length=10, choices=Side.choices)
    category = models.ForeignKey(
        CostCategory,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("category"),
    )
    source = models.CharField(
        pgettext_lazy("income", "source"), max_length=20, choices=Source.choices, blank=True
    )
    description = models.CharField(_("what for"), max_length=200)
    amount = models.PositiveIntegerField(_("amount (yen)"))

    class Meta:
        verbose_name = _("budget line")
        verbose_name_plural = _("budget lines")
        ordering = ["application", "side", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(side="expense", category__isnull=False, source="")
                    | Q(side="income", category__isnull=True) & ~Q(source="")
                ),
                name="grants_budget_line_side",
            ),
        ]

    def __str__(self) -> str:
        return self.description


class Attachment(TimeStampedModel):
    """A file sent with the application (規約, 名簿, 見積書 …), kept only once the server has
    checked what it is; the application lists each with its size."""

    class Kind(models.TextChoices):
        RULES = "rules", _("Rules of the group (規約)")
        BUDGET = "budget", _("The group's budget and accounts")
        PLAN = "plan", _("Plan of activities")
        ESTIMATE = "estimate", _("Quotation (見積書)")
        OTHER = "other", _("Other")

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="attachments"
    )
    kind = models.CharField(_("what it is"), max_length=20, choices=Kind.choices)
    file = models.FileField(_("file"), upload_to="grants/%Y/")
    name = models.CharField(_("file name"), max_length=200)
    size = models.PositiveIntegerField(_("size (bytes)"))
    content_type = models.CharField(max_length=100)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["application", "pk"]

    def __str__(self) -> str:
        return self.name

    @property
    def is_image(self) -> bool:
        return self.content_type.startswith("image/")


class ApplicationVersion(TimeStampedModel):
    """The application as it was submitted (the 申請書 the city reviews and prints)."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveSmallIntegerField(_("version"))
    snapshot = models.JSONField()
    requested = models.PositiveIntegerField(_("amount requested (yen)"))
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("submitted version")
        verbose_name_plural = _("submitted versions")
        ordering = ["application", "number"]
        constraints = [
            models.UniqueConstraint(fields=["application", "number"], name="grants_version_number"),
        ]

    def __str__(self) -> str:
        return str(_("Version %(number)s") % {"number": self.number})


class Score(TimeStampedModel):
    """One reviewer's scoring of one application with the programme's rubric: sealed (no one
    reads it) until every reviewer of the committee without a conflict has scored."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="scores")
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="grant_scores"
    )
    points = models.JSONField(_("points by criterion"))  # {criterion id: points}
    total = models.PositiveSmallIntegerField(_("total"))
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        ordering = ["application", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["application", "reviewer"], name="grants_score_once"),
        ]

    def __str__(self) -> str:
        return f"{self.total}"


class Conflict(TimeStampedModel):
    """A reviewer's declared conflict of interest: excluded from the application's screening."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="conflicts")
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="grant_conflicts"
    )
    reason = models.CharField(_("why"), max_length=200)

    class Meta:
        verbose_name = _("conflict of interest")
        verbose_name_plural = _("conflicts of interest")
        constraints = [
            models.UniqueConstraint(
                fields=["application", "reviewer"], name="grants_conflict_once"
            ),
        ]

    def __str__(self) -> str:
        return self.reason


class ChangeRequest(TimeStampedModel):
    """A request to change an adopted project (変更承認申請): its schedule, its budget (the
    eligible costs it will now spend) or its content, approved or refused by the city. The
    grant never grows by a change; less eligible cost may lower it (services.reports)."""

    class Kind(models.TextChoices):
        SCHEDULE = "schedule", _("The schedule")
        BUDGET = "budget", _("The budget")
        CONTENT = "content", _("What will be done")

    class State(models.TextChoices):
        PENDING = "pending", pgettext_lazy("change request", "Waiting for the city")
        APPROVED = "approved", pgettext_lazy("change request", "Approved")
        REFUSED = "refused", pgettext_lazy("change request", "Not approved")

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="change_requests"
    )
    kind = models.CharField(_("what changes"), max_length=20, choices=Kind.choices)
    details = models.TextField(_("the change"))
    reason = models.TextField(_("why"))
    new_starts_on = models.DateField(_("new start"), null=True, blank=True)
    new_ends_on = models.DateField(_("new end"), null=True, blank=True)
    new_eligible = models.PositiveIntegerField(
        _("eligible costs after the change (yen)"), null=True, blank=True
    )
    state = models.CharField(
        _("state"), max_length=20, choices=State.choices, default=State.PENDING
    )
    answer = models.TextField(_("the city's answer"), blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)

    class Meta:
        verbose_name = _("change request")
        verbose_name_plural = _("change requests")
        ordering = ["application", "pk"]
        constraints = [
            # One request at a time waits for the city.
            models.UniqueConstraint(
                fields=["application"],
                condition=Q(state="pending"),
                name="grants_change_one_pending",
            ),
        ]

    def __str__(self) -> str:
        return self.get_kind_display()


class ProgressNote(TimeStampedModel):
    """A line of the project's progress (活動の経過), written by the group for the city."""

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="progress_notes"
    )
    text = models.TextField(_("how the project is going"))
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("progress note")
        verbose_name_plural = _("progress notes")
        ordering = ["application", "-created_at", "-pk"]

    def __str__(self) -> str:
        return self.text[:40]


class ResultsReport(TimeStampedModel):
    """The results report (実績報告): what was done, who took part, the costs actually spent
    with a receipt for each, and photos. The city confirms the amount from it."""

    application = models.OneToOneField(
        Application, on_delete=models.CASCADE, related_name="results_report"
    )
    done = models.TextField(_("what was done"), blank=True)
    participants = models.PositiveIntegerField(_("participants (people)"), null=True, blank=True)
    outcome = models.TextField(_("what it achieved, and what is left to do"), blank=True)
    other_income = models.PositiveIntegerField(_("income other than the grant (yen)"), default=0)
    submitted_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    return_reason = models.TextField(_("what to correct"), blank=True)

    class Meta:
        verbose_name = _("results report")
        verbose_name_plural = _("results reports")

    def __str__(self) -> str:
        return str(self.application)


class ActualCost(models.Model):
    """A cost actually spent, with its receipt (領収書) as a file."""

    report = models.ForeignKey(ResultsReport, on_delete=models.CASCADE, related_name="costs")
    category = models.ForeignKey(
        CostCategory, on_delete=models.PROTECT, related_name="+", verbose_name=_("category")
    )
    description = models.CharField(_("what for"), max_length=200)
    amount = models.PositiveIntegerField(_("amount (yen)"))
    receipt = models.FileField(_("receipt"), upload_to="grants/receipts/%Y/")
    receipt_name = models.CharField(_("file name"), max_length=200)
    receipt_size = models.PositiveIntegerField(_("size (bytes)"))
    receipt_type = models.CharField(max_length=100)

    class Meta:
        verbose_name = _("actual cost")
        verbose_name_plural = _("actual costs")
        ordering = ["report", "pk"]

    def __str__(self) -> str:
        return self.description


class ResultPhoto(PictureCopies):
    """A photo of the project in the results report (kept as a copy without metadata)."""

    report = models.ForeignKey(ResultsReport, on_delete=models.CASCADE, related_name="photos")
    image = models.ImageField(_("photo"), upload_to="grants/photos/%Y/")
    alt_text = models.CharField(_("description of the photo"), max_length=300)

    class Meta:
        verbose_name = _("photo of the project")
        verbose_name_plural = _("photos of the project")
        ordering = ["report", "pk"]

    def __str__(self) -> str:
        return self.alt_text


class Payment(TimeStampedModel):
    """A payment of the grant: claimed by the group (交付請求), then paid by the city; or a
    repayment (返還) when more was paid in advance than the confirmed amount. The amount is
    worked out by services.payments from the programme's way of paying, never typed."""

    class Kind(models.TextChoices):
        ADVANCE = "advance", _("Advance payment (概算払)")
        FIRST_HALF = "first_half", _("First half (April)")
        SECOND_HALF = "second_half", _("Second half (October)")
        FINAL = "final", _("Payment after the amount is confirmed (精算払)")
        REFUND = "refund", _("Paid back to the city (返還)")

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="payments")
    kind = models.CharField(_("payment"), max_length=20, choices=Kind.choices)
    amount = models.PositiveIntegerField(_("amount (yen)"), validators=[MinValueValidator(1)])
    claimed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    paid_on = models.DateField(_("paid on"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("payment")
        verbose_name_plural = _("payments")
        ordering = ["application", "pk"]
        constraints = [
            # Each kind of payment once per application (a claim is paid as claimed).
            models.UniqueConstraint(fields=["application", "kind"], name="grants_payment_kind"),
        ]

    def __str__(self) -> str:
        return self.get_kind_display()
