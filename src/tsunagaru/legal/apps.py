from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LegalConfig(AppConfig):
    name = "tsunagaru.legal"
    label = "legal"
    verbose_name = _("Terms and policies")
