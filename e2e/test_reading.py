"""Text size and colours as a reader with weak eyes meets them: chosen from the header at 200 %
zoom (a 1280-pixel screen at 640 CSS pixels), kept on the next page (a cookie for a year), the
page still fitting the width without sideways scrolling; axe on each."""

import pytest
from playwright.sync_api import Page, expect

from e2e.conftest import assert_accessible

pytestmark = pytest.mark.django_db(transaction=True)


def fits_the_width(page: Page) -> bool:
    return page.evaluate(
        "document.documentElement.scrollWidth <= document.documentElement.clientWidth"
    )


def test_largest_text_and_high_contrast_stay_chosen_and_fit_at_200_percent(page: Page, guideline):
    page.set_viewport_size({"width": 640, "height": 900})
    page.goto("/")
    page.locator(".reading-settings summary").click()
    page.locator("button[name=size][value=larger]").click()
    page.wait_for_url("**/")
    page.locator(".reading-settings summary").click()
    page.locator("button[name=contrast][value=high]").click()
    page.wait_for_url("**/")

    expect(page.locator("html")).to_have_class("text-larger contrast-high")
    root = page.evaluate("getComputedStyle(document.documentElement).fontSize")
    assert root == "24px"  # 150 % of 16 px
    assert fits_the_width(page)
    assert_accessible(page)

    # The next page, and the same page opened again, keep the choice.
    page.goto("/grants/")
    expect(page.locator("html")).to_have_class("text-larger contrast-high")
    assert fits_the_width(page)
    assert_accessible(page)
    page.locator(".reading-settings summary").click()
    expect(page.locator("button[name=size][value=larger]")).to_have_attribute(
        "aria-pressed", "true"
    )
    page.locator("button[name=size][value=normal]").click()
    page.wait_for_url("**/grants/")
    expect(page.locator("html")).to_have_class("contrast-high")
