"""Reading comfort (issue 18): the text size (three steps) and a high-contrast colour scheme
each reader chooses, kept in a cookie for a year so it lasts without an account and on every
page, and applied as classes on <html> (site.css scales every rem and swaps the colours)."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.http import HttpRequest, HttpResponse

COOKIE = "reading"
MAX_AGE = 365 * 24 * 60 * 60
SIZES = ("normal", "large", "larger")
CONTRASTS = ("normal", "high")


@dataclass(frozen=True)
class Reading:
    size: str = "normal"
    contrast: str = "normal"

    @property
    def classes(self) -> str:
        """The <html> classes: none for the defaults."""
        names = []
        if self.size != "normal":
            names.append(f"text-{self.size}")
        if self.contrast != "normal":
            names.append(f"contrast-{self.contrast}")
        return " ".join(names)

    @property
    def value(self) -> str:
        return f"{self.size}.{self.contrast}"


def of(request: HttpRequest) -> Reading:
    """The reader's choice from the cookie; anything unknown reads as the default."""
    size, _dot, contrast = request.COOKIES.get(COOKIE, "").partition(".")
    return Reading(
        size=size if size in SIZES else "normal",
        contrast=contrast if contrast in CONTRASTS else "normal",
    )


def remember(response: HttpResponse, reading: Reading) -> None:
    # Secure whenever the language cookie is (always with DEBUG off: settings.py).
    response.set_cookie(
        COOKIE,
        reading.value,
        max_age=MAX_AGE,
        samesite="Lax",
        httponly=True,
        secure=settings.LANGUAGE_COOKIE_SECURE,
    )
