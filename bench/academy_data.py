"""Generated academy cohorts and graduates for the support centre's benchmark (issue 15).

Bulk-created, not through the services (benchmark data), but as the academy keeps them: each
cohort has its series of events (info.EventSeries) organised by a city department, its sessions
are published course events of that series with the participants' attendance, and each
graduate has a COMPLETED application with its certificate (修了証). A share of the graduates
published a volunteer profile and chose to show the course with it (on_profile); some of those
accepted a group's request (matching.PersonIntroduction) within a year of completing.
"""

from __future__ import annotations

import datetime
import math
import random
from typing import Any

from support_data import FAMILY, GIVEN, created_when_we_say

MOTIVATIONS = [
    "地区の振興会の役員になったので、協働の進め方を学びたいです。",
    "子ども会を立て直したいので、仲間の集め方を知りたいです。",
    "退職を機に地域の役に立ちたいと思い申し込みました。",
    "団体の活動を若い人につなげる方法を学びたいです。",
]
SKILLS = ["会計の経験", "パソコンでのチラシ作り", "司会・進行", "調理", "写真撮影", "草刈り"]
WISHES = [
    "地区の話し合いの進行役を手伝いたいです。",
    "若い人を呼び込む企画を考えたいです。",
    "子どもの見守り活動に参加したいです。",
    "行事の準備や片付けを手伝いたいです。",
]
PER_COHORT = 20  # graduates per cohort: about 25 places, four in five complete
YEARS = 8  # 年度 with graduates, up to last year's; this year's cohorts take applications


def generate_graduates(*, count: int, seed: int) -> None:
    """`count` graduates in cohorts of every course over the past YEARS 年度, and this 年度's
    cohorts open with applications waiting for a decision."""
    from django.db import transaction
    from django.utils import timezone

    from tsunagaru.academy.models import Application, Cohort
    from tsunagaru.core.dates import fiscal_year

    rng = random.Random(seed + 1500)
    world = _world()
    this_year = fiscal_year(timezone.localdate())
    cohorts = math.ceil(count / PER_COHORT)
    with transaction.atomic(), created_when_we_say(Application), created_when_we_say(Cohort):
        done = 0
        for n in range(cohorts):
            year = this_year - YEARS + (n * YEARS // cohorts)
            size = min(PER_COHORT, count - done)
            _past_cohort(rng, world, year=year, graduates=size, n=n)
            done += size
        for course in world["courses"]:
            _open_cohort(rng, world, course=course, year=this_year)


def _world() -> dict[str, Any]:
    from django.utils import timezone
    from support_data import staff_user

    from tsunagaru.academy.models import Course
    from tsunagaru.accounts.models import Role
    from tsunagaru.core.models import District
    from tsunagaru.info.models import EventKind
    from tsunagaru.partners.models import Membership, Organisation

    department = (
        Organisation.objects.filter(status="verified", kind__code="city_department")
        .order_by("pk")
        .first()
    )
    if department is None:
        raise SystemExit("--graduates needs a city department: generate with --orgs first")
    groups = list(
        Membership.objects.filter(organisation__status="verified", role="representative")
        .exclude(organisation__kind__code="city_department")
        .values_list("organisation_id", "user_id")[:5000]
    )
    return {
        "now": timezone.now(),
        "staff": staff_user(Role.COORDINATOR, "bench-coordinator@example.jp", "支援センター"),
        "department": department,
        "courses": list(Course.objects.filter(is_active=True).prefetch_related("sessions")),
        "kind": EventKind.objects.get(code="course"),
        "districts": list(District.objects.select_related("area")),
        "groups": groups,
        "users": 0,
    }


def _at(year: int, month: int, day: int, hour: int) -> datetime.datetime:
    from django.utils import timezone

    return timezone.make_aware(datetime.datetime(year, month, day, hour))


def _cohort(world: dict[str, Any], *, course: Any, year: int, closes: Any) -> Any:
    from tsunagaru.academy.models import Cohort
    from tsunagaru.core.dates import fiscal_year_label
    from tsunagaru.info.models import EventSeries

    series = EventSeries.objects.create(
        title=f"{fiscal_year_label(year)} {course.name}",
        description=course.aim,
        organiser=world["department"],
        program=course.program,
    )
    return Cohort.objects.create(
        course=course,
        fiscal_year=year,
        series=series,
        capacity=25,
        applications_close_at=closes,
        created_by=world["staff"],
        created_at=closes - datetime.timedelta(days=45),
        updated_at=closes - datetime.timedelta(days=45),
    )


def _sessions(world: dict[str, Any], cohort: Any, first: datetime.datetime) -> list[Any]:
    from tsunagaru.info.models import Event

    course = cohort.course
    rows = [
        Event(
            title=f"{course.name} 第{s.number}回 {s.title}",
            description=course.aim,
            organiser=world["department"],
            kind=world["kind"],
            series=cohort.series,
            program=course.program,
            place_name="奥州市役所 本庁 会議室",
            starts_at=first + datetime.timedelta(days=14 * i),
            ends_at=first + datetime.timedelta(days=14 * i, hours=2),
            registration_required=True,
            status="published",
            published_at=first,
            created_by=world["staff"],
        )
        for i, s in enumerate(course.sessions.all())
    ]
    return Event.objects.bulk_create(rows)


def _people(rng: random.Random, world: dict[str, Any], count: int) -> list[Any]:
    from tsunagaru.accounts.models import User

    start = world["users"]
    world["users"] += count
    return User.objects.bulk_create(
        [
            User(
                email=f"academy-bench-{start + i}@example.jp",
                family_name=rng.choice(FAMILY),
                given_name=rng.choice(GIVEN),
                display_name=f"受講生{start + i}",
                role="resident",
                password="!",
            )
            for i in range(count)
        ]
    )


def _past_cohort(
    rng: random.Random, world: dict[str, Any], *, year: int, graduates: int, n: int
) -> None:
    """A cohort of `year` that ran: graduates, a few who withdrew or were declined."""
    from tsunagaru.academy.models import Application, Certificate

    course = world["courses"][n % len(world["courses"])]
    first = _at(year, rng.choice([5, 6, 7, 9]), rng.randint(1, 28), 13)
    cohort = _cohort(world, course=course, year=year, closes=first - datetime.timedelta(days=7))
    sessions = _sessions(world, cohort, first)
    others = rng.randint(2, 5)
    people = _people(rng, world, graduates + others)
    applied = first - datetime.timedelta(days=20)
    applications = Application.objects.bulk_create(
        [
            Application(
                cohort=cohort,
                user=person,
                motivation=rng.choice(MOTIVATIONS),
                status="completed" if i < graduates else rng.choice(["withdrawn", "declined"]),
                decided_at=applied + datetime.timedelta(days=3),
                decided_by=world["staff"],
                created_at=applied,
                updated_at=applied,
            )
            for i, person in enumerate(people)
        ]
    )
    completed_on = (sessions[-1].starts_at if sessions else first).date()
    certificates = Certificate.objects.bulk_create(
        [
            Certificate(
                application=a,
                name=f"{a.user.family_name} {a.user.given_name}",
                completed_on=completed_on,
                show_name=rng.random() < 0.5,
                on_profile=rng.random() < 0.4,
                issued_by=world["staff"],
            )
            for a in applications[:graduates]
        ]
    )
    _attendance(rng, sessions, people[:graduates])
    _profiles(rng, world, certificates)


def _attendance(rng: random.Random, sessions: list[Any], people: list[Any]) -> None:
    from tsunagaru.info.models import Registration

    Registration.objects.bulk_create(
        [
            Registration(
                event=event,
                user=person,
                name=str(person.display_name),
                email=person.email,
                status="registered",
                attended=rng.random() < 0.92,
            )
            for person in people
            for event in sessions
        ],
        batch_size=2000,
    )


def _profiles(rng: random.Random, world: dict[str, Any], certificates: list[Any]) -> None:
    """Volunteer profiles: public for those who show the course, some private for the others;
    an accepted request from a group for one in four public ones, within the year."""
    from tsunagaru.matching.models import PersonIntroduction
    from tsunagaru.partners.models import VolunteerProfile

    rows, shown = [], []
    for certificate in certificates:
        if not certificate.on_profile and rng.random() < 0.5:
            continue
        district = rng.choice(world["districts"])
        public = certificate.on_profile
        rows.append(
            VolunteerProfile(
                user=certificate.application.user,
                skills="、".join(rng.sample(SKILLS, 2))
                + f"。{certificate.application.cohort.course.name}修了。",
                wishes=rng.choice(WISHES),
                availability=rng.choice(["土日の日中", "平日の夜", "月に一、二回"]),
                area=district.area,
                district=district,
                is_public=public,
                suggest_consented_at=world["now"] if public and rng.random() < 0.7 else None,
            )
        )
        shown.append(certificate)
    profiles = VolunteerProfile.objects.bulk_create(rows)
    introductions = []
    for profile, certificate in zip(profiles, shown, strict=True):
        if not profile.is_public or not world["groups"] or rng.random() >= 0.25:
            continue
        organisation_id, requester = rng.choice(world["groups"])
        answered = _at(
            certificate.completed_on.year, certificate.completed_on.month, 1, 10
        ) + datetime.timedelta(days=rng.randint(30, 400))
        introductions.append(
            PersonIntroduction(
                organisation_id=organisation_id,
                volunteer=profile,
                message="地区の行事の運営を一緒に手伝っていただけませんか。",
                status="accepted",
                response="ぜひお手伝いします。",
                requested_by_id=requester,
                answered_at=answered,
            )
        )
    PersonIntroduction.objects.bulk_create(introductions)


def _open_cohort(rng: random.Random, world: dict[str, Any], *, course: Any, year: int) -> None:
    """This 年度's cohort of `course`: applications open, some accepted, some waiting."""
    from tsunagaru.academy.models import Application

    closes = world["now"] + datetime.timedelta(days=30)
    cohort = _cohort(world, course=course, year=year, closes=closes)
    people = _people(rng, world, 30)
    Application.objects.bulk_create(
        [
            Application(
                cohort=cohort,
                user=person,
                motivation=rng.choice(MOTIVATIONS),
                status=status,
                created_at=world["now"] - datetime.timedelta(days=rng.randint(1, 14)),
                updated_at=world["now"],
            )
            for person, status in zip(
                people, ["accepted"] * 10 + ["applied"] * 15 + ["waitlisted"] * 5, strict=True
            )
        ]
    )
