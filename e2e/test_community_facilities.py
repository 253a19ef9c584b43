"""District facilities and own income as their people meet them: city staff name the 地区センター's
designated manager and add a room; the manager's member writes the year's report with its
file; a member records the association's meeting hall and plans its repair; a member records
own income. axe on every page."""

import pytest
from playwright.sync_api import Page, expect

from e2e.conftest import assert_accessible, log_in
from tsunagaru.accounts.models import Role
from tsunagaru.community import services
from tsunagaru.community.inventory_selectors import this_year
from tsunagaru.community.tests.plan_factories import association
from tsunagaru.core.dates import fiscal_year_label

pytestmark = pytest.mark.django_db(transaction=True)

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def test_the_centre_its_report_a_hall_and_own_income(page: Page, guideline, make_user, tmp_path):
    people = association()
    group = people.organisation
    district = group.district
    staff = make_user(Role.CITY_STAFF, email="chiku@example.jp")
    services.centre_save(district=district, data={"name": "稲瀬地区センター"}, by=staff)

    # City staff name the designated manager and the period, and add a room.
    log_in(page, staff)
    page.goto(f"/community/{district.pk}/")
    page.locator(f"main a[href='/community/{district.pk}/centre/']").click()
    page.wait_for_url(f"**/community/{district.pk}/centre/")
    page.select_option("#id_manager", label=group.name)
    page.fill("#id_managed_from", "2024-04-01")
    page.fill("#id_managed_until", "2029-03-31")
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_url(f"**/community/{district.pk}/")
    expect(page.locator("#centre")).to_contain_text("令和6年4月1日〜令和11年3月31日")
    page.locator(f"main a[href='/community/{district.pk}/centre/']").click()
    page.wait_for_url(f"**/community/{district.pk}/centre/")
    page.fill("#id_room-name", "大広間")
    page.fill("#id_room-capacity", "80")
    page.get_by_role("button", name="部屋を追加する").click()
    expect(page.locator("main")).to_contain_text("大広間（80人）")
    assert_accessible(page)

    # The manager's member writes the year's report, with its file.
    page.context.clear_cookies()
    log_in(page, people.member)
    page.goto(f"/community/{district.pk}/")
    page.get_by_role("link", name="指定管理者の年度報告").click()
    page.wait_for_url("**/centre/reports/")
    assert_accessible(page)
    report = tmp_path / "report.pdf"
    report.write_bytes(PDF)
    page.fill("#id_summary", "地区行事と会合で利用された。")
    page.fill("#id_users", "5120")
    page.set_input_files("#id_file", str(report))
    page.locator("main form button[type=submit]").click()
    expect(page.locator("main")).to_contain_text("利用者数：5,120人")
    expect(
        page.get_by_role("link", name=f"{fiscal_year_label(this_year())}の報告書をダウンロード")
    ).to_be_visible()
    assert_accessible(page)

    # The member records the association's meeting hall and plans a repair.
    page.goto(f"/community/{district.pk}/")
    page.get_by_role("link", name="集会施設を登録する").click()
    page.wait_for_url("**/halls/new/")
    assert_accessible(page)
    page.fill("#id_name", "稲瀬公民館")
    page.select_option("#id_owner", label=group.name)
    page.fill("#id_built_year", "1982")
    page.select_option("#id_condition", "needs_repair")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url("**/community/halls/*/")
    expect(page.locator("main")).to_contain_text("昭和57年")
    page.fill("#id_work", "屋根の張り替え")
    page.fill("#id_estimated_cost", "3200000")
    page.select_option("#id_funding", "hall_grant")
    page.get_by_role("button", name="修繕を追加する").click()
    expect(page.locator("#repairs")).to_contain_text("集会施設整備費補助金")
    page.select_option("#repairs select", "applied")
    page.locator("#repairs").get_by_role("button", name="保存").click()
    expect(page.locator("#repairs")).to_contain_text("補助金を申請済み")
    assert_accessible(page)

    # The member records own income from the association's page.
    page.goto(f"/partners/{group.pk}/")
    page.get_by_role("link", name="自主財源").click()
    page.wait_for_url("**/community/income/*/")
    page.select_option("#id_source", "fees")
    page.fill("#id_description", "会費")
    page.fill("#id_amount", "1130000")
    page.locator("main form button[type=submit]").click()
    expect(page.locator("main h2").first).to_contain_text("1,130,000円")
    assert_accessible(page)
