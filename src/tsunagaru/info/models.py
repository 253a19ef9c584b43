"""Events (イベント・講座) and their registrations: the information pillar (情報提供と情報共有 イ).

An event belongs to an organiser (a listed group or a city department, both Organisations),
may have co-organisers, and goes draft → in review → published, or straight to published when
its kind lets the group publish itself (EventKind.needs_review). A published event can be
cancelled or postponed with a reason that everyone registered is told.
"""

from __future__ import annotations

import secrets
from typing import ClassVar

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from tsunagaru.core.models import PictureCopies, TimeStampedModel
from tsunagaru.guideline.models import Translatable


def new_token() -> str:
    return secrets.token_urlsafe(32)


class EventKind(Translatable, TimeStampedModel):
    """A kind of event (講座・研修, 交流会, ボランティア募集, …), kept as data staff can edit."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=50)
    name_en = models.CharField(_("name (English)"), max_length=100, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    needs_review = models.BooleanField(
        _("published after staff review"),
        default=False,
        help_text=_("Otherwise a group publishes events of this kind itself."),
    )
    takes_exhibitors = models.BooleanField(_("takes exhibitor sign-ups"), default=False)

    class Meta:
        verbose_name = _("event kind")
        verbose_name_plural = _("event kinds")
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return self.name


class Event(PictureCopies, TimeStampedModel):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        IN_REVIEW = "in_review", _("Waiting for review")
        PUBLISHED = "published", _("Published")
        CANCELLED = "cancelled", _("Cancelled")
        POSTPONED = "postponed", _("Postponed")

    # Only info.services changes `status`, and only along these moves.
    TRANSITIONS: ClassVar[dict[str, frozenset[str]]] = {
        Status.DRAFT: frozenset({Status.IN_REVIEW, Status.PUBLISHED}),
        Status.IN_REVIEW: frozenset({Status.PUBLISHED, Status.DRAFT}),
        Status.PUBLISHED: frozenset({Status.CANCELLED, Status.POSTPONED}),
        # A postponed event is published again once its new date is set.
        Status.POSTPONED: frozenset({Status.PUBLISHED, Status.CANCELLED}),
        Status.CANCELLED: frozenset(),
    }
    # States in which the event is shown to everyone.
    PUBLIC = (Status.PUBLISHED, Status.CANCELLED, Status.POSTPONED)

    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"))
    organiser = models.ForeignKey(
        "partners.Organisation",
        on_delete=models.PROTECT,
        related_name="events",
        verbose_name=_("organiser"),
    )
    co_organisers = models.ManyToManyField(
        "partners.Organisation",
        blank=True,
        related_name="co_organised_events",
        verbose_name=_("co-organisers"),
    )
    kind = models.ForeignKey(EventKind, on_delete=models.PROTECT, verbose_name=_("kind"))
    program = models.ForeignKey(
        "guideline.Program",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="events",
        verbose_name=_("programme of the guideline"),
    )
    series = models.ForeignKey(
        "EventSeries",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="sessions",
        verbose_name=_("series"),
    )
    place_name = models.CharField(_("place"), max_length=200, blank=True)
    address = models.CharField(_("address"), max_length=300, blank=True)
    area = models.ForeignKey(
        "core.Area",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="events",
        verbose_name=_("area"),
    )
    district = models.ForeignKey(
        "core.District",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="events",
        verbose_name=_("district"),
    )
    online_url = models.URLField(_("online meeting link"), blank=True)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    all_day = models.BooleanField(_("all day"), default=False)
    fee = models.PositiveIntegerField(_("fee (yen)"), default=0, help_text=_("0 for free."))
    fee_note = models.CharField(_("about the fee"), max_length=200, blank=True)
    capacity = models.PositiveIntegerField(
        _("capacity"), null=True, blank=True, help_text=_("Leave empty for no limit.")
    )
    audience = models.CharField(_("who it is for"), max_length=200, blank=True)
    wheelchair = models.BooleanField(_("wheelchair accessible"), default=False)
    sign_language = models.BooleanField(_("sign language interpretation"), default=False)
    childcare = models.BooleanField(_("childcare"), default=False)
    easy_japanese = models.BooleanField(_("in easy Japanese (やさしい日本語)"), default=False)
    accessibility_note = models.CharField(_("more about access"), max_length=300, blank=True)
    contact = models.CharField(_("contact"), max_length=200, blank=True)
    # Shown on the event's page and (as the thumbnail) on its cards; set through
    # core.pictures, which keeps only copies without the upload's metadata.
    image = models.ImageField(_("picture"), upload_to="events/%Y/", blank=True)
    alt_text = models.CharField(
        _("description of the picture"),
        max_length=300,
        blank=True,
        help_text=_("What the picture shows, for people who cannot see it."),
    )
    activity_fields = models.ManyToManyField(
        "guideline.ActivityField", blank=True, related_name="events", verbose_name=_("fields")
    )
    forms = models.ManyToManyField(
        "guideline.Form", blank=True, related_name="events", verbose_name=_("forms")
    )
    domains = models.ManyToManyField(
        "guideline.Domain", blank=True, related_name="events", verbose_name=_("domains")
    )
    registration_required = models.BooleanField(_("registration required"), default=False)
    registration_opens_at = models.DateTimeField(_("registration opens"), null=True, blank=True)
    registration_closes_at = models.DateTimeField(_("registration closes"), null=True, blank=True)
    allow_guests = models.BooleanField(
        _("people without an account may register with name and e-mail"), default=False
    )
    calls_for_presentations = models.BooleanField(
        _("groups may offer a case from the case library to present"), default=False
    )
    questions = models.JSONField(
        _("questions for people registering"),
        default=list,
        blank=True,
        help_text=_("One question a line, e.g. 託児を希望しますか."),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    status_reason = models.TextField(_("reason"), blank=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["starts_at", "pk"]
        indexes = [
            # Lists and calendars filter by status and both ends of the time, sort by the start.
            models.Index(fields=["status", "starts_at", "ends_at"], name="info_event_status_when"),
            models.Index(fields=["organiser", "starts_at"], name="info_event_org_start"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gte=models.F("starts_at")), name="info_event_ends_after_start"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("info:event", args=[self.pk])

    @property
    def is_public(self) -> bool:
        return self.status in self.PUBLIC

    @property
    def is_free(self) -> bool:
        return self.fee == 0

    def can_move_to(self, status: str) -> bool:
        return status in self.TRANSITIONS[self.status]


class EventSeries(TimeStampedModel):
    """Sessions that belong together (a six-session course, a named training)."""

    title = models.CharField(_("title"), max_length=200)
    organiser = models.ForeignKey(
        "partners.Organisation",
        on_delete=models.PROTECT,
        related_name="event_series",
        verbose_name=_("organiser"),
    )
    description = models.TextField(_("description"), blank=True)
    # The guideline's named trainings (地域づくり活動推進スキルアップ研修, …) are its programs.
    program = models.ForeignKey(
        "guideline.Program",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="event_series",
        verbose_name=_("programme of the guideline"),
    )

    class Meta:
        verbose_name = _("series of events")
        verbose_name_plural = _("series of events")
        ordering = ["title", "pk"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("info:series", args=[self.pk])


class Material(TimeStampedModel):
    """A handout or slides for a course: for its participants and organisers, or public."""

    series = models.ForeignKey(
        EventSeries, on_delete=models.CASCADE, related_name="materials", verbose_name=_("series")
    )
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(_("file"), upload_to="events/materials/%Y/")
    public = models.BooleanField(
        _("anyone may download it"),
        default=False,
        help_text=_("Otherwise only people registered for a session and the organisers."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("material")
        verbose_name_plural = _("materials")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.title


class Registration(TimeStampedModel):
    """One person's place at an event: registered, or waiting for a seat, or cancelled.

    The name and e-mail are personal data: seen by the organiser and staff only.
    """

    class Status(models.TextChoices):
        REGISTERED = "registered", _("Registered")
        WAITLISTED = "waitlisted", _("On the waiting list")
        CANCELLED = "cancelled", _("Cancelled")
        # A guest's registration waits for the link in the confirmation mail.
        UNCONFIRMED = "unconfirmed", _("Waiting for e-mail confirmation")

    ACTIVE = (Status.REGISTERED, Status.WAITLISTED)

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="registrations")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="event_registrations",
    )
    name = models.CharField(_("name"), max_length=100)
    email = models.EmailField(_("e-mail address"), blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    answers = models.JSONField(_("answers"), default=dict, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices)
    # Order on the waiting list: the time the person joined it.
    waitlisted_at = models.DateTimeField(null=True, blank=True)
    attended = models.BooleanField(_("attended"), default=False)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Staff or organiser who registered someone who phoned or came in."),
    )
    # The secret in a guest's confirmation link and in every "cancel my place" link.
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    reminded_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["event", "status"], name="info_reg_event_status")]
        constraints = [
            # One live registration per person and event (a double submit cannot make two).
            models.UniqueConstraint(
                fields=["event", "user"],
                condition=Q(user__isnull=False, status__in=["registered", "waitlisted"]),
                name="info_reg_one_per_user",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.event} — {self.pk}"


class CalendarToken(TimeStampedModel):
    """A secret address of a person's own calendar (what they registered for); revocable."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_tokens"
    )
    token = models.CharField(max_length=64, unique=True, default=new_token)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("calendar address")
        verbose_name_plural = _("calendar addresses")

    def __str__(self) -> str:
        return f"{self.user_id}"


class Contribution(TimeStampedModel):
    """A group's part in an event: a booth at つながるフェスタ (exhibitor), or a case from the
    case library presented at a forum. The organiser accepts or declines it."""

    class Kind(models.TextChoices):
        EXHIBITOR = "exhibitor", _("Booth")
        PRESENTATION = "presentation", _("Case presentation")

    class Status(models.TextChoices):
        APPLIED = "applied", _("Applied")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    TRANSITIONS: ClassVar[dict[str, frozenset[str]]] = {
        Status.APPLIED: frozenset({Status.ACCEPTED, Status.DECLINED, Status.WITHDRAWN}),
        Status.ACCEPTED: frozenset({Status.WITHDRAWN}),
        Status.DECLINED: frozenset(),
        Status.WITHDRAWN: frozenset(),
    }

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="contributions")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    organisation = models.ForeignKey(
        "partners.Organisation",
        on_delete=models.CASCADE,
        related_name="event_contributions",
        verbose_name=_("group"),
    )
    case = models.ForeignKey(
        "cases.Case",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="presentations",
        verbose_name=_("case"),
    )
    title = models.CharField(_("what you will show or present"), max_length=200)
    needs = models.TextField(
        _("what you need"), blank=True, help_text=_("Tables, chairs, power, space for a panel…")
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.APPLIED
    )
    reason = models.TextField(_("reason"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("contribution to an event")
        verbose_name_plural = _("contributions to events")
        ordering = ["created_at", "pk"]
        constraints = [
            # One live application per group, event and kind (a double submit makes one).
            models.UniqueConstraint(
                fields=["event", "organisation", "kind"],
                condition=Q(status__in=["applied", "accepted"]),
                name="info_contribution_one_live",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def can_move_to(self, status: str) -> bool:
        return status in self.TRANSITIONS[self.status]


# News articles live in their own module; imported here so they belong to this app.
# 後援名義 requests live in their own module; imported here so Django finds them.
from tsunagaru.info import sponsorship_models  # noqa: E402, F401
from tsunagaru.info.news_models import NewsArticle, NewsTrust  # noqa: E402, F401
