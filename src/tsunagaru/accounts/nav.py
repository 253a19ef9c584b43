"""What accounts add to the site menu (see core.navigation)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from tsunagaru.accounts import permissions
from tsunagaru.core.navigation import ADMIN, MINE, Entry, in_app, register, signed_in

register(
    Entry(
        "accounts:profile", _("My profile"), MINE, 90, visible=signed_in, current=in_app("accounts")
    ),
    Entry(
        "admin:index",
        _("Site administration"),
        ADMIN,
        90,
        visible=permissions.can_use_admin_site,
        current=in_app("admin"),
    ),
)
