"""Open data and the personal calendar address, through real pages in Chromium, axe-checked."""

import re

import pytest
from playwright.sync_api import Page, expect

from e2e.conftest import assert_accessible, log_in
from tsunagaru.info.models import CalendarToken

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_open_data_page_is_reached_from_the_footer(page: Page):
    page.goto("/")
    page.locator("footer a[href='/opendata/']").click()

    expect(page).to_have_url(re.compile(r"/opendata/$"))
    expect(page.locator("main a[href='/events/opendata.csv']")).to_be_visible()
    expect(page.locator("main a[rel=license]").first).to_have_attribute(
        "href", re.compile("creativecommons.org/licenses/by/4.0")
    )
    assert_accessible(page)


def test_a_resident_makes_and_revokes_a_calendar_address(page: Page, resident):
    log_in(page, resident)
    page.goto("/events/mine/")
    page.locator("main a[href='/events/mine/calendar/']").click()
    assert_accessible(page)

    page.locator("main form button[type=submit]").click()

    token = CalendarToken.objects.get(user=resident, revoked_at__isnull=True)
    expect(page.locator("#calendar-address")).to_have_value(
        re.compile(re.escape(f"/events/calendar/{token.token}.ics") + "$")
    )
    assert_accessible(page)

    page.locator("main form:has(input[value=revoke]) button").click()

    expect(page.locator("#calendar-address")).to_have_count(0)
    assert not CalendarToken.objects.filter(user=resident, revoked_at__isnull=True).exists()
    assert_accessible(page)
