"""Knowledge-base articles made through the services, as staff would write them."""

from __future__ import annotations

from typing import Any

from tsunagaru.knowledge import services
from tsunagaru.knowledge.models import Article
from tsunagaru.support.models import Topic


def draft(
    by: Any,
    *,
    title: str = "NPO法人の設立手続き",
    topics: tuple[str, ...] = ("npo",),
    body: str = "## 必要な書類\n- 定款\n- 設立趣旨書",
) -> Article:
    return services.article_save(
        article=None,
        data={
            "title": title,
            "summary": "岩手県への申請から登記まで、奥州市で法人をつくる流れです。",
            "body": body,
            "topics": list(Topic.objects.filter(code__in=topics)),
        },
        by=by,
    )


def published(by: Any, **kwargs: Any) -> Article:
    article = draft(by, **kwargs)
    return services.article_publish(article=article, by=by)
