"""Who may do what with grants. An application belongs to its group: its members write it and
its representative or contact person sends it; a draft is theirs alone. Once sent, the city's
staff and the support centre's coordinators read it (they help correct it)."""

from __future__ import annotations

from typing import Any

from tsunagaru.accounts.models import Role
from tsunagaru.accounts.permissions import STAFF_ROLES, has_role
from tsunagaru.grants import selectors
from tsunagaru.grants.models import ADOPTED_STATES, Application
from tsunagaru.partners.models import Organisation
from tsunagaru.partners.permissions import SPEAKING_ROLES, SUPPORT_ROLES, role_in


def can_manage_programmes(user: Any) -> bool:
    """The city's staff set up each year's programmes."""
    return has_role(user, *STAFF_ROLES)


def can_apply_for(user: Any, organisation: Organisation) -> bool:
    return role_in(user, organisation) is not None


def is_member(user: Any, application: Application) -> bool:
    return role_in(user, application.organisation) is not None


SCREENED = (Application.State.IN_REVIEW, Application.State.NOT_ADOPTED, *ADOPTED_STATES)


def can_view(user: Any, application: Application) -> bool:
    if is_member(user, application):
        return True
    if application.state == Application.State.DRAFT:
        return False
    if has_role(user, *SUPPORT_ROLES):
        return True
    # The committee reads what it screens; a reviewer with a conflict does not see it.
    return (
        has_role(user, Role.REVIEWER)
        and application.state in SCREENED
        and not selectors.is_excluded(user, application)
    )


def can_see_review(user: Any, application: Application) -> bool:
    """The committee's progress and, once unsealed, its result: staff, and reviewers taking
    part (a reviewer who is a member of the applicant, or declared a conflict, never sees it,
    even when they read the application as one of its members)."""
    if has_role(user, *STAFF_ROLES):
        return True
    return (
        has_role(user, Role.REVIEWER)
        and application.state in SCREENED
        and not selectors.is_excluded(user, application)
    )


def can_see_decision(user: Any, application: Application) -> bool:
    """The notice of the decision: the group, the city's staff and the support centre."""
    return application.state in ADOPTED_STATES and (
        is_member(user, application) or has_role(user, *SUPPORT_ROLES)
    )


def can_see_follow_up(user: Any, application: Application) -> bool:
    """After the decision — change requests, progress, the results report with its receipts
    and photos, payments — is between the group and the city's staff (receipts carry names
    and addresses of shops and people)."""
    return application.state in ADOPTED_STATES and (
        is_member(user, application) or has_role(user, *STAFF_ROLES)
    )


def can_write_report(user: Any, application: Application) -> bool:
    """Members write the progress and the results report while the project is adopted."""
    return application.state == Application.State.ADOPTED and is_member(user, application)


def can_speak(user: Any, application: Application) -> bool:
    """The representative or contact person sends change requests, the report and claims."""
    return role_in(user, application.organisation) in SPEAKING_ROLES


def can_screen(user: Any) -> bool:
    """The city's staff check applications, return them and decide."""
    return has_role(user, *STAFF_ROLES)


def can_score(user: Any, application: Application) -> bool:
    return (
        has_role(user, Role.REVIEWER)
        and application.state == Application.State.IN_REVIEW
        and not selectors.is_excluded(user, application)
        and not application.scores.filter(reviewer=user).exists()
    )


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
