"""The proposal table (協働の提案テーブル): a proposal, its parties, meetings and messages, the
agreement in versions that every party approves, progress reports and mutual evaluations.

The rules (the guideline's six principles among them) are in services.py; the states and their
moves are the TRANSITIONS table below.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from tsunagaru.core.models import PictureCopies, TimeStampedModel
from tsunagaru.core.templatetags.japanese_dates import wareki


class Proposal(TimeStampedModel):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Waiting for screening")
        RETURNED = "returned", _("Returned for changes")
        AT_TABLE = "at_table", _("At the table")
        AGREED = "agreed", _("Agreed: under way")
        FINISHED = "finished", _("Finished: evaluating")
        EVALUATED = "evaluated", _("Evaluated")
        NOT_ADOPTED = "not_adopted", _("Not adopted")

    class ClosingReason(models.TextChoices):
        NOT_COLLABORATIVE = "not_collaborative", _("Not suited to collaboration")
        EXISTING = "existing", _("Already done by an existing project")
        NO_PARTNER = "no_partner", _("No partner could take part")
        RESOURCES = "resources", _("Not enough budget or people")
        WITHDRAWN = "withdrawn", _("Withdrawn by the proposer")
        OTHER = "other", _("Other")

    title = models.CharField(_("title"), max_length=200)
    problem = models.TextField(_("the local problem (地域課題)"))
    idea = models.TextField(_("the idea"), blank=True)
    brings = models.TextField(_("what we can bring"), blank=True)
    asks = models.TextField(_("what we ask of others"), blank=True)
    wanted_partners = models.TextField(
        _("partners and departments we would like at the table"), blank=True
    )
    forms = models.ManyToManyField(
        "guideline.Form", blank=True, related_name="proposals", verbose_name=_("desired forms")
    )
    schedule = models.CharField(_("desired schedule"), max_length=200, blank=True)
    needs_money = models.BooleanField(
        _("money is needed"),
        default=False,
        help_text=_("A proposal that needs no money is just as welcome."),
    )
    money_amount = models.PositiveIntegerField(
        _("amount needed (yen)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_("Only if money is needed. A rough estimate is fine."),
    )
    proposer = models.ForeignKey(
        "partners.Organisation",
        on_delete=models.PROTECT,
        related_name="proposals_made",
        verbose_name=_("proposing group or department"),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    return_reason = models.TextField(_("why it was returned"), blank=True)
    closing_reason = models.CharField(
        _("reason category"), max_length=20, choices=ClosingReason.choices, blank=True
    )
    closing_note = models.TextField(_("reason"), blank=True)
    fiscal_year = models.PositiveSmallIntegerField(_("fiscal year"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    evaluation_deadline = models.DateField(_("evaluations due"), null=True, blank=True)
    evaluations_published_at = models.DateTimeField(null=True, blank=True)
    case = models.ForeignKey(
        "cases.Case", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("proposal")
        verbose_name_plural = _("proposals")
        ordering = ["-pk"]
        indexes = [models.Index(fields=["status", "fiscal_year"], name="proposals_status_year")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("proposals:detail", args=[self.pk])

    @property
    def is_public(self) -> bool:
        """Agreed projects are public, within what the agreement made public (原則5)."""
        return self.status in PUBLIC_STATES


# What happens next in each state, told on the proposal page (plain words, per state).
NEXT_STEPS: dict[str, Promise] = {
    Proposal.Status.DRAFT: _(
        "Not sent yet. The group's representative or contact person checks the proposal and "
        "sends it to the proposal table."
    ),
    Proposal.Status.SUBMITTED: _(
        "The city's secretariat reads the proposal. It then opens a table with the departments "
        "concerned, or returns the proposal with its reasons."
    ),
    Proposal.Status.RETURNED: _(
        "The proposing group changes the proposal as asked and sends it again."
    ),
    Proposal.Status.AT_TABLE: _(
        "The parties meet, talk it over and write an agreement together. It takes effect when "
        "every party has approved it."
    ),
    Proposal.Status.AGREED: _(
        "The parties carry out the project as agreed and report its progress."
    ),
    Proposal.Status.FINISHED: _(
        "Each party evaluates the project. The evaluations are shown when all of them are in."
    ),
    Proposal.Status.EVALUATED: _(
        "The project is complete. It can be written up as a case for others to learn from."
    ),
    Proposal.Status.NOT_ADOPTED: _(
        "The proposal was closed for the reason shown. A new proposal can be made at any time."
    ),
}

PUBLIC_STATES = {Proposal.Status.AGREED, Proposal.Status.FINISHED, Proposal.Status.EVALUATED}

# Which state may follow which (services.py moves only along these).
TRANSITIONS: dict[str, set[str]] = {
    Proposal.Status.DRAFT: {Proposal.Status.SUBMITTED},
    Proposal.Status.SUBMITTED: {
        Proposal.Status.AT_TABLE,
        Proposal.Status.RETURNED,
        Proposal.Status.NOT_ADOPTED,
    },
    Proposal.Status.RETURNED: {Proposal.Status.SUBMITTED, Proposal.Status.NOT_ADOPTED},
    Proposal.Status.AT_TABLE: {Proposal.Status.AGREED, Proposal.Status.NOT_ADOPTED},
    Proposal.Status.AGREED: {Proposal.Status.FINISHED},
    Proposal.Status.FINISHED: {Proposal.Status.EVALUATED},
    Proposal.Status.EVALUATED: set(),
    Proposal.Status.NOT_ADOPTED: set(),
}


class Party(TimeStampedModel):
    """A group or city department at the table. The proposer is a party from the start."""

    class Role(models.TextChoices):
        PROPOSER = "proposer", _("Proposer")
        PARTNER = "partner", _("Partner")
        DEPARTMENT = "department", _("Responsible department")

    class Answer(models.TextChoices):
        INVITED = "invited", _("Invited")
        ACCEPTED = "accepted", _("Taking part")
        DECLINED = "declined", _("Declined")

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="parties")
    organisation = models.ForeignKey(
        "partners.Organisation", on_delete=models.PROTECT, related_name="proposal_parties"
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    answer = models.CharField(
        _("answer"), max_length=20, choices=Answer.choices, default=Answer.INVITED
    )
    answered_at = models.DateTimeField(null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decline_reason = models.TextField(_("why we decline"), blank=True)

    class Meta:
        verbose_name = _("party")
        verbose_name_plural = _("parties")
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["proposal", "organisation"], name="proposals_one_party_per_group"
            )
        ]

    def __str__(self) -> str:
        return str(self.organisation)


class Meeting(TimeStampedModel):
    """A recorded meeting of the table (相互理解: the process up to agreement is kept)."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="meetings")
    held_at = models.DateTimeField(_("date and time"))
    place = models.CharField(_("place"), max_length=200, blank=True)
    online = models.BooleanField(_("online"), default=False)
    present = models.ManyToManyField(Party, blank=True, related_name="meetings_attended")
    minutes = models.TextField(_("minutes"))
    decisions = models.TextField(_("decisions"), blank=True)
    next_steps = models.TextField(_("next steps"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["held_at", "pk"]

    def __str__(self) -> str:
        return f"{self.proposal} {wareki(self.held_at)}"


class MeetingReply(TimeStampedModel):
    """A party that was not there read the minutes and answered (so it took part, 原則2)."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="replies")
    party = models.ForeignKey(Party, on_delete=models.CASCADE, related_name="meeting_replies")
    text = models.TextField(_("reply"))
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "party"], name="proposals_one_reply")
        ]

    def __str__(self) -> str:
        return f"{self.party}: {self.text[:40]}"


class Message(TimeStampedModel):
    """The thread among the parties."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="messages")
    party = models.ForeignKey(Party, on_delete=models.SET_NULL, null=True, related_name="+")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    body = models.TextField(_("message"))

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.body[:40]


class Document(TimeStampedModel):
    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="documents")
    file = models.FileField(_("file"), upload_to="proposals/%Y/")
    title = models.CharField(_("title"), max_length=200)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.title


class Agreement(TimeStampedModel):
    """The collaboration agreement (協働事業合意). Its text lives in versions; `current` is the
    version being discussed, `approved` the one every party approved (in force)."""

    proposal = models.OneToOneField(Proposal, on_delete=models.CASCADE, related_name="agreement")
    current = models.ForeignKey(
        "AgreementVersion", on_delete=models.PROTECT, null=True, related_name="+"
    )
    approved = models.ForeignKey(
        "AgreementVersion", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("agreement")
        verbose_name_plural = _("agreements")

    def __str__(self) -> str:
        return str(self.proposal)


class AgreementVersion(TimeStampedModel):
    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    purpose = models.TextField(_("purpose (目的)"), blank=True)
    forms = models.ManyToManyField("guideline.Form", blank=True, related_name="+")
    domain = models.ForeignKey(
        "guideline.Domain", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    collaboration_type = models.ForeignKey(
        "guideline.CollaborationType",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    cost_sharing = models.TextField(_("cost sharing"), blank=True)
    starts_on = models.DateField(_("starts on"), null=True, blank=True)
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    report_every_months = models.PositiveSmallIntegerField(
        _("progress report every (months)"), default=3
    )
    publication_text = models.TextField(_("what is published"), blank=True)
    private_matters = models.TextField(_("what stays private"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(fields=["agreement", "number"], name="proposals_version_number")
        ]

    def __str__(self) -> str:
        return f"v{self.number}"


# The agreement's own text (besides its forms, goals and role table): what a new version copies
# and what the agreement form edits.
VERSION_FIELDS = (
    "purpose",
    "domain",
    "collaboration_type",
    "cost_sharing",
    "starts_on",
    "ends_on",
    "report_every_months",
    "publication_text",
    "private_matters",
)


class Goal(models.Model):
    """A measurable goal (原則1): what is measured, the target value and by when."""

    version = models.ForeignKey(AgreementVersion, on_delete=models.CASCADE, related_name="goals")
    description = models.CharField(_("goal"), max_length=300)
    unit = models.CharField(_("unit"), max_length=30, blank=True)
    target_value = models.DecimalField(
        _("target value"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    due_on = models.DateField(_("by"), null=True, blank=True)
    order = models.PositiveSmallIntegerField(default=0)
    # The same goal across versions, so reported values follow an amended target.
    key = models.PositiveIntegerField()

    class Meta:
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return self.description


class Task(models.Model):
    """A row of the role table (原則4): the task, who is responsible, and what each side gives."""

    version = models.ForeignKey(AgreementVersion, on_delete=models.CASCADE, related_name="tasks")
    description = models.CharField(_("task"), max_length=300)
    responsible = models.ForeignKey(Party, on_delete=models.PROTECT, related_name="+")
    citizens_part = models.TextField(_("what citizens can do (市民だからできること)"), blank=True)
    city_part = models.TextField(_("what the city can do (行政だからできること)"), blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return self.description


class Approval(models.Model):
    """A party's representative approved this version. Approvals of an older version stay as
    history but count for nothing."""

    version = models.ForeignKey(
        AgreementVersion, on_delete=models.CASCADE, related_name="approvals"
    )
    party = models.ForeignKey(Party, on_delete=models.CASCADE, related_name="approvals")
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    approved_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["version", "party"], name="proposals_one_approval")
        ]

    def __str__(self) -> str:
        return f"{self.party} v{self.version.number}"


class ProgressReport(TimeStampedModel):
    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="reports")
    party = models.ForeignKey(Party, on_delete=models.PROTECT, related_name="+")
    reported_on = models.DateField(_("date"))
    note = models.TextField(_("what happened"))
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-reported_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.proposal} {wareki(self.reported_on)}"


class GoalValue(models.Model):
    report = models.ForeignKey(ProgressReport, on_delete=models.CASCADE, related_name="values")
    goal_key = models.PositiveIntegerField()
    value = models.DecimalField(_("value"), max_digits=12, decimal_places=2)

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return str(self.value)


class ReportPhoto(PictureCopies):
    report = models.ForeignKey(ProgressReport, on_delete=models.CASCADE, related_name="photos")
    image = models.ImageField(_("photo"), upload_to="proposals/photos/%Y/")
    alt_text = models.CharField(_("description of the photo"), max_length=300)

    def __str__(self) -> str:
        return self.alt_text


class Evaluation(TimeStampedModel):
    """One party's evaluation of the finished project (原則6). Sealed from the other parties
    until every party has submitted or the deadline has passed."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="evaluations")
    party = models.ForeignKey(Party, on_delete=models.CASCADE, related_name="evaluations")
    goal_achievement = models.PositiveSmallIntegerField(_("goals achieved (1–5)"))
    goal_comment = models.TextField(_("about the goals"), blank=True)
    improvements = models.TextField(_("what to improve"), blank=True)

    class Continue(models.TextChoices):
        YES = "yes", _("Continue")
        NO = "no", _("Do not continue")
        UNDECIDED = "undecided", _("Not decided")

    continue_project = models.CharField(
        _("continue the project?"), max_length=10, choices=Continue.choices
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["proposal", "party"], name="proposals_one_evaluation")
        ]

    def __str__(self) -> str:
        return f"{self.proposal}: {self.party}"


class PrincipleScore(models.Model):
    evaluation = models.ForeignKey(Evaluation, on_delete=models.CASCADE, related_name="scores")
    principle = models.ForeignKey("guideline.Principle", on_delete=models.PROTECT, related_name="+")
    score = models.PositiveSmallIntegerField(_("score (1–5)"))
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        ordering = ["principle__number"]

    def __str__(self) -> str:
        return f"{self.principle}: {self.score}"
