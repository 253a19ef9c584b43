"""A group member writes news with a picture and sends it for review; the support centre
publishes it; everyone reads it on /news/, the home page and the group's page; then it is
hidden with a reason that everyone sees in its place. axe on every page."""

import pytest
from playwright.sync_api import Page, expect

from e2e.conftest import assert_accessible, log_in
from tsunagaru.accounts.models import Role
from tsunagaru.core.tests.pictures import picture
from tsunagaru.info.news_models import NewsArticle
from tsunagaru.partners.tests.factories import MembershipFactory

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("guideline")]


def test_news_from_draft_to_public_to_hidden(page: Page, make_user, tmp_path):
    member = make_user(Role.PARTNER_MEMBER, email="inase@example.jp")
    group = MembershipFactory(user=member, organisation__name="稲瀬振興会").organisation
    coordinator = make_user(Role.COORDINATOR, email="center@example.jp")
    photo = tmp_path / "cleanup.png"
    photo.write_bytes(picture((800, 600)))

    log_in(page, member)
    page.goto("/news/new/")
    assert_accessible(page)
    page.select_option("#id_author", str(group.pk))
    page.select_option("#id_kind", "activity_report")
    page.fill("#id_title", "北上川河川敷の清掃")
    page.fill("#id_body", "30人が参加し、ごみ袋50袋分を集めました。\n\nありがとうございました。")
    page.set_input_files("#id_picture", str(photo))
    page.fill("#id_alt_text", "ごみ袋を持って並ぶ参加者")
    page.locator("main form button[type=submit]").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("北上川河川敷の清掃")
    assert_accessible(page)
    page.locator("form[action$='/submit/'] button").click()
    expect(page.locator(".status")).to_be_visible()
    assert_accessible(page)
    article = NewsArticle.objects.get()
    assert article.status == NewsArticle.Status.IN_REVIEW

    page.context.clear_cookies()
    assert page.goto(article.get_absolute_url()).status == 404

    log_in(page, coordinator)
    page.goto("/news/review/")
    assert_accessible(page)
    page.get_by_role("link", name="北上川河川敷の清掃").click()
    assert_accessible(page)
    page.locator("form[action$='/publish/'] button").click()
    expect(page.locator("#id_reason")).to_be_visible()  # the hide form, now it is public
    assert_accessible(page)

    page.context.clear_cookies()
    for path in ("/news/", "/", group.get_absolute_url()):
        page.goto(path)
        expect(page.get_by_role("link", name="北上川河川敷の清掃")).to_be_visible()
        assert_accessible(page)
    page.goto(article.get_absolute_url())
    expect(page.get_by_role("img", name="ごみ袋を持って並ぶ参加者")).to_be_visible()

    log_in(page, coordinator)
    page.goto(article.get_absolute_url())
    page.fill("#id_reason", "個人の電話番号が載っていたため")
    page.locator("form[action$='/hide/'] button").click()
    page.context.clear_cookies()
    page.goto(article.get_absolute_url())
    expect(page.locator("main")).to_contain_text("個人の電話番号が載っていたため")
    expect(page.locator("main")).not_to_contain_text("30人が参加し")
    assert_accessible(page)
