"""axe-core on the events' pages the journeys do not reach: a guest's registration and its
mailed links, my events, a course with its handouts, and the booths of つながるフェスタ."""

from __future__ import annotations

from datetime import timedelta
from urllib.parse import urlparse

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from playwright.sync_api import Page, expect

from e2e.conftest import assert_accessible, log_in
from tsunagaru.accounts.models import Role
from tsunagaru.info import services
from tsunagaru.info.models import EventKind
from tsunagaru.info.tests.factories import EventFactory
from tsunagaru.partners.tests.factories import MembershipFactory

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("guideline")]


def test_a_guest_registers_confirms_and_cancels_by_the_mailed_links(page: Page, smtp):
    event = EventFactory(
        title="親子の料理教室", allow_guests=True, questions=["アレルギーはありますか"]
    )
    page.goto(f"/events/{event.pk}/register/")
    assert_accessible(page)
    page.fill("#id_name", "奥州 太郎")
    page.fill("#id_email", "taro@example.jp")
    page.get_by_role("button", name="申し込む").click()
    confirm = smtp.link_in_last_to("taro@example.jp", r"http://\S+/confirm/")
    page.goto(urlparse(confirm).path)
    assert_accessible(page)
    page.get_by_role("button", name="申込みを確定する").click()
    expect(page.locator(".messages")).to_contain_text("申込み")
    cancel = smtp.link_in_last_to("taro@example.jp", r"http://\S+/cancel/")
    page.goto(urlparse(cancel).path)
    assert_accessible(page)
    page.get_by_role("button", name="申込みを取り消す").click()
    expect(page.locator(".messages")).to_contain_text("取り消しました")


def test_my_events_a_course_and_the_booths(page: Page, make_user):
    member = make_user(Role.PARTNER_MEMBER, email="inase@example.jp")
    group = MembershipFactory(user=member, organisation__name="稲瀬振興会").organisation
    series = services.series_save(
        series=None, data={"title": "地域づくり研修（全2回）"}, organiser=group, by=member
    )
    EventFactory(organiser=group, series=series, title="第1回 話し合いの進め方")
    services.material_add(
        series=series,
        title="第1回資料",
        file=SimpleUploadedFile("shiryo.pdf", b"%PDF-1.4\n%%EOF\n", content_type="application/pdf"),
        public=True,
        by=member,
    )
    start = timezone.now() + timedelta(days=20)
    festa = EventFactory(
        title="つながるフェスタ",
        kind=EventKind.objects.get(code="festa"),
        organiser=group,
        starts_at=start,
        ends_at=start + timedelta(hours=5),
    )
    log_in(page, member)
    page.goto("/events/mine/")
    assert_accessible(page)
    page.get_by_role("link", name="連続講座を作る").click()
    assert_accessible(page)
    page.goto(series.get_absolute_url())
    expect(page.locator("main")).to_contain_text("第1回資料")
    assert_accessible(page)
    page.goto(festa.get_absolute_url())
    page.get_by_role("link", name="出展を申し込む").click()
    assert_accessible(page)
    page.fill("#id_title", "地区の活動紹介")
    page.get_by_role("button", name="申し込む").click()
    page.get_by_role("link", name="団体からの申込み").click()
    expect(page.locator("main")).to_contain_text("地区の活動紹介")
    assert_accessible(page)
