"""What grants add to the site menu (see core.navigation)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from tsunagaru.core.navigation import MINE, PUBLIC, Entry, register, signed_in

register(
    Entry("grants:index", _("Grants"), PUBLIC, 35),
    Entry("grants:mine", _("Our group's applications"), MINE, 50, visible=signed_in),
)
