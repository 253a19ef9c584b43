"""The district in numbers and its places (施策 エ・カ): population figures as the city publishes
them, the 地区センター and the city's staff for the district (地区担当職員)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from tsunagaru.core.dates import format_wareki
from tsunagaru.core.models import TimeStampedModel


class PopulationFigure(TimeStampedModel):
    """A district's population on one day, copied from a published source (住民基本台帳):
    data with its source and date, never estimated."""

    district = models.ForeignKey(
        "core.District",
        on_delete=models.CASCADE,
        related_name="population_figures",
        verbose_name=_("district"),
    )
    as_of = models.DateField(_("as of"))
    total = models.PositiveIntegerField(_("population"))
    households = models.PositiveIntegerField(_("households"))
    aged_65_over = models.PositiveIntegerField(_("aged 65 and over"))
    under_15 = models.PositiveIntegerField(_("under 15"))
    source = models.CharField(_("source"), max_length=200)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("population figure")
        verbose_name_plural = _("population figures")
        ordering = ["district", "as_of"]
        constraints = [
            models.UniqueConstraint(
                fields=["district", "as_of"], name="community_figure_one_per_day"
            ),
            models.CheckConstraint(
                condition=Q(aged_65_over__lte=F("total"))
                & Q(under_15__lte=F("total"))
                & Q(households__lte=F("total")),
                name="community_figure_parts_within_total",
            ),
        ]

    def __str__(self) -> str:
        # Read in the audit log: the day as people read it.
        return f"{self.district} {format_wareki(self.as_of)}"

    @property
    def aged_share(self) -> float | None:
        """Share of people aged 65 and over (高齢化率), in per cent."""
        return 100 * self.aged_65_over / self.total if self.total else None


class DistrictCentre(TimeStampedModel):
    """The district's 地区センター: where its 振興会 works and residents go."""

    district = models.OneToOneField(
        "core.District", on_delete=models.CASCADE, related_name="centre", verbose_name=_("district")
    )
    name = models.CharField(_("name"), max_length=100)
    address = models.CharField(_("address"), max_length=200, blank=True)
    phone = models.CharField(_("telephone"), max_length=30, blank=True)
    hours = models.CharField(_("opening hours"), max_length=100, blank=True)
    # 指定管理: the group the city has entrusted with running the centre, and for how long.
    manager = models.ForeignKey(
        "partners.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="managed_centres",
        verbose_name=_("designated manager (指定管理者)"),
    )
    managed_from = models.DateField(_("managed from"), null=True, blank=True)
    managed_until = models.DateField(_("managed until"), null=True, blank=True)

    class Meta:
        verbose_name = _("district centre")
        verbose_name_plural = _("district centres")

    def __str__(self) -> str:
        return self.name


class DistrictContact(TimeStampedModel):
    """A member of the city's staff assigned to the district (地区担当職員)."""

    district = models.ForeignKey(
        "core.District",
        on_delete=models.CASCADE,
        related_name="contacts",
        verbose_name=_("district"),
    )
    name = models.CharField(_("name"), max_length=100)
    department = models.CharField(_("department"), max_length=100)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("district contact (地区担当職員)")
        verbose_name_plural = _("district contacts (地区担当職員)")
        ordering = ["district", "order", "pk"]

    def __str__(self) -> str:
        return f"{self.name}（{self.department}）"


# Plans, inventories, income and facilities live in their own modules; Django finds them here.
from tsunagaru.community import (  # noqa: E402, F401
    facility_models,
    income_models,
    inventory_models,
    plan_models,
)
