"""What the knowledge base adds to the support workspace (see core.workspace)."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tsunagaru.core.workspace import Item, Section, Waiting, first, register
from tsunagaru.knowledge import permissions
from tsunagaru.knowledge.models import Article


def _item(article: Article) -> Item:
    return Item(
        title=article.title,
        url=article.get_absolute_url(),
        action=_("Check the content"),
        due=article.review_due,
    )


def _waiting(user: Any) -> Waiting:
    stale = Article.objects.filter(
        status=Article.Status.PUBLISHED, review_due__lt=timezone.localdate()
    ).order_by("review_due", "pk")
    return first(stale, _item, only=("title", "review_due"))


register(
    Section(
        key="knowledge-to-review",
        title=_("Know-how articles due for their yearly check"),
        order=60,
        visible=permissions.can_write,
        waiting=_waiting,
        empty=_("Every article has been checked within the year."),
        all_url=lambda: reverse("knowledge:manage") + "?stale=on",
    )
)
