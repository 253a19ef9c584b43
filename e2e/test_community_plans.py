"""A community plan as its people meet it: a member of a 地区振興会 begins the plan from the
association's page and writes its issue, goal, indicator and action; the representative
records the general meeting's adoption; the member records a year's progress; a resident
reads the adopted plan from the district's page. axe on every page."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from e2e.conftest import assert_accessible, log_in
from tsunagaru.community.tests.plan_factories import association, this_year
from tsunagaru.core.dates import fiscal_year_label

pytestmark = pytest.mark.django_db(transaction=True)


def test_members_draft_the_representative_adopts_and_residents_read_it(page: Page, guideline):
    people = association()
    group = people.organisation
    year = this_year()

    log_in(page, people.member)
    page.goto(f"/partners/{group.pk}/")
    page.locator(f"main a[href='/community/plans/new/{group.pk}/']").click()
    page.wait_for_url(f"**/community/plans/new/{group.pk}/")
    assert_accessible(page)
    page.fill("#id_title", "稲瀬地区まちづくり計画")
    page.select_option("#id_first_year", str(year))
    page.select_option("#id_last_year", str(year + 4))
    page.fill("#id_vision", "みんなで支え合い、笑顔で暮らせる稲瀬")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url("**/draft/")
    assert_accessible(page)

    page.fill("#id_issue-text", "高齢者だけの世帯が増えた")
    page.select_option("#id_issue-found_by", "survey")
    page.get_by_role("button", name="課題を追加する").click()
    expect(page.locator("#issues")).to_contain_text("住民アンケート")
    page.fill("#id_goal-text", "災害に強い地区にする")
    page.get_by_role("button", name="目標を追加する").click()
    expect(page.locator("#goals h3")).to_contain_text("災害に強い地区にする")
    page.locator("#goals details summary").click()
    page.locator("#goals details input[name$='-name']").fill("防災訓練の参加者")
    page.locator("#goals details input[name$='-unit']").fill("人")
    page.locator("#goals details input[name$='-target']").fill("200")
    page.get_by_role("button", name="指標を追加する").click()
    expect(page.locator("#goals table")).to_contain_text("200人")
    assert_accessible(page)

    page.get_by_role("link", name="取組を追加する").click()
    page.wait_for_url("**/actions/new/")
    assert_accessible(page)
    page.fill("#id_title", "地区合同防災訓練")
    page.select_option("#id_goal", label="災害に強い地区にする")
    page.select_option("#id_first_year", str(year))
    page.select_option("#id_last_year", str(year + 5 - 1))
    page.fill("#id_lead", "防災部会")
    page.fill("#id_cost", "60000")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url("**/draft/*")
    expect(page.locator("#goals")).to_contain_text("地区合同防災訓練")
    expect(page.get_by_role("link", name="総会での議決を記録する")).to_have_count(0)

    # The representative adopts it, with the general meeting's date.
    page.context.clear_cookies()
    log_in(page, people.representative)
    page.goto(f"/partners/{group.pk}/")
    page.get_by_role("link", name="稲瀬地区まちづくり計画").click()
    page.get_by_role("link", name="総会での議決を記録する").click()
    page.wait_for_url("**/adopt/")
    assert_accessible(page)
    meeting = timezone.localdate() - datetime.timedelta(days=3)
    page.fill("#id_general_meeting_on", meeting.isoformat())
    page.locator("main form button[type=submit]").click()
    page.wait_for_url("**/community/plans/*/")
    expect(page.locator("main")).to_contain_text("第1版")
    assert_accessible(page)
    page.locator("#versions").get_by_role("link", name="第1版").click()
    page.wait_for_url("**/versions/1/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("第1版")
    assert_accessible(page)
    page.go_back()

    # The member reports the year's progress on the adopted plan.
    page.context.clear_cookies()
    log_in(page, people.member)
    page.goto(page.url)
    page.get_by_role("link", name="進み具合を記録する").click()
    page.wait_for_url("**/progress/")
    assert_accessible(page)
    page.get_by_label("実施した", exact=True).check()
    page.fill("#id_figure", "150")
    page.fill("#id_note", "小学校と合同で実施した")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url("**/community/plans/*/")
    expect(page.locator("#goals")).to_contain_text(f"{fiscal_year_label(year)}: 実施した")

    # A resident finds it from the district's page; no member's name is on it.
    page.context.clear_cookies()
    page.goto(f"/community/{group.district_id}/")
    page.get_by_role("link", name="稲瀬地区まちづくり計画").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("稲瀬地区まちづくり計画")
    expect(page.locator("main")).to_contain_text("小学校と合同で実施した")
    expect(page.locator("main")).not_to_contain_text(people.member.display_name)
    assert_accessible(page)
