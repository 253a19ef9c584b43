"""Who may do what with a district's page and figures."""

from __future__ import annotations

from typing import Any

from tsunagaru.accounts.permissions import STAFF_ROLES, has_role


def can_edit_district(user: Any) -> bool:
    """The city's staff keep the figures, the 地区センター and the 地区担当職員 up to date."""
    return has_role(user, *STAFF_ROLES)
