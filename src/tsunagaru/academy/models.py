"""The academy (協働の担い手育成, measure ア): courses, their cohorts per 年度, applications,
progress and certificates (修了証).

A course is data (its aim, audience, curriculum and completion rule); a cohort is one run of a
course in a fiscal year. Its sessions are events of the info app, grouped in an EventSeries,
so registration, attendance and materials are those of the events app and not a copy.
"""

from __future__ import annotations

import secrets
from typing import ClassVar

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from tsunagaru.core.dates import fiscal_year_label
from tsunagaru.core.models import TimeStampedModel
from tsunagaru.guideline.models import Translatable

# Letters that cannot be mistaken for one another when read aloud or typed from paper.
CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


def _english(ja: str, en: str) -> str:
    """`en` when the page is in English and there is an English text, else the Japanese."""
    return en if (get_language() or "").startswith("en") and en else ja


def new_certificate_code() -> str:
    """A random verification code printed on a certificate, e.g. "K7QP-3XMA-W9RT"."""
    raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(12))
    return "-".join(raw[i : i + 4] for i in range(0, 12, 4))


class Course(Translatable, TimeStampedModel):
    """A course of the academy (協働のまちづくりアカデミー（初級編）, …), kept as data."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=100)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    aim = models.TextField(_("aim"))
    aim_en = models.TextField(_("aim (English)"), blank=True)
    audience = models.CharField(_("who it is for"), max_length=300)
    audience_en = models.CharField(_("who it is for (English)"), max_length=300, blank=True)
    program = models.ForeignKey(
        "guideline.Program",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="courses",
        verbose_name=_("programme of the guideline"),
    )
    # The completion rule (修了要件): attend at least `min_sessions` of the curriculum's
    # sessions and, when asked, hand in the assignment (e.g. an action plan for one's district).
    min_sessions = models.PositiveSmallIntegerField(_("sessions to attend at least"))
    requires_assignment = models.BooleanField(_("an assignment is required"), default=False)
    assignment_prompt = models.CharField(_("the assignment"), max_length=300, blank=True)
    assignment_prompt_en = models.CharField(
        _("the assignment (English)"), max_length=300, blank=True
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    is_active = models.BooleanField(_("offered"), default=True)

    class Meta:
        verbose_name = _("course")
        verbose_name_plural = _("courses")
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("academy:course", args=[self.code])

    @property
    def aim_text(self) -> str:
        return _english(self.aim, self.aim_en)

    @property
    def audience_text(self) -> str:
        return _english(self.audience, self.audience_en)

    @property
    def assignment_text(self) -> str:
        return _english(self.assignment_prompt, self.assignment_prompt_en)


class CourseSession(TimeStampedModel):
    """One session of a course's curriculum, with its topics (one a line)."""

    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="sessions")
    number = models.PositiveSmallIntegerField(_("number"))
    title = models.CharField(_("title"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=300, blank=True)
    topics = models.TextField(_("topics"), blank=True, help_text=_("One topic a line."))

    class Meta:
        verbose_name = _("session of the curriculum")
        verbose_name_plural = _("sessions of the curriculum")
        ordering = ["course", "number"]
        constraints = [
            models.UniqueConstraint(fields=["course", "number"], name="academy_session_number"),
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"

    @property
    def label(self) -> str:
        return _english(self.title, self.title_en)

    @property
    def topic_list(self) -> list[str]:
        return [line.strip() for line in self.topics.splitlines() if line.strip()]


class Cohort(TimeStampedModel):
    """One run of a course in a fiscal year (年度). Its sessions are the events of `series`."""

    course = models.ForeignKey(
        Course, on_delete=models.PROTECT, related_name="cohorts", verbose_name=_("course")
    )
    fiscal_year = models.PositiveSmallIntegerField(_("fiscal year"))
    series = models.OneToOneField(
        "info.EventSeries",
        on_delete=models.PROTECT,
        related_name="cohort",
        verbose_name=_("series of events"),
    )
    capacity = models.PositiveIntegerField(_("places"))
    applications_close_at = models.DateTimeField(_("applications close"))
    note = models.TextField(_("note for applicants"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("cohort")
        verbose_name_plural = _("cohorts")
        ordering = ["-fiscal_year", "course__order", "pk"]

    def __str__(self) -> str:
        return f"{fiscal_year_label(self.fiscal_year)} {self.course.name}"

    def get_absolute_url(self) -> str:
        return reverse("academy:cohort", args=[self.pk])


class Application(TimeStampedModel):
    """A person's application to a cohort, with a short motivation; staff decide on it."""

    class Status(models.TextChoices):
        APPLIED = "applied", _("Applied")
        WAITLISTED = "waitlisted", _("On the waiting list")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")
        WITHDRAWN = "withdrawn", _("Withdrawn")
        COMPLETED = "completed", _("Completed")

    # Only academy.services changes `status`, and only along these moves.
    TRANSITIONS: ClassVar[dict[str, frozenset[str]]] = {
        Status.APPLIED: frozenset({Status.ACCEPTED, Status.DECLINED, Status.WITHDRAWN}),
        Status.WAITLISTED: frozenset({Status.ACCEPTED, Status.DECLINED, Status.WITHDRAWN}),
        Status.ACCEPTED: frozenset({Status.COMPLETED, Status.WITHDRAWN}),
        Status.DECLINED: frozenset(),
        Status.WITHDRAWN: frozenset(),
        Status.COMPLETED: frozenset(),
    }
    LIVE = (Status.APPLIED, Status.WAITLISTED, Status.ACCEPTED, Status.COMPLETED)
    WAITING = (Status.APPLIED, Status.WAITLISTED)

    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="applications")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="academy_applications"
    )
    motivation = models.TextField(_("why you want to take part"))
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.APPLIED
    )
    reason = models.TextField(_("reason"), blank=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("application to a course")
        verbose_name_plural = _("applications to courses")
        ordering = ["created_at", "pk"]
        constraints = [
            # One live application per person and cohort (a double submit cannot make two).
            models.UniqueConstraint(
                fields=["cohort", "user"],
                condition=Q(status__in=["applied", "waitlisted", "accepted", "completed"]),
                name="academy_one_application",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.cohort} — {self.user}"

    def get_absolute_url(self) -> str:
        return reverse("academy:application", args=[self.pk])

    def can_move_to(self, status: str) -> bool:
        return status in self.TRANSITIONS[self.status]


class Assignment(TimeStampedModel):
    """What a participant hands in (e.g. an action plan for their district): text or a file."""

    application = models.OneToOneField(
        Application, on_delete=models.CASCADE, related_name="assignment"
    )
    text = models.TextField(_("text"), blank=True)
    file = models.FileField(_("file"), upload_to="academy/assignments/%Y/", blank=True)

    class Meta:
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")

    def __str__(self) -> str:
        return f"{self.application}"


class Feedback(TimeStampedModel):
    """A lecturer's or staff member's feedback to one participant."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="feedback")
    text = models.TextField(_("feedback"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("feedback")
        verbose_name_plural = _("feedback")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.application}"


class Makeup(TimeStampedModel):
    """A make-up (補講) for a missed session: counts as attending that session."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="makeups")
    event = models.ForeignKey(
        "info.Event", on_delete=models.CASCADE, related_name="+", verbose_name=_("session")
    )
    note = models.CharField(_("note"), max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("make-up session")
        verbose_name_plural = _("make-up sessions")
        constraints = [
            models.UniqueConstraint(fields=["application", "event"], name="academy_one_makeup"),
        ]

    def __str__(self) -> str:
        return f"{self.application} — {self.event}"


class Certificate(TimeStampedModel):
    """A certificate of completion (修了証) with a code anyone can check at /academy/verify/.

    `name` is the name printed on it; the public page shows it only while `show_name` is on,
    which the graduate alone switches.
    """

    application = models.OneToOneField(
        Application, on_delete=models.PROTECT, related_name="certificate"
    )
    code = models.CharField(
        _("verification code"), max_length=20, unique=True, default=new_certificate_code
    )
    name = models.CharField(_("name on the certificate"), max_length=110)
    completed_on = models.DateField(_("completed on"))
    show_name = models.BooleanField(
        _("show my name on the verification page"),
        default=False,
        help_text=_("Anyone with the code then sees your name. You can change this any time."),
    )
    # The graduate's consent to show the course beside their volunteer profile, to the groups
    # and districts that may see volunteers (academy.selectors.graduate_profiles).
    on_profile = models.BooleanField(
        _("show this course with my volunteer profile"),
        default=False,
        help_text=_(
            "Groups and districts that can see your volunteer profile then see that you "
            "completed this course."
        ),
    )
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("certificate of completion")
        verbose_name_plural = _("certificates of completion")

    def __str__(self) -> str:
        return self.code

    def get_absolute_url(self) -> str:
        return reverse("academy:verify", args=[self.code])
