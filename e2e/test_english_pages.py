"""English that reads as English (issue 18): the public pages a visitor opens, in English, have
no Japanese punctuation or untranslated Japanese outside what people wrote and names, which are
marked lang="ja" (assert_accessible checks every English page the browser suite visits)."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from e2e.conftest import assert_accessible, published_case
from tsunagaru.core.models import District
from tsunagaru.info.tests.factories import EventFactory

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("guideline")]


def test_public_pages_in_english(page: Page, groups, coordinator):
    case = published_case(groups, coordinator)
    inase = groups[0]
    event = EventFactory(title="稲瀬の夏まつり", organiser=inase)
    district = District.objects.get(slug="inase")
    page.context.add_cookies(
        [
            {
                "name": "tsunagaru_language",
                "value": "en",
                "url": page.context._impl_obj._options["baseURL"],
            }
        ]  # type: ignore[attr-defined]
    )
    for path in (
        "/",
        "/partners/",
        inase.get_absolute_url(),
        "/cases/",
        case.get_absolute_url(),
        "/events/",
        event.get_absolute_url(),
        "/news/",
        f"/community/{district.pk}/",
        "/grants/",
        "/knowledge/",
        "/guideline/",
    ):
        page.goto(path)
        assert page.evaluate("document.documentElement.lang") == "en", path
        assert_accessible(page)
