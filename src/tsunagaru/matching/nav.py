"""What matching adds to the site menu (see core.navigation)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from tsunagaru.core.navigation import ADMIN, MINE, PUBLIC, Entry, one_of, register, signed_in
from tsunagaru.matching import permissions

register(
    Entry("matching:network", _("Connections"), PUBLIC, 60),
    Entry(
        "matching:introductions",
        _("Introductions"),
        MINE,
        40,
        visible=signed_in,
        current=one_of("matching:introductions", "matching:introduction", "matching:request"),
    ),
    Entry("matching:give", _("Put what you can do to use"), MINE, 45, visible=signed_in),
    Entry(
        "matching:person_introductions",
        _("Requests to volunteers"),
        MINE,
        45,
        visible=permissions.has_volunteer_side,
        current=one_of("matching:person_introductions", "matching:person_introduction"),
    ),
    Entry(
        "matching:unmatched",
        _("Needs without a partner"),
        ADMIN,
        20,
        visible=permissions.can_view_unmatched,
    ),
    Entry(
        "matching:glossary",
        _("Regional glossary"),
        ADMIN,
        40,
        visible=permissions.can_manage_glossary,
        current=one_of("matching:glossary", "matching:glossary_edit"),
    ),
)
