"""A group finds a volunteer on its need's page, asks for an introduction, the person accepts:
only then do names and contact details appear, to the two sides. Every page passes axe.

Texts of this feature awaiting translation are found by role, id or name attribute."""

import pytest
from playwright.sync_api import Page, expect

from e2e.conftest import assert_accessible, log_in
from tsunagaru.accounts.models import Role
from tsunagaru.core.models import District
from tsunagaru.matching import index, people
from tsunagaru.partners import services as partner_services
from tsunagaru.partners.models import Need
from tsunagaru.partners.tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def fresh_indexes(guideline):
    """The site's matchers are built from this test's data, not an earlier test's."""
    index.reset()
    people.reset()
    yield
    index.reset()
    people.reset()


@pytest.fixture
def kitchen_and_volunteer(make_user, oshu):
    member = make_user(Role.PARTNER_MEMBER, email="kitchen@example.jp", display_name="食堂の佐藤")
    group = MembershipFactory(
        user=member,
        organisation__name="みずさわ子ども食堂",
        organisation__district=District.objects.get(slug="mizusawa"),
    ).organisation
    need = partner_services.need_save(
        need=Need(organisation=group),
        data={
            "category": "trouble",
            "title": "配膳と片付けを手伝う人が足りない",
            "description": "土曜日の昼に、配膳と片付けを手伝ってくれるボランティアを探しています。",
        },
        by=member,
    )
    person = make_user(Role.RESIDENT, email="hanako@example.jp", display_name="はなこ")
    partner_services.volunteer_profile_save(
        user=person,
        data={
            "skills": "調理師として20年働きました。配膳が得意です。",
            "wishes": "子ども食堂を手伝いたい。",
            "district": District.objects.get(slug="mizusawa"),
            "availability": "土曜日の午前",
            "suggest": True,
        },
    )
    return member, person, need


def test_a_group_meets_a_volunteer_who_accepts(
    page: Page, browser, live_server, smtp, kitchen_and_volunteer
):
    member, person, need = kitchen_and_volunteer
    log_in(page, member)
    page.goto(f"/matching/needs/{need.pk}/")
    found = page.locator("#people")
    expect(found).to_contain_text("調理師として20年")
    expect(found).to_contain_text("水沢区")
    for private in ("はなこ", "hanako@example.jp"):
        expect(page.locator("main")).not_to_contain_text(private)
    assert_accessible(page)

    found.locator("a.button").first.click()
    expect(page.locator("main")).to_contain_text("土曜日の午前")
    assert_accessible(page)
    page.locator("textarea[name=message]").fill("土曜日の昼の配膳を手伝っていただけませんか。")
    page.locator("main form button[type=submit]").click()
    expect(page.locator(".status")).to_have_text("返事待ち")
    expect(page.locator("main")).not_to_contain_text("hanako@example.jp")
    assert_accessible(page)

    # The person is told by mail (and a notice on the site), and answers in the site.
    link = smtp.link_in_last_to("hanako@example.jp", r"/matching/people/requests/\d+/")
    second = browser.new_context(locale="ja-JP", base_url=live_server.url)
    other = second.new_page()
    log_in(other, person)
    other.goto(link)
    expect(other.locator("main")).to_contain_text("土曜日の昼の配膳")
    expect(other.locator("main")).not_to_contain_text("kitchen@example.jp")
    assert_accessible(other)
    other.locator("input[name=answer][value=accept]").check()
    other.locator("main form button[type=submit]").first.click()
    expect(other.locator(".status")).to_have_text("承諾")
    expect(other.locator("#contacts")).to_contain_text("kitchen@example.jp")
    assert_accessible(other)
    other.goto("/matching/people/requests/")
    expect(other.locator("main")).to_contain_text("みずさわ子ども食堂")
    assert_accessible(other)
    other.goto("/partners/volunteer/")
    assert_accessible(other)
    second.close()

    # The group is told, and now sees the person's name and address.
    smtp.last_to("kitchen@example.jp")
    page.reload()
    expect(page.locator("#contacts")).to_contain_text("hanako@example.jp")
    expect(page.locator("#contacts")).to_contain_text("はなこ")
