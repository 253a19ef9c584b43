"""What the academy adds to the site menu (see core.navigation)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from tsunagaru.academy import permissions
from tsunagaru.core.navigation import (
    ADMIN,
    MINE,
    PUBLIC,
    Entry,
    in_app,
    one_of,
    register,
    signed_in,
)
from tsunagaru.partners import permissions as partner_permissions

register(
    Entry(
        "academy:courses",
        _("Academy"),
        PUBLIC,
        17,
        current=in_app("academy", except_views=["academy:mine", "academy:cohorts"]),
    ),
    Entry("academy:mine", _("My courses"), MINE, 37, visible=signed_in),
    Entry(
        "academy:graduates",
        _("Academy graduates who can help"),
        MINE,
        46,
        visible=partner_permissions.can_view_volunteers,
    ),
    Entry(
        "academy:cohorts",
        _("Academy cohorts"),
        ADMIN,
        37,
        visible=permissions.is_academy_staff,
        current=one_of("academy:cohorts", "academy:manage", "academy:cohort_new"),
    ),
)
