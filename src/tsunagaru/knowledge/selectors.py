"""Reads of the knowledge base: the public list with topic and search, the staff list with the
articles past their review first, an article's page and how often it helped."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import Exists, F, Model, OuterRef, Prefetch, QuerySet

from tsunagaru.core.queries import InIds
from tsunagaru.knowledge.models import Article, ArticleAttachment, ArticleUse
from tsunagaru.search import selectors as search
from tsunagaru.support.models import Topic

SEARCH_LIMIT = 1_000


@dataclass(frozen=True)
class ArticleFilter:
    query: str = ""
    topic: str = ""  # a Topic code


def topics() -> QuerySet[Topic]:
    return Topic.objects.order_by("order", "pk")


def published() -> QuerySet[Article]:
    return Article.objects.filter(status=Article.Status.PUBLISHED)


def article_list(filters: ArticleFilter) -> tuple[QuerySet[Article], list[int] | None]:
    """Published articles matching `filters`, newest first; for a text query also the matching
    ids in rank order (the caller pages through those and fetches a page with `with_cards`)."""
    articles = _with_topic(published(), filters.topic)
    if not filters.query.strip():
        return articles.order_by("-published_at", "-pk"), None
    hits = search.search_ids(model=Article, query=filters.query, limit=SEARCH_LIMIT)
    ids = [h.object_id for h in hits]
    if filters.topic:
        # The public index entries are the published articles; the topic is checked on them.
        kept = set(articles.filter(InIds("pk", ids)).order_by().values_list("pk", flat=True))
        ids = [pk for pk in ids if pk in kept]
    return published().filter(InIds("pk", ids)), ids


def _with_topic(articles: QuerySet[Article], code: str) -> QuerySet[Article]:
    if not code:
        return articles
    # EXISTS rather than a join: no duplicate rows, no DISTINCT.
    through = Article.topics.through
    return articles.filter(
        Exists(through.objects.filter(article_id=OuterRef("pk"), topic__code=code))
    )


def with_cards(articles: QuerySet[Article]) -> QuerySet[Article]:
    """What a list row shows, in a fixed number of queries (not the article's text)."""
    return articles.defer("body").prefetch_related(
        Prefetch("topics", queryset=Topic.objects.order_by("order", "pk"))
    )


def staff_list(
    *, status: str = "", stale_only: bool = False, query: str = "", today: Any
) -> QuerySet[Article]:
    """The articles for the support staff: by default drafts and published ones (archived ones
    when asked), the review due soonest first (those past it at the top), drafts last. A text
    query searches every article, drafts too (the index's non-public entries)."""
    articles = Article.objects.all()
    if query.strip():
        hits = search.search_ids(model=Article, query=query, public_only=False, limit=SEARCH_LIMIT)
        articles = articles.filter(InIds("pk", [h.object_id for h in hits]))
    if status:
        articles = articles.filter(status=status)
    else:
        articles = articles.exclude(status=Article.Status.ARCHIVED)
    if stale_only:
        articles = articles.filter(status=Article.Status.PUBLISHED, review_due__lt=today)
    return with_cards(articles.order_by(F("review_due").asc(nulls_last=True), "-pk"))


def article_get(pk: int) -> Article | None:
    """An article with its topics and files (its visibility is permissions.can_view)."""
    return (
        Article.objects.filter(pk=pk)
        .select_related("reviewed_by")
        .prefetch_related(
            Prefetch("topics", queryset=Topic.objects.order_by("order", "pk")),
            Prefetch("attachments", queryset=ArticleAttachment.objects.order_by("pk")),
        )
        .first()
    )


def articles_used_by(obj: Model) -> QuerySet[Article]:
    """The published articles that helped answer `obj` (a consultation, for its page)."""
    uses = ArticleUse.objects.filter(
        content_type=ContentType.objects.get_for_model(obj), object_id=obj.pk
    )
    return published().filter(pk__in=uses.values("article_id")).order_by("title")


def recent_uses(article: Article, *, limit: int = 10) -> list[ArticleUse]:
    """The latest uses of an article with who counted them and what used them (staff only:
    a consultation is private to the support centre)."""
    uses = (
        ArticleUse.objects.filter(article=article)
        .select_related("by")
        .prefetch_related("used_for")
        .order_by("-used_at", "-pk")
    )
    return list(uses[:limit])


def use_count(article: Article) -> int:
    """How many times the article helped answer someone (相談で N 回使われました)."""
    return ArticleUse.objects.filter(article=article).count()
