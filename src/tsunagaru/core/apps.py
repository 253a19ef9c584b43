from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "tsunagaru.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self) -> None:
        from django.utils.module_loading import autodiscover_modules

        from tsunagaru.core import checks, languages  # noqa: F401 - checks registers itself

        languages.register_easy_japanese()
        # Each app's nav.py registers its menu entries (core.navigation).
        autodiscover_modules("nav")
        # Each app's workspace.py registers what waits for the support staff (core.workspace).
        autodiscover_modules("workspace")
