"""The support workspace (/workspace/): what waits for coordinators and city staff, each line
with its next action; the same permissions as the pages it links to; a fixed number of
queries however much waits."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from tsunagaru.academy.models import Application, Certificate
from tsunagaru.academy.tests.factories import ApplicationFactory
from tsunagaru.accounts.models import Role
from tsunagaru.accounts.tests.factories import UserFactory
from tsunagaru.core.navigation import menu_for
from tsunagaru.info.models import Event
from tsunagaru.info.news_models import NewsArticle
from tsunagaru.info.sponsorship_models import SponsorshipRequest
from tsunagaru.info.tests.factories import EventFactory
from tsunagaru.info.tests.news_factories import NewsArticleFactory
from tsunagaru.info.tests.sponsorship.factories import SponsorshipRequestFactory
from tsunagaru.knowledge.models import Article
from tsunagaru.knowledge.tests.factories import published
from tsunagaru.matching.models import Introduction
from tsunagaru.partners.models import Need, Organisation
from tsunagaru.partners.tests.factories import OrganisationFactory
from tsunagaru.support.models import Consultation
from tsunagaru.support.tests.factories import CentreRegistrationFactory, ConsultationFactory

pytestmark = pytest.mark.django_db

URL = reverse("core:workspace")


def waiting_of_each(n=1):
    """n of everything the workspace lists, each on its own groups."""
    writer = UserFactory(role=Role.COORDINATOR)
    for i in range(n):
        ConsultationFactory(subject=f"未回答の相談{i}", asker_name="及川 和子")
        ConsultationFactory(
            subject=f"フォローする相談{i}",
            status=Consultation.Status.ANSWERED,
            follow_up_on=timezone.localdate() - timedelta(days=1),
        )
        CentreRegistrationFactory(organisation__name=f"登録を待つ会{i}")
        ApplicationFactory(user__display_name=f"受講希望者{i}")
        Certificate.objects.create(
            application=ApplicationFactory(
                user__display_name=f"新しい修了生{i}", status=Application.Status.COMPLETED
            ),
            name=f"修了 {i}",
            completed_on=timezone.localdate() - timedelta(days=10),
            issued_by=writer,
        )
        article = published(writer, title=f"古くなった手引き{i}")
        Article.objects.filter(pk=article.pk).update(
            review_due=timezone.localdate() - timedelta(days=10)
        )
        OrganisationFactory(name=f"確認待ちの会{i}", status=Organisation.Status.PENDING)
        owner = OrganisationFactory()
        Need.objects.create(organisation=owner, category="trouble", title=f"雪かきの人手{i}")
        requester, recipient = OrganisationFactory(), OrganisationFactory()
        Introduction.objects.create(
            requester=requester,
            recipient=recipient,
            message="お手伝いできます",
            requested_by=owner.created_by,
        )
        EventFactory(title=f"審査待ちの講座{i}", status=Event.Status.IN_REVIEW)
        NewsArticleFactory(title=f"審査待ちのお知らせ{i}", status=NewsArticle.Status.IN_REVIEW)
        SponsorshipRequestFactory(
            title=f"後援を待つフォーラム{i}",
            status=SponsorshipRequest.Status.SUBMITTED,
            submitted_at=timezone.now(),
        )
        held = timezone.localdate() - timedelta(days=60)
        SponsorshipRequestFactory(
            title=f"報告が遅れている催し{i}",
            status=SponsorshipRequest.Status.APPROVED,
            starts_on=held,
            ends_on=held,
        )


def section_ids(response):
    return re.findall(r'<section id="([a-z-]+)"', response.content.decode())


@pytest.mark.parametrize(
    ("persona", "sections"),
    [
        (
            "coordinator",
            [
                "consultations-open",
                "follow-ups-due",
                "needs-without-partner",
                "introductions-unanswered",
                "groups-to-verify",
                "centre-registrations",
                "academy-applications",
                "new-graduates",
                "events-to-review",
                "news-to-review",
                "knowledge-to-review",
            ],
        ),
        (
            "city_staff",
            [
                "consultations-open",
                "follow-ups-due",
                "needs-without-partner",
                "introductions-unanswered",
                "groups-to-verify",
                "centre-registrations",
                "academy-applications",
                "new-graduates",
                "events-to-review",
                "news-to-review",
                "sponsorship-to-decide",
                "sponsorship-overdue",
                "knowledge-to-review",
            ],
        ),
    ],
    indirect=["persona"],
)
def test_each_support_role_sees_its_sections_with_what_waits(client, persona, sections):
    waiting_of_each()
    Certificate.objects.create(
        application=ApplicationFactory(
            user__display_name="昔の修了生", status=Application.Status.COMPLETED
        ),
        name="昔",
        completed_on=timezone.localdate() - timedelta(days=200),
        issued_by=persona,
    )
    client.force_login(persona)

    response = client.get(URL)

    assert response.status_code == 200
    assert section_ids(response) == sections
    text = response.content.decode()
    waiting = ("確認待ちの会0", "雪かきの人手0", "審査待ちの講座0", "審査待ちのお知らせ0")
    for title in (
        *waiting,
        "受講希望者0",
        "古くなった手引き0",
        "未回答の相談0",
        "フォローする相談0",
    ):
        assert title in text
    assert "登録を待つ会0" in text
    assert "昔の修了生" not in text  # new graduates are those of the last two months
    assert "及川" not in text  # the asker is on the consultation's page, not here
    assert ("後援を待つフォーラム0" in text) is (persona.role == "city_staff")
    assert ("報告が遅れている催し0" in text) is (persona.role == "city_staff")


@pytest.mark.parametrize("persona", ["resident", "partner_member", "reviewer"], indirect=True)
def test_people_outside_the_support_staff_have_no_workspace(client, persona):
    waiting_of_each()
    client.force_login(persona)

    assert client.get(URL).status_code == 403
    links = [link.url for group in menu_for(persona, None) for link in group.links]
    assert URL not in links


def test_a_visitor_is_asked_to_sign_in(client):
    response = client.get(URL)

    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


def test_the_menu_offers_the_workspace_to_the_support_staff(coordinator):
    links = [link.url for group in menu_for(coordinator, None) for link in group.links]

    assert URL in links


@pytest.mark.parametrize("persona", ["coordinator", "city_staff"], indirect=True)
def test_every_link_on_the_workspace_opens_for_whoever_sees_it(client, persona):
    waiting_of_each()
    client.force_login(persona)
    page = client.get(URL).content.decode()
    links = set(
        re.findall(
            r'href="(/(?:partners|matching|events|news|sponsorship|academy|support)/[^"#]*)"', page
        )
    )

    assert len(links) >= (12 if persona.role == "city_staff" else 10)
    for link in sorted(links):
        assert client.get(link).status_code == 200, link


def test_a_need_leaves_the_list_once_an_introduction_takes_it_up(client, coordinator):
    owner, helper = OrganisationFactory(), OrganisationFactory()
    need = Need.objects.create(organisation=owner, category="trouble", title="高齢者の見守り")
    client.force_login(coordinator)
    assert "高齢者の見守り" in client.get(URL).content.decode()

    Introduction.objects.create(
        requester=helper,
        recipient=owner,
        need=need,
        message="手伝えます",
        requested_by=owner.created_by,
    )

    section = client.get(URL).content.decode().split('id="needs-without-partner"')[1]
    assert "高齢者の見守り" not in section.split("</section>")[0]


def test_an_answered_introduction_leaves_the_list(client, coordinator):
    requester, recipient = (
        OrganisationFactory(name="水沢の会"),
        OrganisationFactory(name="前沢の会"),
    )
    introduction = Introduction.objects.create(
        requester=requester,
        recipient=recipient,
        message="よろしく",
        requested_by=requester.created_by,
    )
    client.force_login(coordinator)
    assert "水沢の会 → 前沢の会" in client.get(URL).content.decode()

    Introduction.objects.filter(pk=introduction.pk).update(status=Introduction.Status.ACCEPTED)

    assert "水沢の会 → 前沢の会" not in client.get(URL).content.decode()


def test_dates_are_in_wareki_and_an_overdue_report_shows_its_due_date(client, city_staff):
    held = timezone.localdate() - timedelta(days=60)
    overdue = SponsorshipRequestFactory(
        status=SponsorshipRequest.Status.APPROVED, starts_on=held, ends_on=held
    )
    client.force_login(city_staff)

    section = client.get(URL).content.decode().split('id="sponsorship-overdue"')[1]

    due = held + timedelta(days=30)
    assert f'datetime="{due.isoformat()}"' in section
    assert f"令和{due.year - 2018}年{due.month}月{due.day}日" in section
    assert overdue.title in section


def test_a_section_shows_five_and_links_to_all(client, coordinator):
    for i in range(7):
        OrganisationFactory(name=f"新しい会{i}", status=Organisation.Status.PENDING)
    client.force_login(coordinator)

    section = (
        client.get(URL).content.decode().split('id="groups-to-verify"')[1].split("</section>")[0]
    )

    assert section.count('class="workspace-item"') == 5
    assert "新しい会0" in section  # the oldest first
    assert "新しい会6" not in section
    assert reverse("partners:review") in section
    assert "7" in section


def test_the_number_of_queries_does_not_grow_with_what_waits(
    client, city_staff, django_assert_max_num_queries
):
    waiting_of_each(1)
    client.force_login(city_staff)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        client.get(URL)
    waiting_of_each(8)

    with django_assert_max_num_queries(len(few)):
        client.get(URL)


def test_past_the_cap_a_section_says_more_than_rather_than_counting_everything(
    client, coordinator, monkeypatch
):
    from tsunagaru.core import workspace

    monkeypatch.setattr(workspace, "COUNT_CAP", 3)
    for i in range(4):
        OrganisationFactory(name=f"待っている会{i}", status=Organisation.Status.PENDING)
    client.force_login(coordinator)

    page = client.get(URL, headers={"accept-language": "en"}).content.decode()
    section = page.split('id="groups-to-verify"')[1].split("</section>")[0]

    assert "more than 3" in section
    assert "See them all" in section
    assert "（3+）" in page
