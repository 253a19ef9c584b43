"""Who may edit the service pages."""

from __future__ import annotations

from typing import Any

from tsunagaru.accounts.permissions import STAFF_ROLES, has_role


def can_edit_pages(user: Any) -> bool:
    """City staff and administrators publish new versions of the terms and the other pages."""
    return has_role(user, *STAFF_ROLES)
