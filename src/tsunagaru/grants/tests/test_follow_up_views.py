"""Pages after the decision: who sees the report, its receipts and the payments (the group and
the city's staff only), the report written and sent without JavaScript, the staff's check and
confirmation, claims and payments, and the staff's list of what waits, overdue first."""

from __future__ import annotations

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tsunagaru.accounts.models import Role
from tsunagaru.audit.models import AuditEvent
from tsunagaru.grants import services
from tsunagaru.grants.models import Application, Payment
from tsunagaru.grants.tests.factories import (
    adopt,
    begin,
    citizen_proposal,
    complete,
    group,
    pdf,
    photo,
    report,
    today,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(make_user):
    return make_user(Role.CITY_STAFF)


@pytest.fixture
def programme():
    return citizen_proposal()


@pytest.fixture
def people():
    return group()


@pytest.fixture
def adopted(programme, people, staff):
    return adopt(complete(begin(people, programme), people.member), staff, 60_000)


def reported(application, people):
    application = report(application, people.member, [("消耗品費", 52_800)])
    services.report_submit(application=application, by=people.representative)
    application.refresh_from_db()
    return application


@pytest.mark.parametrize("role", [Role.REVIEWER, Role.COORDINATOR, Role.RESIDENT])
def test_receipts_photos_and_the_report_are_the_group_and_the_citys_alone(
    client, adopted, people, make_user, role
):
    application = reported(adopted, people)
    cost = application.results_report.costs.get()
    picture = application.results_report.photos.get()
    urls = [
        reverse("grants:receipt", args=[application.pk, cost.pk]),
        reverse("grants:photo", args=[application.pk, picture.pk]),
    ]
    client.force_login(people.member)
    assert [client.get(url).status_code for url in urls] == [200, 200]
    client.force_login(make_user(role))
    assert [client.get(url).status_code for url in urls] == [404, 404]
    page = client.get(reverse("grants:application", args=[application.pk]))
    assert reverse("grants:receipt", args=[application.pk, cost.pk]) not in page.content.decode()


def test_the_group_writes_and_sends_its_report_without_javascript(client, adopted, people):
    url = reverse("grants:report", args=[adopted.pk])
    client.force_login(people.member)
    client.post(url, {"done": "8回開いた", "participants": "１６０", "other_income": "8,000円"})
    category = adopted.programme.cost_categories.get(name="消耗品費")
    client.post(
        reverse("grants:cost_add", args=[adopted.pk]),
        {
            "cost-category": category.pk,
            "cost-description": "画用紙",
            "cost-amount": "５２，８００",
            "cost-receipt": pdf("領収書.pdf"),
        },
    )
    client.post(
        reverse("grants:photo_add", args=[adopted.pk]),
        {"photo-image": photo(), "photo-alt_text": "昔遊びをする子ども"},
    )
    page = client.get(url).content.decode()
    assert "52,800" in page
    assert "領収書.pdf" in page
    assert "52,000" in page  # what the rules would give
    assert client.post(reverse("grants:report_submit", args=[adopted.pk])).status_code == 403
    client.force_login(people.representative)
    response = client.post(reverse("grants:report_submit", args=[adopted.pk]))
    assert response.status_code == 302
    adopted.refresh_from_db()
    assert adopted.state == Application.State.REPORTED
    assert adopted.results_report.other_income == 8_000
    assert adopted.results_report.participants == 160


def test_a_receipt_that_is_not_what_its_name_says_is_refused_in_words(client, adopted, people):
    client.force_login(people.member)
    category = adopted.programme.cost_categories.get(name="消耗品費")
    response = client.post(
        reverse("grants:cost_add", args=[adopted.pk]),
        {
            "cost-category": category.pk,
            "cost-description": "画用紙",
            "cost-amount": "1000",
            "cost-receipt": SimpleUploadedFile("領収書.pdf", b"MZ\x90\x00 not a pdf"),
        },
    )
    assert response.status_code == 400
    assert "領収書.pdf" not in response.content.decode().split("<form")[0]
    assert not hasattr(adopted, "results_report") or not adopted.results_report.costs.exists()


def test_staff_confirm_from_the_page_and_the_group_sees_the_amount(client, adopted, people, staff):
    application = reported(adopted, people)
    client.force_login(people.representative)
    confirm = reverse("grants:report_confirm", args=[application.pk])
    assert client.post(confirm).status_code == 403
    client.force_login(staff)
    page = client.get(reverse("grants:application", args=[application.pk])).content.decode()
    assert confirm in page
    assert client.post(confirm).status_code == 302
    client.force_login(people.representative)
    page = client.get(reverse("grants:application", args=[application.pk])).content.decode()
    assert "52,000" in page
    assert reverse("grants:claim", args=[application.pk]) in page


def test_claim_and_payment_from_the_pages(client, adopted, people, staff):
    application = reported(adopted, people)
    services.report_confirm(application=application, by=staff)
    client.force_login(people.member)
    assert client.post(reverse("grants:claim", args=[application.pk])).status_code == 403
    client.force_login(people.representative)
    client.post(reverse("grants:claim", args=[application.pk]))
    client.post(reverse("grants:claim", args=[application.pk]))  # a double submit
    payment = Payment.objects.get(application=application)
    client.force_login(staff)
    url = reverse("grants:payment_record", args=[application.pk, payment.pk])
    tomorrow = today() + datetime.timedelta(days=1)
    response = client.post(url, {f"paid-{payment.pk}-paid_on": tomorrow.isoformat()})
    assert response.status_code == 400
    client.post(url, {f"paid-{payment.pk}-paid_on": today().isoformat()})
    application.refresh_from_db()
    assert application.state == Application.State.PAID
    assert AuditEvent.objects.filter(action="grant_payment.record").count() == 1


def test_change_requests_from_the_page(client, adopted, people, staff):
    client.force_login(people.representative)
    page = client.get(reverse("grants:application", args=[adopted.pk])).content.decode()
    assert reverse("grants:change_add", args=[adopted.pk]) in page
    response = client.post(
        reverse("grants:change_add", args=[adopted.pk]),
        {"kind": "budget", "details": "材料を減らす", "reason": "寄付があった"},
    )
    assert response.status_code == 400  # the new eligible costs are missing
    client.post(
        reverse("grants:change_add", args=[adopted.pk]),
        {
            "kind": "budget",
            "details": "材料を減らす",
            "reason": "寄付があった",
            "new_eligible": "50,000",
        },
    )
    change = adopted.change_requests.get()
    client.force_login(people.member)
    decide = reverse("grants:change_decide", args=[adopted.pk, change.pk])
    assert client.post(decide, {"decision": "approve"}).status_code == 403
    client.force_login(staff)
    client.post(decide, {"decision": "approve", "answer": ""})
    adopted.refresh_from_db()
    assert adopted.decided_amount == 50_000


def test_the_staff_list_shows_what_waits_in_fixed_queries(client, programme, staff, make_user):
    client.force_login(staff)
    url = reverse("grants:follow_up")
    client.get(url)  # warm the reference data
    start = today() - datetime.timedelta(days=120)

    def one_more() -> None:
        people = group()
        application = complete(begin(people, programme), people.member)
        services.application_save(
            application=application,
            data={"starts_on": start, "ends_on": start + datetime.timedelta(days=20)},
            by=people.member,
        )
        adopt(application, staff, 10_000)

    one_more()
    with CaptureQueriesContext(connection) as first:
        html = client.get(url).content.decode()
    assert "空き店舗で開く多世代の居場所" in html
    one_more()
    one_more()
    with CaptureQueriesContext(connection) as third:
        client.get(url)
    assert len(third) == len(first)
    client.force_login(make_user(Role.COORDINATOR))
    assert client.get(url).status_code == 403


def test_the_grants_for_a_plan_action_are_for_the_associations_members(client, make_user):
    from tsunagaru.community.tests.plan_factories import adopted as plan_adopted
    from tsunagaru.community.tests.plan_factories import association
    from tsunagaru.grants.tests.factories import self_reliance

    district = association()
    made, _version = plan_adopted(district)
    programme = self_reliance()
    url = reverse("grants:from_plan_action", args=[made.action.pk])
    client.force_login(make_user(Role.PARTNER_MEMBER))
    assert client.get(url).status_code == 404
    client.force_login(district.member)
    page = client.get(url).content.decode()
    assert reverse("grants:start", args=[programme.pk]) in page
    assert f'name="plan_action" value="{made.action.pk}"' in page


def test_the_reports_costs_and_photos_show_in_fixed_queries(client, adopted, people, staff):
    application = reported(adopted, people)
    url = reverse("grants:application", args=[application.pk])
    client.force_login(staff)
    client.get(url)  # warm the reference data
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    report_row = application.results_report
    for n in range(3):
        report_row.costs.create(
            category=application.programme.cost_categories.get(name="食糧費"),
            description=f"茶菓{n}",
            amount=1_000,
            receipt="grants/receipts/x.pdf",
            receipt_name=f"領収書{n}.pdf",
            receipt_size=10,
            receipt_type="application/pdf",
        )
    with CaptureQueriesContext(connection) as four:
        html = client.get(url).content.decode()
    assert "茶菓2" in html
    assert len(four) == len(one)
