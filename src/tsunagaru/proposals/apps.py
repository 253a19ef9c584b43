from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProposalsConfig(AppConfig):
    name = "tsunagaru.proposals"
    label = "proposals"
    verbose_name = _("Proposal table")
