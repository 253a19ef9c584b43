"""What the partner registry adds to the site menu (see core.navigation)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from tsunagaru.core.navigation import ADMIN, MINE, PUBLIC, Entry, in_app, one_of, register
from tsunagaru.partners import permissions

register(
    Entry(
        "partners:directory",
        _("Find partners"),
        PUBLIC,
        10,
        current=in_app(
            "partners",
            except_views=("partners:mine", "partners:volunteer", "partners:review"),
        ),
    ),
    Entry(
        "partners:mine",
        _("My groups"),
        MINE,
        10,
        visible=permissions.can_register,  # the page is every signed-in person's
        current=one_of("partners:mine", "partners:volunteer"),
    ),
    Entry("partners:review", _("Verification"), ADMIN, 10, visible=permissions.can_review),
)
