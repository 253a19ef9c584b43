from __future__ import annotations

import factory
from django.utils import timezone

from tsunagaru.accounts.tests.factories import UserFactory
from tsunagaru.info.news_models import NewsArticle
from tsunagaru.partners.tests.factories import OrganisationFactory


class NewsArticleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = NewsArticle

    title = factory.Sequence(lambda n: f"河川敷の清掃活動を行いました（第{n}回）")
    body = "30人の参加で、ごみ袋50袋分を集めました。\n\nご協力ありがとうございました。"
    kind = NewsArticle.Kind.ACTIVITY_REPORT
    author = factory.SubFactory(OrganisationFactory)
    status = NewsArticle.Status.PUBLISHED
    published_at = factory.LazyFunction(timezone.now)
    created_by = factory.SubFactory(UserFactory)
