"""Normalise and tokenise Japanese text for indexing and querying.

One analyser for both databases: text is tokenised here in Python (SudachiPy), and the search
index stores the resulting terms separated by spaces, so SQLite FTS5 and PostgreSQL full text
see exactly the same terms and return the same matches.

Terms of a text are
- the normalised form of every content word in Sudachi's finest split (mode A): 高齢 者 福祉,
- the normalised form of every compound (mode C) that differs from those: 高齢者福祉,
- the reading (katakana) of each compound, so a query typed in kana finds kanji (いさわ → 胆沢).
"""

from __future__ import annotations

import functools
import re
import threading
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from sudachipy import Dictionary, SplitMode, Tokenizer

_DATA = Path(__file__).resolve().parent / "data"
# Parts of speech that carry no meaning for search: particles, auxiliaries, symbols, spaces;
# and dependent words (いる in ～している) that every sentence has.
_SKIP_POS = frozenset({"助詞", "助動詞", "補助記号", "記号", "空白"})
_SKIP_SUBPOS = frozenset({"非自立可能"})
_KANA_ONLY = re.compile(r"^[ぁ-ゖァ-ヺー・\s]+$")
_SPACES = re.compile(r"\s+")
_HIRAGANA_TO_KATAKANA = {code: code + 0x60 for code in range(ord("ぁ"), ord("ゖ") + 1)}


@dataclass(frozen=True)
class Token:
    surface: str
    term: str  # normalised form after equivalences: what is indexed and matched
    reading: str  # katakana
    is_noun: bool
    is_verb: bool
    start: int  # offsets in the normalised text
    end: int
    pos: str = ""  # Sudachi's part of speech (first level): 名詞, 動詞, 形容詞 …
    synonyms: tuple[int, ...] = ()  # Sudachi's synonym group ids: 高齢者 and 年寄り share one


@functools.cache
def _dictionary() -> Dictionary:
    return Dictionary(dict="core")


_per_thread = threading.local()


def _tokenizer() -> Tokenizer:
    # A Sudachi tokenizer refuses concurrent use (SudachiError "already in use"): one per
    # thread, from one shared dictionary. runserver and threaded servers run requests in
    # parallel threads; two saves that reindex at once broke without this.
    tokenizer: Tokenizer | None = getattr(_per_thread, "tokenizer", None)
    if tokenizer is None:
        tokenizer = _dictionary().tokenizer()
        _per_thread.tokenizer = tokenizer
    return tokenizer


@functools.cache
def equivalences() -> dict[str, str]:
    """variant → canonical, from data/equivalences.tsv."""
    table: dict[str, str] = {}
    for line in (_DATA / "equivalences.tsv").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        variant, canonical = line.split("\t")
        table[normalise(variant)] = normalise(canonical)
    return table


def normalise(text: str) -> str:
    """NFKC (full/half width, ① → 1), lower-case Latin letters, one space between words.

    Stored text is never changed by this; only search keys are built from it.
    """
    text = unicodedata.normalize("NFKC", text)
    return _SPACES.sub(" ", text).strip().lower()


def tokenise(text: str, *, mode: str = "A") -> list[Token]:
    """Content-word tokens of `text` (particles, auxiliaries and symbols dropped)."""
    split = SplitMode.A if mode == "A" else SplitMode.C
    table = equivalences()
    tokens = []
    for chunk_start, chunk in _chunks(normalise(text)):
        for m in _tokenizer().tokenize(chunk, split):
            pos = m.part_of_speech()
            if pos[0] in _SKIP_POS or (pos[1] in _SKIP_SUBPOS and pos[0] != "名詞"):
                continue
            term = normalise(m.normalized_form())
            term = table.get(term, table.get(normalise(m.surface()), term))
            tokens.append(
                Token(
                    surface=m.surface(),
                    term=term,
                    reading=m.reading_form(),
                    is_noun=pos[0] == "名詞",
                    is_verb=pos[0] == "動詞",
                    start=chunk_start + m.begin(),
                    end=chunk_start + m.end(),
                    pos=pos[0],
                    synonyms=tuple(m.synonym_group_ids()),
                )
            )
    return tokens


def index_terms(text: str) -> list[str]:
    """The terms to index for `text`, in order (repeats kept: they count for ranking)."""
    fine = tokenise(text, mode="A")
    coarse = tokenise(text, mode="C")
    terms = [t.term for t in fine]
    fine_terms = set(terms)
    terms += [t.term for t in coarse if t.term not in fine_terms]
    # A verb as written (打ち上げ) is also the noun people search for (花火の打ち上げ).
    terms += [_verb_surface(t) for t in coarse if t.is_verb and _verb_surface(t) != t.term]
    # Readings of nouns (names above all), so kana queries find words written in kanji.
    readings = (
        t.reading
        for t in (*fine, *coarse)
        if t.is_noun and len(t.reading) > 1 and t.reading != t.term
    )
    terms += dict.fromkeys(readings)
    return [t for t in terms if t]


def query_terms(query: str) -> list[list[str]]:
    """A query as alternatives of required terms: [[a, b], [c]] means (a AND b) OR c.

    Every content word of the query is required. A query written only in kana may also be a
    reading (いさわ → イサワ, the reading of 胆沢), which is offered as an alternative.
    """
    return [list(terms) for terms in _query_terms(query)]


@functools.lru_cache(maxsize=1024)
def _query_terms(query: str) -> tuple[tuple[str, ...], ...]:
    # Cached: a results page asks for the same query's terms once per highlighted snippet.
    terms = list(dict.fromkeys(t.term for t in tokenise(query, mode="A")))
    alternatives = [terms] if terms else []
    # Compounds with verbs as written: 打ち上げ花火 also means 打ち上げ + 花火.
    coarse = list(
        dict.fromkeys(_verb_surface(t) if t.is_verb else t.term for t in tokenise(query, mode="C"))
    )
    if coarse and coarse != terms:
        alternatives.append(coarse)
    stripped = normalise(query).replace(" ", "")
    if stripped and _KANA_ONLY.match(stripped):
        reading = stripped.translate(_HIRAGANA_TO_KATAKANA)
        if [reading] != terms:
            alternatives.append([reading])
    return tuple(tuple(alternative) for alternative in alternatives)


def highlight_spans(text: str, terms: Iterable[str]) -> list[tuple[int, int]]:
    """Character spans of `text` whose tokens match `terms`, for marking matches on a page.

    Offsets refer to `text` itself when normalising did not change its length (the usual case);
    otherwise no spans are returned rather than wrong ones.
    """
    wanted = set(terms)
    if len(normalise(text)) != len(text):
        return []
    spans = []
    for token in tokenise(text, mode="A"):
        if token.term in wanted or token.reading in wanted:
            spans.append((token.start, token.end))
    return _merge(spans)


def _verb_surface(token: Token) -> str:
    return normalise(token.surface)


def _chunks(text: str, size: int = 4000) -> Iterator[tuple[int, str]]:
    # Sudachi refuses inputs over ~49,000 bytes; split long texts at line ends.
    start = 0
    while start < len(text):
        end = min(len(text), start + size)
        if end < len(text):
            cut = text.rfind("。", start, end)
            end = cut + 1 if cut > start else end
        yield start, text[start:end]
        start = end


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged
