"""Who may do what, platform-wide. Views and the API ask these; they never check roles inline.

Each function answers one question with a bool and never raises. Object-level rules of a
domain live in that app's own permissions.py and build on these.
"""

from __future__ import annotations

from typing import Any

from tsunagaru.accounts.models import Role

# Roles whose accounts can reach other people's personal data or the city's decisions.
TWO_FACTOR_ROLES = frozenset({Role.CITY_STAFF, Role.ADMINISTRATOR})
STAFF_ROLES = frozenset({Role.CITY_STAFF, Role.ADMINISTRATOR})


def has_role(user: Any, *roles: str) -> bool:
    return bool(user.is_authenticated and user.is_active and user.role in roles)


def must_use_two_factor(user: Any) -> bool:
    """City staff and administrators must sign in with a TOTP code as well as a password."""
    return has_role(user, *TWO_FACTOR_ROLES)


def can_view_audit_log(user: Any) -> bool:
    return has_role(user, *STAFF_ROLES)


def can_export_audit_log(user: Any) -> bool:
    return has_role(user, *STAFF_ROLES)


def can_use_admin_site(user: Any) -> bool:
    return has_role(user, Role.ADMINISTRATOR)


def can_change_role(user: Any, target: Any) -> bool:
    """Administrators assign roles, but not their own: another administrator must do that."""
    if not has_role(user, Role.ADMINISTRATOR):
        return False
    return bool(user.pk != target.pk)


def can_edit_profile(user: Any, target: Any) -> bool:
    return bool(user.is_authenticated and user.is_active and user.pk == target.pk)


def can_view_personal_data(user: Any, target: Any) -> bool:
    """A person's real name, furigana and e-mail: the person and administrators only."""
    if not (user.is_authenticated and user.is_active):
        return False
    if user.pk == target.pk:
        return True
    return has_role(user, Role.ADMINISTRATOR)


def can_view_job(user: Any, job: Any) -> bool:
    """A background job's progress and result belong to whoever started it."""
    return bool(user.is_authenticated and user.is_active and job.started_by_id == user.pk)


def can_edit_word_readings(user: Any) -> bool:
    """The furigana dictionary is the city's: its staff keep it."""
    return has_role(user, *STAFF_ROLES)
