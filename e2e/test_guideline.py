import pytest
from playwright.sync_api import Page, expect

from e2e.conftest import assert_accessible

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("guideline")]

PAGES = [
    "/guideline/",
    "/guideline/why/",
    "/guideline/what/",
    "/guideline/rules/",
    "/guideline/rules/1/",
    "/guideline/methods/",
    "/guideline/domains/B/",
    "/guideline/forms/2/",
    "/guideline/fields/6/",
    "/guideline/measures/",
    "/guideline/rules/?edition=stage1",
]


def test_every_guideline_page_is_accessible(page: Page):
    for path in PAGES:
        response = page.goto(path)
        assert response is not None
        assert response.status == 200, path
        assert_accessible(page)


def test_a_resident_follows_the_questions_from_the_home_page(page: Page):
    page.goto("/")
    page.get_by_role("navigation", name="メインメニュー").get_by_role(
        "link", name="協働のまちづくり指針"
    ).click()

    page.get_by_role("link", name="どんな手法がありますか？").first.click()
    page.get_by_role("link", name="事業協力").click()

    expect(page.get_by_role("heading", level=1)).to_contain_text("事業協力")
    expect(page.locator("main")).to_contain_text("万年の森植樹事業等など各種イベントや地域美化活動")


def test_guideline_in_english_is_accessible(page: Page):
    page.goto("/guideline/measures/")
    page.get_by_role("button", name="English").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("The city's measures")
    assert_accessible(page)
