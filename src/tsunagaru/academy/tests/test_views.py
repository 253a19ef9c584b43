"""The academy's pages: for everyone, for participants, for staff; post/redirect/get without
JavaScript, refused actions answered with a message, 403 for the wrong persona."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tsunagaru.academy.models import Application, Certificate, Course
from tsunagaru.academy.tests.conftest import open_cohort
from tsunagaru.academy.tests.factories import in_days
from tsunagaru.audit.models import AuditEvent

pytestmark = pytest.mark.django_db


def test_anyone_sees_the_courses_and_a_course_with_its_curriculum_and_rule(client, academy_staff):
    open_cohort(academy_staff)

    listing = client.get(reverse("academy:courses"))
    page = client.get(reverse("academy:course", args=["beginner"]), HTTP_ACCEPT_LANGUAGE="ja")

    assert "協働のまちづくりアカデミー（初級編）" in listing.content.decode()
    html = page.content.decode()
    assert "行動計画をつくる" in html
    assert "地区の統計と地図" in html


def test_a_resident_applies_on_the_cohort_page_and_sees_the_application(
    client, resident, academy_staff
):
    cohort = open_cohort(academy_staff)
    client.force_login(resident)

    response = client.post(
        reverse("academy:apply", args=[cohort.pk]), {"motivation": "地区の役に立ちたい。"}
    )

    application = Application.objects.get(user=resident)
    assert response.status_code == 302
    assert response["Location"] == application.get_absolute_url()
    page = client.get(response["Location"]).content.decode()
    assert "地区の役に立ちたい。" in page
    again = client.get(cohort.get_absolute_url()).content.decode()
    assert 'name="motivation"' not in again  # the first application instead of the form


def test_a_second_application_through_the_page_is_answered_with_a_message(
    client, resident, academy_staff
):
    cohort = open_cohort(academy_staff)
    client.force_login(resident)
    url = reverse("academy:apply", args=[cohort.pk])
    client.post(url, {"motivation": "一度目"})

    response = client.post(url, {"motivation": "二度目"}, follow=True)

    assert response.status_code == 200
    assert Application.objects.filter(user=resident).count() == 1
    assert any(m.level_tag == "error" for m in response.context["messages"])


def test_anonymous_is_sent_to_sign_in_to_apply(client, academy_staff):
    cohort = open_cohort(academy_staff)

    response = client.post(reverse("academy:apply", args=[cohort.pk]), {"motivation": "x"})

    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]
    assert not Application.objects.exists()


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("resident", 403),
        ("partner_member", 403),
        ("reviewer", 403),
        ("coordinator", 200),
        ("city_staff", 200),
        ("administrator", 200),
    ],
    indirect=["persona"],
)
def test_the_staff_pages_are_for_the_academy_staff(client, persona, expected, academy_staff):
    cohort = open_cohort(academy_staff)
    client.force_login(persona)

    assert client.get(reverse("academy:manage", args=[cohort.pk])).status_code == expected
    assert client.get(reverse("academy:cohorts")).status_code == expected
    assert client.get(reverse("academy:cohort_new")).status_code == expected


def test_opening_the_applicants_list_is_logged(client, academy_staff):
    cohort = open_cohort(academy_staff)
    client.force_login(academy_staff)

    client.get(reverse("academy:manage", args=[cohort.pk]))

    assert AuditEvent.objects.filter(action="cohort.applications_view").count() == 1


def test_staff_open_a_cohort_through_the_form(client, academy_staff):
    from tsunagaru.academy.tests.factories import DepartmentFactory

    department = DepartmentFactory()
    client.force_login(academy_staff)

    response = client.post(
        reverse("academy:cohort_new"),
        {
            "course": Course.objects.get(code="beginner").pk,
            "fiscal_year": 2025,
            "organiser": department.pk,
            "capacity": 20,
            "closes_on": in_days(10).date().isoformat(),
        },
    )

    assert response.status_code == 302, response.context["form"].errors
    assert department.event_series.count() == 1


def test_another_resident_cannot_see_someone_elses_application(client, running, make_user):
    other = make_user(email="other@example.jp")
    client.force_login(other)

    response = client.get(running.application.get_absolute_url())

    assert response.status_code == 403


def test_a_cohort_runs_from_application_to_certificate_and_its_public_page(client, running):
    participant = running.application.user
    running.attend(5)
    client.force_login(participant)
    plan = SimpleUploadedFile("plan.pdf", b"%PDF-1.4\n%%EOF\n", content_type="application/pdf")
    client.post(
        reverse("academy:assignment", args=[running.application.pk]),
        {"text": "空き家を交流の場にします。", "file": plan},
    )
    client.force_login(running.staff)
    staff_page = client.get(running.application.get_absolute_url()).content.decode()
    assert "空き家を交流の場にします。" in staff_page
    assert AuditEvent.objects.filter(action="application.view").count() == 1

    client.post(reverse("academy:complete", args=[running.application.pk]))

    certificate = Certificate.objects.get(application=running.application)
    client.force_login(participant)
    pdf = client.get(reverse("academy:certificate", args=[certificate.code]))
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
    public = client.get(
        reverse("academy:verify", args=[certificate.code]), HTTP_ACCEPT_LANGUAGE="ja"
    )
    assert participant.full_name not in public.content.decode()  # not allowed yet

    client.post(reverse("academy:consent", args=[certificate.code]), {"show_name": "on"})

    client.logout()
    public = client.get(reverse("academy:verify", args=[certificate.code.lower()]))
    html = public.content.decode()
    assert public.status_code == 200
    assert participant.full_name in html
    assert "協働のまちづくりアカデミー（初級編）" in html
    assert participant.email not in html


def test_completion_refused_by_the_rule_is_answered_with_the_reason(client, running):
    running.attend(3)
    client.force_login(running.staff)

    response = client.post(reverse("academy:complete", args=[running.application.pk]), follow=True)

    assert response.status_code == 200
    assert not Certificate.objects.exists()
    assert any(m.level_tag == "error" for m in response.context["messages"])


def test_someone_else_cannot_download_a_certificate(client, running, make_user):
    running.attend(6)
    from tsunagaru.academy import services

    services.assignment_submit(
        application=running.application, text="計画", file=None, by=running.application.user
    )
    certificate = services.completion_confirm(application=running.application, by=running.staff)
    client.force_login(make_user(email="stranger@example.jp"))

    assert client.get(reverse("academy:certificate", args=[certificate.code])).status_code == 403
    assert client.post(reverse("academy:consent", args=[certificate.code])).status_code == 403


def test_an_unknown_code_answers_404_with_a_page_that_says_so(client):
    response = client.get(reverse("academy:verify", args=["ABCD-EFGH-JKLM"]))

    assert response.status_code == 404
    assert "ABCD-EFGH-JKLM" in response.content.decode()
    assert "academy/verify_unknown.html" in [t.name for t in response.templates]


def test_staff_decline_through_the_page_without_a_reason_is_refused(
    client, academy_staff, resident
):
    from tsunagaru.academy import services

    cohort = open_cohort(academy_staff)
    application = services.application_apply(cohort=cohort, user=resident, motivation="学びたい")
    client.force_login(academy_staff)

    client.post(reverse("academy:decide", args=[application.pk]), {"decision": "decline"})

    application.refresh_from_db()
    assert application.status == Application.Status.APPLIED


def test_staff_see_graduates_per_fiscal_year_and_their_downloads_are_logged(client, running):
    from tsunagaru.academy import services

    running.attend(6)
    services.assignment_submit(
        application=running.application, text="計画", file=None, by=running.application.user
    )
    certificate = services.completion_confirm(application=running.application, by=running.staff)
    client.force_login(running.staff)

    page = client.get(reverse("academy:cohorts"))
    client.get(reverse("academy:certificate", args=[certificate.code]))

    assert page.context["graduates"] == [(2025, 1, 0)]
    assert AuditEvent.objects.filter(action="certificate.download").count() == 1
