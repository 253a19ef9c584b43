"""The case library (協働事例集): what partners did together, with whom and how."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from tsunagaru.core.models import PictureCopies, TimeStampedModel


class Case(TimeStampedModel):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        CONFIRMING = "confirming", _("Waiting for the partners' confirmation")
        READY = "ready", _("Confirmed by every partner: ready to publish")
        PUBLISHED = "published", _("Published")

    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("summary"), help_text=_("Two or three sentences."))
    background = models.TextField(_("background"), blank=True)
    actions = models.TextField(_("what was done"), blank=True)
    roles = models.TextField(
        _("how the partners shared the work"),
        blank=True,
        help_text=_("What each partner did, and what the city did."),
    )
    results = models.TextField(_("results"), blank=True)
    lessons = models.TextField(_("lessons and tips for others"), blank=True)
    departments = models.CharField(
        _("city departments involved"),
        max_length=300,
        blank=True,
        help_text=_("Separated by commas, e.g. 地域づくり推進課"),
    )
    forms = models.ManyToManyField(
        "guideline.Form", blank=True, related_name="cases", verbose_name=_("forms")
    )
    domain = models.ForeignKey(
        "guideline.Domain",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="cases",
        verbose_name=_("domain"),
    )
    collaboration_type = models.ForeignKey(
        "guideline.CollaborationType",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="cases",
        verbose_name=_("type of collaboration"),
    )
    suitable_fields = models.ManyToManyField(
        "guideline.SuitableField",
        blank=True,
        related_name="cases",
        verbose_name=_("fields suited to collaboration"),
    )
    activity_fields = models.ManyToManyField(
        "guideline.ActivityField", blank=True, related_name="cases", verbose_name=_("fields")
    )
    # The kinds of the registered partners (地域づくり団体, 市民公益団体 …), kept by
    # services._set_partners: the partner-kind facet then counts like the others.
    partner_kinds = models.ManyToManyField(
        "guideline.PartnerKind", blank=True, editable=False, related_name="cases"
    )
    area = models.ForeignKey(
        "core.Area", on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("area")
    )
    district = models.ForeignKey(
        "core.District",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        verbose_name=_("district"),
    )
    fiscal_year = models.PositiveSmallIntegerField(
        _("fiscal year"), help_text=_("The year the case took place, e.g. 2020 for 令和2年度.")
    )
    cost_total = models.PositiveIntegerField(_("total cost (yen)"), null=True, blank=True)
    cost_note = models.TextField(_("how the costs were covered"), blank=True)
    program = models.ForeignKey(
        "guideline.Program",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="cases",
        verbose_name=_("grant or programme used"),
    )
    is_model = models.BooleanField(_("model case (手本事例)"), default=False)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    author_organisation = models.ForeignKey(
        "partners.Organisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="authored_cases",
        verbose_name=_("written by (group)"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)

    class Meta:
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        ordering = ["-fiscal_year", "-published_at", "-pk"]
        indexes = [
            # The list's order, and its counts read from the index alone (PostgreSQL).
            models.Index(fields=["status", "fiscal_year", "published_at", "id"], name="cases_list"),
            # The newest publication first (the feed).
            models.Index(fields=["status", "published_at"], name="cases_status_published"),
            # The last change to any case keys the facet cache.
            models.Index(fields=["updated_at"], name="cases_updated"),
            # Covers the single-valued facets of the case list, counted in one pass.
            models.Index(
                fields=["status", "domain", "collaboration_type", "area", "fiscal_year"],
                name="cases_facets",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("cases:detail", args=[self.pk])

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED

    def department_list(self) -> list[str]:
        text = self.departments.replace("、", ",")
        return [d.strip() for d in text.split(",") if d.strip()]


class CasePartner(models.Model):
    """A partner in a case: a registered group (who confirms its part) or a name."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="partners")
    organisation = models.ForeignKey(
        "partners.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="case_parts",
        verbose_name=_("registered group"),
    )
    name = models.CharField(_("name"), max_length=200)
    role = models.TextField(_("what they did"), blank=True)
    order = models.PositiveSmallIntegerField(default=0)
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("case partner")
        verbose_name_plural = _("case partners")
        ordering = ["order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["case", "organisation"], name="cases_partner_once"),
        ]

    def __str__(self) -> str:
        return self.name


class CasePhoto(PictureCopies):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="photos")
    image = models.ImageField(_("photo"), upload_to="cases/photos/%Y/")
    alt_text = models.CharField(
        _("description of the photo"),
        max_length=300,
        help_text=_("What the photo shows, for people who cannot see it."),
    )
    caption = models.CharField(_("caption"), max_length=200, blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("photo")
        verbose_name_plural = _("photos")
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return self.alt_text


class CaseAttachment(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(_("file"), upload_to="cases/files/%Y/")
    title = models.CharField(_("title"), max_length=200)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.title
