"""Furigana (ルビ): the reading over each run of kanji, for readers who cannot read them all
(issue 18). Readings come from Sudachi, corrected by a table of the names it reads wrong
(data/readings.tsv: Oshu's places, 衣川 is ころもがわ, not きぬがわ; 人首 is ひとかべ) and by any
corrections given by the caller (the site's own dictionary, edited by staff).

Only kanji get a reading, and each kanji run its own: 取り組み → 取(と)り組(く)み, so the kana
already written is not repeated. A word whose reading cannot be aligned with its kana keeps one
reading over the whole word. Pure Python, no Django: the site caches what it makes per text.
"""

from __future__ import annotations

import functools
import html
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from sudachipy import SplitMode

from tsunagaru.text.analyser import _tokenizer

_DATA = Path(__file__).resolve().parent / "data"
_KANJI = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff々〆ヶ]")
_KATAKANA_TO_HIRAGANA = {code: code - 0x60 for code in range(ord("ァ"), ord("ヶ") + 1)}
_HIRAGANA = re.compile(r"^[ぁ-ゖー]+$")
_KANA = re.compile(r"^[ぁ-ゖァ-ヺー]+$")
_OTHER = re.compile(r"[^\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff々〆ヶぁ-ゖァ-ヺー]")
# Runs of kanji, of kana, and of anything else.
_RUNS = re.compile(
    r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff々〆ヶ]+|[ぁ-ゖァ-ヺー]+|[^\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff々〆ヶぁ-ゖァ-ヺー]+"
)


@dataclass(frozen=True)
class Segment:
    """A piece of the text and the reading over it (None: no ruby, kana or other text)."""

    text: str
    reading: str | None = None


def hiragana(text: str) -> str:
    return text.translate(_KATAKANA_TO_HIRAGANA)


@functools.cache
def base_corrections() -> dict[str, str]:
    rows: dict[str, str] = {}
    for line in (_DATA / "readings.tsv").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            surface, reading = line.split("\t")
            rows[surface.strip()] = reading.strip()
    return rows


def has_kanji(text: str) -> bool:
    return bool(_KANJI.search(text))


def check_reading(surface: str, reading: str) -> bool:
    """Whether `reading` can be the reading of `surface`: hiragana only, and the kana written
    in the surface found in it in order (人首町 / ひとかべちょう yes; 取り組み / とりくみ yes;
    取り組み / とくみ no). Used to refuse a dictionary entry that does not read the word."""
    if not surface or not _HIRAGANA.match(reading) or not _KANJI.search(surface):
        return False
    return _align(surface, reading) is not None


def segments(text: str, corrections: Mapping[str, str] | None = None) -> list[Segment]:
    """The text cut into segments, each kanji run with its reading."""
    table = {**base_corrections(), **(corrections or {})}
    result: list[Segment] = []
    for piece, reading in _split_known(text, table):
        if reading is not None:
            result += _aligned(piece, reading)
        else:
            result += _from_sudachi(piece)
    return _merged(result)


def ruby_html(text: str, corrections: Mapping[str, str] | None = None) -> str:
    """The text as HTML with <ruby> over its kanji. The reading is in <rt aria-hidden="true">:
    a screen reader reads the word once (its own reading of the kanji), and the parentheses in
    <rp> show only in browsers without ruby."""
    out = []
    for segment in segments(text, corrections):
        escaped = html.escape(segment.text, quote=False)
        if segment.reading:
            out.append(
                f'<ruby>{escaped}<rp>(</rp><rt aria-hidden="true">'
                f"{html.escape(segment.reading, quote=False)}</rt><rp>)</rp></ruby>"
            )
        else:
            out.append(escaped)
    return "".join(out)


def _split_known(text: str, table: Mapping[str, str]) -> list[tuple[str, str | None]]:
    """Cut out the corrected words (longest first) before Sudachi sees the rest."""
    if not table:
        return [(text, None)]
    pattern = _pattern(tuple(sorted(table, key=len, reverse=True)))
    pieces: list[tuple[str, str | None]] = []
    position = 0
    for match in pattern.finditer(text):
        if match.start() > position:
            pieces.append((text[position : match.start()], None))
        pieces.append((match.group(0), table[match.group(0)]))
        position = match.end()
    if position < len(text):
        pieces.append((text[position:], None))
    return pieces


@functools.lru_cache(maxsize=8)
def _pattern(words: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile("|".join(re.escape(w) for w in words))


def _from_sudachi(text: str) -> list[Segment]:
    if not _KANJI.search(text):
        return [Segment(text)]
    out: list[Segment] = []
    # Whole compounds read best (一日中: いちにちじゅう, not いち・にち・ちゅう); a compound mixing
    # letters or digits with kanji (ＮＰＯ法人) is read in its finest parts instead, so each part
    # keeps its own reading.
    for morpheme in _tokenizer().tokenize(text, SplitMode.C):
        surface = morpheme.surface()
        if _KANJI.search(surface) and _OTHER.search(surface):
            parts = [(m.surface(), m.reading_form()) for m in morpheme.split(SplitMode.A)]
        else:
            parts = [(surface, morpheme.reading_form())]
        for part, reading in parts:
            reading = hiragana(reading)
            if _KANJI.search(part) and _HIRAGANA.match(reading):
                out += _aligned(part, reading)
            else:
                out.append(Segment(part))
    return out


def _aligned(surface: str, reading: str) -> list[Segment]:
    parts = _align(surface, reading)
    if parts is None:  # the kana do not line up: one reading over the whole word
        return [Segment(surface, reading)]
    return parts


def _align(surface: str, reading: str) -> list[Segment] | None:
    """Each kanji run of `surface` with its part of `reading`; the kana between them must be
    found in the reading as written (katakana in the surface compared as hiragana)."""
    runs = [run for run in _RUNS.findall(surface) if run]
    pattern = "".join(_run_pattern(run) for run in runs)
    match = re.fullmatch(pattern, reading)
    if match is None:
        return None
    return [
        Segment(run, match.group(n + 1) if _KANJI.match(run) else None)
        for n, run in enumerate(runs)
    ]


def _run_pattern(run: str) -> str:
    """Kanji read as some kana; kana as written; anything else (ＮＰＯ, 8) as its own reading,
    shown without ruby."""
    if _KANJI.match(run):
        return "(.+?)"
    if _KANA.match(run):
        return f"({re.escape(hiragana(run))})"
    return "(.*?)"


def _merged(parts: list[Segment]) -> list[Segment]:
    """Neighbouring segments without a reading joined (less markup)."""
    out: list[Segment] = []
    for part in parts:
        if out and part.reading is None and out[-1].reading is None:
            out[-1] = Segment(out[-1].text + part.text)
        else:
            out.append(part)
    return out
