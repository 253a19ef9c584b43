"""District facilities (施策 カ・キ): the 地区センター's rooms and its designated manager's
yearly reports (指定管理), and the 自治集会施設 that neighbourhood groups own, with their
condition and the repairs planned and how they are to be paid."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from tsunagaru.core.dates import fiscal_year_label
from tsunagaru.core.models import TimeStampedModel


class CentreRoom(models.Model):
    """A room of the 地区センター that groups can use."""

    centre = models.ForeignKey(
        "community.DistrictCentre", on_delete=models.CASCADE, related_name="rooms"
    )
    name = models.CharField(_("room"), max_length=100)
    capacity = models.PositiveSmallIntegerField(_("people it holds"), null=True, blank=True)
    notes = models.CharField(_("notes"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("room of a district centre")
        verbose_name_plural = _("rooms of a district centre")
        ordering = ["centre", "pk"]

    def __str__(self) -> str:
        return self.name


def report_path(report: CentreReport, filename: str) -> str:
    # The name as uploaded stays in `original_name`; the stored name is ours.
    suffix = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"centre-reports/{report.centre_id}/{report.year}.{suffix}"


class CentreReport(TimeStampedModel):
    """The designated manager's report on a 年度 of running the 地区センター (事業報告)."""

    centre = models.ForeignKey(
        "community.DistrictCentre", on_delete=models.CASCADE, related_name="reports"
    )
    year = models.PositiveSmallIntegerField(_("year (年度)"))
    summary = models.TextField(_("summary"))
    users = models.PositiveIntegerField(_("people who used the centre"), null=True, blank=True)
    file = models.FileField(_("report file"), upload_to=report_path, blank=True)
    original_name = models.CharField(max_length=200, blank=True, editable=False)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("yearly report of a district centre")
        verbose_name_plural = _("yearly reports of a district centre")
        ordering = ["centre", "-year"]
        constraints = [
            models.UniqueConstraint(fields=["centre", "year"], name="community_report_once")
        ]

    def __str__(self) -> str:
        return f"{self.centre}（{fiscal_year_label(self.year)}）"


class MeetingHall(TimeStampedModel):
    """A 自治集会施設: the meeting hall a neighbourhood group owns and keeps."""

    class Condition(models.TextChoices):
        GOOD = "good", _("Good")
        WORN = "worn", _("Worn, but usable")
        NEEDS_REPAIR = "needs_repair", _("Needs repair")
        UNSAFE = "unsafe", _("Not safe to use")

    district = models.ForeignKey(
        "core.District",
        on_delete=models.PROTECT,
        related_name="meeting_halls",
        verbose_name=_("district"),
    )
    owner = models.ForeignKey(
        "partners.Organisation",
        on_delete=models.PROTECT,
        related_name="meeting_halls",
        verbose_name=_("owner group"),
    )
    name = models.CharField(_("name"), max_length=100)
    address = models.CharField(_("address"), max_length=200, blank=True)
    built_year = models.PositiveSmallIntegerField(
        _("year built"), null=True, blank=True, validators=[MinValueValidator(1868)]
    )
    condition = models.CharField(_("condition"), max_length=20, choices=Condition.choices)
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        verbose_name = _("meeting hall (自治集会施設)")
        verbose_name_plural = _("meeting halls (自治集会施設)")
        ordering = ["district", "name", "pk"]

    def __str__(self) -> str:
        return self.name


class HallRepair(TimeStampedModel):
    """A repair planned for a meeting hall, and how it is to be paid."""

    class Funding(models.TextChoices):
        HALL_GRANT = "hall_grant", _("City grant for meeting halls (集会施設整備費補助金)")
        COMMUNITY_GRANT = "community_grant", _("Community grant (コミュニティ助成事業)")
        OWN_FUNDS = "own_funds", _("The group's own funds")
        OTHER = "other", _("Other")

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        APPLIED = "applied", _("Grant applied for")
        DONE = "done", _("Done")

    hall = models.ForeignKey(MeetingHall, on_delete=models.CASCADE, related_name="repairs")
    work = models.CharField(_("work"), max_length=200)
    planned_year = models.PositiveSmallIntegerField(_("year planned (年度)"))
    estimated_cost = models.PositiveIntegerField(_("estimated cost (yen)"))
    funding = models.CharField(_("how it is paid"), max_length=20, choices=Funding.choices)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PLANNED
    )

    class Meta:
        verbose_name = _("repair of a meeting hall")
        verbose_name_plural = _("repairs of meeting halls")
        ordering = ["hall", "planned_year", "pk"]

    def __str__(self) -> str:
        return f"{self.hall}：{self.work}"
