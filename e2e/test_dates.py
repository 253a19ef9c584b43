"""Dates people read: 和暦 in Japanese, the Western calendar in English, ISO only for machines."""

import pytest
from playwright.sync_api import Page

from e2e.conftest import assert_no_iso_dates

pytestmark = pytest.mark.django_db(transaction=True)


def show(page: Page, path: str, lang: str, body: str) -> None:
    head = f'<!DOCTYPE html><html lang="{lang}"><head><title>t</title></head>'
    html = f"{head}<body>{body}</body></html>"
    page.route(
        f"**{path}",
        lambda route: route.fulfill(status=200, body=html, content_type="text/html; charset=utf-8"),
    )
    page.goto(path)


def test_the_date_check_reads_only_what_a_person_sees(page: Page):
    show(
        page,
        "/__machine_dates__",
        "ja",
        '<p><time datetime="2026-12-03">令和8年12月3日</time></p>'
        '<label>日付 <input type="date" value="2026-12-03"></label>'
        "<label>メモ <textarea>2026-12-03 に書いたこと</textarea></label>"
        "<p hidden>2026-12-03</p>",
    )

    assert_no_iso_dates(page)


def test_the_date_check_refuses_an_iso_date_in_japanese_text(page: Page):
    show(page, "/__iso_date__", "ja", "<p>期間: 2026-12-03 – 令和9年3月31日</p>")

    with pytest.raises(AssertionError, match="2026-12-03"):
        assert_no_iso_dates(page)


def test_the_date_check_leaves_english_pages_alone(page: Page):
    show(page, "/__english__", "en", "<p>Updated 2026-12-03</p>")

    assert_no_iso_dates(page)
