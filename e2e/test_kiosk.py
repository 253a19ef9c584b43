"""The information booth turns its slides in a real browser, fetches fresh ones, and keeps the
last good ones on screen when the network is lost. axe on the screen as it shows."""

from __future__ import annotations

import importlib

import pytest
from django.apps import apps
from django.utils import timezone
from playwright.sync_api import Page, expect

from e2e.conftest import assert_accessible
from tsunagaru.info.tests.factories import EventFactory
from tsunagaru.partners.tests.factories import OrganisationFactory

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("guideline")]


@pytest.fixture
def event_kinds(oshu: None) -> None:
    # A transactional test's flush removed the kinds the migration loaded.
    importlib.import_module("tsunagaru.info.migrations.0002_event_kinds").add_kinds(apps, None)


def _slide(page: Page, title: str):
    return page.locator(".kiosk-slide").filter(has=page.get_by_role("heading", name=title))


@pytest.mark.usefixtures("event_kinds")
def test_the_booth_turns_its_slides_and_keeps_them_when_the_network_is_lost(page: Page):
    group = OrganisationFactory(name="稲瀬振興会", verified_at=timezone.now())
    EventFactory(title="地域づくり講座", organiser=group)
    EventFactory(title="冬の交流会", organiser=group)
    page.emulate_media(reduced_motion="reduce")

    page.goto("/kiosk/?interval=2&kinds=events")

    expect(_slide(page, "地域づくり講座")).to_be_visible()
    expect(_slide(page, "冬の交流会")).to_be_hidden()
    expect(page.locator("#kiosk-counter")).to_have_text("1 / 2")
    assert_accessible(page)
    # The next slide comes after the interval, and the first goes.
    expect(_slide(page, "冬の交流会")).to_be_visible(timeout=6_000)
    expect(_slide(page, "地域づくり講座")).to_be_hidden()
    assert_accessible(page)

    # Fresh slides arrive (the browser says it is back online: the screen asks at once).
    EventFactory(title="つながるフェスタ", organiser=group)
    page.evaluate("window.dispatchEvent(new Event('online'))")
    expect(page.locator(".kiosk-slide")).to_have_count(3)

    # The network goes: the slides stay, and keep turning.
    page.route("**/kiosk/slides/**", lambda route: route.abort("internetdisconnected"))
    EventFactory(title="届かない講座", organiser=group)
    with page.expect_event("requestfailed"):
        page.evaluate("window.dispatchEvent(new Event('online'))")
    expect(page.locator(".kiosk-slide")).to_have_count(3)
    for title in ("地域づくり講座", "冬の交流会", "つながるフェスタ"):
        expect(_slide(page, title)).to_be_visible(timeout=8_000)
    expect(page.locator("#kiosk")).to_have_attribute("data-stale", "")
    assert "届かない講座" not in page.content()
