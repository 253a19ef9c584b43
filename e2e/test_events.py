"""A group member announces an event and publishes it; fifty people take the seats; the 51st
resident lands on the waiting list and moves up when someone cancels (told by real mail); the
organiser takes attendance on a phone-sized screen and downloads the list. axe on every page."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from e2e.conftest import assert_accessible, log_in
from tsunagaru.accounts.models import Role
from tsunagaru.core.tests.pictures import picture
from tsunagaru.info import services
from tsunagaru.info.models import Event, EventKind, Registration
from tsunagaru.info.tests.factories import RegistrationFactory
from tsunagaru.partners.tests.factories import MembershipFactory

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("guideline")]


def test_announce_fill_wait_move_up_and_take_attendance(page: Page, make_user, smtp, tmp_path):
    member = make_user(Role.PARTNER_MEMBER, email="inase@example.jp")
    group = MembershipFactory(user=member, organisation__name="稲瀬振興会").organisation
    resident = make_user(Role.RESIDENT, email="hanako@example.jp")

    # The member finds the events from the menu and announces one.
    log_in(page, member)
    page.goto("/")
    page.get_by_role("link", name="イベント", exact=True).first.click()
    page.get_by_role("link", name="イベントを登録する").first.click()
    assert_accessible(page)
    day = timezone.localdate() + timedelta(days=14)
    page.select_option("#id_organiser", str(group.pk))
    page.fill("#id_title", "地区の防災ワークショップ")
    page.select_option("#id_kind", label="ワークショップ")
    page.fill("#id_description", "地区の防災マップをみんなでつくります。")
    page.fill("#id_starts_at", f"{day.isoformat()}T13:30")
    page.fill("#id_ends_at", f"{day.isoformat()}T15:30")
    page.fill("#id_place_name", "稲瀬地区センター")
    page.fill("#id_capacity", "50")
    page.check("#id_registration_required")
    page.check("#id_wheelchair")
    poster = tmp_path / "poster.png"
    poster.write_bytes(picture((800, 600)))
    page.set_input_files("#id_picture", str(poster))
    page.fill("#id_alt_text", "防災マップを囲んで話し合う人たち")
    page.get_by_role("button", name="保存").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("地区の防災ワークショップ")
    shown = page.get_by_role("img", name="防災マップを囲んで話し合う人たち")
    expect(shown).to_have_attribute("width", "800")
    assert shown.evaluate("img => img.decode().then(() => img.naturalWidth)") == 800
    expect(page.locator("main")).to_contain_text("）13:30〜15:30")
    assert_accessible(page)
    page.get_by_role("button", name="公開する").click()
    expect(page.locator(".messages")).to_contain_text("公開しました")
    event = Event.objects.get(title="地区の防災ワークショップ")
    assert event.status == Event.Status.PUBLISHED

    # Fifty people took the seats.
    seated = [RegistrationFactory(event=event) for _n in range(50)]

    # The 51st: a resident who finds it in the list.
    page.context.clear_cookies()
    log_in(page, resident)
    page.goto("/events/")
    assert_accessible(page)
    expect(page.locator("img.card__picture")).to_have_attribute("width", "480")
    page.get_by_role("link", name="地区の防災ワークショップ").click()
    expect(page.locator("#registration")).to_contain_text("定員に達しています")
    page.get_by_role("button", name="キャンセル待ちで申し込む").click()
    expect(page.locator("#registration")).to_contain_text("キャンセル待ちです（1 番目）")
    assert_accessible(page)
    mine = Registration.objects.get(event=event, user=resident)
    assert mine.status == Registration.Status.WAITLISTED

    # Someone with a seat cancels: the seat is the resident's, and the mail says so.
    services.registration_cancel(registration=seated[0], by=None)
    message = smtp.last_to("hanako@example.jp")
    assert "地区の防災ワークショップ" in message["Subject"]
    page.reload()
    expect(page.locator("#registration")).to_contain_text("申込み済みです")

    # The organiser takes attendance at the door on a phone and downloads the list.
    page.context.clear_cookies()
    log_in(page, member)
    page.set_viewport_size({"width": 375, "height": 740})
    page.goto(f"/events/{event.pk}/")
    page.get_by_role("link", name="参加者と出欠").click()
    page.wait_for_url(f"**/events/{event.pk}/participants/")
    assert_accessible(page)
    page.get_by_label(resident.full_name).check()
    page.get_by_role("button", name="出欠を保存する").click()
    expect(page.locator(".messages")).to_contain_text("出席 1 人")
    assert Registration.objects.get(pk=mine.pk).attended
    with page.expect_download() as download:
        page.get_by_role("link", name="ダウンロード（CSV・UTF-8）").click()
    content = download.value.path().read_bytes().decode("utf-8-sig")
    assert resident.full_name in content


def test_the_month_calendar_and_its_filters(page: Page, make_user):
    member = make_user(Role.PARTNER_MEMBER)
    group = MembershipFactory(user=member, organisation__name="米里振興会").organisation
    start = timezone.localtime() + timedelta(days=3)
    start = start.replace(hour=10, minute=0, second=0, microsecond=0)
    services.event_submit(
        event=services.event_save(
            event=None,
            data={
                "title": "秋の地区一斉清掃",
                "description": "道路沿いのごみ拾いです。",
                "kind": EventKind.objects.get(code="local"),
                "place_name": "米里地区センター前",
                "starts_at": start,
                "ends_at": start + timedelta(hours=2),
            },
            organiser=group,
            by=member,
        ),
        by=member,
    )
    page.goto(f"/events/calendar/?year={start.year}&month={start.month}")
    expect(page.locator("table.calendar")).to_contain_text("秋の地区一斉清掃")
    assert_accessible(page)
    page.get_by_role("link", name="次の月").click()
    expect(page.locator("table.calendar")).not_to_contain_text("秋の地区一斉清掃")
    assert_accessible(page)
