"""Who may write, publish, archive, review and read knowledge-base articles.

The support centre's coordinators (市民活動支援コーディネーター), city staff and administrators
write and look after the articles; everyone, signed in or not, reads the published ones.
Drafts and archived articles are never public. Plain bool answers; services do the writing.
"""

from __future__ import annotations

from typing import Any

from tsunagaru.accounts.permissions import has_role
from tsunagaru.knowledge.models import Article
from tsunagaru.partners.permissions import SUPPORT_ROLES


def can_write(user: Any) -> bool:
    """The support staff write articles and see the staff list."""
    return has_role(user, *SUPPORT_ROLES)


def can_view(user: Any, article: Article) -> bool:
    if article.status == Article.Status.PUBLISHED:
        return True
    return can_write(user)


def can_edit(user: Any, article: Article) -> bool:
    """Drafts and published articles are kept up to date; an archived one is restored first."""
    if article.status == Article.Status.ARCHIVED:
        return False
    return can_write(user)


def can_publish(user: Any, article: Article) -> bool:
    return article.status == Article.Status.DRAFT and can_write(user)


def can_archive(user: Any, article: Article) -> bool:
    return article.status == Article.Status.PUBLISHED and can_write(user)


def can_restore(user: Any, article: Article) -> bool:
    """An archived article comes back as a draft, to be checked before it is public again."""
    return article.status == Article.Status.ARCHIVED and can_write(user)


def can_mark_reviewed(user: Any, article: Article) -> bool:
    """Staff confirm a published article is still right (年1回の見直し)."""
    return article.status == Article.Status.PUBLISHED and can_write(user)


def can_record_use(user: Any, article: Article) -> bool:
    """Staff note that a published article helped answer someone."""
    return article.status == Article.Status.PUBLISHED and can_write(user)
