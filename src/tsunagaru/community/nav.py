"""What the districts add to the site menu (see core.navigation)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from tsunagaru.community import permissions
from tsunagaru.core.navigation import ADMIN, Entry, register

register(
    Entry(
        "community:overview",
        _("Districts: plans and inventories"),
        ADMIN,
        45,
        visible=permissions.can_see_overview,
    ),
)
