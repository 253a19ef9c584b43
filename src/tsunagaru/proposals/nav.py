"""What the proposal table adds to the site menu (see core.navigation)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from tsunagaru.core.navigation import ADMIN, MINE, PUBLIC, Entry, in_app, register, signed_in
from tsunagaru.proposals import permissions

register(
    Entry(
        "proposals:list",
        _("Proposal table"),
        PUBLIC,
        30,
        current=in_app("proposals", except_views=("proposals:mine", "proposals:dashboard")),
    ),
    Entry("proposals:mine", _("My proposals"), MINE, 20, visible=signed_in),
    Entry(
        "proposals:dashboard",
        _("Table dashboard"),
        ADMIN,
        30,
        visible=permissions.can_view_dashboard,
    ),
)
