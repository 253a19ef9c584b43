"""A cohort runs from application to certificate in the browser: a resident applies with a
motivation, a coordinator accepts (the resident is registered for the sessions), attendance is
taken with the events app, the resident hands in the plan, the coordinator confirms completion,
the graduate downloads the 修了証 and lets the verification page show the name, and anyone with
the code checks it. axe on every page."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.apps import apps
from django.utils import timezone
from playwright.sync_api import Page, expect

from e2e.conftest import assert_accessible, log_in
from tsunagaru.academy import services
from tsunagaru.academy.courses_data import add_courses
from tsunagaru.academy.models import Application, Certificate, Course
from tsunagaru.academy.tests.factories import DepartmentFactory
from tsunagaru.accounts.models import Role
from tsunagaru.info import services as info_services
from tsunagaru.info.models import Registration

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("guideline")]


@pytest.fixture
def courses(guideline: None) -> None:
    # A transactional test's flush removed what the migration seeded.
    add_courses(apps, None)


def test_apply_accept_attend_complete_certificate_and_verify(page: Page, make_user, courses):
    coordinator = make_user(Role.COORDINATOR, email="centre@example.jp")
    resident = make_user(Role.RESIDENT, email="hanako@example.jp")
    course = Course.objects.get(code="skillup")  # 2 of 3 sessions, no assignment
    cohort = services.cohort_create(
        course=course,
        fiscal_year=2026,
        organiser=DepartmentFactory(),
        capacity=10,
        applications_close_at=timezone.now() + timedelta(days=10),
        by=coordinator,
    )
    day = timezone.localtime() + timedelta(days=20)
    for session in course.sessions.all():
        start = day + timedelta(days=7 * session.number)
        services.session_add(
            cohort=cohort,
            session=session,
            starts_at=start,
            ends_at=start + timedelta(hours=2),
            place_name="奥州市役所",
            by=coordinator,
        )

    # The resident finds the academy in the menu and applies.
    log_in(page, resident)
    page.goto("/academy/")
    assert_accessible(page)
    page.goto(course.get_absolute_url())
    assert_accessible(page)
    page.goto("/academy/")
    page.locator(f"a[href='{cohort.get_absolute_url()}']").first.click()
    assert_accessible(page)
    page.fill("#id_motivation", "地区の会議をもっと話しやすくしたいです。")
    page.locator("form[action$='/apply/'] button").click()
    application = Application.objects.get(user=resident)
    expect(page.locator("[data-status]")).to_have_attribute("data-status", "applied")
    assert_accessible(page)

    # The coordinator accepts it.
    page.context.clear_cookies()
    log_in(page, coordinator)
    for path in (
        "/academy/cohorts/",
        "/academy/cohorts/new/",
        f"/academy/cohorts/{cohort.pk}/manage/",
    ):
        page.goto(path)
        assert_accessible(page)
    page.goto(application.get_absolute_url())
    page.check("input[name='decision'][value='accept']")
    page.locator("form[action$='/decide/'] button").click()
    expect(page.locator("[data-status]")).to_have_attribute("data-status", "accepted")
    assert_accessible(page)
    assert Registration.objects.filter(user=resident, status="registered").count() == 3

    # Attendance is taken at the door with the events app (two of three sessions): the first
    # through the event's participants page, linked from the cohort's page.
    first, second = cohort.series.sessions.order_by("starts_at")[:2]
    page.goto(f"/academy/cohorts/{cohort.pk}/manage/")
    page.locator(f"a[href='/events/{first.pk}/participants/']").click()
    assert_accessible(page)
    mine = first.registrations.get(user=resident)
    page.check(f"#attended-{mine.pk}")
    page.locator("form:has(input[value='attendance']) button").click()
    expect(page.locator(f"#attended-{mine.pk}")).to_be_checked()
    present = second.registrations.filter(user=resident).values_list("pk", flat=True)
    info_services.attendance_record(event=second, attended=list(present), by=coordinator)
    assert Registration.objects.filter(user=resident, attended=True).count() == 2

    page.goto(application.get_absolute_url())
    page.locator("form[action$='/complete/'] button").click()
    expect(page.locator("[data-status]")).to_have_attribute("data-status", "completed")
    certificate = Certificate.objects.get(application=application)

    # The graduate downloads the certificate and lets the public page show the name.
    page.context.clear_cookies()
    log_in(page, resident)
    page.goto("/academy/mine/")
    assert_accessible(page)
    page.goto(application.get_absolute_url())
    assert_accessible(page)
    pdf = page.request.get(f"/academy/certificates/{certificate.code}.pdf")
    assert pdf.headers["content-type"] == "application/pdf"
    assert pdf.body().startswith(b"%PDF")
    page.check("#id_show_name")
    page.locator("form[action$='/consent/'] button").click()
    expect(page.locator("#id_show_name")).to_be_checked()

    # Anyone with the code checks it.
    page.context.clear_cookies()
    page.goto(f"/academy/verify/{certificate.code}/")
    expect(page.locator("main")).to_contain_text(resident.full_name)
    expect(page.locator("main")).to_contain_text("協働推進スキルアップ研修")
    assert_accessible(page)
    missing = page.goto("/academy/verify/AAAA-BBBB-CCCC/")
    assert missing is not None
    assert missing.status == 404
    expect(page.locator("main")).to_contain_text("AAAA-BBBB-CCCC")
    assert_accessible(page)
