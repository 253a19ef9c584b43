"""Furigana on the site's pages (issue 18): when the reader has it on (core.reading: on by
default in やさしい日本語), every text of the page's body — interface and what people wrote —
gets <ruby> readings over its kanji (text.furigana), corrected by the readings of the places
data (Oshu's areas and districts as the city reads them).

The page is changed after it is rendered, text between tags only: markup, attribute values,
scripts, styles, form fields and the <head> are left as they are. Each text's ruby is cached
(the menu, headings and labels repeat on every page), so a page pays for its new texts only.
"""

from __future__ import annotations

import functools
import html
import re
import time
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils.translation import get_language

from tsunagaru.core import reading
from tsunagaru.text import furigana

_TAG = re.compile(r"(<[^>]*>)")
_TAG_NAME = re.compile(r"^<\s*(/?)\s*([a-zA-Z0-9]+)")
# Text inside these is never given readings.
_SKIP = frozenset({"script", "style", "textarea", "title", "option", "ruby", "svg", "head"})
_KANJI = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff々〆ヶ]")
_REFRESH_SECONDS = 300


class _Places:
    """The readings of the places data and of the staff's dictionary (core.WordReading, on top
    of them), read again every few minutes: a renamed district or a corrected name shows its
    new reading without a restart (at once in the process that saved it)."""

    def __init__(self) -> None:
        self.loaded_at = 0.0
        self.table: dict[str, str] = {}
        self.version = 0

    def current(self) -> tuple[int, dict[str, str]]:
        if time.monotonic() - self.loaded_at > _REFRESH_SECONDS:
            from tsunagaru.core.models import Area, District, WordReading

            table: dict[str, str] = {}
            for model in (Area, District):
                for name, kana in model.objects.exclude(name_kana="").values_list(
                    "name", "name_kana"
                ):
                    table[name] = kana
            table.update(WordReading.objects.values_list("surface", "reading"))
            if table != self.table:
                self.table = table
                self.version += 1
            self.loaded_at = time.monotonic()
        return self.version, self.table


_places = _Places()


def refresh() -> None:
    """Read the readings again on the next page (called after the dictionary changes)."""
    _places.loaded_at = 0.0


def ruby(text: str) -> str:
    """`text` (plain, not HTML) as HTML with readings, as pages show it now."""
    version, _table = _places.current()
    return _ruby(html.escape(text, quote=False), version)


def add_ruby(page: str) -> str:
    """The HTML page with readings over the kanji of its body's texts."""
    version, _table = _places.current()
    parts = _TAG.split(page)
    skipping: list[str] = []
    in_body = "<body" not in page
    for index, part in enumerate(parts):
        if index % 2:  # a tag
            match = _TAG_NAME.match(part)
            if match is None:
                continue
            closing, name = match.group(1), match.group(2).lower()
            if name == "body":
                in_body = not closing
            elif name in _SKIP:
                if closing:
                    if skipping and skipping[-1] == name:
                        skipping.pop()
                elif not part.rstrip().endswith("/>"):
                    skipping.append(name)
        elif in_body and not skipping and _KANJI.search(part):
            parts[index] = _ruby(part, version)
    return "".join(parts)


@functools.lru_cache(maxsize=50_000)
def _ruby(text: str, version: int) -> str:
    # `version` names the places table the ruby was made with: a new table, new entries.
    return furigana.ruby_html(html.unescape(text), _places.table)


class FuriganaMiddleware:
    """Adds furigana to HTML pages for readers who have it on."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if (
            response.status_code in (200, 400)
            and not response.streaming
            and response.get("Content-Type", "").startswith("text/html")
            and reading.of(request).furigana_on(get_language() or "")
        ):
            charset = response.charset or "utf-8"
            response.content = add_ruby(response.content.decode(charset)).encode(charset)
        return response
