from __future__ import annotations

import datetime

from django import template

from tsunagaru.knowledge.models import Article

register = template.Library()


@register.filter
def is_stale(article: Article, today: datetime.date) -> bool:
    """Whether a published article is past its yearly review on `today`."""
    return article.is_stale_on(today)
