from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KnowledgeConfig(AppConfig):
    name = "tsunagaru.knowledge"
    label = "knowledge"
    verbose_name = _("Knowledge base")
