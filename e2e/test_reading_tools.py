"""The tools behind reading, as their users meet them (axe on each page): the やさしい日本語 check
on its own page without JavaScript, the city's furigana dictionary and its volunteer
translators, reached from the staff's menu."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, Page, expect

from e2e.conftest import assert_accessible, log_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_check_works_on_its_own_page_without_javascript(page: Page, browser: Browser):
    def check(page: Page) -> None:
        page.goto("/easy-japanese/")
        page.fill("#id_text", "皆様のお越しをお待ちしております。")
        page.get_by_role("button", name="チェックする").click()
        expect(page.locator(".easy-report")).to_contain_text("お越し → 来て")

    check(page)
    assert_accessible(page)  # axe needs JavaScript: checked on the page as most people see it
    base = page.context._impl_obj._options["baseURL"]  # type: ignore[attr-defined]
    without = browser.new_context(java_script_enabled=False, locale="ja-JP", base_url=base)
    check(without.new_page())
    without.close()


def test_staff_keep_the_dictionary_and_the_translators(page: Page, city_staff, resident):
    log_in(page, city_staff)
    page.goto("/")
    page.get_by_role("link", name="ふりがな辞書").first.click()
    page.fill("#id_surface", "黒石寺")
    page.fill("#id_reading", "こくせきじ")
    page.get_by_role("button", name="追加する").click()
    expect(page.locator("table")).to_contain_text("こくせきじ")
    assert_accessible(page)
    page.get_by_role("link", name=re.compile("変更.*黒石寺")).click()
    page.fill("#id_reading", "kokusekiji")
    page.get_by_role("button", name="保存").click()
    expect(page.locator(".field--error")).to_contain_text(
        "「kokusekiji」は「黒石寺」の読みになっていません"
    )
    assert_accessible(page)

    page.goto("/")
    page.get_by_role("link", name="翻訳ボランティア").first.click()
    page.fill("#id_email", resident.email)
    page.get_by_label("英語").check()
    page.get_by_role("button", name="追加する").click()
    expect(page.locator("table")).to_contain_text(resident.display_name)
    assert_accessible(page)
