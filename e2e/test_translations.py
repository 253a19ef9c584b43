"""Texts in the reader's language, as people meet them: a group rewrites its event's text with
the やさしい日本語 writing aid beside it and adds the event's やさしい日本語 version, which a
reader who chose that language sees; a volunteer translator finds a case in the queue from the
menu and translates it into English, which an English reader sees with its note. axe on every
page."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from e2e.conftest import assert_accessible, log_in, published_case
from tsunagaru.accounts.models import Role
from tsunagaru.info.models import Event
from tsunagaru.info.tests.factories import EventFactory
from tsunagaru.partners.tests.factories import MembershipFactory
from tsunagaru.translations import services

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("guideline")]

HARD = (
    "本イベントは雨天の場合は中止となりますので、"
    "あらかじめご了承いただきますようお願い申し上げます。"
)


def test_a_group_writes_with_the_aid_and_adds_an_easy_japanese_version(page: Page, make_user):
    member = make_user(Role.PARTNER_MEMBER)
    event = EventFactory(
        title="除雪ボランティア",
        description="地区の除雪をします。",
        status=Event.Status.DRAFT,
        organiser=MembershipFactory(user=member).organisation,
    )
    log_in(page, member)
    page.goto(f"/events/{event.pk}/edit/")
    description = page.locator("#id_description")
    description.fill(HARD)
    report = page.locator("#id_description-easy .easy-report")
    expect(report.locator("h2")).to_have_text("やさしい日本語チェック：読みにくい")
    expect(report).to_contain_text("雨天 → 雨のとき")
    assert_accessible(page)
    description.fill("雨のときは、やめます。")
    expect(report.locator("h2")).to_have_text("やさしい日本語チェック：読みやすい")
    page.get_by_role("button", name="保存").click()

    page.get_by_role("link", name="やさしい日本語の文を書く").click()
    assert_accessible(page)
    page.fill("#id_title", "ゆきかきの 会")
    page.fill("#id_description", "あめの ときは、やめます。")
    expect(page.locator("#id_description-easy .easy-report h2")).to_have_text(
        "やさしい日本語チェック：読みやすい"
    )
    page.get_by_role("button", name="保存").click()
    expect(page.locator(".message")).to_contain_text("やさしい日本語の文を保存しました。")

    # A reader who chose やさしい日本語 reads the group's own words.
    page.get_by_role("button", name="やさしい日本語", exact=True).click()
    # (with furigana, on by default in やさしい日本語: the heading still reads as written)
    expect(page.get_by_role("heading", level=1)).to_have_accessible_name("ゆきかきの 会")
    expect(page.locator("main")).to_contain_text("あめの ときは、やめます。")
    assert_accessible(page)


def test_a_volunteer_translates_a_case_from_the_queue_into_english(
    page: Page, make_user, groups, coordinator, city_staff
):
    case = published_case(groups, coordinator)
    volunteer = make_user(Role.RESIDENT)
    services.translator_appoint(user=volunteer, languages=["en"], by=city_staff)

    log_in(page, volunteer)
    page.goto("/")
    page.get_by_role("link", name="翻訳を待っている文").first.click()
    assert_accessible(page)
    page.get_by_role("link", name=re.compile(f"翻訳する.*{case.title}")).click()
    assert_accessible(page)
    page.get_by_role("button", name="保存").click()  # nothing written yet
    expect(page.locator(".field--error").first).to_contain_text("この部分も書いてください。")
    page.fill("#id_title", "The district's first fireworks")
    page.fill(
        "#id_summary",
        "A group with fireworks experience helped the district set off its first fireworks.",
    )
    page.get_by_role("button", name="保存").click()

    page.get_by_role("button", name="English", exact=True).click()
    expect(page.locator("h1")).to_have_text("The district's first fireworks")
    expect(page.locator(".language-note")).to_have_text(
        "This is the English version of a text written in Japanese."
    )
    assert_accessible(page)
