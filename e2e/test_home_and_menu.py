"""The home page and the site menu on a phone (360×640) and a wide screen, axe-checked."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect

from e2e.conftest import assert_accessible, log_in

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {"width": 360, "height": 640}


@pytest.fixture
def phone(browser: Browser, live_server: Any, oshu: None) -> Iterator[Page]:
    context = browser.new_context(locale="ja-JP", base_url=live_server.url, viewport=PHONE)
    context.set_default_timeout(10_000)
    yield context.new_page()
    context.close()


def header_share(page: Page) -> float:
    box = page.locator("header.site-header").bounding_box()
    assert box is not None
    return box["height"] / PHONE["height"]


def test_on_a_phone_the_coordinators_menu_folds_behind_one_button(phone: Page, coordinator):
    log_in(phone, coordinator)
    phone.goto("/")

    # Was 66 % of the first screen with every link spelt out.
    assert header_share(phone) < 0.2
    review = phone.locator(".site-nav").get_by_role("link", name="団体の確認")
    expect(review).to_be_hidden()
    expect(phone.get_by_role("heading", level=1)).to_be_in_viewport()
    assert_accessible(phone)

    phone.locator(".site-menu__button").click()

    expect(review).to_be_visible()
    assert_accessible(phone)
    review.click()
    expect(phone).to_have_url("/partners/review/")


def test_the_phone_menu_opens_without_javascript(browser: Browser, live_server: Any, oshu: None):
    context = browser.new_context(
        java_script_enabled=False, locale="ja-JP", base_url=live_server.url, viewport=PHONE
    )
    page = context.new_page()
    page.goto("/")
    cases = page.locator(".site-nav").get_by_role("link", name="事例", exact=True)
    expect(cases).to_be_hidden()

    page.locator(".site-menu__button").click()
    cases.click()

    expect(page).to_have_url("/cases/")
    context.close()


def test_on_a_wide_screen_the_menu_is_open_and_has_no_button(page: Page, city_staff):
    log_in(page, city_staff)
    page.goto("/")

    expect(page.locator(".site-menu__button")).to_be_hidden()
    nav = page.locator(".site-nav")
    expect(nav.get_by_role("link", name="監査ログ")).to_be_visible()
    expect(nav.get_by_role("link", name="事例", exact=True)).to_be_visible()
    assert_accessible(page)


def test_a_visitor_on_a_phone_searches_groups_and_cases_from_the_home_page(phone: Page):
    phone.goto("/")
    assert_accessible(phone)

    phone.get_by_role("searchbox").fill("花火")
    phone.get_by_role("searchbox").press("Enter")

    expect(phone).to_have_url("/search/?q=%E8%8A%B1%E7%81%AB")
    expect(phone.locator("#groups-heading")).to_be_visible()
    expect(phone.locator("#cases-heading")).to_be_visible()
    assert_accessible(phone)


def test_a_resident_finds_the_way_to_register_a_group_from_the_home_page(phone: Page, resident):
    log_in(phone, resident)
    phone.goto("/")

    phone.locator("#next-resident").get_by_role("link", name="団体を登録する").click()

    expect(phone).to_have_url("/partners/register/")
    assert_accessible(phone)


@pytest.mark.parametrize("path", ["/cases/", "/matching/network/", "/matching/unmatched/"])
@pytest.mark.parametrize("width", [360, 1280])
def test_a_filter_forms_button_keeps_its_natural_size(
    browser: Browser, live_server: Any, oshu: None, coordinator, path: str, width: int
):
    context = browser.new_context(
        locale="ja-JP", base_url=live_server.url, viewport={"width": width, "height": 800}
    )
    page = context.new_page()
    log_in(page, coordinator)
    page.goto(path)

    box = page.locator("form.filters > button").bounding_box()

    assert box is not None
    # Stretched as a grid item it was a column wide (≈ 500 px) and as tall as the field.
    assert box["width"] < 160
    assert box["height"] < 60
    context.close()
