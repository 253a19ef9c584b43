"""What core adds to the site menu (see core.navigation)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from tsunagaru.accounts.permissions import can_edit_word_readings
from tsunagaru.core.navigation import ADMIN, PUBLIC, Entry, register
from tsunagaru.core.workspace import has_workspace

register(
    Entry("core:places", _("Areas and districts"), PUBLIC, 50),
    Entry("core:workspace", _("Workspace"), ADMIN, 1, visible=has_workspace),
    Entry(
        "core:word_readings", _("Furigana dictionary"), ADMIN, 80, visible=can_edit_word_readings
    ),
)
