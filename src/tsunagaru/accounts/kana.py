"""Furigana (ふりがな) as people write them: hiragana stays hiragana, katakana stays katakana.

What is stored and shown is what the person typed, only tidied (`kana_tidy`: half-width ｶﾅ
to full width, spaces trimmed). Sorting and searching compare one form of it (`kana_key`,
katakana) so that さとう and サトウ sort and match together.
"""

from __future__ import annotations

import re
import unicodedata

_HIRAGANA_START, _HIRAGANA_END = ord("ぁ"), ord("ゖ")
_KATAKANA_OFFSET = ord("ァ") - ord("ぁ")
_KATAKANA_ONLY = re.compile(r"^[ァ-ヺー・ヽヾ\s]*$")
_KANA_ONLY = re.compile(r"^[ぁ-ゖゝゞァ-ヺー・ヽヾ\s]*$")


def kana_tidy(text: str) -> str:
    """Furigana as typed, tidied for storing: NFKC (half-width ｶﾅ → カナ, full-width spaces →
    spaces) and trimmed. Hiragana is kept."""
    return unicodedata.normalize("NFKC", text).strip()


def to_katakana(text: str) -> str:
    """`kana_tidy`, then hiragana → katakana: the one form for sorting and searching."""
    return "".join(
        chr(ord(ch) + _KATAKANA_OFFSET) if _HIRAGANA_START <= ord(ch) <= _HIRAGANA_END else ch
        for ch in kana_tidy(text)
    )


kana_key = to_katakana


def is_kana(text: str) -> bool:
    """Only hiragana, katakana, the long-vowel mark, ・ and spaces."""
    return bool(_KANA_ONLY.match(text))


def is_katakana(text: str) -> bool:
    return bool(_KATAKANA_ONLY.match(text))
