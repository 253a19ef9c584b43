"""A 地区振興会's own income (自主財源), year by year: what the 地域運営自立チャレンジ補助金
asks an association to grow — membership fees, its own business, donations and sponsorship,
contracts — beside the city's grants, which are not own income."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from tsunagaru.core.dates import fiscal_year_label
from tsunagaru.core.models import TimeStampedModel


class IncomeRecord(TimeStampedModel):
    """One source of own income in one 年度, as the association's accounts show it."""

    class Source(models.TextChoices):
        FEES = "fees", _("Membership fees (会費)")
        BUSINESS = "business", _("Own business, e.g. sales at events (自主事業)")
        DONATIONS = "donations", _("Donations and sponsorship (寄付・協賛)")
        CONTRACTS = "contracts", _("Contracts, e.g. designated management (受託・指定管理)")
        RENTS = "rents", _("Rents and fees for rooms (使用料)")
        OTHER = "other", _("Other own income")

    organisation = models.ForeignKey(
        "partners.Organisation",
        on_delete=models.CASCADE,
        related_name="income_records",
        verbose_name=_("district association"),
    )
    year = models.PositiveSmallIntegerField(_("year (年度)"))
    source = models.CharField(_("source"), max_length=20, choices=Source.choices)
    description = models.CharField(_("what it is"), max_length=200, blank=True)
    amount = models.PositiveIntegerField(_("amount (yen)"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("own income")
        verbose_name_plural = _("own income")
        ordering = ["organisation", "-year", "source", "pk"]
        indexes = [models.Index(fields=["organisation", "year"], name="community_income_org_year")]

    def __str__(self) -> str:
        return f"{self.get_source_display()}（{fiscal_year_label(self.year)}）"
