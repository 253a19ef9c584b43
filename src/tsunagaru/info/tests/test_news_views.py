"""News pages for each persona: the list, an article in each state, writing, the moderation
actions, the picture, the review page, trust, and the Atom feed."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tsunagaru.accounts.models import Role
from tsunagaru.audit.models import AuditEvent
from tsunagaru.core.tests.pictures import picture
from tsunagaru.info import services
from tsunagaru.info.news_models import NewsArticle, NewsTrust
from tsunagaru.info.tests.news_factories import NewsArticleFactory
from tsunagaru.partners.tests.factories import MembershipFactory, OrganisationFactory

pytestmark = pytest.mark.django_db

S = NewsArticle.Status
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def group():
    return OrganisationFactory(name="稲瀬地区振興会")


@pytest.fixture
def people(make_user, group):
    member = make_user(Role.PARTNER_MEMBER)
    MembershipFactory(user=member, organisation=group)
    other = make_user(Role.PARTNER_MEMBER)
    MembershipFactory(user=other)
    return {
        "anonymous": None,
        "resident": make_user(Role.RESIDENT),
        "member": member,
        "other_group": other,
        "coordinator": make_user(Role.COORDINATOR),
        "city_staff": make_user(Role.CITY_STAFF),
    }


def as_(client, user):
    if user is not None:
        client.force_login(user)
    return client


def test_the_list_shows_published_news_only(client, group):
    NewsArticleFactory(author=group, title="公開中の記事")
    NewsArticleFactory(author=group, title="下書きの記事", status=S.DRAFT, published_at=None)
    NewsArticleFactory(author=group, title="審査中の記事", status=S.IN_REVIEW)
    NewsArticleFactory(author=group, title="非公開の記事", status=S.HIDDEN, status_reason="確認中")
    html = client.get(reverse("news:list")).content.decode()
    assert "公開中の記事" in html
    for title in ("下書きの記事", "審査中の記事", "非公開の記事"):
        assert title not in html


def test_the_list_filters_by_kind(client, group):
    NewsArticleFactory(author=group, title="活動報告です", kind="activity_report")
    NewsArticleFactory(author=group, title="募集しています", kind="volunteers")
    html = client.get(reverse("news:list"), {"kind": "volunteers"}).content.decode()
    assert "募集しています" in html
    assert "活動報告です" not in html


def test_the_list_reads_the_same_number_of_queries_for_3_and_30_articles(client, group):
    NewsArticleFactory.create_batch(3, author=group)
    client.get(reverse("news:list"))  # warm per-process caches
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("news:list"))
    NewsArticleFactory.create_batch(27, author=OrganisationFactory())
    with CaptureQueriesContext(connection) as many:
        client.get(reverse("news:list"))
    assert len(many) == len(few)


@pytest.mark.parametrize(
    ("state", "seen_by"),
    [
        (S.DRAFT, {"member", "coordinator", "city_staff"}),
        (S.IN_REVIEW, {"member", "coordinator", "city_staff"}),
        (
            S.PUBLISHED,
            {"anonymous", "resident", "member", "other_group", "coordinator", "city_staff"},
        ),
    ],
)
def test_an_article_is_404_to_whoever_may_not_see_it(client, people, group, state, seen_by):
    article = NewsArticleFactory(author=group, status=state)
    codes = {}
    for name, user in people.items():
        client.logout()
        codes[name] = as_(client, user).get(article.get_absolute_url()).status_code
    assert {n for n, c in codes.items() if c == 200} == seen_by
    assert {c for n, c in codes.items() if n not in seen_by} <= {404}


def test_a_hidden_article_shows_the_public_only_the_reason(client, people, group):
    article = NewsArticleFactory(
        author=group,
        title="090-1234-5678に連絡を",
        body="電話番号が書かれた本文",
        status=S.HIDDEN,
        status_reason="個人の電話番号が載っていたため",
    )
    public = client.get(article.get_absolute_url()).content.decode()
    assert "個人の電話番号が載っていたため" in public
    assert "090-1234-5678" not in public
    assert "電話番号が書かれた本文" not in public
    own = as_(client, people["member"]).get(article.get_absolute_url()).content.decode()
    assert "電話番号が書かれた本文" in own
    assert "個人の電話番号が載っていたため" in own


def test_writing_news_is_for_members_of_a_listed_group(client, people, group):
    url = reverse("news:new")
    assert client.get(url).status_code == 302  # to the login page
    assert as_(client, people["resident"]).get(url).status_code == 403
    assert as_(client, people["member"]).get(url).status_code == 200


def test_a_member_writes_a_draft_with_a_picture_and_sends_it_for_review(client, people, group):
    as_(client, people["member"])
    upload = SimpleUploadedFile("photo.png", picture((800, 600)), content_type="image/png")
    response = client.post(
        reverse("news:new"),
        {
            "author": group.pk,
            "kind": "activity_report",
            "title": "河川敷の清掃",
            "body": "30人が参加しました。",
            "alt_text": "ごみ袋を持つ参加者",
            "picture": upload,
        },
    )
    article = NewsArticle.objects.get()
    assert response.status_code == 302
    assert response.url == article.get_absolute_url()
    assert article.status == S.DRAFT
    assert client.get(reverse("news:picture", args=[article.pk])).status_code == 200

    client.post(reverse("news:action", args=[article.pk, "submit"]))
    assert NewsArticle.objects.get(pk=article.pk).status == S.IN_REVIEW


def test_a_bad_picture_is_refused_with_a_message_and_nothing_saved(client, people, group):
    as_(client, people["member"])
    fake = SimpleUploadedFile("photo.png", b"not a picture", content_type="image/png")
    response = client.post(
        reverse("news:new"),
        {"author": group.pk, "kind": "results", "title": "結果", "body": "本文", "picture": fake},
    )
    assert response.status_code == 200
    assert 'class="errorlist' in response.content.decode()
    assert not NewsArticle.objects.exists()


def test_another_groups_member_cannot_write_for_the_group(client, people, group):
    as_(client, people["other_group"])
    client.post(
        reverse("news:new"),
        {"author": group.pk, "kind": "results", "title": "なりすまし", "body": "本文"},
    )
    assert not NewsArticle.objects.exists()


@pytest.mark.parametrize(
    ("action", "state", "allowed"),
    [
        ("submit", S.DRAFT, {"member", "coordinator", "city_staff"}),
        ("publish", S.IN_REVIEW, {"coordinator", "city_staff"}),
        ("return", S.IN_REVIEW, {"coordinator", "city_staff"}),
        ("hide", S.PUBLISHED, {"coordinator", "city_staff"}),
        ("restore", S.HIDDEN, {"coordinator", "city_staff"}),
    ],
)
def test_actions_are_refused_with_403_or_404(client, people, group, action, state, allowed):
    codes = {}
    for name, user in people.items():
        if user is None:
            continue
        article = NewsArticleFactory(author=group, status=state, status_reason="理由")
        client.logout()
        response = as_(client, user).post(
            reverse("news:action", args=[article.pk, action]), {"reason": "不適切な表現"}
        )
        codes[name] = response.status_code
        moved = NewsArticle.objects.get(pk=article.pk).status != state
        assert moved == (name in allowed), name
    assert {n for n, c in codes.items() if c == 302} == allowed
    # Who may not see a draft gets 404 (its existence is not told); others 403.
    assert {c for n, c in codes.items() if n not in allowed} <= {403, 404}


def test_hiding_without_a_reason_is_refused_with_a_message(client, people, group):
    article = NewsArticleFactory(author=group)
    as_(client, people["coordinator"])
    response = client.post(reverse("news:action", args=[article.pk, "hide"]), {"reason": ""})
    assert response.status_code == 302
    assert NewsArticle.objects.get(pk=article.pk).status == S.PUBLISHED
    page = client.get(article.get_absolute_url()).content.decode()
    assert 'class="message' in page


def test_a_hidden_articles_picture_is_404_to_the_public(client, people, group):
    article = NewsArticleFactory(author=group, status=S.DRAFT)
    upload = SimpleUploadedFile("photo.png", picture(), content_type="image/png")
    services.news_save(
        article=article, data={"alt_text": "写真"}, image=upload, by=people["member"]
    )
    NewsArticle.objects.filter(pk=article.pk).update(status=S.HIDDEN, status_reason="確認中")
    assert client.get(reverse("news:picture", args=[article.pk])).status_code == 404
    as_(client, people["member"])
    assert client.get(reverse("news:thumbnail", args=[article.pk])).status_code == 200


def test_the_review_page_is_for_support_staff(client, people, group):
    NewsArticleFactory(author=group, title="審査を待つ記事", status=S.IN_REVIEW)
    url = reverse("news:review")
    assert as_(client, people["resident"]).get(url).status_code == 403
    client.logout()
    assert as_(client, people["member"]).get(url).status_code == 403
    client.logout()
    assert "審査を待つ記事" in as_(client, people["coordinator"]).get(url).content.decode()


def test_city_staff_trust_a_group_and_a_coordinator_may_not(client, people, group):
    grant = reverse("news:trust", args=[group.pk, "grant"])
    assert as_(client, people["coordinator"]).post(grant).status_code == 403
    assert not NewsTrust.objects.exists()
    client.logout()
    assert as_(client, people["city_staff"]).post(grant).status_code == 302
    assert NewsTrust.objects.filter(organisation=group).exists()
    client.post(reverse("news:trust", args=[group.pk, "withdraw"]))
    assert not NewsTrust.objects.exists()
    assert AuditEvent.objects.filter(action__startswith="news_trust").count() == 2


def test_the_feed_has_published_news_only_with_iso_dates(client, group):
    NewsArticleFactory(author=group, title="公開中の記事")
    NewsArticleFactory(author=group, title="下書きの記事", status=S.DRAFT, published_at=None)
    NewsArticleFactory(author=group, title="非公開の記事", status=S.HIDDEN, status_reason="確認中")
    response = client.get(reverse("news:feed"))
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)  # noqa: S314 (our own response, not outside data)
    titles = [e.findtext(f"{ATOM}title") for e in feed.iter(f"{ATOM}entry")]
    assert titles == ["公開中の記事"]
    entry = next(feed.iter(f"{ATOM}entry"))
    assert entry.findtext(f"{ATOM}author/{ATOM}name") == "稲瀬地区振興会"
    assert entry.findtext(f"{ATOM}published")[:4].isdigit()
