import pytest
from playwright.sync_api import Page, expect

from e2e.conftest import assert_accessible

pytestmark = pytest.mark.django_db(transaction=True)


def test_home_is_japanese_by_default_and_accessible(page: Page):
    page.goto("/")

    expect(page.locator("html")).to_have_attribute("lang", "ja")
    expect(page.get_by_role("heading", level=1)).to_contain_text("つながる")
    assert_accessible(page)


def test_skip_link_moves_focus_to_the_main_content(page: Page):
    page.goto("/")

    page.keyboard.press("Tab")
    skip = page.locator(".skip-link")
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()
    page.keyboard.press("Enter")

    expect(page.locator("main#main")).to_be_focused()


def test_language_switch_to_english_and_easy_japanese(page: Page):
    page.goto("/places/")

    page.get_by_role("button", name="English").click()

    expect(page).to_have_url("/places/")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", level=1)).to_have_text("Areas and districts")
    assert_accessible(page)

    page.get_by_role("button", name="やさしい日本語").click()

    expect(page.locator("html")).to_have_attribute("lang", "ja")
    # やさしい日本語 has furigana by default: the words without their readings.
    words = page.locator(".language-switcher__current").evaluate(
        "e => { const c = e.cloneNode(true); c.querySelectorAll('rt, rp').forEach(n => n.remove());"
        " return c.textContent.trim(); }"
    )
    assert words == "やさしい日本語"
    expect(page.locator(".language-switcher__current rt")).to_have_text("にほんご")
    assert_accessible(page)


def test_places_lists_districts_and_is_accessible(page: Page):
    page.goto("/places/")

    expect(page.get_by_role("heading", name="江刺区")).to_be_visible()
    expect(page.get_by_text("稲瀬", exact=False).first).to_be_visible()
    assert_accessible(page)


def test_unknown_page_shows_an_accessible_404(page: Page):
    response = page.goto("/no-such-page/")

    assert response is not None
    assert response.status == 404
    assert_accessible(page)


def test_pages_work_without_javascript(browser, live_server, oshu):
    context = browser.new_context(
        java_script_enabled=False, locale="ja-JP", base_url=live_server.url
    )
    page = context.new_page()
    page.goto("/")
    page.get_by_role("button", name="English").click()

    expect(page.locator("html")).to_have_attribute("lang", "en")
    context.close()
