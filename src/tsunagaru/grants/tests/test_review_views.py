"""Screening pages: staff check, return and decide on the application's page; reviewers score
alone; the group reads the decision and prints its notice; the staff's list per round."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tsunagaru.accounts.models import Role
from tsunagaru.grants import services
from tsunagaru.grants.models import Application, Criterion
from tsunagaru.grants.tests.factories import begin, citizen_proposal, complete, group

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(make_user):
    return make_user(Role.CITY_STAFF)


@pytest.fixture
def programme():
    programme = citizen_proposal()
    Criterion.objects.create(programme=programme, name="公益性", points=20)
    return programme


@pytest.fixture
def people():
    return group()


def sent(programme, people):
    application = complete(begin(people, programme), people.member)
    services.application_submit(application=application, confirmed=True, by=people.representative)
    application.refresh_from_db()
    return application


def test_staff_return_an_application_from_its_page(client, programme, people, staff):
    application = sent(programme, people)
    client.force_login(staff)

    page = client.get(reverse("grants:application", args=[application.pk])).content.decode()
    response = client.post(
        reverse("grants:return", args=[application.pk]), {"reason": "見積書がありません"}
    )

    assert reverse("grants:return", args=[application.pk]) in page
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.state == Application.State.RETURNED
    client.force_login(people.member)
    html = client.get(reverse("grants:edit", args=[application.pk])).content.decode()
    assert "見積書がありません" in html


def test_an_empty_reason_is_refused_on_the_page(client, programme, people, staff):
    application = sent(programme, people)
    client.force_login(staff)

    response = client.post(reverse("grants:return", args=[application.pk]), {"reason": ""})

    assert response.status_code == 400
    assert Application.objects.get(pk=application.pk).state == Application.State.SUBMITTED


def test_groups_and_coordinators_cannot_decide(client, programme, people, make_user):
    application = sent(programme, people)
    for user in (people.representative, make_user(Role.COORDINATOR), make_user(Role.REVIEWER)):
        client.force_login(user)
        assert client.post(reverse("grants:accept", args=[application.pk])).status_code in (
            403,
            404,
        )
        client.post(
            reverse("grants:decide", args=[application.pk]), {"outcome": "adopt", "amount": "1000"}
        )
    assert Application.objects.get(pk=application.pk).state == Application.State.SUBMITTED


def test_a_reviewer_scores_on_the_page_and_sees_only_progress_until_all_have(
    client, programme, people, staff, make_user
):
    application = sent(programme, people)
    services.application_accept(application=application, by=staff)
    first, second = make_user(Role.REVIEWER), make_user(Role.REVIEWER)
    criterion = programme.criteria.get()
    client.force_login(first)

    assert application.title in client.get(reverse("grants:reviews")).content.decode()
    client.post(
        reverse("grants:score", args=[application.pk]),
        {f"c{criterion.pk}": "17", "comment": "良い"},
    )
    html = client.get(reverse("grants:application", args=[application.pk])).content.decode()

    assert application.scores.count() == 1
    assert "17" not in html.split("review-heading")[1]  # sealed: not even one's own points
    client.force_login(second)
    client.post(reverse("grants:score", args=[application.pk]), {f"c{criterion.pk}": "13"})
    html = client.get(reverse("grants:application", args=[application.pk])).content.decode()
    assert "15.0" in html
    assert "良い" in html


def test_a_member_of_the_applicant_who_reviews_does_not_find_it_to_score(
    client, programme, people, staff, make_user
):
    from tsunagaru.partners.tests.factories import MembershipFactory

    application = sent(programme, people)
    services.application_accept(application=application, by=staff)
    reviewer = make_user(Role.REVIEWER)
    MembershipFactory(organisation=people.organisation, user=reviewer, role="member")
    client.force_login(reviewer)

    assert application.title not in client.get(reverse("grants:reviews")).content.decode()
    html = client.get(reverse("grants:application", args=[application.pk])).content.decode()
    assert reverse("grants:score", args=[application.pk]) not in html
    assert "review-heading" not in html
    assert client.post(reverse("grants:score", args=[application.pk]), {}).status_code == 403


def test_staff_adopt_for_less_and_the_group_prints_its_notice(client, people, staff):
    programme = citizen_proposal()  # no rubric: decided after the check
    application = sent(programme, people)
    services.application_accept(application=application, by=staff)
    client.force_login(staff)

    response = client.post(
        reverse("grants:decide", args=[application.pk]),
        {
            "outcome": "adopt",
            "amount": "６０，０００",
            "conditions": "写真付きの報告",
            "note": "一部を対象外",
        },
    )

    assert response.status_code == 302
    client.force_login(people.member)
    html = client.get(reverse("grants:application", args=[application.pk])).content.decode()
    assert "60,000" in html
    assert "写真付きの報告" in html
    notice = client.get(reverse("grants:decision_pdf", args=[application.pk]))
    assert notice.content.startswith(b"%PDF")
    client.force_login(group().member)
    assert client.get(reverse("grants:decision_pdf", args=[application.pk])).status_code == 404


def test_over_the_budget_the_decision_form_says_what_is_left(client, people, staff):
    programme = citizen_proposal(budget=50_000)
    application = sent(programme, people)
    services.application_accept(application=application, by=staff)
    client.force_login(staff)

    response = client.post(
        reverse("grants:decide", args=[application.pk]), {"outcome": "adopt", "amount": "80000"}
    )

    assert response.status_code == 400
    assert "50,000" in response.content.decode()
    assert Application.objects.get(pk=application.pk).state == Application.State.IN_REVIEW


def test_the_screening_list_reads_in_fixed_queries(client, programme, staff):
    client.force_login(staff)
    sent(programme, group())
    client.get(reverse("grants:screening"))
    with CaptureQueriesContext(connection) as one:
        client.get(reverse("grants:screening"))
    for _n in range(3):
        sent(programme, group())
    with CaptureQueriesContext(connection) as four:
        response = client.get(reverse("grants:screening"))

    assert response.content.decode().count("/grants/applications/") >= 4
    assert len(four) == len(one)


def test_only_staff_open_the_screening_list_and_only_reviewers_theirs(client, people, make_user):
    client.force_login(people.representative)
    assert client.get(reverse("grants:screening")).status_code == 403
    assert client.get(reverse("grants:reviews")).status_code == 403
    client.force_login(make_user(Role.REVIEWER))
    assert client.get(reverse("grants:reviews")).status_code == 200


def test_the_reviewers_list_reads_in_fixed_queries(client, programme, staff, make_user):
    reviewer = make_user(Role.REVIEWER)
    client.force_login(reviewer)
    services.application_accept(application=sent(programme, group()), by=staff)
    client.get(reverse("grants:reviews"))
    with CaptureQueriesContext(connection) as one:
        client.get(reverse("grants:reviews"))
    for _n in range(3):
        services.application_accept(application=sent(programme, group()), by=staff)
    with CaptureQueriesContext(connection) as four:
        response = client.get(reverse("grants:reviews"))

    assert response.content.decode().count("/grants/applications/") == 4
    assert len(four) == len(one)


def test_a_reviewer_who_declared_a_conflict_no_longer_opens_the_application(
    client, programme, people, staff, make_user
):
    application = sent(programme, people)
    services.application_accept(application=application, by=staff)
    reviewer = make_user(Role.REVIEWER)
    client.force_login(reviewer)
    url = reverse("grants:application", args=[application.pk])
    assert client.get(url).status_code == 200

    client.post(reverse("grants:conflict", args=[application.pk]), {"reason": "親族が会員"})

    assert client.get(url).status_code == 404
    assert application.title not in client.get(reverse("grants:reviews")).content.decode()
