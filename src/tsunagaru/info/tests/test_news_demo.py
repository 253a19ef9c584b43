"""The demo's news: every state is there, through the real workflow."""

from __future__ import annotations

import pytest

from tsunagaru.core.demo import Report
from tsunagaru.info import news_demo
from tsunagaru.info.news_models import NewsArticle, NewsTrust

pytestmark = pytest.mark.django_db


def test_demo_news_shows_every_state_and_loads_once(demo_data):
    news_demo.load(Report())  # a second run adds nothing
    states = set(NewsArticle.objects.values_list("status", flat=True))
    assert states == {"draft", "in_review", "published", "hidden"}
    assert NewsArticle.objects.count() == len(news_demo.ARTICLES)
    assert NewsTrust.objects.count() == 1
    assert NewsArticle.objects.filter(kind="city_notice", status="published").exists()
    assert NewsArticle.objects.exclude(image="").count() == 1
