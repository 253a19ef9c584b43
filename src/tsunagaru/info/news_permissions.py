"""Who may write, publish, review, hide and read news articles, and who trusts a group.

Plain bool answers; info.services.news does the writing. Drafts and articles waiting for review
are seen by the author group's members and the support staff only.
"""

from __future__ import annotations

from typing import Any

from tsunagaru.accounts.permissions import has_role
from tsunagaru.info.news_models import NewsArticle
from tsunagaru.partners.models import Organisation
from tsunagaru.partners.permissions import STAFF_ROLES, SUPPORT_ROLES, role_in


def can_write_for(user: Any, organisation: Organisation) -> bool:
    """Members of a listed group (or a city department) write its news; so do support staff."""
    if not organisation.is_listed:
        return False
    return role_in(user, organisation) is not None or has_role(user, *SUPPORT_ROLES)


def is_author(user: Any, article: NewsArticle) -> bool:
    return role_in(user, article.author) is not None


def can_edit(user: Any, article: NewsArticle) -> bool:
    """Only a draft is changed: what staff reviewed, or the public read, stays as it was."""
    if article.status != NewsArticle.Status.DRAFT:
        return False
    return is_author(user, article) or has_role(user, *SUPPORT_ROLES)


def can_submit(user: Any, article: NewsArticle) -> bool:
    return can_edit(user, article)


def can_review(user: Any, article: NewsArticle) -> bool:
    """Support staff publish or send back an article waiting for review; never their own
    group's."""
    if article.status != NewsArticle.Status.IN_REVIEW:
        return False
    return has_role(user, *SUPPORT_ROLES) and not is_author(user, article)


def can_hide(user: Any, article: NewsArticle) -> bool:
    return article.status == NewsArticle.Status.PUBLISHED and has_role(user, *SUPPORT_ROLES)


def can_restore(user: Any, article: NewsArticle) -> bool:
    return article.status == NewsArticle.Status.HIDDEN and has_role(user, *SUPPORT_ROLES)


def can_view(user: Any, article: NewsArticle) -> bool:
    """Published and hidden articles have a public page (a hidden one shows only why it was
    hidden); drafts and articles under review are seen by their group and the support staff."""
    if article.status in (NewsArticle.Status.PUBLISHED, NewsArticle.Status.HIDDEN):
        return True
    return is_author(user, article) or has_role(user, *SUPPORT_ROLES)


def can_read_hidden(user: Any, article: NewsArticle) -> bool:
    """The text of a hidden article stays readable to its group and the support staff."""
    return is_author(user, article) or has_role(user, *SUPPORT_ROLES)


def can_view_review_queue(user: Any) -> bool:
    return has_role(user, *SUPPORT_ROLES)


def can_set_trust(user: Any, organisation: Organisation) -> bool:
    """City staff decide which listed groups publish news without review."""
    return organisation.is_listed and has_role(user, *STAFF_ROLES)
