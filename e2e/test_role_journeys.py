"""Each role, on the Oshu demo, goes from the home page to its main task through the links
it sees, in Japanese: every page on the way is axe-clean and shows no ISO date
(assert_accessible), and the task ends in what the person came for."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from django.core import mail
from django.utils import translation
from playwright.sync_api import Browser, Page, expect

from e2e.conftest import assert_accessible, log_in
from tsunagaru.accounts.models import User
from tsunagaru.core import demo
from tsunagaru.matching import index
from tsunagaru.matching.models import Introduction
from tsunagaru.partners.models import Organisation

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("guideline")]


def ja(text: str) -> str:
    with translation.override("ja"):
        return translation.gettext(text)


def follow(page: Page, name: str) -> None:
    """Click the visible link called `name` in the page's content or menu, then check the
    page it opens."""
    page.get_by_role("link", name=name, exact=True).first.click()
    page.wait_for_load_state()
    assert_accessible(page)


def visitor(page: Page) -> None:
    # Someone without an account finds a group asking for help and writes to it.
    follow(page, "協力を求めている団体をすべて見る")
    follow(page, "みずさわ子ども食堂")
    follow(page, "この団体にメッセージを送る")
    page.fill("#id_name", "奥州 花子")
    page.fill("#id_email", "hanako@example.jp")
    page.fill("#id_message", "配膳のお手伝いができます。土曜日なら伺えます。")
    page.get_by_role("button", name="送信する").click()
    expect(page.locator("main")).to_contain_text(ja("Your message was sent to the group."))
    assert_accessible(page)
    assert [m.reply_to for m in mail.outbox] == [["hanako@example.jp"]]


def resident(page: Page) -> None:
    # A resident registers the group they run.
    follow(page, "団体を登録する")
    page.locator("#id_kind").select_option(label="ボランティア団体")
    page.fill("#id_name", "衣川子ども食堂の会")
    page.fill("#id_name_kana", "ころもがわこどもしょくどうのかい")
    page.fill("#id_description", "子ども食堂を月に2回開いています。")
    page.get_by_role("button", name="登録する").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("衣川子ども食堂の会")
    expect(page.locator("main")).to_contain_text("確認待ち")
    assert_accessible(page)


def partner_member(page: Page) -> None:
    # A group member describes a need, picks a suggested group and asks to meet it.
    follow(page, "困りごとから担い手を探す")
    page.fill("#id_text", "冬の除雪を手伝ってくれる人がいない")
    page.get_by_role("button", name="団体をさがす").click()
    assert_accessible(page)
    follow(page, "衣川重機サービス")
    follow(page, "つながりたい")
    page.fill("#id_message", "冬の除雪のことで相談させてください。")
    page.get_by_role("button", name=ja("Send the request")).click()
    expect(page.locator("main")).to_contain_text(
        ja("Your request was sent. You will hear when they answer.")
    )
    assert_accessible(page)
    assert Introduction.objects.filter(recipient__name="衣川重機サービス").exists()


def coordinator(page: Page) -> None:
    # A coordinator opens what waits for them, checks a group waiting for verification and
    # lists it.
    follow(page, "対応待ちの一覧")
    # The button's name carries the item it acts on, for screen readers (hidden on screen).
    page.get_by_role("link", name=re.compile(r"^確認する\s?: 胆沢こども食堂の会$")).click()
    page.wait_for_load_state()
    assert_accessible(page)
    page.get_by_role("button", name="確認して掲載する").click()
    expect(page.locator("main")).to_contain_text(ja("Verified"))
    assert_accessible(page)
    group = Organisation.objects.get(name="胆沢こども食堂の会")
    assert group.status == Organisation.Status.VERIFIED


def city_staff(page: Page) -> None:
    # City staff follow the proposal table and open a project's agreement.
    follow(page, "提案テーブルの状況")
    follow(page, "花火大会の安全な運営の仕組みづくり")
    follow(page, "合意書")
    expect(page.get_by_role("heading", level=1)).to_be_visible()


def reviewer(page: Page) -> None:
    # A reviewer (screening grants comes later) reads the case library.
    follow(page, "すべての事例")
    follow(page, "福祉除雪を地区と社会福祉の担い手で")
    expect(page.get_by_role("heading", level=1)).to_have_text("福祉除雪を地区と社会福祉の担い手で")


JOURNEYS: dict[str, tuple[str | None, Callable[[Page], None]]] = {
    "visitor": (None, visitor),
    "resident": ("resident@example.jp", resident),
    "partner member": ("partner@example.jp", partner_member),
    "coordinator": ("coordinator@example.jp", coordinator),
    "city staff": ("staff@example.jp", city_staff),
    "reviewer": ("reviewer@example.jp", reviewer),
}


def test_each_role_reaches_its_main_task_from_the_home_page(
    browser: Browser, live_server: Any, oshu: None, settings: Any
) -> None:
    # One demo for every role: loading it takes longer than the journeys.
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    demo.load()
    index.build()  # as `manage.py demo` does: suggestions show on the first page
    mail.outbox.clear()
    for role, (email, journey) in JOURNEYS.items():
        context = browser.new_context(locale="ja-JP", base_url=live_server.url)
        context.set_default_timeout(10_000)
        page = context.new_page()
        try:
            if email:
                log_in(page, User.objects.get(email=email))
            page.goto("/")
            assert_accessible(page)
            journey(page)
        except Exception as error:  # say whose journey broke
            raise AssertionError(f"{role}: {error}") from error
        finally:
            context.close()
