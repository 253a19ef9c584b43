"""What events add to the site menu (see core.navigation)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from tsunagaru.core.navigation import MINE, PUBLIC, Entry, in_app, register, signed_in

register(
    Entry(
        "info:events", _("Events"), PUBLIC, 15, current=in_app("info", except_views=["info:mine"])
    ),
    Entry("news:list", _("News"), PUBLIC, 16, current=in_app("news")),
    Entry("info:mine", _("My events"), MINE, 35, visible=signed_in),
)
