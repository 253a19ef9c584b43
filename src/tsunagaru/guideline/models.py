"""The guideline (協働のまちづくり指針) as versioned data.

Every classified record elsewhere (a case, a project, a grant) points at a row here. A new
edition never edits a row that records may point at: renaming creates a new row that `replaces`
the old one, and retiring sets `retired_in`. Old records therefore keep showing what they were
filed under, and in which edition. Only guideline.services changes these tables.
"""

from __future__ import annotations

from typing import Any

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from tsunagaru.core.models import TimeStampedModel


class Translatable:
    """`label` and `text` pick the English field when the page is in English."""

    name: str
    name_en: str

    @property
    def label(self) -> str:
        if (get_language() or "").startswith("en") and self.name_en:
            return self.name_en
        return self.name


class Edition(Translatable, TimeStampedModel):
    """One stage of the guideline, e.g. 第3ステージ (令和3年3月《改訂版》)."""

    code = models.SlugField(_("code"), max_length=30, unique=True)
    number = models.PositiveSmallIntegerField(_("number"), unique=True)
    name = models.CharField(_("name"), max_length=50)
    name_en = models.CharField(_("name (English)"), max_length=100, blank=True)
    title = models.CharField(_("title"), max_length=100)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    published_on = models.DateField(_("published on"))
    published_label = models.CharField(_("publication date as printed"), max_length=30)
    publisher = models.CharField(_("publisher"), max_length=100, blank=True)
    target_fiscal_year = models.PositiveSmallIntegerField(
        _("target fiscal year"), null=True, blank=True
    )
    goal = models.CharField(_("goal"), max_length=100, blank=True)
    is_current = models.BooleanField(_("current edition"), default=False)

    class Meta:
        verbose_name = _("edition")
        verbose_name_plural = _("editions")
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(
                fields=["is_current"], condition=Q(is_current=True), name="guideline_one_current"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name}（{self.published_label} {self.title}）"


class VersionedQuerySet(models.QuerySet[Any]):
    def in_edition(self, edition: Edition) -> VersionedQuerySet:
        """Rows in force in `edition`: introduced by then and not yet retired."""
        return self.filter(introduced_in__number__lte=edition.number).filter(
            Q(retired_in__isnull=True) | Q(retired_in__number__gt=edition.number)
        )


class Versioned(TimeStampedModel):
    introduced_in = models.ForeignKey(
        Edition, on_delete=models.PROTECT, related_name="+", verbose_name=_("introduced in")
    )
    retired_in = models.ForeignKey(
        Edition,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=_("retired in"),
    )
    replaces = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        related_name="replaced_by",
        null=True,
        blank=True,
        verbose_name=_("replaces"),
    )

    objects = VersionedQuerySet.as_manager()

    class Meta:
        abstract = True

    def is_in_force(self, edition: Edition) -> bool:
        if self.introduced_in.number > edition.number:
            return False
        return self.retired_in is None or self.retired_in.number > edition.number


class PartnerKind(Translatable, Versioned):
    """A kind of collaboration partner (協働の担い手) and its expected role (本編 II-2)."""

    number = models.PositiveSmallIntegerField(_("number"))
    code = models.SlugField(_("code"), max_length=40)
    name = models.CharField(_("name"), max_length=50)
    name_en = models.CharField(_("name (English)"), max_length=100, blank=True)
    role = models.TextField(_("expected role"))
    role_en = models.TextField(_("expected role (English)"), blank=True)

    class Meta:
        verbose_name = _("partner kind")
        verbose_name_plural = _("partner kinds")
        ordering = ["number", "pk"]

    def __str__(self) -> str:
        return self.name


class OrganisationKind(Translatable, Versioned):
    """A kind of organisation in the partner registry (地区振興会, NPO法人, …)."""

    code = models.SlugField(_("code"), max_length=40)
    name = models.CharField(_("name"), max_length=50)
    name_en = models.CharField(_("name (English)"), max_length=100, blank=True)
    partner_kind = models.ForeignKey(
        PartnerKind, on_delete=models.PROTECT, related_name="organisation_kinds"
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("organisation kind")
        verbose_name_plural = _("organisation kinds")
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return self.name


class Principle(Translatable, Versioned):
    """One of the six principles of collaboration (協働の原則, 本編 III)."""

    number = models.PositiveSmallIntegerField(_("number"))
    name = models.CharField(_("name"), max_length=50)
    name_en = models.CharField(_("name (English)"), max_length=100, blank=True)
    description = models.TextField(_("description"))
    description_en = models.TextField(_("description (English)"), blank=True)

    class Meta:
        verbose_name = _("principle")
        verbose_name_plural = _("principles")
        ordering = ["number", "pk"]

    def __str__(self) -> str:
        return f"{self.number} {self.name}"

    def get_absolute_url(self) -> str:
        return reverse("guideline:principle", args=[self.number])


class Domain(Translatable, Versioned):
    """A domain A–E (協働の領域): how far the city is involved."""

    class Sphere(models.TextChoices):
        CITIZEN = "citizen", _("Citizens' activity")
        COLLABORATION = "collaboration", _("Collaboration")
        CITY = "city", _("City's activity")

    code = models.CharField(_("code"), max_length=1)
    name = models.CharField(_("name"), max_length=50)
    name_en = models.CharField(_("name (English)"), max_length=100, blank=True)
    description = models.TextField(_("description"))
    description_en = models.TextField(_("description (English)"), blank=True)
    sphere = models.CharField(_("sphere"), max_length=20, choices=Sphere.choices)

    class Meta:
        verbose_name = _("domain")
        verbose_name_plural = _("domains")
        ordering = ["code", "pk"]

    def __str__(self) -> str:
        return f"{self.code}：{self.name}"

    def get_absolute_url(self) -> str:
        return reverse("guideline:domain", args=[self.code])


class CollaborationType(Translatable, Versioned):
    """One of the four types (類型) of collaboration."""

    number = models.PositiveSmallIntegerField(_("number"))
    name = models.CharField(_("name"), max_length=50)
    name_en = models.CharField(_("name (English)"), max_length=100, blank=True)
    description = models.TextField(_("description"))
    description_en = models.TextField(_("description (English)"), blank=True)
    domain = models.ForeignKey(Domain, on_delete=models.PROTECT, related_name="types")

    class Meta:
        verbose_name = _("type of collaboration")
        verbose_name_plural = _("types of collaboration")
        ordering = ["number", "pk"]

    def __str__(self) -> str:
        return self.name


class ExplainedWithExamples(Translatable, Versioned):
    """A numbered item the guideline explains and illustrates with 【事例】 (forms, fields)."""

    number = models.PositiveSmallIntegerField(_("number"))
    name = models.CharField(_("name"), max_length=50)
    name_en = models.CharField(_("name (English)"), max_length=100, blank=True)
    description = models.TextField(_("description"))
    description_en = models.TextField(_("description (English)"), blank=True)
    examples = models.JSONField(_("examples"), default=list)
    examples_text = models.TextField(_("examples as printed"), blank=True)
    examples_en = models.TextField(_("examples (English)"), blank=True)

    class Meta:
        abstract = True
        ordering = ["number", "pk"]

    def __str__(self) -> str:
        return self.name


class Form(ExplainedWithExamples):
    """One of the nine forms of collaboration (協働の形態, 本編 IV-2)."""

    class Meta(ExplainedWithExamples.Meta):
        verbose_name = _("form of collaboration")
        verbose_name_plural = _("forms of collaboration")

    def get_absolute_url(self) -> str:
        return reverse("guideline:form", args=[self.number])


class SuitableField(ExplainedWithExamples):
    """One of the six fields suited to collaboration (協働に適した分野, 本編 IV-3)."""

    class Meta(ExplainedWithExamples.Meta):
        verbose_name = _("suitable field")
        verbose_name_plural = _("suitable fields")

    def get_absolute_url(self) -> str:
        return reverse("guideline:field", args=[self.number])


class NpoCategory(models.Model):
    """The 20 activity fields of 特定非営利活動促進法 別表, the national NPO taxonomy."""

    number = models.PositiveSmallIntegerField(_("number"), unique=True)
    name = models.CharField(_("name"), max_length=100)
    short_name = models.CharField(_("short name"), max_length=30)

    class Meta:
        verbose_name = _("NPO activity category")
        verbose_name_plural = _("NPO activity categories")
        ordering = ["number"]

    def __str__(self) -> str:
        return f"{self.number} {self.short_name}"


class ActivityField(Translatable, TimeStampedModel):
    """An activity field (防災, 福祉, …) for classifying groups and needs. Editable by staff."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=50)
    name_en = models.CharField(_("name (English)"), max_length=100, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    is_active = models.BooleanField(_("active"), default=True)
    npo_categories = models.ManyToManyField(
        NpoCategory, blank=True, related_name="activity_fields", verbose_name=_("NPO categories")
    )

    class Meta:
        verbose_name = _("activity field")
        verbose_name_plural = _("activity fields")
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return self.name


class Pillar(Translatable, Versioned):
    """One of the four pillars of the city's measures (協働推進施策の柱)."""

    number = models.PositiveSmallIntegerField(_("number"))
    name = models.CharField(_("name"), max_length=50)
    name_en = models.CharField(_("name (English)"), max_length=100, blank=True)
    is_priority = models.BooleanField(_("priority theme"), default=False)

    class Meta:
        verbose_name = _("pillar")
        verbose_name_plural = _("pillars")
        ordering = ["number", "pk"]

    def __str__(self) -> str:
        return self.name


class Measure(Translatable, Versioned):
    """A measure ア–ス (協働推進施策 小分類)."""

    pillar = models.ForeignKey(Pillar, on_delete=models.PROTECT, related_name="measures")
    code = models.CharField(_("code"), max_length=4)
    name = models.CharField(_("name"), max_length=100)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    heading_name = models.CharField(
        _("name in the section heading"),
        max_length=100,
        blank=True,
        help_text=_("Where the guideline's section heading words the measure differently."),
    )
    description = models.TextField(_("description"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("measure")
        verbose_name_plural = _("measures")
        ordering = ["order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["code", "introduced_in"], name="guideline_measure_code_per_edition"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class Program(Translatable, Versioned):
    """A program (実践する主な事務事業) under a measure, with its status in its edition."""

    class Status(models.TextChoices):
        NEW = "new", _("New")
        CONTINUED = "continued", _("Continued")
        REVISED = "revised", _("Revised")

    # How the guideline prints each status.
    STATUS_JA: dict[str, str] = {"new": "新規", "continued": "継続", "revised": "見直し"}

    measure = models.ForeignKey(Measure, on_delete=models.PROTECT, related_name="programs")
    name = models.CharField(_("name"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=300, blank=True)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("program")
        verbose_name_plural = _("programs")
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return self.name

    @property
    def status_ja(self) -> str:
        return self.STATUS_JA[self.status]
