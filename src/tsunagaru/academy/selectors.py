"""Reads of the academy: courses, cohorts, applications and each person's progress."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from django.db.models import (
    Count,
    DateField,
    Exists,
    ExpressionWrapper,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
)
from django.utils import timezone
from django.utils.translation import gettext as _

from tsunagaru.academy.models import Application, Certificate, Cohort, Course
from tsunagaru.academy.rules import meets_rule, needs_makeup
from tsunagaru.core.models import Area
from tsunagaru.core.templatetags.japanese_dates import fiscal_year_text
from tsunagaru.info.models import Event, Registration
from tsunagaru.matching.models import PersonIntroduction
from tsunagaru.partners.models import Membership, Organisation, VolunteerProfile


def course_list() -> QuerySet[Course]:
    """Courses offered, with their curriculum, in the guideline's order."""
    return Course.objects.filter(is_active=True).prefetch_related("sessions")


def cohort_list(*, course: Course | None = None) -> QuerySet[Cohort]:
    """Cohorts, newest fiscal year first, with the number of places taken."""
    cohorts = Cohort.objects.select_related("course", "series")
    if course is not None:
        cohorts = cohorts.filter(course=course)
    return cohorts.annotate(
        taken=Count("applications", filter=Q(applications__status__in=["accepted", "completed"])),
        waiting=Count("applications", filter=Q(applications__status__in=["applied", "waitlisted"])),
    )


def cohort_sessions(cohort: Cohort) -> list[Event]:
    """The cohort's sessions (events of its series), in the order they are held."""
    return list(
        cohort.series.sessions.exclude(status=Event.Status.CANCELLED).order_by("starts_at", "pk")
    )


def applications_of(cohort: Cohort) -> QuerySet[Application]:
    """Every application to the cohort with the applicant (personal data: staff only)."""
    return cohort.applications.select_related("user").order_by("created_at", "pk")


def my_applications(user: Any) -> QuerySet[Application]:
    return (
        Application.objects.filter(user=user)
        .select_related("cohort__course", "certificate")
        .order_by("-created_at")
    )


def graduates_per_year() -> dict[int, int]:
    """How many people completed a course, per fiscal year (年度) of their cohort: a measure
    of the guideline's evaluation (施策 ア)."""
    rows = (
        Certificate.objects.values_list("application__cohort__fiscal_year")
        .annotate(count=Count("pk"))
        .order_by("-application__cohort__fiscal_year")
    )
    return dict(rows)


def certificate_get(code: str) -> Certificate | None:
    """The certificate with this verification code (any case, spaces ignored), or None."""
    cleaned = "".join(code.split()).upper()
    return (
        Certificate.objects.select_related("application__cohort__course")
        .filter(code=cleaned)
        .first()
    )


@dataclass
class Progress:
    """One participant's record in a cohort against the course's completion rule."""

    application: Application
    # Per session, in order: True came (or made it up), False missed, None not yet held.
    marks: list[bool | None] = field(default_factory=list)
    made_up: set[int] = field(default_factory=set)  # events made up
    attended: int = 0
    missed: int = 0
    assignment_done: bool = False
    meets_rule: bool = False
    needs_makeup: bool = False

    @property
    def missed_sessions(self) -> list[int]:
        """Indexes (0-based) of the sessions missed and not made up."""
        return [i for i, mark in enumerate(self.marks) if mark is False]


def cohort_progress(cohort: Cohort, *, only: Application | None = None) -> list[Progress]:
    """The progress of everyone accepted (or completed) in the cohort, or of `only`, with a
    fixed number of queries: attendance is read from the events app's registrations."""
    sessions = cohort_sessions(cohort)
    people = cohort.applications.filter(status__in=["accepted", "completed"]).select_related(
        "user", "assignment", "certificate"
    )
    if only is not None:
        people = people.filter(pk=only.pk)
    people = people.prefetch_related(Prefetch("makeups"))
    applications = list(people)
    came: dict[int, set[int]] = defaultdict(set)
    rows = Registration.objects.filter(
        event__in=[s.pk for s in sessions],
        user__in=[a.user_id for a in applications],
        status=Registration.Status.REGISTERED,
        attended=True,
    ).values_list("user_id", "event_id")
    for user_id, event_id in rows:
        came[user_id].add(event_id)
    # The curriculum may have sessions not yet scheduled: they still count towards N.
    total = max(len(sessions), cohort.course.sessions.count())
    now = timezone.now()
    return [_progress(a, sessions, came[a.user_id], now, total) for a in applications]


def application_progress(application: Application) -> Progress | None:
    found = cohort_progress(application.cohort, only=application)
    return found[0] if found else None


def _progress(
    application: Application, sessions: list[Event], came: set[int], now: Any, total: int
) -> Progress:
    course = application.cohort.course
    made_up = {m.event_id for m in application.makeups.all()}
    progress = Progress(application=application, made_up=made_up)
    for event in sessions:
        if event.pk in came or event.pk in made_up:
            progress.marks.append(True)
        elif event.starts_at <= now:
            progress.marks.append(False)
        else:
            progress.marks.append(None)
    progress.attended = progress.marks.count(True)
    progress.missed = progress.marks.count(False)
    assignment = getattr(application, "assignment", None)
    progress.assignment_done = bool(assignment and (assignment.text or assignment.file))
    progress.meets_rule = meets_rule(
        course=course, attended=progress.attended, assignment_done=progress.assignment_done
    )
    progress.needs_makeup = not progress.meets_rule and needs_makeup(
        course=course, missed=progress.missed, total=total
    )
    return progress


# -- graduates into matching (施策 ア: academy graduates and the districts that need them) ------


@dataclass(frozen=True)
class Graduate:
    """A volunteer profile shown to groups, with the courses its owner chose to show."""

    profile: VolunteerProfile
    courses: list[Certificate]


def graduate_profiles(*, area: Area | None = None) -> QuerySet[VolunteerProfile]:
    """Volunteer profiles shown to groups whose owner chose to show a course with it, of
    `area` (their own area or their district's) if given, the latest change first. For a page
    of them with their courses: graduates_of."""
    profiles = VolunteerProfile.objects.filter(
        is_public=True,
        user__is_active=True,
        user__academy_applications__certificate__on_profile=True,
    )
    if area is not None:
        profiles = profiles.filter(Q(area=area) | Q(district__area=area))
    return (
        profiles.distinct().select_related("user", "area", "district").order_by("-updated_at", "pk")
    )


def graduates_of(profiles: Sequence[VolunteerProfile]) -> list[Graduate]:
    """These profiles with the courses their owners chose to show: one query however many."""
    shown = Certificate.objects.filter(
        on_profile=True, application__user_id__in=[p.user_id for p in profiles]
    ).select_related("application__cohort__course")
    by_user: dict[int, list[Certificate]] = defaultdict(list)
    for certificate in shown.order_by("completed_on", "pk"):
        by_user[certificate.application.user_id].append(certificate)
    return [Graduate(profile, by_user[profile.user_id]) for profile in profiles]


def courses_shown(profiles: Sequence[VolunteerProfile]) -> dict[int, list[str]]:
    """What matching shows of a graduate with their profile (partners.profile_facts): the
    courses they chose to show, 「course（令和7年度）」, by profile pk. One query."""
    return {
        graduate.profile.pk: [
            _("%(course)s (%(year)s)")
            % {
                "course": c.application.cohort.course.label,
                "year": fiscal_year_text(c.application.cohort.fiscal_year),
            }
            for c in graduate.courses
        ]
        for graduate in graduates_of(profiles)
        if graduate.courses
    }


def home_area(user: Any) -> Area | None:
    """The area of the first listed group `user` belongs to (a 振興会's own area), if any."""
    membership = (
        Membership.objects.filter(
            user=user,
            organisation__status=Organisation.Status.VERIFIED,
            organisation__area__isnull=False,
        )
        .select_related("organisation__area")
        .order_by("pk")
        .first()
    )
    return membership.organisation.area if membership else None


def graduates_connected(*, within_days: int = 365) -> dict[int, int]:
    """Per fiscal year of the cohort: graduates who were connected within `within_days` of
    completing — a request to them as a volunteer accepted (matching.PersonIntroduction) in
    that time. The guideline's measure of whether the academy reaches the districts."""
    accepted = PersonIntroduction.objects.filter(
        volunteer__user_id=OuterRef("application__user_id"),
        status=PersonIntroduction.Status.ACCEPTED,
        answered_at__date__gte=OuterRef("completed_on"),
        answered_at__date__lte=ExpressionWrapper(
            OuterRef("completed_on") + timedelta(days=within_days), output_field=DateField()
        ),
    )
    rows = (
        Certificate.objects.filter(Exists(accepted))
        .values_list("application__cohort__fiscal_year")
        .annotate(count=Count("application__user_id", distinct=True))
        .order_by("-application__cohort__fiscal_year")
    )
    return dict(rows)
