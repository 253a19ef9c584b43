"""A resident finds the fireworks case by a word or a facet and reaches both partners; a
partner's draft goes through confirmation to publication. axe on every case page."""

import pytest
from playwright.sync_api import Page, expect

from e2e.conftest import assert_accessible, log_in, published_case
from tsunagaru.cases.models import Case

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("guideline")]


def test_find_the_fireworks_case_and_reach_both_partners(page: Page, groups, coordinator):
    _inase, _fireworks, *_ = groups
    case = published_case(groups, coordinator)
    page.goto("/cases/")
    page.get_by_label("事例を検索").fill("花火")
    page.get_by_role("button", name="検索").click()
    expect(page.locator(".card-list")).to_contain_text(case.title)
    assert_accessible(page)

    page.goto("/cases/")
    page.locator(".facets").get_by_role("link", name="事業協力").click()
    page.get_by_role("link", name=case.title).click()
    expect(page.get_by_role("heading", name="誰が何をしたか")).to_be_visible()
    expect(page.locator(".card-list").last).to_be_visible()  # similar cases, loaded after
    assert_accessible(page)
    page.goto(f"/cases/{case.pk}/similar/")
    assert_accessible(page)
    page.goto(case.get_absolute_url())
    page.get_by_role("link", name="江刺藤里ファイヤーワークス").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("江刺藤里ファイヤーワークス")
    expect(page.locator("main")).to_contain_text(case.title)
    page.go_back()
    page.get_by_role("link", name="稲瀬振興会").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("稲瀬振興会")


def test_a_draft_is_confirmed_by_the_partner_and_published(
    page: Page, browser, live_server, groups, coordinator
):
    _inase, _fireworks, author, other = groups
    log_in(page, author)
    page.goto("/cases/new/")
    assert_accessible(page)
    page.fill("#id_title", "地区で初めての花火")
    page.fill("#id_summary", "打ち上げの経験がある団体とつながりました。")
    page.select_option("#id_fiscal_year", label="令和2年度")
    page.fill("#id_partners-0-name", "江刺藤里ファイヤーワークス")
    page.fill("#id_partners-0-role", "許可申請と安全管理")
    page.get_by_role("button", name="保存").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("地区で初めての花火")
    assert_accessible(page)
    page.get_by_role("button", name="相手の団体に確認を依頼する").click()
    expect(page.locator(".status")).to_have_text("相手団体の確認待ち")
    page.goto(f"/cases/{Case.objects.get().pk}/photos/")
    assert_accessible(page)
    page.goto(f"/cases/{Case.objects.get().pk}/files/")
    page.set_input_files(
        "#id_file",
        files=[{"name": "plan.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4\n%%EOF\n"}],
    )
    page.fill("#id_title", "実施計画書")
    page.get_by_role("button", name="アップロード").click()
    expect(page.get_by_role("link", name="実施計画書")).to_be_visible()
    assert_accessible(page)
    page.goto("/cases/mine/")
    assert_accessible(page)

    second = browser.new_context(locale="ja-JP", base_url=live_server.url)
    partner_page = second.new_page()
    log_in(partner_page, other)
    partner_page.goto(Case.objects.get().get_absolute_url())
    partner_page.get_by_role("button", name="江刺藤里ファイヤーワークス").click()
    expect(partner_page.locator(".messages")).to_be_visible()
    second.close()

    third = browser.new_context(locale="ja-JP", base_url=live_server.url)
    staff_page = third.new_page()
    log_in(staff_page, coordinator)
    staff_page.goto(Case.objects.get().get_absolute_url())
    staff_page.get_by_role("button", name="公開する").click()
    expect(staff_page.locator(".badge, .messages").first).to_be_visible()
    assert Case.objects.get().status == Case.Status.PUBLISHED
    assert_accessible(staff_page)
    third.close()


def test_booklet_pages_are_accessible(page: Page, groups, coordinator):
    case = published_case(groups, coordinator)
    log_in(page, coordinator)
    page.goto("/cases/booklet/?q=花火")
    expect(page.get_by_role("button", name="冊子を作る")).to_be_visible()
    assert_accessible(page)
    page.goto("/cases/booklet/print/?q=花火")
    expect(page.get_by_role("heading", name=case.title)).to_be_visible()
    assert_accessible(page)
