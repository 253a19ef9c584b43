"""やさしい日本語 (Easy Japanese) as a language Django knows about."""

from __future__ import annotations

from django.conf.locale import LANG_INFO

EASY_JAPANESE = "ja-easy"


def register_easy_japanese() -> None:
    """Teach Django's language table the Easy Japanese code used in LANGUAGES.

    Django only knows the names of languages in LANG_INFO; the language switcher asks it.
    """
    LANG_INFO.setdefault(
        EASY_JAPANESE,
        {
            "bidi": False,
            "code": EASY_JAPANESE,
            "name": "Easy Japanese",
            "name_local": "やさしい日本語",
        },
    )


def html_lang(language_code: str) -> str:
    """The value for <html lang>: Easy Japanese is still Japanese to browsers and screen readers."""
    if language_code == EASY_JAPANESE:
        return "ja"
    return language_code
