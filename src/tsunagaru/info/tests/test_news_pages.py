"""Events and news where people meet them: the home page, a group's page, a district's page.
Only public events and published news, never a draft; the lists cost the same queries
however many rows there are."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tsunagaru.core.models import District
from tsunagaru.info.models import Event
from tsunagaru.info.news_models import NewsArticle
from tsunagaru.info.tests.factories import EventFactory
from tsunagaru.info.tests.news_factories import NewsArticleFactory
from tsunagaru.partners.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

S = NewsArticle.Status


def page(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_home_shows_upcoming_events_and_latest_news_never_drafts(client):
    group = OrganisationFactory()
    EventFactory(organiser=group, title="来週の交流会")
    EventFactory(organiser=group, title="下書きの講座", status=Event.Status.DRAFT)
    EventFactory(
        organiser=group,
        title="終わった講座",
        starts_at=timezone.now() - timedelta(days=3),
        ends_at=timezone.now() - timedelta(days=3) + timedelta(hours=2),
    )
    NewsArticleFactory(author=group, title="清掃活動の報告")
    NewsArticleFactory(author=group, title="下書きのお知らせ", status=S.DRAFT, published_at=None)
    NewsArticleFactory(author=group, title="隠された記事", status=S.HIDDEN, status_reason="確認中")
    html = page(client, reverse("core:home"))
    assert "来週の交流会" in html
    assert "清掃活動の報告" in html
    for absent in ("下書きの講座", "終わった講座", "下書きのお知らせ", "隠された記事"):
        assert absent not in html


def test_home_dates_are_wareki_with_iso_in_time(client):
    when = timezone.localtime().replace(
        year=2030, month=12, day=7, hour=14, minute=0, second=0, microsecond=0
    )
    EventFactory(starts_at=when, ends_at=when + timedelta(hours=2), title="令和の講座")
    html = page(client, reverse("core:home"))
    assert "令和12年12月7日（土）14:00〜16:00" in html
    assert 'datetime="2030-12-07T14:00:00+09:00"' in html


def test_home_reads_the_same_number_of_queries_for_more_events_and_news(client):
    def fill(n):
        for _ in range(n):
            group = OrganisationFactory()
            event = EventFactory(organiser=group)
            event.co_organisers.add(OrganisationFactory())
            NewsArticleFactory(author=group)

    fill(1)
    client.get(reverse("core:home"))  # warm per-process caches
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("core:home"))
    fill(8)
    with CaptureQueriesContext(connection) as many:
        html = page(client, reverse("core:home"))
    assert len(many) == len(few)
    events = html.split('id="events-heading"')[1].split("</section>")[0]
    assert events.count("<li>") == 4  # the list is cut, not the whole table


def test_a_groups_page_shows_its_events_and_news_never_drafts(client):
    group = OrganisationFactory()
    EventFactory(organiser=group, title="振興会の夏祭り")
    co = EventFactory(title="共催のフォーラム")
    co.co_organisers.add(group)
    EventFactory(organiser=group, title="準備中の講座", status=Event.Status.IN_REVIEW)
    EventFactory(title="よその団体の講座")
    NewsArticleFactory(author=group, title="夏祭りの結果", kind="results")
    NewsArticleFactory(author=group, title="審査中の記事", status=S.IN_REVIEW)
    NewsArticleFactory(title="よその団体の記事")
    html = page(client, group.get_absolute_url())
    for shown in ("振興会の夏祭り", "共催のフォーラム", "夏祭りの結果"):
        assert shown in html
    for absent in ("準備中の講座", "よその団体の講座", "審査中の記事", "よその団体の記事"):
        assert absent not in html


def test_a_districts_page_shows_its_areas_upcoming_events(client):
    inase = District.objects.get(slug="inase")
    EventFactory(title="地区の防災訓練", area=inase.area)
    elsewhere = District.objects.exclude(area=inase.area).first()
    EventFactory(title="よその地域の行事", area=elsewhere.area)
    html = page(client, reverse("community:district", args=[inase.pk]))
    assert "地区の防災訓練" in html
    assert "よその地域の行事" not in html
    assert f"?area={inase.area_id}" in html
