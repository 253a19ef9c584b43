"""The support centre (市民活動支援センター): questions and consultations, their referrals, and
groups' registration with the centre.

A question asked on the site and a consultation logged by staff are the same record
(Consultation): the online channel is just one of four ways people come to the centre.
"""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from tsunagaru.core.models import TimeStampedModel
from tsunagaru.guideline.models import Translatable


class Topic(Translatable, TimeStampedModel):
    """What a consultation is about (団体の立ち上げ, 会計・税務, …), kept as data staff can edit."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=50)
    name_en = models.CharField(_("name (English)"), max_length=100, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    is_active = models.BooleanField(_("offered on the question form"), default=True)

    class Meta:
        verbose_name = _("consultation topic")
        verbose_name_plural = _("consultation topics")
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return self.name


class Consultation(TimeStampedModel):
    """One consultation (相談): a question asked on the site, or a call, a visit to the counter
    or a visit by staff, logged by the centre.

    Who asked is a user, or a person by name with a way to answer (e-mail or phone), and
    optionally the group they asked for. `entered_by` is set when staff entered it on the
    asker's behalf (phone, counter): the record says so wherever it is shown.
    """

    class Channel(models.TextChoices):
        ONLINE = "online", _("Online")
        PHONE = "phone", _("Phone")
        COUNTER = "counter", _("At the counter")
        VISIT = "visit", _("Visit")

    class Status(models.TextChoices):
        OPEN = "open", pgettext_lazy("consultation status", "Open")
        ANSWERED = "answered", pgettext_lazy("consultation status", "Answered")
        CLOSED = "closed", pgettext_lazy("consultation status", "Closed")

    # Only support.services changes `status`, refusing any move not listed here.
    TRANSITIONS: ClassVar[dict[str, frozenset[str]]] = {
        Status.OPEN: frozenset({Status.ANSWERED, Status.CLOSED}),
        Status.ANSWERED: frozenset({Status.OPEN, Status.CLOSED}),
        Status.CLOSED: frozenset({Status.OPEN}),
    }

    channel = models.CharField(
        _("channel"), max_length=16, choices=Channel.choices, default=Channel.ONLINE
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.OPEN
    )
    topic = models.ForeignKey(
        Topic, on_delete=models.PROTECT, related_name="consultations", verbose_name=_("topic")
    )
    subject = models.CharField(_("subject"), max_length=200)
    question = models.TextField(_("question"))
    # Who asked: a user, or a person by name (and contact), and the group they asked for.
    asker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="support_questions",
        verbose_name=_("asked by (account)"),
    )
    asker_name = models.CharField(_("name"), max_length=100, blank=True)
    asker_email = models.EmailField(_("e-mail address"), blank=True)
    asker_phone = models.CharField(_("phone number"), max_length=30, blank=True)
    organisation = models.ForeignKey(
        "partners.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="consultations",
        verbose_name=_("group"),
    )
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("entered by staff"),
    )
    # What the centre advised: mailed to the asker and shown on their page.
    answer = models.TextField(_("answer (what was advised)"), blank=True)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # The centre's own notes, never shown to the asker.
    notes = models.TextField(_("notes for the centre"), blank=True)
    follow_up_on = models.DateField(_("follow-up date"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("consultation")
        verbose_name_plural = _("consultations")
        ordering = ["-created_at", "-pk"]
        indexes = [
            # The queue without filters: newest first, a page at a time.
            models.Index(fields=["-created_at", "-id"], name="support_cons_created"),
            models.Index(fields=["status", "-created_at"], name="support_cons_status_created"),
            models.Index(fields=["topic", "-created_at"], name="support_cons_topic_created"),
            models.Index(fields=["channel", "-created_at"], name="support_cons_channel_created"),
            models.Index(fields=["follow_up_on", "status"], name="support_cons_follow_up"),
        ]
        constraints = [
            # An answered consultation says when it was answered.
            models.CheckConstraint(
                condition=~Q(status="answered") | Q(answered_at__isnull=False),
                name="support_cons_answered_at",
            ),
        ]

    def __str__(self) -> str:
        return self.subject

    def get_absolute_url(self) -> str:
        return reverse("support:detail", args=[self.pk])

    def can_move_to(self, status: str) -> bool:
        return status in self.TRANSITIONS[self.status]

    @property
    def on_behalf(self) -> bool:
        """Entered by staff for someone who phoned or came in."""
        return self.entered_by_id is not None

    @property
    def who(self) -> str:
        """The asker's name as staff read it (personal data: centre staff only)."""
        if self.asker_name:
            return self.asker_name
        if self.asker is not None:
            return str(self.asker.full_name or self.asker.display_name)
        return ""


class Referral(TimeStampedModel):
    """A referral (紹介・つなぎ先) made in a consultation, always to a real record.

    Explicit nullable foreign keys, exactly one set and matching `kind` (a constraint says so):
    see docs/decisions/0021-support-consultations.md. Know-how articles used in an answer
    are counted on the article (knowledge.ArticleUse), not as referrals.
    """

    class Kind(models.TextChoices):
        DEPARTMENT = "department", _("A city department")
        GROUP = "group", _("Another group")
        PROGRAM = "program", _("A grant or city program")
        PROPOSAL = "proposal", _("The proposal table (a proposal)")
        ACADEMY = "academy", _("The academy (a course)")

    consultation = models.ForeignKey(
        Consultation, on_delete=models.CASCADE, related_name="referrals"
    )
    kind = models.CharField(_("referred to"), max_length=16, choices=Kind.choices)
    organisation = models.ForeignKey(
        "partners.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="support_referrals",
        verbose_name=_("department or group"),
    )
    program = models.ForeignKey(
        "guideline.Program",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="support_referrals",
        verbose_name=_("grant or program"),
    )
    proposal = models.ForeignKey(
        "proposals.Proposal",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="support_referrals",
        verbose_name=_("proposal"),
    )
    course = models.ForeignKey(
        "academy.Course",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="support_referrals",
        verbose_name=_("course of the academy"),
    )
    note = models.CharField(_("note"), max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("referral")
        verbose_name_plural = _("referrals")
        ordering = ["created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(
                        kind__in=["department", "group"],
                        organisation__isnull=False,
                        program__isnull=True,
                        proposal__isnull=True,
                        course__isnull=True,
                    )
                    | Q(
                        kind="program",
                        organisation__isnull=True,
                        program__isnull=False,
                        proposal__isnull=True,
                        course__isnull=True,
                    )
                    | Q(
                        kind="proposal",
                        organisation__isnull=True,
                        program__isnull=True,
                        proposal__isnull=False,
                        course__isnull=True,
                    )
                    | Q(
                        kind="academy",
                        organisation__isnull=True,
                        program__isnull=True,
                        proposal__isnull=True,
                        course__isnull=False,
                    )
                ),
                name="support_referral_one_target",
            ),
        ]

    def __str__(self) -> str:
        return str(self.target)

    @property
    def target(self) -> object:
        """The record referred to."""
        return self.organisation or self.program or self.proposal or self.course

    @property
    def target_url(self) -> str:
        if self.organisation is not None:
            return self.organisation.get_absolute_url()
        if self.proposal is not None:
            return self.proposal.get_absolute_url()
        if self.course is not None:
            return self.course.get_absolute_url()
        # Programs have no page of their own: the measures page lists each with its anchor.
        return reverse("guideline:measures") + f"#program-{self.program_id}"


class CentreRegistration(TimeStampedModel):
    """A group's registration with the centre (市民活動支援センター登録), one row per application.

    The registration is the gate for the proposal table and the city's grants (奥州市市民公益活動
    の推進に関する条例 第3条(4)). A renewal is a new application; the rows keep the history.
    Whether a group is registered on a day: selectors.is_registered.
    """

    class Status(models.TextChoices):
        APPLIED = "applied", _("Applied")
        REGISTERED = "registered", _("Registered")
        REFUSED = "refused", _("Not registered")

    TRANSITIONS: ClassVar[dict[str, frozenset[str]]] = {
        Status.APPLIED: frozenset({Status.REGISTERED, Status.REFUSED}),
        Status.REGISTERED: frozenset(),
        Status.REFUSED: frozenset(),
    }

    organisation = models.ForeignKey(
        "partners.Organisation",
        on_delete=models.PROTECT,
        related_name="centre_registrations",
        verbose_name=_("group"),
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.APPLIED
    )
    activities = models.TextField(_("what the group does (activity record)"))
    applied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    registered_on = models.DateField(_("registered on"), null=True, blank=True)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    reason = models.TextField(_("reason"), blank=True)

    class Meta:
        verbose_name = _("registration with the centre")
        verbose_name_plural = _("registrations with the centre")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["status", "valid_until"], name="support_reg_status_until"),
            models.Index(fields=["organisation", "status"], name="support_reg_org_status"),
        ]
        constraints = [
            # One application waiting at a time per group.
            models.UniqueConstraint(
                fields=["organisation"],
                condition=Q(status="applied"),
                name="support_reg_one_open_application",
            ),
            models.CheckConstraint(
                condition=~Q(status="registered")
                | Q(
                    registered_on__isnull=False,
                    valid_until__isnull=False,
                    valid_until__gte=models.F("registered_on"),
                ),
                name="support_reg_dates_when_registered",
            ),
        ]

    def __str__(self) -> str:
        return str(self.organisation)

    def can_move_to(self, status: str) -> bool:
        return status in self.TRANSITIONS[self.status]
