"""Furigana input: people type hiragana, katakana or half-width katakana; we keep katakana."""

from __future__ import annotations

import re
import unicodedata

_HIRAGANA_START, _HIRAGANA_END = ord("ぁ"), ord("ゖ")
_KATAKANA_OFFSET = ord("ァ") - ord("ぁ")
_KATAKANA_ONLY = re.compile(r"^[ァ-ヺー・ヽヾ\s]*$")


def to_katakana(text: str) -> str:
    """NFKC (half-width ｶﾅ → カナ, full-width spaces → spaces), then hiragana → katakana."""
    text = unicodedata.normalize("NFKC", text).strip()
    return "".join(
        chr(ord(ch) + _KATAKANA_OFFSET) if _HIRAGANA_START <= ord(ch) <= _HIRAGANA_END else ch
        for ch in text
    )


def is_katakana(text: str) -> bool:
    return bool(_KATAKANA_ONLY.match(text))
