"""Texts people wrote, in the reader's language (issue 18): a version of one field of a case,
an event or a news article in やさしい日本語, English or any language later added to
settings.LANGUAGES, written by its author or a volunteer translator; the translators; and how
often each text is read, so translators start with the most-read."""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

from tsunagaru.core.models import TimeStampedModel


class TextVersion(TimeStampedModel):
    """One field of one record in another language. `source` keeps the original as it was
    when this was written: when the original changes, the version is shown as out of date."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    field = models.CharField(_("part"), max_length=50)
    language = models.CharField(_("language"), max_length=16)
    text = models.TextField(_("text"))
    source = models.TextField(_("original when written"))
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="text_versions",
        verbose_name=_("written by"),
    )

    class Meta:
        verbose_name = _("text in another language")
        verbose_name_plural = _("texts in other languages")
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "field", "language"],
                name="translations_one_version_per_language",
            )
        ]
        indexes = [
            models.Index(
                fields=["content_type", "object_id", "language"], name="translations_version_of"
            )
        ]

    def __str__(self) -> str:
        return f"{self.content_type.model} {self.object_id} {self.field} ({self.language})"


class Translator(TimeStampedModel):
    """A volunteer translator, appointed by the city's staff for some languages."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="translator"
    )
    # Language codes of settings.LANGUAGES, comma-separated ("en,ja-easy").
    languages = models.CharField(_("languages"), max_length=200)
    is_active = models.BooleanField(_("active"), default=True)
    appointed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        verbose_name = _("translator")
        verbose_name_plural = _("translators")
        ordering = ["user__display_name", "pk"]

    def __str__(self) -> str:
        return str(self.user)

    @property
    def language_codes(self) -> list[str]:
        return [code for code in self.languages.split(",") if code]


class ReadCount(models.Model):
    """How many times a text's page was opened: the translation queue starts with the
    most-read texts that have no version yet."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id"], name="translations_one_count_per_text"
            )
        ]
        indexes = [models.Index(fields=["-count"], name="translations_most_read")]

    def __str__(self) -> str:
        return f"{self.content_type_id}:{self.object_id} ({self.count})"
