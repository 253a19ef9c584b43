"""Furigana as a reader meets it: switched on from the header on a Japanese page, readings over
the place names of a district page (Oshu's own: 稲瀬 いなせ), a screen reader reading each word
once (the accessible name without the reading), copying without the readings; then a group's
page with the places data's readings (真城 しんじょう, 水沢区 みずさわく, where a dictionary alone
says まき and すいたく) and the staff's dictionary's (黒石寺 こくせきじ); axe clean."""

import re

import pytest
from playwright.sync_api import Page, expect

from e2e.conftest import assert_accessible
from tsunagaru.core import services
from tsunagaru.core.models import District
from tsunagaru.partners.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_reader_switches_furigana_on_and_reads_oshus_names(page: Page, guideline, city_staff):
    district = District.objects.get(slug="inase")
    page.goto(f"/community/{district.pk}/")
    expect(page.locator("ruby")).to_have_count(0)
    page.locator(".reading-settings summary").click()
    page.locator("button[name=furigana][value=on]").click()
    page.wait_for_url(f"**/community/{district.pk}/")

    heading = page.locator("h1")
    expect(heading.locator("rt").first).to_have_text("いなせ")
    # A screen reader reads the heading once, without the readings (Chromium names each
    # <ruby> as its own word: 「稲瀬 地区」).
    expect(page.get_by_role("heading", level=1)).to_have_accessible_name(
        re.compile(r"^稲瀬\s?地区$")
    )
    # Selecting the heading copies the words, not the readings.
    copied = page.evaluate(
        """() => { const h = document.querySelector('h1'); const range = document.createRange();
        range.selectNodeContents(h); const s = window.getSelection(); s.removeAllRanges();
        s.addRange(range); return s.toString(); }"""
    )
    assert "いなせ" not in copied
    assert_accessible(page)

    services.word_reading_save(entry=None, surface="黒石寺", reading="こくせきじ", by=city_staff)
    group = OrganisationFactory(
        name="黒石寺蘇民祭保存会", district=District.objects.get(slug="shinjo")
    )
    page.goto(f"/partners/{group.pk}/")
    expect(page.locator("h1 rt").first).to_have_text("こくせきじ")
    place = page.locator("main p", has=page.locator("a[href^='/community/']")).first
    expect(place.locator("rt")).to_contain_text(["しんじょう", "みずさわく"])
    assert_accessible(page)
