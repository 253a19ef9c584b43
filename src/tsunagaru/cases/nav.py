"""What the case library adds to the site menu (see core.navigation)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from tsunagaru.core.navigation import MINE, PUBLIC, Entry, in_app, register, signed_in

register(
    Entry(
        "cases:list", _("Cases"), PUBLIC, 20, current=in_app("cases", except_views=["cases:mine"])
    ),
    Entry("cases:mine", _("My cases"), MINE, 30, visible=signed_in),
)
