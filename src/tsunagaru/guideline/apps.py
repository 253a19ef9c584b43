from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GuidelineConfig(AppConfig):
    name = "tsunagaru.guideline"
    label = "guideline"
    verbose_name = _("Guideline")
