from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.templatetags.static import static
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from tsunagaru.core import languages, navigation, reading, selectors

READING_SIZES = (
    ("normal", pgettext_lazy("text size", "Standard")),
    ("large", pgettext_lazy("text size", "Large")),
    ("larger", pgettext_lazy("text size", "Largest")),
)
READING_FURIGANA = (
    ("on", pgettext_lazy("furigana", "Show")),
    ("off", pgettext_lazy("furigana", "Hide")),
)
READING_CONTRASTS = (
    ("normal", pgettext_lazy("colours", "Standard")),
    ("high", _("High contrast")),
)


def site(request: HttpRequest) -> dict[str, Any]:
    """What every page needs: the municipality, the <html lang> value, the logo and the menu."""
    user = getattr(request, "user", None)
    chosen = reading.of(request)
    return {
        # Lazy: a page that never shows the municipality does not query for it.
        "municipality": SimpleLazyObject(selectors.current_municipality),
        "html_lang": languages.html_lang(get_language() or "ja"),
        "reading": chosen,
        "furigana_on": chosen.furigana_on(get_language() or ""),
        "reading_furigana": READING_FURIGANA,
        "reading_sizes": READING_SIZES,
        "reading_contrasts": READING_CONTRASTS,
        "site_logo_url": SimpleLazyObject(site_logo_url),
        # Lazy: an htmx fragment never renders the menu, so it never asks the checks behind it.
        "site_menu": SimpleLazyObject(
            lambda: (
                navigation.menu_for(user, getattr(request, "resolver_match", None))
                if user is not None
                else []
            )
        ),
    }


def site_logo_url(logo: str | None = None) -> str:
    """SITE_LOGO as a URL: an address (https://…, /…) as given, otherwise a static file path."""
    value = settings.SITE_LOGO if logo is None else logo
    if value.startswith(("https://", "http://", "/")):
        return value
    return static(value)
