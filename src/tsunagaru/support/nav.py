"""What the support centre adds to the site menu (see core.navigation)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

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
from tsunagaru.support import permissions

register(
    Entry(
        "support:index",
        _("Ask for help"),
        PUBLIC,
        45,
        current=in_app(
            "support",
            except_views=(
                "support:queue",
                "support:log",
                "support:detail",
                "support:registrations",
                "support:mine",
            ),
        ),
    ),
    Entry("support:mine", _("My questions to the centre"), MINE, 45, visible=signed_in),
    Entry(
        "support:queue",
        _("Consultations"),
        ADMIN,
        40,
        visible=permissions.is_centre_staff,
        current=one_of("support:queue", "support:log", "support:detail"),
    ),
    Entry(
        "support:registrations",
        _("Registrations with the centre"),
        ADMIN,
        41,
        visible=permissions.can_review_registrations,
    ),
)
