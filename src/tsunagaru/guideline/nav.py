"""What the guideline adds to the site menu (see core.navigation)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from tsunagaru.core.navigation import PUBLIC, Entry, in_app, register

register(Entry("guideline:index", _("The guideline"), PUBLIC, 40, current=in_app("guideline")))
