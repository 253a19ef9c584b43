"""A graduate of the academy is found by a district that needs them (施策 ア): the graduate
chooses to show the course with their volunteer profile, a 振興会 member finds them among the
graduates of the area and on the need's page, asks, and the graduate accepts. axe on every
page."""

from __future__ import annotations

import datetime

import pytest
from playwright.sync_api import Page, expect

from e2e.conftest import assert_accessible, log_in
from tsunagaru.academy.models import Application, Certificate, Course
from tsunagaru.academy.tests.factories import ApplicationFactory
from tsunagaru.accounts.models import Role
from tsunagaru.core.models import District
from tsunagaru.matching import index, people
from tsunagaru.matching.models import PersonIntroduction
from tsunagaru.partners import services as partner_services
from tsunagaru.partners.models import Membership, Need
from tsunagaru.partners.tests.factories import MembershipFactory

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("guideline")]


@pytest.fixture(autouse=True)
def fresh_indexes():
    index.reset()
    people.reset()
    yield
    index.reset()
    people.reset()


def test_a_district_finds_a_graduate_who_accepts(
    page: Page, browser, live_server, smtp, make_user, oshu
):
    iwayado = District.objects.get(slug="iwayado")
    graduate = make_user(Role.RESIDENT, email="grad@example.jp", display_name="ちあき")
    application = ApplicationFactory(
        user=graduate,
        cohort__course=Course.objects.get(code="beginner"),
        status=Application.Status.COMPLETED,
    )
    certificate = Certificate.objects.create(
        application=application,
        name="奥州 千秋",
        completed_on=datetime.date(2026, 3, 1),
        issued_by=make_user(Role.CITY_STAFF, email="staff@example.jp"),
    )
    partner_services.volunteer_profile_save(
        user=graduate,
        data={
            "skills": "地区の行事の会計と広報ができます。",
            "wishes": "地区の夏まつりを手伝いたい。",
            "district": iwayado,
            "availability": "土日",
            "is_public": True,
            "suggest": True,
        },
    )
    member = make_user(Role.PARTNER_MEMBER, email="iwayado@example.jp", display_name="振興会の高橋")
    association = MembershipFactory(
        user=member,
        role=Membership.Role.REPRESENTATIVE,
        organisation__name="岩谷堂振興会",
        organisation__district=iwayado,
    ).organisation
    need = partner_services.need_save(
        need=Need(organisation=association),
        data={
            "category": "trouble",
            "title": "夏まつりの会計と広報を手伝う人がいない",
            "description": "地区の夏まつりで、会計と広報を手伝ってくれる人を探しています。",
        },
        by=member,
    )

    # The graduate chooses to show the course with the volunteer profile.
    log_in(page, graduate)
    page.goto(f"/academy/applications/{application.pk}/")
    assert_accessible(page)
    page.get_by_label("この講座の修了をボランティア登録と一緒に表示する").check()
    page.locator(f"form[action$='/certificates/{certificate.code}/consent/'] button").click()
    assert_accessible(page)
    page.context.clear_cookies()

    # The 振興会 finds the graduate among those of its area, through its menu.
    log_in(page, member)
    page.goto("/")
    page.get_by_role("link", name="力を貸してくれるアカデミー修了生", exact=True).first.click()
    expect(page.locator("main")).to_contain_text("ちあき")
    expect(page.locator("main")).to_contain_text("協働のまちづくりアカデミー")
    expect(page.locator("main")).to_contain_text("令和8年3月1日")
    assert_accessible(page)

    # On the need's page the graduate is suggested (no name), and the group asks.
    page.goto(f"/matching/needs/{need.pk}/")
    found = page.locator("#people")
    expect(found).to_contain_text("会計と広報")
    expect(page.locator("main")).not_to_contain_text("grad@example.jp")
    assert_accessible(page)
    found.locator("a.button").first.click()
    page.locator("textarea[name=message]").fill("夏まつりの会計を手伝っていただけませんか。")
    page.locator("main form button[type=submit]").click()
    expect(page.locator(".status")).to_have_text("返事待ち")
    assert_accessible(page)

    # The graduate is told by mail and accepts in the site.
    link = smtp.link_in_last_to("grad@example.jp", r"/matching/people/requests/\d+/")
    second = browser.new_context(locale="ja-JP", base_url=live_server.url)
    other = second.new_page()
    log_in(other, graduate)
    other.goto(link)
    assert_accessible(other)
    other.locator("input[name=answer][value=accept]").check()
    other.locator("main form button[type=submit]").first.click()
    expect(other.locator(".status")).to_have_text("承諾")
    assert_accessible(other)
    second.close()
    assert PersonIntroduction.objects.get().status == PersonIntroduction.Status.ACCEPTED
