from __future__ import annotations

import uuid
from typing import ClassVar

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from tsunagaru.core import municipality_code


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        abstract = True


class PictureCopies(models.Model):
    """The size of a kept picture (its display copy, see core.images) and its thumbnail for
    cards, so that pages give every <img> its width and height. Empty for pictures uploaded
    before copies were made; pages then show the picture without a size."""

    width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    thumbnail = models.FileField(upload_to="thumbnails/%Y/", blank=True, editable=False)
    thumbnail_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    thumbnail_height = models.PositiveIntegerField(null=True, blank=True, editable=False)

    class Meta:
        abstract = True


def validate_municipality_code(value: str) -> None:
    if not municipality_code.is_valid(value):
        raise ValidationError(
            _("Enter the six-digit local government code with its check digit (e.g. 032158)."),
            code="invalid_municipality_code",
        )


class Municipality(TimeStampedModel):
    """A municipality (地方公共団体) that runs this platform. Oshu City is the default."""

    code = models.CharField(
        _("local government code"),
        max_length=6,
        unique=True,
        validators=[validate_municipality_code],
        help_text=_("全国地方公共団体コード: six digits including the check digit."),
    )
    name = models.CharField(_("name"), max_length=50)
    name_kana = models.CharField(_("name (kana)"), max_length=100, blank=True)
    name_en = models.CharField(_("name (English)"), max_length=100, blank=True)
    prefecture = models.CharField(_("prefecture"), max_length=10)
    website = models.URLField(_("website"), blank=True)
    # The city's desk for questions about this site (お問い合わせ窓口), shown on /contact/.
    contact_desk = models.CharField(_("contact desk"), max_length=100, blank=True)
    contact_address = models.CharField(_("contact address"), max_length=200, blank=True)
    contact_phone = models.CharField(_("contact telephone"), max_length=30, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    contact_hours = models.CharField(_("opening hours"), max_length=100, blank=True)
    contact_url = models.URLField(_("contact page"), blank=True)

    class Meta:
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.prefecture}{self.name}"

    @property
    def label(self) -> str:
        """The name in the reader's language ("Oshu City" on English pages)."""
        if (get_language() or "").startswith("en") and self.name_en:
            return self.name_en
        return self.name

    @property
    def full_label(self) -> str:
        """With its prefecture in Japanese (岩手県奥州市); the English name alone in English."""
        if (get_language() or "").startswith("en") and self.name_en:
            return self.name_en
        return str(self)


class Area(TimeStampedModel):
    """An area (区・旧市町村) of the municipality, e.g. 水沢区. Editable data, not code."""

    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="areas", verbose_name=_("municipality")
    )
    slug = models.SlugField(_("identifier"), max_length=50)
    name = models.CharField(_("name"), max_length=50)
    name_kana = models.CharField(_("name (kana)"), max_length=100, blank=True)
    name_en = models.CharField(_("name (English)"), max_length=100, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("area")
        verbose_name_plural = _("areas")
        ordering = ["municipality", "order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["municipality", "slug"], name="core_area_unique_slug"),
        ]

    def __str__(self) -> str:
        # Choices in forms and filters name it in the reader's language.
        return self.label

    @property
    def label(self) -> str:
        """The name in the reader's language: the romaji (Hepburn) of the places data on
        English pages, the Japanese name otherwise."""
        if (get_language() or "").startswith("en") and self.name_en:
            return self.name_en
        return self.name


class District(TimeStampedModel):
    """A district (地区), the area of one 地区センター and its 地区振興会."""

    area = models.ForeignKey(
        Area, on_delete=models.PROTECT, related_name="districts", verbose_name=_("area")
    )
    slug = models.SlugField(_("identifier"), max_length=50)
    name = models.CharField(_("name"), max_length=50)
    name_kana = models.CharField(_("name (kana)"), max_length=100, blank=True)
    name_en = models.CharField(_("name (English)"), max_length=100, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("district")
        verbose_name_plural = _("districts")
        ordering = ["area__order", "order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["area", "slug"], name="core_district_unique_slug"),
        ]

    def __str__(self) -> str:
        # Choices in forms and filters name it in the reader's language.
        return self.label

    @property
    def label(self) -> str:
        """The name in the reader's language: the romaji (Hepburn) of the places data on
        English pages, the Japanese name otherwise."""
        if (get_language() or "").startswith("en") and self.name_en:
            return self.name_en
        return self.name


class Job(TimeStampedModel):
    """A background task started by a user, with progress the user can watch.

    django-tasks records whether a task ran; this adds who started it, how far it got and
    where its result is, so the page that started it can show a progress bar.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting to start")
        RUNNING = "running", _("Running")
        SUCCEEDED = "succeeded", _("Finished")
        FAILED = "failed", _("Failed")

    TRANSITIONS: ClassVar[dict[str, frozenset[str]]] = {
        Status.QUEUED: frozenset({Status.RUNNING, Status.SUCCEEDED, Status.FAILED}),
        Status.RUNNING: frozenset({Status.RUNNING, Status.SUCCEEDED, Status.FAILED}),
        Status.SUCCEEDED: frozenset(),
        Status.FAILED: frozenset(),
    }

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    kind = models.CharField(_("kind"), max_length=64)
    label = models.CharField(_("label"), max_length=200)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="jobs"
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.QUEUED
    )
    done = models.PositiveIntegerField(_("done"), default=0)
    total = models.PositiveIntegerField(_("total"), default=0)
    message = models.CharField(_("message"), max_length=500, blank=True)
    result_file = models.FileField(_("result"), upload_to="jobs/%Y/%m/", blank=True)
    task_result_id = models.CharField(max_length=64, blank=True)

    class Meta:
        verbose_name = _("background job")
        verbose_name_plural = _("background jobs")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.label

    def get_absolute_url(self) -> str:
        return reverse("core:job_detail", args=[self.pk])

    @property
    def percent(self) -> int:
        if self.status == self.Status.SUCCEEDED:
            return 100
        if not self.total:
            return 0
        return min(100, self.done * 100 // self.total)

    @property
    def is_finished(self) -> bool:
        return self.status in (self.Status.SUCCEEDED, self.Status.FAILED)


class WordReading(TimeStampedModel):
    """A reading the site's furigana must use (issue 18): names Sudachi reads wrongly or does
    not know, such as a group's name or a local word. Edited by the city's staff in the site
    (core.services.word_reading_save, audited); the places data's readings come first, these
    on top of them."""

    surface = models.CharField(_("word"), max_length=50, unique=True)
    reading = models.CharField(_("reading (hiragana)"), max_length=100)
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("word reading")
        verbose_name_plural = _("word readings")
        ordering = ["surface"]

    def __str__(self) -> str:
        return f"{self.surface} ({self.reading})"
