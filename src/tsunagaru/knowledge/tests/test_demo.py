"""The demo knowledge base: 15 published articles through the real workflow, with templates,
two past their yearly review, some counted as used; loading twice adds nothing."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from tsunagaru.core.demo import Report, load_accounts
from tsunagaru.knowledge import demo
from tsunagaru.knowledge.models import Article, ArticleAttachment, ArticleUse

pytestmark = pytest.mark.django_db


def test_the_demo_has_15_published_articles_two_stale_with_templates(client):
    report = Report()
    load_accounts(report)

    demo.load(report)
    demo.load(report)

    today = timezone.localdate()
    articles = list(Article.objects.all())
    assert len(articles) == 15
    assert {a.status for a in articles} == {Article.Status.PUBLISHED}
    assert sum(a.is_stale_on(today) for a in articles) == 2
    assert ArticleAttachment.objects.count() == 5
    assert ArticleUse.objects.count() > 0
    for attachment in ArticleAttachment.objects.all():
        response = client.get(reverse("knowledge:attachment", args=[attachment.pk]))
        assert response.status_code == 200
    found = client.get(reverse("knowledge:list"), {"q": "ボランティア保険"}).content.decode()
    assert "ボランティア保険に入るには" in found
