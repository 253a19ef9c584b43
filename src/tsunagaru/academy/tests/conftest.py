from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pytest

from tsunagaru.academy import services
from tsunagaru.academy.models import Application, Cohort, Course
from tsunagaru.academy.tests.factories import DepartmentFactory, in_days
from tsunagaru.accounts.models import Role, User
from tsunagaru.info import services as info_services
from tsunagaru.info.models import Event, Registration


@dataclass
class Running:
    """A cohort of the beginner course (5 of 6 sessions and a plan) whose six sessions were
    held, with one accepted participant."""

    cohort: Cohort
    sessions: list[Event]
    application: Application
    staff: User

    def attend(self, count: int) -> None:
        """The participant came to the first `count` sessions (attendance taken at the door)."""
        for number, event in enumerate(self.sessions):
            present = Registration.objects.filter(
                event=event, user=self.application.user, status="registered"
            ).values_list("pk", flat=True)
            info_services.attendance_record(
                event=event, attended=list(present) if number < count else [], by=self.staff
            )


def open_cohort(staff: User, *, capacity: int = 2, course: str = "beginner") -> Cohort:
    return services.cohort_create(
        course=Course.objects.get(code=course),
        fiscal_year=2025,
        organiser=DepartmentFactory(),
        capacity=capacity,
        applications_close_at=in_days(14),
        by=staff,
    )


@pytest.fixture
def academy_staff(make_user: Callable[..., User]) -> User:
    return make_user(Role.CITY_STAFF, email="academy-staff@example.jp")


@pytest.fixture
def running(academy_staff: User, make_user: Callable[..., User]) -> Running:
    cohort = open_cohort(academy_staff)
    participant = make_user(Role.RESIDENT, email="participant@example.jp")
    for session in cohort.course.sessions.all():
        services.session_add(
            cohort=cohort,
            session=session,
            starts_at=in_days(-40 + 5 * session.number),
            ends_at=in_days(-40 + 5 * session.number, 20),
            place_name="奥州市役所 本庁舎 4階 会議室",
            by=academy_staff,
        )
    application = services.application_apply(
        cohort=cohort, user=participant, motivation="地区の行事を手伝いたいです。"
    )
    services.application_decide(application=application, accept=True, by=academy_staff)
    sessions = list(cohort.series.sessions.order_by("starts_at"))
    return Running(cohort, sessions, application, academy_staff)


@pytest.fixture
def make_resident_users(make_user: Callable[..., User]) -> Callable[[int], list[User]]:
    def make(count: int) -> list[User]:
        return [make_user(Role.RESIDENT, email=f"applicant{n}@example.jp") for n in range(count)]

    return make
