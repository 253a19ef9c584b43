from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language

from tsunagaru.accounts import permissions
from tsunagaru.core import languages, selectors
from tsunagaru.matching import permissions as matching_permissions
from tsunagaru.notices.selectors import unread_count
from tsunagaru.partners import permissions as partner_permissions
from tsunagaru.proposals import permissions as proposal_permissions


def site(request: HttpRequest) -> dict[str, Any]:
    """What every page needs: the municipality, the <html lang> value and the menu's rights."""
    user = getattr(request, "user", None)
    return {
        # Lazy: a page that never shows the municipality does not query for it.
        "municipality": SimpleLazyObject(selectors.current_municipality),
        "html_lang": languages.html_lang(get_language() or "ja"),
        "nav": {
            "can_view_audit_log": user is not None and permissions.can_view_audit_log(user),
            "can_review_partners": user is not None and partner_permissions.can_review(user),
            # Coordinators' matching pages: needs without a partner, the glossary.
            "can_view_unmatched": user is not None
            and matching_permissions.can_view_unmatched(user),
            "can_view_table_dashboard": user is not None
            and proposal_permissions.can_view_dashboard(user),
            # Lazy: counted only when the menu shows it (signed-in pages).
            "unread_notices": SimpleLazyObject(lambda: _unread(user)),
        },
    }


def _unread(user: Any) -> int:
    if user is None or not user.is_authenticated:
        return 0
    return unread_count(user=user)
