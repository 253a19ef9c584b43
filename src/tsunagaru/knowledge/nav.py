"""What the knowledge base adds to the site menu (see core.navigation). Readers reach it from
the footer (base.html); the support staff have their list here."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from tsunagaru.core.navigation import ADMIN, Entry, in_app, register
from tsunagaru.knowledge import permissions

register(
    Entry(
        "knowledge:manage",
        _("Knowledge base articles"),
        ADMIN,
        37,
        visible=permissions.can_write,
        current=in_app("knowledge"),
    ),
)
