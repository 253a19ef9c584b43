from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MatchingConfig(AppConfig):
    name = "tsunagaru.matching"
    label = "matching"
    verbose_name = _("Matching")

    def ready(self) -> None:
        from tsunagaru.core import health
        from tsunagaru.matching import index

        health.register("matching_index", index.status)
