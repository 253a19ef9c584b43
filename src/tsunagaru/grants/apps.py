from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GrantsConfig(AppConfig):
    name = "tsunagaru.grants"
    label = "grants"
    verbose_name = _("Grants and grants-in-aid")
