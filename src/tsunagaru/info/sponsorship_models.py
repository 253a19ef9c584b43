"""後援名義 (sponsorship-name) requests: a group asks the city to lend its name to an event.

The guideline lists 後援 among the nine forms of collaboration (本編 IV-2 (6)): 「主催者が実施する
事業に対して、他のパートナーが事業の趣旨に賛同し、開催を支援する手法」. A speaking member of a
listed group applies (draft → submitted); city staff approve with conditions or refuse with a
reason, each decision a numbered letter (奥協第N号, counted per fiscal year); after the event
the group files a short results report. The usual grounds for refusal are data
(SponsorshipGround), answered yes/no with an explanation on each request.

Imported by info.models, so Django sees these as models of the info app.
"""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from tsunagaru.core.models import TimeStampedModel
from tsunagaru.guideline.models import Translatable


class SponsorshipGround(Translatable, TimeStampedModel):
    """A usual ground for refusing 後援 (commercial, political, religious, …), kept as data.

    Each is a question a group answers yes or no; a "yes" is a concern the reviewer weighs and
    must be explained by the group.
    """

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("question"), max_length=200)
    name_en = models.CharField(_("question (English)"), max_length=300, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    is_active = models.BooleanField(_("asked on new requests"), default=True)

    class Meta:
        verbose_name = _("ground for refusing sponsorship")
        verbose_name_plural = _("grounds for refusing sponsorship")
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return self.name


class SponsorshipRequest(TimeStampedModel):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Waiting for the city's decision")
        APPROVED = "approved", _("Approved")
        REFUSED = "refused", _("Not approved")
        WITHDRAWN = "withdrawn", _("Withdrawn")
        REPORTED = "reported", _("Results report filed")

    # Only info.services.sponsorship changes `status`, and only along these moves.
    TRANSITIONS: ClassVar[dict[str, frozenset[str]]] = {
        Status.DRAFT: frozenset({Status.SUBMITTED, Status.WITHDRAWN}),
        Status.SUBMITTED: frozenset({Status.APPROVED, Status.REFUSED, Status.WITHDRAWN}),
        Status.APPROVED: frozenset({Status.REPORTED}),
        Status.REFUSED: frozenset(),
        Status.WITHDRAWN: frozenset(),
        Status.REPORTED: frozenset(),
    }
    # States whose decision letter exists.
    DECIDED = (Status.APPROVED, Status.REFUSED, Status.REPORTED)
    # States in which the event may say it has the city's 後援.
    SPONSORED = (Status.APPROVED, Status.REPORTED)

    applicant = models.ForeignKey(
        "partners.Organisation",
        on_delete=models.PROTECT,
        related_name="sponsorship_requests",
        verbose_name=_("applying group"),
    )
    department = models.ForeignKey(
        "partners.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="sponsorship_requests_received",
        verbose_name=_("department asked"),
        help_text=_("Leave empty to ask the city itself."),
    )
    event = models.ForeignKey(
        "info.Event",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="sponsorship_requests",
        verbose_name=_("event on this site"),
    )
    title = models.CharField(_("name of the event"), max_length=200)
    purpose = models.TextField(_("purpose and content"))
    organiser = models.CharField(_("organiser"), max_length=200)
    starts_on = models.DateField(_("first day"))
    ends_on = models.DateField(_("last day"))
    place = models.CharField(_("place"), max_length=200)
    fee = models.PositiveIntegerField(_("fee (yen)"), default=0, help_text=_("0 for free."))
    expected_participants = models.PositiveIntegerField(_("expected participants"))
    budget_income = models.PositiveIntegerField(_("income (yen)"), default=0)
    budget_expenses = models.PositiveIntegerField(_("expenses (yen)"), default=0)
    budget_note = models.TextField(
        _("budget breakdown"), blank=True, help_text=_("Main items of income and expenses.")
    )
    contact = models.CharField(_("contact person and phone"), max_length=200)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    conditions = models.TextField(_("conditions"), blank=True)
    # Set by staff on approval: the city (奥州市) or a body with its own name (奥州市教育委員会).
    sponsor_name = models.CharField(
        _("name lent"),
        max_length=100,
        blank=True,
        help_text=_("As the event shows it: 「…後援」."),
    )
    refusal_reason = models.TextField(_("reason for not approving"), blank=True)
    withdrawal_reason = models.TextField(_("reason for withdrawing"), blank=True)
    # The decision letter's number: 「<prefix>第<number>号」, counted per fiscal year (年度).
    letter_year = models.PositiveSmallIntegerField(
        _("fiscal year of the letter"), null=True, blank=True, editable=False
    )
    letter_number = models.PositiveIntegerField(
        _("letter number"), null=True, blank=True, editable=False
    )
    report_participants = models.PositiveIntegerField(_("participants"), null=True, blank=True)
    report_income = models.PositiveIntegerField(_("income (yen)"), null=True, blank=True)
    report_expenses = models.PositiveIntegerField(_("expenses (yen)"), null=True, blank=True)
    report_text = models.TextField(_("how it went"), blank=True)
    reported_at = models.DateTimeField(_("report filed at"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("sponsorship request")
        verbose_name_plural = _("sponsorship requests")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["status", "ends_on"], name="info_sponsor_status_end"),
            models.Index(fields=["applicant", "status"], name="info_sponsor_applicant"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")),
                name="info_sponsor_ends_after_start",
            ),
            # Two letters never carry the same number in one fiscal year.
            models.UniqueConstraint(
                fields=["letter_year", "letter_number"], name="info_sponsor_letter_once"
            ),
            # A decided request has its number; an undecided one has none.
            models.CheckConstraint(
                condition=Q(status__in=["approved", "refused", "reported"], letter_number__gt=0)
                | (~Q(status__in=["approved", "refused", "reported"]) & Q(letter_number=None)),
                name="info_sponsor_letter_when_decided",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("sponsorship:detail", args=[self.pk])

    def can_move_to(self, status: str) -> bool:
        return status in self.TRANSITIONS[self.status]

    @property
    def is_decided(self) -> bool:
        return self.status in self.DECIDED

    @property
    def letter_reference(self) -> str:
        """The decision letter's number as printed, e.g. 奥協第123号 ("" before the decision)."""
        if self.letter_number is None:
            return ""
        return f"{settings.SPONSORSHIP_LETTER_PREFIX}第{self.letter_number}号"


class SponsorshipAnswer(models.Model):
    """A group's answer to one ground for refusal: yes (a concern, explained) or no."""

    request = models.ForeignKey(
        SponsorshipRequest, on_delete=models.CASCADE, related_name="answers"
    )
    ground = models.ForeignKey(SponsorshipGround, on_delete=models.PROTECT, related_name="+")
    concern = models.BooleanField(_("yes"))
    explanation = models.TextField(_("explanation"), blank=True)

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        ordering = ["ground__order", "ground__pk"]
        constraints = [
            models.UniqueConstraint(fields=["request", "ground"], name="info_sponsor_answer_once")
        ]

    def __str__(self) -> str:
        return f"{self.request_id}: {self.ground_id}"


class LetterCounter(models.Model):
    """The last number given to a sponsorship decision letter in a fiscal year (年度)."""

    fiscal_year = models.PositiveSmallIntegerField(unique=True)
    last = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("letter counter")
        verbose_name_plural = _("letter counters")

    def __str__(self) -> str:
        return f"{self.fiscal_year}: {self.last}"
