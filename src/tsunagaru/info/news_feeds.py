"""An Atom feed of published news (never a draft, an article under review or a hidden one)."""

from __future__ import annotations

from datetime import datetime

from django.contrib.syndication.views import Feed
from django.urls import reverse, reverse_lazy
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from tsunagaru.info import selectors
from tsunagaru.info.news_models import NewsArticle

FEED_SIZE = 30


class LatestNews(Feed):  # type: ignore[type-arg]
    feed_type = Atom1Feed
    title = _("Tsunagaru: news")
    subtitle = _("News from the city and Oshu's groups.")
    link = reverse_lazy("news:list")

    def items(self) -> list[NewsArticle]:
        return list(selectors.news_list()[:FEED_SIZE])

    def item_title(self, item: NewsArticle) -> str:
        return item.title

    def item_description(self, item: NewsArticle) -> str:
        return item.body

    def item_link(self, item: NewsArticle) -> str:
        return reverse("news:detail", args=[item.pk])

    def item_author_name(self, item: NewsArticle) -> str:
        return item.author.name

    def item_pubdate(self, item: NewsArticle) -> datetime | None:
        return item.published_at

    def item_updateddate(self, item: NewsArticle) -> datetime:
        return item.updated_at
