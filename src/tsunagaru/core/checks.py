"""Start-up checks of settings that would otherwise fail on the first page shown."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core import checks


@checks.register(checks.Tags.staticfiles)
def site_logo_exists(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    """SITE_LOGO names a static file that exists (an address is not checked)."""
    logo: str = settings.SITE_LOGO
    if logo.startswith(("https://", "http://", "/")) or finders.find(logo):
        return []
    return [
        checks.Error(
            f"SITE_LOGO names the static file {logo!r}, which no static directory holds.",
            hint="Put the file under LOCAL_STATIC_DIR, or set SITE_LOGO to an https:// address.",
            id="core.E001",
        )
    ]
