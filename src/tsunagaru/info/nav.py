"""What events add to the site menu (see core.navigation)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from tsunagaru.core.navigation import ADMIN, MINE, PUBLIC, Entry, in_app, register, signed_in
from tsunagaru.info import sponsorship_permissions

register(
    Entry(
        "info:events", _("Events"), PUBLIC, 15, current=in_app("info", except_views=["info:mine"])
    ),
    Entry("news:list", _("News"), PUBLIC, 16, current=in_app("news")),
    Entry("info:mine", _("My events"), MINE, 35, visible=signed_in),
    Entry(
        "sponsorship:mine",
        _("Sponsorship requests"),
        MINE,
        36,
        visible=sponsorship_permissions.applies_for_a_group,
    ),
    Entry(
        "sponsorship:queue",
        _("Sponsorship requests to review"),
        ADMIN,
        36,
        visible=sponsorship_permissions.is_reviewer,
    ),
)
