"""What events, news and 後援 add to the support workspace (see core.workspace)."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from tsunagaru.accounts.permissions import has_role
from tsunagaru.core.workspace import Item, Section, Waiting, first, register
from tsunagaru.info import news_permissions, selectors, sponsorship_permissions
from tsunagaru.info import sponsorship_selectors as sponsorship
from tsunagaru.info.models import Event
from tsunagaru.info.news_models import NewsArticle
from tsunagaru.info.sponsorship_models import SponsorshipRequest
from tsunagaru.partners.permissions import SUPPORT_ROLES


def reviews_events(user: Any) -> bool:
    """The support staff publish or send back events waiting for review (info.permissions)."""
    return has_role(user, *SUPPORT_ROLES)


def _event(event: Event) -> Item:
    return Item(
        title=event.title,
        url=event.get_absolute_url(),
        action=_("Review"),
        about=event.organiser.name,
        since=event.updated_at,
    )


def _article(article: NewsArticle) -> Item:
    return Item(
        title=article.title,
        url=article.get_absolute_url(),
        action=_("Review"),
        about=article.author.name,
        since=article.updated_at,
    )


def _to_decide_item(request: SponsorshipRequest) -> Item:
    return Item(
        title=request.title,
        url=request.get_absolute_url(),
        action=_("Decide"),
        about=request.applicant.name,
        since=request.submitted_at,
    )


def _overdue_item(request: SponsorshipRequest) -> Item:
    return Item(
        title=request.title,
        url=request.get_absolute_url(),
        action=_("Ask for the report"),
        about=request.applicant.name,
        due=sponsorship.report_due_on(request),
    )


def _events(user: Any) -> Waiting:
    return first(
        selectors.events_in_review(), _event, only=("title", "updated_at", "organiser__name")
    )


def _news(user: Any) -> Waiting:
    return first(
        selectors.news_review_queue(), _article, only=("title", "updated_at", "author__name")
    )


def _scope(user: Any) -> sponsorship.QueueScope:
    """The queue's default scope for `user`, worked out once for both 後援 sections."""
    scope = getattr(user, "_sponsorship_scope", None)
    if scope is None:
        scope = sponsorship.default_scope(user)
        user._sponsorship_scope = scope
    return scope


def _to_decide(user: Any) -> Waiting:
    scope = _scope(user)
    waiting = sponsorship.sponsorship_queue(scope=scope)["waiting"]
    return first(waiting, _to_decide_item, only=("title", "submitted_at", "applicant__name"))


def _overdue(user: Any) -> Waiting:
    scope = _scope(user)
    return first(
        sponsorship.sponsorship_overdue(scope=scope),
        _overdue_item,
        only=("title", "ends_on", "applicant__name"),
    )


register(
    Section(
        key="events-to-review",
        title=_("Events waiting for review"),
        order=40,
        visible=reviews_events,
        waiting=_events,
        empty=_("No event is waiting."),
    ),
    Section(
        key="news-to-review",
        title=_("News waiting for review"),
        order=45,
        visible=news_permissions.can_view_review_queue,
        waiting=_news,
        empty=_("No article is waiting."),
        all_url=lambda: reverse("news:review"),
    ),
    Section(
        key="sponsorship-to-decide",
        title=_("Sponsorship requests waiting for a decision"),
        order=50,
        visible=sponsorship_permissions.is_reviewer,
        waiting=_to_decide,
        empty=_("Nothing is waiting."),
        all_url=lambda: reverse("sponsorship:queue"),
    ),
    Section(
        key="sponsorship-overdue",
        title=_("Results reports overdue"),
        order=55,
        visible=sponsorship_permissions.is_reviewer,
        waiting=_overdue,
        empty=_("No report is overdue."),
        all_url=lambda: reverse("sponsorship:queue"),
    ),
)
