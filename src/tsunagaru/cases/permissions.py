"""Who may write, confirm, publish and see cases."""

from __future__ import annotations

from typing import Any

from tsunagaru.accounts.permissions import has_role
from tsunagaru.cases.models import Case, CasePartner
from tsunagaru.partners.permissions import (
    SPEAKING_ROLES,
    SUPPORT_ROLES,
    is_partner_or_support,
    role_in,
)


def can_create(user: Any) -> bool:
    """Members of listed groups and the support staff write cases."""
    return is_partner_or_support(user)


def is_author(user: Any, case: Case) -> bool:
    if not (user.is_authenticated and user.is_active):
        return False
    if case.created_by_id == user.pk:
        return True
    author = case.author_organisation
    return author is not None and role_in(user, author) in SPEAKING_ROLES


def can_edit(user: Any, case: Case) -> bool:
    if case.status == Case.Status.PUBLISHED:
        return False
    return is_author(user, case) or has_role(user, *SUPPORT_ROLES)


def can_submit(user: Any, case: Case) -> bool:
    return case.status == Case.Status.DRAFT and can_edit(user, case)


def can_view(user: Any, case: Case) -> bool:
    """Published cases are public; drafts are seen by their authors, the partners asked to
    confirm them, and the support staff."""
    if case.is_published:
        return True
    if is_author(user, case) or has_role(user, *SUPPORT_ROLES):
        return True
    return any(
        p.organisation is not None and role_in(user, p.organisation) is not None
        for p in case.partners.all()
    )


def can_confirm(user: Any, case: Case, partner: CasePartner) -> bool:
    """A partner group's representative or contact person confirms its part, once."""
    if case.status != Case.Status.CONFIRMING or partner.confirmed_at is not None:
        return False
    return partner.organisation is not None and role_in(user, partner.organisation) in (
        SPEAKING_ROLES
    )


def can_publish(user: Any, case: Case) -> bool:
    return case.status == Case.Status.READY and has_role(user, *SUPPORT_ROLES)


def can_unpublish(user: Any, case: Case) -> bool:
    return case.status == Case.Status.PUBLISHED and has_role(user, *SUPPORT_ROLES)


def can_mark_model(user: Any) -> bool:
    """Staff mark a case as a model case (手本事例)."""
    return has_role(user, *SUPPORT_ROLES)


def can_make_booklet(user: Any) -> bool:
    return has_role(user, *SUPPORT_ROLES)
