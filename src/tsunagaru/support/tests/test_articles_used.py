"""A know-how article that helped answer a consultation: recorded by the centre on the
consultation, counted once on the article, and shown to the asker under the answer."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tsunagaru.knowledge.models import ArticleUse
from tsunagaru.knowledge.tests.factories import draft, published
from tsunagaru.support import links
from tsunagaru.support.tests.factories import ConsultationFactory

pytestmark = pytest.mark.django_db


def record(client, consultation, title):
    return client.post(reverse("support:article_used", args=[consultation.pk]), {"article": title})


def test_staff_record_an_article_by_part_of_its_title_and_the_asker_sees_it(client, coordinator):
    article = published(coordinator, title="NPO法人の設立手続き")
    consultation = ConsultationFactory()
    client.force_login(coordinator)

    response = record(client, consultation, "設立手続")

    assert response.status_code == 302
    use = ArticleUse.objects.get()
    assert (use.article, use.object_id, use.by) == (article, consultation.pk, coordinator)
    page = client.get(reverse("support:detail", args=[consultation.pk])).content.decode()
    assert "NPO法人の設立手続き" in page
    client.logout()
    question = client.get(links.question_url(consultation.pk)).content.decode()
    assert article.get_absolute_url() in question


def test_the_same_article_counts_once_for_a_consultation(client, coordinator):
    published(coordinator, title="会計報告の書き方")
    consultation = ConsultationFactory()
    client.force_login(coordinator)

    record(client, consultation, "会計報告")
    record(client, consultation, "会計報告")

    assert ArticleUse.objects.count() == 1


@pytest.mark.parametrize(
    ("title", "message"),
    [
        ("存在しない記事", "No published know-how article has this title."),
        ("下書き", "No published know-how article has this title."),
        ("の書き方", "Several articles match"),
    ],
)
def test_an_unknown_a_draft_or_an_unclear_title_is_explained_and_nothing_counted(
    client, coordinator, title, message, settings
):
    settings.LANGUAGE_CODE = "en"
    published(coordinator, title="会計報告の書き方")
    published(coordinator, title="規約の書き方")
    draft(coordinator, title="下書きの記事")
    consultation = ConsultationFactory()
    client.force_login(coordinator)

    response = client.post(
        reverse("support:article_used", args=[consultation.pk]),
        {"article": title},
        headers={"accept-language": "en"},
    )

    assert response.status_code == 200
    assert message in response.content.decode()
    assert not ArticleUse.objects.exists()


@pytest.mark.parametrize("persona", ["resident", "partner_member", "administrator"], indirect=True)
def test_only_the_centre_records_articles(client, persona, coordinator):
    published(coordinator, title="NPO法人の設立手続き")
    consultation = ConsultationFactory()
    client.force_login(persona)

    response = record(client, consultation, "NPO法人")

    assert response.status_code in (403, 404)
    assert not ArticleUse.objects.exists()
