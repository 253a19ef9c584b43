"""The support centre writes a knowledge article with a template and publishes it; a visitor
finds it from the footer by topic and by search and reads it; an article past its yearly review
tells readers so, and the staff list marks it. axe on every page."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from e2e.conftest import assert_accessible, log_in
from tsunagaru.accounts.models import Role
from tsunagaru.knowledge.models import Article
from tsunagaru.knowledge.template_files import docx
from tsunagaru.knowledge.tests.factories import published

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("guideline")]


def test_knowledge_from_draft_to_reader(page: Page, make_user, tmp_path):
    coordinator = make_user(Role.COORDINATOR, email="center@example.jp")
    old = published(coordinator, title="会計担当になったら", topics=("accounting",))
    checked = timezone.localdate() - datetime.timedelta(days=400)
    Article.objects.filter(pk=old.pk).update(
        reviewed_on=checked, review_due=checked + datetime.timedelta(days=365)
    )
    template = tmp_path / "kiyaku.docx"
    template.write_bytes(docx(["第1条 この会は、〇〇会という。"]))

    log_in(page, coordinator)
    page.goto("/support/knowledge/manage/")
    assert_accessible(page)
    expect(page.locator("tr", has_text="会計担当になったら").locator(".badge")).to_be_visible()
    page.locator("main a[href='/support/knowledge/new/']").click()
    assert_accessible(page)
    page.fill("#id_title", "規約のひな形と作り方")
    page.fill("#id_summary", "規約に書いておくことと、そのまま使えるひな形です。")
    page.fill("#id_body", "## 規約に書くこと\n- 名称\n- 目的\n- 役員と総会")
    page.get_by_label("団体の立ち上げ").check()
    page.locator("main form button[type=submit]").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("規約のひな形と作り方")
    assert_accessible(page)
    page.locator("main .review-panel a[href$='/files/']").click()
    assert_accessible(page)
    page.fill("#id_title", "規約のひな形（Word）")
    page.set_input_files("#id_file", str(template))
    page.locator("main form[enctype] button[type=submit]").click()
    expect(page.get_by_role("link", name="規約のひな形（Word）")).to_be_visible()
    page.locator(".breadcrumb a").click()
    page.locator("form[action$='/publish/'] button").click()
    expect(page.locator("form[action$='/review/'] button")).to_be_visible()
    assert_accessible(page)

    page.context.clear_cookies()
    page.goto("/")
    page.locator("footer a[href='/support/knowledge/']").click()
    assert_accessible(page)
    page.select_option("#id_topic", "founding")
    page.locator("main form.filters button[type=submit]").click()
    expect(page.locator("#results")).to_contain_text("規約のひな形と作り方")
    expect(page.locator("#results")).not_to_contain_text("会計担当になったら")
    page.fill("#id_q", "役員")
    page.select_option("#id_topic", "")
    page.locator("main form.filters button[type=submit]").click()
    page.get_by_role("link", name="規約のひな形と作り方").click()
    expect(page.locator("main")).to_contain_text("役員と総会")
    expect(page.get_by_role("link", name="規約のひな形（Word）")).to_be_visible()
    assert_accessible(page)

    page.goto(old.get_absolute_url())
    expect(page.locator(".stale-note")).to_be_visible()
    assert_accessible(page)
