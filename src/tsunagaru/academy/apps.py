from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AcademyConfig(AppConfig):
    name = "tsunagaru.academy"
    label = "academy"
    verbose_name = _("Academy")
