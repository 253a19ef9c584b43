"""Introductions between partners, the connections they make, and what teaches the matcher."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Greatest, Least
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from tsunagaru.core.models import TimeStampedModel


class GlossaryGroup(TimeStampedModel):
    """Words that mean the same here (雪はね・雪かき・除雪): kept by coordinators in the site."""

    words = models.TextField(
        _("words"), help_text=_("Words that mean the same thing, separated by commas or spaces.")
    )
    note = models.CharField(_("note"), max_length=200, blank=True)
    is_active = models.BooleanField(_("in use"), default=True)

    class Meta:
        verbose_name = _("glossary entry")
        verbose_name_plural = _("glossary")
        ordering = ["pk"]

    def __str__(self) -> str:
        return "・".join(self.word_list())

    def clean(self) -> None:
        if len(self.word_list()) < 2:
            raise ValidationError(
                {"words": _("Write at least two words that mean the same thing.")},
                code="too_few_words",
            )

    def word_list(self) -> list[str]:
        text = self.words.replace("、", ",").replace("・", ",").replace("　", " ")
        return [w.strip() for part in text.split(",") for w in part.split() if w.strip()]


class Introduction(TimeStampedModel):
    """A request to be introduced (つながりたい), answered by the other side."""

    class Status(models.TextChoices):
        REQUESTED = "requested", _("Waiting for an answer")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    class Via(models.TextChoices):
        DIRECT = "direct", _("Directly")
        COORDINATOR = "coordinator", _("Through a coordinator")

    requester = models.ForeignKey(
        "partners.Organisation", on_delete=models.CASCADE, related_name="introductions_sent"
    )
    recipient = models.ForeignKey(
        "partners.Organisation", on_delete=models.CASCADE, related_name="introductions_received"
    )
    need = models.ForeignKey(
        "partners.Need",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="introductions",
        verbose_name=_("need"),
    )
    via = models.CharField(_("how"), max_length=20, choices=Via.choices, default=Via.DIRECT)
    message = models.TextField(_("message"))
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.REQUESTED
    )
    response = models.TextField(_("answer"), blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    reminded_at = models.DateTimeField(_("reminded at"), null=True, blank=True)

    class Meta:
        verbose_name = _("introduction")
        verbose_name_plural = _("introductions")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(requester=F("recipient")), name="matching_intro_not_self"
            ),
            # One open request at a time between the same two groups, whoever asked whom
            # (A→B and B→A are one pair): the service checks first and says why; this holds
            # when two requests pass that check at once (a double submit, both sides asking).
            models.UniqueConstraint(
                Least("requester", "recipient"),
                Greatest("requester", "recipient"),
                condition=Q(status="requested"),
                name="matching_intro_one_open_pair",
            ),
        ]
        indexes = [models.Index(fields=["status", "created_at"], name="matching_intro_status")]

    def __str__(self) -> str:
        return f"{self.requester} → {self.recipient}"


class Connection(TimeStampedModel):
    """Two groups that got to know each other, and through what. Stored once per pair and
    source, the smaller id first, so the network counts each link once."""

    class Source(models.TextChoices):
        MATCHING = "matching", _("Suggested by the matcher")
        COORDINATOR = "coordinator", _("Introduced by a coordinator")
        PROPOSAL = "proposal", _("Proposal table")
        EVENT = "event", _("Event")
        CASE = "case", _("Collaboration case")

    first = models.ForeignKey(
        "partners.Organisation", on_delete=models.CASCADE, related_name="connections_first"
    )
    second = models.ForeignKey(
        "partners.Organisation", on_delete=models.CASCADE, related_name="connections_second"
    )
    source = models.CharField(_("through"), max_length=20, choices=Source.choices)
    introduction = models.OneToOneField(
        Introduction, on_delete=models.SET_NULL, null=True, blank=True, related_name="connection"
    )
    connected_on = models.DateField(_("connected on"))
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("connection")
        verbose_name_plural = _("connections")
        ordering = ["-connected_on", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(first__lt=F("second")), name="matching_conn_order"),
        ]

    def __str__(self) -> str:
        return f"{self.first} ↔ {self.second}"


class Feedback(TimeStampedModel):
    """A user's word on one suggestion: helpful or not. One per user, need and partner."""

    need = models.ForeignKey("partners.Need", on_delete=models.CASCADE, related_name="+")
    organisation = models.ForeignKey(
        "partners.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    helpful = models.BooleanField(_("helpful"))

    class Meta:
        verbose_name = _("feedback on a suggestion")
        verbose_name_plural = _("feedback on suggestions")
        constraints = [
            models.UniqueConstraint(
                fields=["need", "organisation", "user"], name="matching_feedback_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.need_id}/{self.organisation_id}: {self.helpful}"


class PersonIntroduction(TimeStampedModel):
    """A group asks to meet an individual volunteer who agreed to be suggested; the person
    answers. Until they accept, the group knows neither their name nor how to reach them."""

    class Status(models.TextChoices):
        REQUESTED = "requested", _("Waiting for an answer")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    organisation = models.ForeignKey(
        "partners.Organisation",
        on_delete=models.CASCADE,
        related_name="person_introductions",
        verbose_name=_("group"),
    )
    volunteer = models.ForeignKey(
        "partners.VolunteerProfile",
        on_delete=models.CASCADE,
        related_name="introductions",
        verbose_name=_("volunteer"),
    )
    need = models.ForeignKey(
        "partners.Need",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="person_introductions",
        verbose_name=_("need"),
    )
    message = models.TextField(_("message"))
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.REQUESTED
    )
    response = models.TextField(_("answer"), blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)

    class Meta:
        verbose_name = _("introduction to a volunteer")
        verbose_name_plural = _("introductions to volunteers")
        ordering = ["-created_at", "-pk"]
        constraints = [
            # One open request from a group to a person: the service checks first and says
            # why; this holds when two requests pass that check at once (a double submit).
            models.UniqueConstraint(
                fields=["organisation", "volunteer"],
                condition=Q(status="requested"),
                name="matching_person_intro_one_open",
            ),
        ]

    def __str__(self) -> str:
        # No name: the audit log and admin lists show the person only by number.
        return f"{self.organisation} → #{self.volunteer_id}"

    def get_absolute_url(self) -> str:
        return reverse("matching:person_introduction", args=[self.pk])


class IndexChange(models.Model):
    """Something the matching index must take in, numbered in the order it happened.

    Written in the same transaction as the change itself (matching.services.index_change_record).
    A stored index (`manage.py matching_index`) remembers the last number it contains; every
    process applies the changes numbered after that before it ranks, so all processes agree.
    """

    class Kind(models.TextChoices):
        GROUP = "group", _("A group's profile, offers, needs or status")
        EVIDENCE = "evidence", _("New evidence for the matcher")
        EVIDENCE_REVISED = "evidence_revised", _("Evidence for the matcher withdrawn")
        GLOSSARY = "glossary", _("The glossary")

    id = models.BigAutoField(primary_key=True)  # the sequence number
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    # A plain number, not a foreign key: the change outlives a deleted group.
    organisation_id = models.BigIntegerField(_("group"), null=True, blank=True)
    # For evidence: {"text": what the need was, "helper": the group that answered, "weight"}.
    payload = models.JSONField(_("details"), default=dict, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("change for the matching index")
        verbose_name_plural = _("changes for the matching index")
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.pk}: {self.kind} {self.organisation_id or ''}".strip()
