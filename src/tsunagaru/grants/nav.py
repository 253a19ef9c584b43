"""What grants add to the site menu (see core.navigation)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from tsunagaru.accounts.models import Role
from tsunagaru.accounts.permissions import has_role
from tsunagaru.core.navigation import ADMIN, MINE, PUBLIC, Entry, register, signed_in
from tsunagaru.grants import permissions


def _is_reviewer(user: object) -> bool:
    return has_role(user, Role.REVIEWER)


register(
    Entry("grants:index", _("Grants"), PUBLIC, 35),
    Entry("grants:mine", _("Our group's applications"), MINE, 50, visible=signed_in),
    Entry(
        "grants:screening",
        _("Grant applications to screen"),
        ADMIN,
        40,
        visible=permissions.can_screen,
    ),
    Entry(
        "grants:follow_up",
        _("Grants after the decision"),
        ADMIN,
        41,
        visible=permissions.can_screen,
    ),
    Entry("grants:reviews", _("Applications to score"), MINE, 55, visible=_is_reviewer),
)
