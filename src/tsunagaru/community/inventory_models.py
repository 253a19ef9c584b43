"""The inventory of a 地区振興会's recurring work (事業の棚卸し, 施策 エ): each activity it runs
every year — 祭り, 運動会, 敬老会, 防災訓練, 除雪, 広報誌 — what it takes (人・物・金), who it
serves, and the association's decision on it each year. The guideline's problem: ever more work
on fewer people, and no one stops to ask which of it should go on."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from tsunagaru.core.dates import fiscal_year_label
from tsunagaru.core.models import TimeStampedModel


class Activity(TimeStampedModel):
    """A recurring activity of the association."""

    organisation = models.ForeignKey(
        "partners.Organisation",
        on_delete=models.CASCADE,
        related_name="activities",
        verbose_name=_("district association"),
    )
    name = models.CharField(_("activity"), max_length=100, help_text=_("e.g. 敬老会, 除雪"))
    purpose = models.CharField(_("purpose"), max_length=300)
    beneficiaries = models.CharField(_("who it is for"), max_length=200, blank=True)
    # 物 of 人・物・金: what it needs besides people and money (matching reads it too).
    goods = models.CharField(
        _("things it needs"),
        max_length=200,
        blank=True,
        help_text=_("e.g. テント, 除雪機, 地区センターの大広間"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("recurring activity")
        verbose_name_plural = _("recurring activities")
        ordering = ["organisation", "pk"]

    def __str__(self) -> str:
        return self.name


class ActivityYear(TimeStampedModel):
    """One 年度 of an activity: what it took, who took part, and what the association decided."""

    class Decision(models.TextChoices):
        CONTINUE = "continue", _("Continue (継続)")
        REVIEW = "review", _("Change how it is done (見直し)")
        MERGE = "merge", _("Merge with another activity (統合)")
        END = "end", _("Stop (廃止)")
        HAND_OVER = "hand_over", _("Hand over to another group (他団体へ移行)")

    # After these the association no longer runs the activity: later years do not review it,
    # and its hours and money count as freed.
    ENDING = (Decision.END, Decision.HAND_OVER, Decision.MERGE)
    FREEING = (Decision.END, Decision.HAND_OVER)

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="years")
    year = models.PositiveSmallIntegerField(_("year (年度)"))
    hours = models.PositiveIntegerField(
        _("hours of work"), help_text=_("All helpers' hours together (延べ時間).")
    )
    volunteers = models.PositiveIntegerField(_("people who did the work"))
    cost = models.PositiveIntegerField(_("spending (yen)"))
    income = models.PositiveIntegerField(_("income (yen)"), default=0)
    participants = models.PositiveIntegerField(_("people who took part"), null=True, blank=True)
    decision = models.CharField(_("decision"), max_length=20, choices=Decision.choices)
    reason = models.TextField(_("reason"), blank=True)
    # The need published to find a group to take the activity over or help with it.
    need = models.ForeignKey(
        "partners.Need", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("yearly review of an activity")
        verbose_name_plural = _("yearly reviews of activities")
        ordering = ["activity", "-year"]
        constraints = [
            models.UniqueConstraint(fields=["activity", "year"], name="community_review_once")
        ]
        indexes = [models.Index(fields=["year", "decision"], name="community_review_year")]

    def __str__(self) -> str:
        return f"{self.activity}（{fiscal_year_label(self.year)}）"

    @property
    def net_cost(self) -> int:
        return self.cost - self.income
