"""What the translations app adds to the site menu (see core.navigation)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from tsunagaru.core.navigation import ADMIN, MINE, Entry, register
from tsunagaru.translations import permissions

register(
    Entry(
        "translations:queue",
        _("Texts to translate"),
        MINE,
        60,
        visible=lambda user: bool(permissions.translator_languages(user)),
    ),
    Entry(
        "translations:translators",
        _("Volunteer translators"),
        ADMIN,
        81,
        visible=permissions.can_appoint_translators,
    ),
)
