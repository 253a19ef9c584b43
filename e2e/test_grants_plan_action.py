"""A 地区振興会 turns an action of its adopted community plan into a 自立チャレンジ application:
from the plan's page, through the grants that fund plan actions, to the application carrying
the action, written and sent. axe on every page."""

import pytest
from playwright.sync_api import Page, expect

from e2e.conftest import assert_accessible, log_in
from tsunagaru.community.tests.plan_factories import adopted, association
from tsunagaru.grants.models import Application
from tsunagaru.grants.tests.factories import self_reliance

pytestmark = pytest.mark.django_db(transaction=True)

TEXT = {
    "#id_purpose": "まつりの運営費を地区の自主財源でまかないたい。",
    "#id_activities": "特産品の試作をして、まつりと直売所で売る。",
    "#id_schedule": "7月から11月",
    "#id_place": "稲瀬地区センター",
    "#id_beneficiaries": "稲瀬地区の住民 約2,000人",
    "#id_roles": "振興会が運営し、直売所が販売を手伝う。",
    "#id_goals": "特産品の売上を年30万円にする。",
}


def test_an_action_of_the_adopted_plan_becomes_a_self_reliance_application(page: Page, guideline):
    district = association()
    made, _version = adopted(district)
    programme = self_reliance()

    log_in(page, district.representative)
    page.goto(f"/community/plans/{made.plan.pk}/")
    page.locator(f"a[href='/grants/from-plan/{made.action.pk}/']").click()
    page.wait_for_url(f"**/grants/from-plan/{made.action.pk}/")
    expect(page.locator("h1")).to_contain_text(made.action.title)
    assert_accessible(page)
    page.locator(f"form[action='/grants/programmes/{programme.pk}/apply/'] button").click()
    page.wait_for_url("**/edit/")

    # The application starts from the action: its name and the action chosen.
    expect(page.locator("#id_title")).to_have_value(made.action.title)
    expect(page.locator("#id_plan_action")).to_have_value(str(made.action.pk))
    for selector, text in TEXT.items():
        page.fill(selector, text)
    page.locator("form[data-autosave-url] button[type=submit]").click()
    page.wait_for_url("**/edit/#checklist")
    page.select_option("#id_expense-category", label="設備導入費")
    page.fill("#id_expense-description", "加工機")
    page.fill("#id_expense-amount", "240,000")
    page.locator("form[action$='/expenses/'] button[type=submit]").click()
    page.wait_for_url("**/edit/#budget")
    expect(page.locator("#grant-amount")).to_have_text("120,000")  # half, up to ¥300,000
    page.select_option("#id_income-source", value="own_funds")
    page.fill("#id_income-description", "まつりの収益の積立")
    page.fill("#id_income-amount", "120000")
    page.locator("form[action$='/incomes/'] button[type=submit]").click()
    page.wait_for_url("**/edit/#budget")
    expect(page.locator("#budget-balance")).to_contain_text("一致しています")
    assert_accessible(page)
    page.locator("#id_confirm").check()
    page.locator("form[action$='/submit/'] button[type=submit]").click()
    page.wait_for_url("**/grants/applications/*/")
    expect(page.locator("main")).to_contain_text(made.action.title)

    application = Application.objects.get(organisation=district.organisation)
    assert application.state == Application.State.SUBMITTED
    assert application.plan_action == made.action
    assert application.requested == 120_000
