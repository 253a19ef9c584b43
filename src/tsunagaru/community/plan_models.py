"""The community plan of a 地区振興会 (地区コミュニティ計画, 施策 エ): its vision, the issues it
found, goals with indicators, actions per 年度 with their yearly progress, and the versions its
general meeting adopted.

The rows are the working copy the members edit; each adoption keeps the whole plan as it was
adopted in a PlanVersion (a snapshot), which is what the public reads. An action keeps its row
across versions, so its progress and the grants that cite it stay attached to it."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from tsunagaru.core.dates import fiscal_year_label
from tsunagaru.core.models import TimeStampedModel

FIRST_YEAR = 2000
LAST_YEAR = 2100


class CommunityPlan(TimeStampedModel):
    """One period's plan (e.g. 令和4〜8年度) of one 地区振興会."""

    class Status(models.TextChoices):
        DRAFTING = "drafting", pgettext_lazy("plan status", "Being drafted")
        ADOPTED = "adopted", pgettext_lazy("plan status", "Adopted")
        REVISED = "revised", pgettext_lazy("plan status", "Revised")

    organisation = models.ForeignKey(
        "partners.Organisation",
        on_delete=models.PROTECT,
        related_name="community_plans",
        verbose_name=_("district association"),
    )
    # The association's district when the plan was begun: the city overview groups by it.
    district = models.ForeignKey(
        "core.District",
        on_delete=models.PROTECT,
        related_name="community_plans",
        verbose_name=_("district"),
    )
    title = models.CharField(_("title"), max_length=100)
    first_year = models.PositiveSmallIntegerField(_("first year (年度)"))
    last_year = models.PositiveSmallIntegerField(_("last year (年度)"))
    vision = models.TextField(_("vision for the district (将来像)"), blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFTING
    )
    # Edits made since the last adoption: the next adoption is a revision.
    has_changes = models.BooleanField(default=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("community plan")
        verbose_name_plural = _("community plans")
        ordering = ["organisation", "-first_year"]
        constraints = [
            models.CheckConstraint(
                condition=Q(last_year__gte=F("first_year")), name="community_plan_period_order"
            ),
        ]
        indexes = [models.Index(fields=["district", "-first_year"], name="community_plan_district")]

    def __str__(self) -> str:
        return f"{self.title}（{self.period_label}）"

    @property
    def period_label(self) -> str:
        """The period as official documents write it: 令和4〜8年度."""
        first, last = fiscal_year_label(self.first_year), fiscal_year_label(self.last_year)
        if first == last:
            return first
        era = first.split("年度")[0].rstrip("0123456789元")
        if last.startswith(era):
            return f"{first.removesuffix('年度')}〜{last.removeprefix(era)}"
        return f"{first}〜{last}"

    def contains(self, year: int) -> bool:
        return self.first_year <= year <= self.last_year


class PlanIssue(models.Model):
    """An issue of the district the plan answers, with how it was found."""

    class FoundBy(models.TextChoices):
        SURVEY = "survey", _("Residents' survey")
        WORKSHOP = "workshop", _("Workshop")
        MEETING = "meeting", _("Meetings with residents")
        FIGURES = "figures", _("Statistics")
        OTHER = "other", _("Other")

    plan = models.ForeignKey(CommunityPlan, on_delete=models.CASCADE, related_name="issues")
    text = models.CharField(_("issue"), max_length=300)
    found_by = models.CharField(_("found by"), max_length=20, choices=FoundBy.choices)

    class Meta:
        verbose_name = _("issue of a community plan")
        verbose_name_plural = _("issues of a community plan")
        ordering = ["plan", "pk"]

    def __str__(self) -> str:
        return self.text[:60]


class PlanGoal(models.Model):
    """A goal (目標) of the plan; indicators say how far it is reached."""

    plan = models.ForeignKey(CommunityPlan, on_delete=models.CASCADE, related_name="goals")
    text = models.CharField(_("goal"), max_length=200)

    class Meta:
        verbose_name = _("goal of a community plan")
        verbose_name_plural = _("goals of a community plan")
        ordering = ["plan", "pk"]

    def __str__(self) -> str:
        return self.text[:60]


class PlanIndicator(models.Model):
    """A measure of a goal (指標): where it stood and what the plan aims at by a year."""

    goal = models.ForeignKey(PlanGoal, on_delete=models.CASCADE, related_name="indicators")
    name = models.CharField(_("indicator"), max_length=100)
    unit = models.CharField(_("unit"), max_length=20)
    baseline = models.DecimalField(
        _("now"),
        max_digits=12,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    target = models.DecimalField(
        _("target"), max_digits=12, decimal_places=1, validators=[MinValueValidator(0)]
    )
    target_year = models.PositiveSmallIntegerField(_("target year (年度)"))

    class Meta:
        verbose_name = _("indicator of a community plan")
        verbose_name_plural = _("indicators of a community plan")
        ordering = ["goal", "pk"]

    def __str__(self) -> str:
        return self.name


class PlanAction(models.Model):
    """An action (取組) of the plan over one or more 年度: who does it and what it costs."""

    plan = models.ForeignKey(CommunityPlan, on_delete=models.CASCADE, related_name="actions")
    goal = models.ForeignKey(
        PlanGoal,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="actions",
        verbose_name=_("goal"),
    )
    title = models.CharField(_("action"), max_length=200)
    first_year = models.PositiveSmallIntegerField(_("from (年度)"))
    last_year = models.PositiveSmallIntegerField(_("until (年度)"))
    lead = models.CharField(
        _("who does it"),
        max_length=100,
        help_text=_("The section (部会) or people of the association, e.g. 防災部会."),
    )
    partners = models.CharField(_("with whom"), max_length=200, blank=True)
    city_role = models.CharField(_("what the city does"), max_length=200, blank=True)
    cost = models.PositiveIntegerField(_("cost per year (yen)"), null=True, blank=True)
    proposal = models.ForeignKey(
        "proposals.Proposal",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("proposal"),
    )
    event = models.ForeignKey(
        "info.Event",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("event"),
    )
    need = models.ForeignKey(
        "partners.Need",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("need"),
    )

    class Meta:
        verbose_name = _("action of a community plan")
        verbose_name_plural = _("actions of a community plan")
        ordering = ["plan", "first_year", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(last_year__gte=F("first_year")), name="community_action_years_order"
            ),
        ]

    def __str__(self) -> str:
        return self.title[:60]


class ActionProgress(TimeStampedModel):
    """How an action went in one 年度, as the association reports it."""

    class Result(models.TextChoices):
        DONE = "done", _("Done")
        PARTLY = "partly", _("Partly done")
        NOT_DONE = "not_done", _("Not done")

    action = models.ForeignKey(PlanAction, on_delete=models.CASCADE, related_name="progress")
    year = models.PositiveSmallIntegerField(_("year (年度)"))
    result = models.CharField(_("result"), max_length=20, choices=Result.choices)
    note = models.TextField(_("note"), blank=True)
    figure = models.DecimalField(
        _("figure"),
        max_digits=12,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
        help_text=_("A number that shows the result, e.g. how many took part."),
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("progress of an action")
        verbose_name_plural = _("progress of actions")
        ordering = ["action", "year"]
        constraints = [
            models.UniqueConstraint(fields=["action", "year"], name="community_progress_once")
        ]

    def __str__(self) -> str:
        return f"{self.action}（{fiscal_year_label(self.year)}）"


class PlanVersion(models.Model):
    """The plan as its general meeting (総会) adopted it: number 1 is the first adoption,
    later numbers are revisions with what changed and why."""

    plan = models.ForeignKey(CommunityPlan, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveSmallIntegerField(_("version"))
    general_meeting_on = models.DateField(_("date of the general meeting (総会)"))
    adopted_on = models.DateField(_("adopted on"))
    adopted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    changes = models.TextField(_("what changed and why"), blank=True)
    snapshot = models.JSONField(editable=False)

    class Meta:
        verbose_name = _("version of a community plan")
        verbose_name_plural = _("versions of a community plan")
        ordering = ["plan", "number"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="community_version_once")
        ]

    def __str__(self) -> str:
        return f"{self.plan.title} {self.number}"
