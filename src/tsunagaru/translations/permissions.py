"""Who may write a text's versions in other languages, and who keeps the translators."""

from __future__ import annotations

from typing import Any

from django.db import models

from tsunagaru.accounts.permissions import STAFF_ROLES, has_role
from tsunagaru.translations import registry


def translator_languages(user: Any) -> list[str]:
    """The languages `user` translates into as an active volunteer translator."""
    if not (user.is_authenticated and user.is_active):
        return []
    translator = getattr(user, "translator", None)
    if translator is None or not translator.is_active:
        return []
    offered = dict(registry.target_languages())
    return [code for code in translator.language_codes if code in offered]


def can_write_version(user: Any, record: models.Model, language: str) -> bool:
    """The text's author (whoever may edit it) in any of the site's other languages; a
    volunteer translator in their languages, once the text is public."""
    kind = registry.kind_of(record)
    if kind is None or language not in dict(registry.target_languages()):
        return False
    if kind.is_author(user, record):
        return True
    return language in translator_languages(user) and kind.is_public(record)


def can_use_queue(user: Any) -> bool:
    return bool(translator_languages(user)) or has_role(user, *STAFF_ROLES)


def can_appoint_translators(user: Any) -> bool:
    return has_role(user, *STAFF_ROLES)
