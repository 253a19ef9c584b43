"""The yearly inventory of recurring work (事業の棚卸し) as a 振興会 member meets it: from the
association's page, list an activity, review the year one activity at a time, decide to hand
the snow clearing over, publish it as a need, and ask the group matching suggests — a business
with snow ploughs — to connect. The public page then shows the decision, and the city's
overview the year of the inventory. axe on every page."""

import pytest
from playwright.sync_api import Page, expect

from e2e.conftest import assert_accessible, log_in
from tsunagaru.accounts.models import Role
from tsunagaru.community.tests.plan_factories import association, this_year
from tsunagaru.core.dates import fiscal_year_label
from tsunagaru.matching import index
from tsunagaru.matching.models import Introduction
from tsunagaru.partners import services as partner_services
from tsunagaru.partners.models import Offer
from tsunagaru.partners.tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def fresh_index(guideline, settings):
    """Matching reads this test's groups: the first ranking builds the index at once."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    index.reset()
    yield
    index.reset()


def test_a_member_reviews_the_year_and_finds_a_group_to_take_over_snow_clearing(
    page: Page, smtp, make_user
):
    people = association()
    group = people.organisation
    ploughs = MembershipFactory(organisation__name="衣川重機サービス").organisation
    partner_services.offer_save(
        offer=Offer(organisation=ploughs),
        data={
            "category": "equipment",
            "title": "除雪機と運転手",
            "description": "冬は除雪機で地域の道路や高齢者宅の玄関先の除雪を請け負います。",
        },
        by=people.representative,
    )
    year = this_year()

    log_in(page, people.member)
    page.goto(f"/partners/{group.pk}/")
    page.locator(f"main a[href='/community/inventory/{group.pk}/']").click()
    page.wait_for_url(f"**/community/inventory/{group.pk}/")
    assert_accessible(page)
    page.get_by_role("link", name="事業を追加する").click()
    page.wait_for_url("**/activities/new/")
    assert_accessible(page)
    page.fill("#id_name", "冬の除雪")
    page.fill("#id_purpose", "一人暮らしの高齢者世帯の玄関先の除雪")
    page.fill("#id_beneficiaries", "高齢者だけの世帯")
    page.fill("#id_goods", "スコップ、古い小型除雪機")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(f"**/community/inventory/{group.pk}/")

    page.locator(f"main a[href='/community/inventory/{group.pk}/{year}/']").click()
    page.wait_for_url(f"**/community/inventory/{group.pk}/{year}/")
    assert_accessible(page)
    page.get_by_role("link", name="次の事業を棚卸しする：冬の除雪").click()
    page.wait_for_url(f"**/{year}/")
    assert_accessible(page)
    page.fill("#id_hours", "700")
    page.fill("#id_volunteers", "9")
    page.fill("#id_cost", "95000")
    page.fill("#id_participants", "45")
    page.get_by_label("他団体へ移行").check()
    page.locator("main form button[type=submit]").click()
    expect(page.locator("main form")).to_contain_text("理由を書いてください")
    assert_accessible(page)
    page.fill("#id_reason", "担い手が減った。除雪機を持つ事業者に引き継ぎたい。")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(f"**/community/inventory/{group.pk}/{year}/")
    expect(page.locator("main")).to_contain_text("延べ700時間と95,000円")
    assert_accessible(page)

    # Matching suggests the business; publishing the activity as a need lets the member ask.
    page.get_by_role("link", name="冬の除雪").click()
    expect(page.locator("#suggestions")).to_contain_text("衣川重機サービス")
    page.get_by_role("button", name="引き継ぐ団体を探す（振興会の困りごととして公開する）").click()
    expect(page.locator("#suggestions")).to_contain_text("困りごと「「冬の除雪」を引き継いでくれる")
    assert_accessible(page)
    page.locator("#suggestions article", has_text="衣川重機サービス").get_by_role(
        "link", name="つながりたい"
    ).click()
    page.wait_for_url("**/matching/introductions/new/**")
    assert_accessible(page)
    page.get_by_label("メッセージ").fill("冬の除雪を引き継いでいただけないでしょうか。")
    page.get_by_role("button", name="申し込む").click()
    expect(page.locator(".status")).to_have_text("返事待ち")
    introduction = Introduction.objects.get(requester=group, recipient=ploughs)
    assert "冬の除雪" in introduction.need.title

    # Anyone reads the decision on the association's inventory, without the members' names.
    page.context.clear_cookies()
    page.goto(f"/community/inventory/{group.pk}/")
    expect(page.locator("main")).to_contain_text("他団体へ移行")
    expect(page.locator("main")).not_to_contain_text(people.member.display_name)
    assert_accessible(page)

    # The support centre sees the district's inventory year on the city's overview.
    log_in(page, make_user(Role.COORDINATOR, email="center@example.jp"))
    page.goto("/")
    page.get_by_role("navigation", name="メインメニュー").get_by_role(
        "link", name="地区の計画と棚卸しの状況"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("地区の計画と棚卸しの状況")
    assert_accessible(page)
    page.get_by_role("link", name=group.district.area.name).click()
    row = page.locator("#districts tr", has_text=group.name)
    expect(row).to_contain_text(fiscal_year_label(year))
    expect(row).to_contain_text("計画なし")
    assert_accessible(page)
