"""Reading comfort (issue 18): the text size (three steps), a high-contrast colour scheme and
furigana each reader chooses, kept in a cookie for a year so it lasts without an account and on
every page, and on the account of a reader who is logged in (their choice on a new device). Size
and colours are classes on <html> (site.css scales every rem and swaps the colours); furigana
is added to the page by core.furigana. Furigana left at "auto" is on in やさしい日本語 and off
otherwise."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.http import HttpRequest, HttpResponse

COOKIE = "reading"
MAX_AGE = 365 * 24 * 60 * 60
SIZES = ("normal", "large", "larger")
CONTRASTS = ("normal", "high")
FURIGANA = ("auto", "on", "off")


@dataclass(frozen=True)
class Reading:
    size: str = "normal"
    contrast: str = "normal"
    furigana: str = "auto"

    def furigana_on(self, language: str) -> bool:
        if self.furigana == "auto":
            return language == "ja-easy"
        return self.furigana == "on"

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
        return f"{self.size}.{self.contrast}.{self.furigana}"


def of(request: HttpRequest) -> Reading:
    """The reader's choice from the cookie, else from their account; anything unknown reads as
    the default."""
    value: str | None = request.COOKIES.get(COOKIE)
    if value is None:
        user = getattr(request, "user", None)
        value = str(user.reading) if user is not None and user.is_authenticated else ""
    size, contrast, furigana, *_rest = [*value.split("."), "", "", ""]
    return Reading(
        size=size if size in SIZES else "normal",
        contrast=contrast if contrast in CONTRASTS else "normal",
        furigana=furigana if furigana in FURIGANA else "auto",
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
