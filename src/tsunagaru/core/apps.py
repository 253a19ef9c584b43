from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "tsunagaru.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self) -> None:
        from tsunagaru.core import languages

        languages.register_easy_japanese()
