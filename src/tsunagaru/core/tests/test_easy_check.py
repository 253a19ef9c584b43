"""The やさしい日本語 check (core.views.easy_check): a page that works without JavaScript, and
the report the writing aid under event, news, need and article texts asks for as people type."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tsunagaru.info.forms import EventForm
from tsunagaru.info.news_forms import NewsForm
from tsunagaru.knowledge.forms import ArticleForm
from tsunagaru.partners.forms import NeedForm

pytestmark = pytest.mark.django_db

HARD = (
    "本イベントは雨天の場合は中止となりますので、"
    "あらかじめご了承いただきますようお願い申し上げます。"
)


def test_the_page_checks_a_text_without_javascript(client):
    url = reverse("core:easy_check")
    assert client.get(url).status_code == 200
    page = client.post(url, {"text": HARD}).content.decode()
    assert "やさしい日本語チェック：読みにくい" in page
    assert '<q lang="ja">雨天</q> → <q lang="ja">雨のとき</q>' in page
    assert "長い文です。" in page


def test_the_aid_gets_only_the_report_of_the_field_it_sits_under(client):
    response = client.post(
        reverse("core:easy_check"),
        {"field": "description", "description": "雪かきを手伝ってくれる人をさがしています。"},
        HTTP_HX_REQUEST="true",
    )
    html = response.content.decode()
    assert "<html" not in html
    assert 'id="easy-report-description"' in html
    assert "直すところはありません。" in html


def test_an_odd_field_name_is_not_written_into_the_page(client):
    response = client.post(
        reverse("core:easy_check"),
        {"field": '"><script>', "text": "雨天"},
        HTTP_HX_REQUEST="true",
    )
    assert 'id="easy-report-text"' in response.content.decode()


def test_a_text_over_the_limit_is_refused_in_words(client):
    response = client.post(reverse("core:easy_check"), {"text": "あ" * 10_001})
    assert response.status_code == 200
    assert response.context["form"].errors["text"]
    assert response.context["report"] is None


@pytest.mark.parametrize(
    ("form", "field"),
    [
        (EventForm, "description"),
        (NewsForm, "body"),
        (ArticleForm, "body"),
        (NeedForm, "description"),
    ],
)
def test_public_texts_are_written_with_the_aid_under_them(form, field):
    kwargs = {"groups": []} if form is NewsForm else {}
    html = str(form(**kwargs)[field])
    assert f'hx-post="{reverse("core:easy_check")}"' in html
    assert f'hx-vals=\'{{"field": "{field}"}}\'' in html
