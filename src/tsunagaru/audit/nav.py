"""What the audit log adds to the site menu (see core.navigation)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from tsunagaru.accounts import permissions
from tsunagaru.core.navigation import ADMIN, Entry, in_app, register

register(
    Entry(
        "audit:list",
        _("Audit log"),
        ADMIN,
        50,
        visible=permissions.can_view_audit_log,
        current=in_app("audit"),
    )
)
