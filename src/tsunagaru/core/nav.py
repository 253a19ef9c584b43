"""What core adds to the site menu (see core.navigation)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from tsunagaru.core.navigation import PUBLIC, Entry, register

register(Entry("core:places", _("Areas and districts"), PUBLIC, 50))
