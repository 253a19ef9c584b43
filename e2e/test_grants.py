"""A new group applies for the チャレンジ course of the citizen-proposal grant, as its
representative meets it: the self-check from the grants page, a draft begun from the
programme's page, text saved as it is typed — through a login that ends in the middle and a
closed tab, without losing a word — the budget typed as people write amounts (「８０，０００」),
the group's rules as a PDF the server confirms, the checklist, and the application sent and
printed. axe on every page."""

from pathlib import Path

import pytest
from django.contrib.sessions.models import Session
from playwright.sync_api import Page, expect

from e2e.conftest import assert_accessible, log_in
from tsunagaru.grants.models import Application
from tsunagaru.grants.tests.factories import PDF, citizen_proposal, group

pytestmark = pytest.mark.django_db(transaction=True)


def saved(page: Page) -> None:
    """Wait until the autosave says it saved (its words come from the form's data)."""
    words = page.locator("form[data-autosave-url]").get_attribute("data-saved-text") or ""
    expect(page.locator(".autosave-status")).to_contain_text(words)


def test_a_new_group_writes_through_a_lost_login_and_sends_its_application(
    page: Page, guideline, tmp_path: Path
):
    programme = citizen_proposal()
    people = group(name="みずさわ遊び場の会")
    log_in(page, people.representative)

    # The self-check, reached from the menu's grants page.
    page.goto("/grants/")
    assert_accessible(page)
    page.locator("main a[href^='/grants/check/']").click()
    page.wait_for_url("**/grants/check/**")
    for question in ("members_in_city", "governance", "registered", "first_this_year"):
        page.locator(f"input[name={question}][value=yes]").check()
    page.locator("main form button[type=submit]").click()
    expect(page.locator("#results")).to_contain_text(programme.name)
    assert_accessible(page)

    # Begin a チャレンジ application from the programme's page.
    page.locator(f"#results a[href='/grants/programmes/{programme.pk}/']").click()
    page.wait_for_url(f"**/grants/programmes/{programme.pk}/")
    assert_accessible(page)
    page.select_option("#id_course", label="チャレンジ")
    page.locator("main form[action$='/apply/'] button[type=submit]").click()
    page.wait_for_url("**/edit/")
    application = Application.objects.get()
    assert_accessible(page)

    # Typing is saved as it goes.
    page.fill("#id_title", "放課後の遊び場")
    page.fill("#id_purpose", "公園が遠く、放課後に子どもが安全に遊べる場所がない。")
    saved(page)
    application.refresh_from_db()
    assert application.purpose.startswith("公園が遠く")

    # The login ends (the session is gone on the server) while the representative types.
    Session.objects.all().delete()
    page.fill("#id_activities", "毎週水曜日に地区センターの広場で昔遊びの会を開く。")
    login_words = page.locator("form[data-autosave-url]").get_attribute("data-login-text") or ""
    expect(page.locator(".autosave-status")).to_contain_text(login_words[:10])
    application.refresh_from_db()
    assert application.activities == ""  # not on the server yet, but kept on the device

    # The tab is closed; after logging in again the page brings the words back and saves them.
    edit_url = page.url
    page.close()
    page = page.context.new_page()
    log_in(page, people.representative)
    page.goto(edit_url)
    saved(page)
    expect(page.locator("#id_activities")).to_have_value(
        "毎週水曜日に地区センターの広場で昔遊びの会を開く。"
    )
    application.refresh_from_db()
    assert application.activities.startswith("毎週水曜日")

    page.fill("#id_schedule", "5月から翌年2月まで、毎週水曜日の放課後")
    page.fill("#id_place", "地区センターの広場")
    page.fill("#id_beneficiaries", "小学生、毎回15人ほど")
    saved(page)

    # The budget, typed as people write amounts.
    page.select_option("#id_expense-category", label="消耗品費")
    page.fill("#id_expense-description", "遊び道具")
    page.fill("#id_expense-amount", "８０，０００")
    page.locator("form[action$='/expenses/'] button[type=submit]").click()
    page.wait_for_url("**/edit/#budget")
    expect(page.locator("#grant-amount")).to_have_text("80,000")
    assert_accessible(page)

    # The group's rules as a PDF: received and listed with its size.
    rules = tmp_path / "会の規約.pdf"
    rules.write_bytes(PDF)
    page.select_option("#id_kind", value="rules")
    page.set_input_files("#id_file", str(rules))
    page.locator("form[action$='/files/'] button[type=submit]").click()
    page.wait_for_url("**/edit/#files")
    expect(page.locator("#files")).to_contain_text("会の規約.pdf")
    expect(page.locator("#files")).to_contain_text("バイト")

    # Nothing is missing: confirm and send.
    expect(page.locator("#checklist ul")).to_have_count(0)
    page.locator("#id_confirm").check()
    page.locator("form[action$='/submit/'] button[type=submit]").click()
    page.wait_for_url(f"**/grants/applications/{application.pk}/")
    assert_accessible(page)
    application.refresh_from_db()
    assert application.state == Application.State.SUBMITTED
    assert application.requested == 80_000
    assert application.activities.startswith("毎週水曜日")
    response = page.request.get(f"/grants/applications/{application.pk}/versions/1.pdf")
    assert response.headers["content-type"] == "application/pdf"
