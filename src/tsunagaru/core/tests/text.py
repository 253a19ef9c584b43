"""Reading a page's text as the reader sees the words: furigana (<ruby> with <rt>/<rp>, on by
default in やさしい日本語) removed."""

from __future__ import annotations

import re

_READINGS = re.compile(r"<rp>.*?</rp>|<rt[^>]*>.*?</rt>|</?ruby>")


def without_ruby(html: str) -> str:
    return _READINGS.sub("", html)
