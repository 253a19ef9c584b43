"""An adopted grant to its end, as each person meets it: a member writes the results report
with a receipt for each cost and a photo, the representative sends it, staff find it in their
follow-up list and confirm the amount (less than decided: less was spent), the group sees the
confirmed amount and claims it, staff record the payment. axe on every page."""

import datetime

import pytest
from playwright.sync_api import Page, expect

from e2e.conftest import assert_accessible, assert_no_iso_dates, log_in
from tsunagaru.accounts.models import Role
from tsunagaru.core.tests.pictures import picture
from tsunagaru.grants.models import Application
from tsunagaru.grants.tests.factories import PDF, adopt, begin, citizen_proposal, complete, group

pytestmark = pytest.mark.django_db(transaction=True)


def as_person(page: Page, user) -> None:
    page.context.clear_cookies()
    log_in(page, user)


def test_results_with_receipts_give_the_confirmed_amount_which_is_claimed_and_paid(
    page: Page, guideline, make_user
):
    programme = citizen_proposal()
    people = group(name="みずさわ遊び場の会")
    staff = make_user(Role.CITY_STAFF)
    application = adopt(
        complete(begin(people, programme), people.member, expenses=90_000), staff, 70_000
    )
    detail = f"/grants/applications/{application.pk}/"

    # A member opens the adopted application from the group's list and writes the report.
    as_person(page, people.member)
    page.goto("/grants/mine/")
    page.locator(f"main a[href='{detail}']").click()
    page.wait_for_url(f"**{detail}")
    page.locator(f"main a[href='{detail}report/']").click()
    page.wait_for_url("**/report/")
    assert_accessible(page)
    page.fill("#id_done", "公園で外遊びの日を8回開いた。")
    page.fill("#id_participants", "１２０")
    page.locator("form[action$='/report/'] button[type=submit]").click()
    page.wait_for_url("**/report/#costs")
    page.select_option("#id_cost-category", label="消耗品費")
    page.fill("#id_cost-description", "外遊びの道具")
    page.fill("#id_cost-amount", "52,800円")
    page.set_input_files(
        "#id_cost-receipt",
        files=[{"name": "領収書.pdf", "mimeType": "application/pdf", "buffer": PDF}],
    )
    page.locator("form[action$='/report/costs/'] button[type=submit]").click()
    page.wait_for_url("**/report/#costs")
    expect(page.locator("#confirmed-estimate")).to_contain_text("52,000")
    page.set_input_files(
        "#id_photo-image",
        files=[
            {"name": "外遊び.jpg", "mimeType": "image/jpeg", "buffer": picture((80, 60), "JPEG")}
        ],
    )
    page.fill("#id_photo-alt_text", "公園で縄跳びをする子どもたち")
    page.locator("form[action$='/report/photos/'] button[type=submit]").click()
    page.wait_for_url("**/report/#photos")
    expect(page.locator("#photos img")).to_have_attribute("alt", "公園で縄跳びをする子どもたち")
    assert_accessible(page)
    expect(page.locator("form[action$='/report/send/']")).to_have_count(0)  # a member

    # The representative sends it.
    as_person(page, people.representative)
    page.goto(f"{detail}report/")
    page.locator("form[action$='/report/send/'] button[type=submit]").click()
    page.wait_for_url(f"**{detail}#follow-up")
    expect(page.locator("main .status").first).to_contain_text("実績報告済み")

    # Staff find it in their follow-up list and confirm the amount.
    as_person(page, staff)
    page.goto("/")
    page.locator("a[href='/grants/follow-up/']").first.click()
    page.wait_for_url("**/grants/follow-up/")
    assert_accessible(page)
    page.locator(f"main a[href='{detail}#follow-up']").click()
    page.wait_for_url(f"**{detail}#follow-up")
    assert_accessible(page)
    assert_no_iso_dates(page)
    page.locator("form[action$='/report/confirm/'] button[type=submit]").click()
    page.wait_for_url(f"**{detail}#follow-up")

    # The group sees the confirmed amount and claims it.
    as_person(page, people.representative)
    page.goto(detail)
    expect(page.locator("#follow-up")).to_contain_text("52,000")
    assert_accessible(page)
    page.locator("form[action$='/claim/'] button[type=submit]").click()
    page.wait_for_url(f"**{detail}#payments")

    # Staff record the payment; the application is paid in full.
    as_person(page, staff)
    page.goto(detail)
    page.fill("input[name$='paid_on']", datetime.date.today().isoformat())
    page.locator("form[action*='/payments/'] button[type=submit]").click()
    page.wait_for_url(f"**{detail}#payments")
    application.refresh_from_db()
    assert application.state == Application.State.PAID
    assert (application.confirmed_amount, application.paid_amount) == (52_000, 52_000)
    expect(page.locator("main .status").first).to_contain_text("支払い済み")
