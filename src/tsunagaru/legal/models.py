"""The site's service pages (terms, privacy, accessibility, contact, operator) and consent.

Each save of a page is a new, immutable version: who, when, why and the body in three
languages. A person's agreement to the terms and the privacy policy is a ConsentRecord naming
the versions they saw.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class Page(models.TextChoices):
    TERMS = "terms", _("Terms of use")
    PRIVACY = "privacy", _("Privacy policy")
    ACCESSIBILITY = "accessibility", _("Accessibility policy")
    CONTACT = "contact", _("Contact")
    OPERATOR = "operator", _("Operator")


# The pages a person agrees to when signing up (and again when a new version needs it).
CONSENT_PAGES = (Page.TERMS, Page.PRIVACY)


class PageVersion(models.Model):
    """One version of a service page. Never changed after it is saved."""

    page = models.CharField(_("page"), max_length=20, choices=Page.choices)
    number = models.PositiveIntegerField(_("version"))
    body_ja = models.TextField(_("text (Japanese)"))
    body_en = models.TextField(_("text (English)"), blank=True)
    body_ja_easy = models.TextField(_("text (Easy Japanese)"), blank=True)
    # Terms and privacy only: a change people must agree to again, or an editorial fix.
    needs_consent = models.BooleanField(_("needs consent again"), default=False)
    reason = models.CharField(_("reason for the change"), max_length=300)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("saved by"),
    )
    created_at = models.DateTimeField(_("saved at"), auto_now_add=True)

    class Meta:
        verbose_name = _("page version")
        verbose_name_plural = _("page versions")
        ordering = ["page", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["page", "number"], name="legal_page_number_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.get_page_display()} v{self.number}"

    def get_absolute_url(self) -> str:
        return reverse(f"legal:{self.page}")

    def body_for(self, language: str) -> str:
        """The body in `language`, falling back to Japanese where that text is empty."""
        body = {"en": self.body_en, "ja-easy": self.body_ja_easy}.get(language, "")
        return body or self.body_ja


class ConsentRecord(models.Model):
    """A person agreed to these versions of the terms and the privacy policy at this time."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="consents",
        verbose_name=_("user"),
    )
    terms = models.ForeignKey(
        PageVersion, on_delete=models.PROTECT, related_name="+", verbose_name=_("terms version")
    )
    privacy = models.ForeignKey(
        PageVersion,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("privacy policy version"),
    )
    agreed_at = models.DateTimeField(_("agreed at"), auto_now_add=True)

    class Meta:
        verbose_name = _("consent record")
        verbose_name_plural = _("consent records")
        ordering = ["-agreed_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.user_id}: {self.terms} / {self.privacy}"
