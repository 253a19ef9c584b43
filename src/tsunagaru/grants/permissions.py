"""Who may do what with grants. An application belongs to its group: its members write it and
its representative or contact person sends it; a draft is theirs alone. Once sent, the city's
staff and the support centre's coordinators read it (they help correct it)."""

from __future__ import annotations

from typing import Any

from tsunagaru.accounts.permissions import STAFF_ROLES, has_role
from tsunagaru.grants.models import Application
from tsunagaru.partners.models import Organisation
from tsunagaru.partners.permissions import SPEAKING_ROLES, SUPPORT_ROLES, role_in


def can_manage_programmes(user: Any) -> bool:
    """The city's staff set up each year's programmes."""
    return has_role(user, *STAFF_ROLES)


def can_apply_for(user: Any, organisation: Organisation) -> bool:
    return role_in(user, organisation) is not None


def is_member(user: Any, application: Application) -> bool:
    return role_in(user, application.organisation) is not None


def can_view(user: Any, application: Application) -> bool:
    if is_member(user, application):
        return True
    if application.state == Application.State.DRAFT:
        return False
    return has_role(user, *SUPPORT_ROLES)


def can_edit(user: Any, application: Application) -> bool:
    return application.is_editable and is_member(user, application)


def can_submit(user: Any, application: Application) -> bool:
    return application.is_editable and role_in(user, application.organisation) in SPEAKING_ROLES


def can_withdraw(user: Any, application: Application) -> bool:
    return (
        application.state
        in (
            Application.State.DRAFT,
            Application.State.SUBMITTED,
            Application.State.RETURNED,
        )
        and role_in(user, application.organisation) in SPEAKING_ROLES
    )
