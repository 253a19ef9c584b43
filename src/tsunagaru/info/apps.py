from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InfoConfig(AppConfig):
    name = "tsunagaru.info"
    label = "info"
    verbose_name = _("Events and news")
