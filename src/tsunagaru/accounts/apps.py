from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "tsunagaru.accounts"
    label = "accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        # allauth's own extension point for its MFA events; these only write audit entries.
        from tsunagaru.accounts import allauth_events

        allauth_events.connect()
