"""Which word pairs may be shown to people as a reason: only words that mean the same thing,
or where one includes the other (高齢者 ⊇ 独居高齢者).

Ranking may use looser evidence (word vectors put 夏場 next to 冬場 and 雪かき next to 草刈り);
a reason is a claim made to a person, so it has to be true. The lists of contrasts (seasons,
directions, school levels, kinds of seasonal work …) and of content-free words are general
Japanese, kept as data in `data/contrasts.json`, not tuned to any set.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from pathlib import Path

from tsunagaru.matching.engine import analysis
from tsunagaru.text import analyser

_DATA = Path(__file__).resolve().parent / "data"

TERM = "term"  # the same normalised form (子ども = 子供)
SYNONYM = "synonym"  # one of Sudachi's synonym groups (除雪 = 雪かき)
GLOSSARY = "glossary"  # the coordinators' glossary (雪はね = 雪寄せ)
VECTOR = "vector"  # close in word vectors: shown only if it passes the stricter test

# A synonym is shown when its word vectors are at least this close …
SYNONYM_AGREES = 0.5
# … but not this close: the pruned vectors point several words at one row.
_SAME_ROW = 0.999


@dataclass(frozen=True)
class _Contrasts:
    # word → (set number, member number): two words of one set and different members contrast.
    members: dict[str, tuple[int, int]]
    function_words: frozenset[str]


@functools.cache
def _contrasts() -> _Contrasts:
    data = json.loads((_DATA / "contrasts.json").read_text(encoding="utf-8"))
    members: dict[str, tuple[int, int]] = {}
    for set_number, entry in enumerate(data["sets"]):
        for member_number, member in enumerate(entry["words"]):
            for word in [member] if isinstance(member, str) else member:
                for form in _forms(word):
                    members.setdefault(form, (set_number, member_number))
    words = data.get("function_words", [])
    function_words = frozenset(form for word in words for form in _forms(word))
    return _Contrasts(members, function_words)


def _forms(word: str) -> set[str]:
    """The word as written and as the analyser keys it (子ども → 子供, くま → クマ)."""
    normal = analyser.normalise(word)
    terms = [analysis.same_kana(t.term) for t in analyser.tokenise(word, mode="C")]
    return {word, normal, analysis.same_kana(normal), *terms}


def is_reason_word(term: str) -> bool:
    """A word that can carry a reason: a content word of at least two characters."""
    term = term.strip()
    if len(term) < 2 or term.isdigit():
        return False
    return term not in _contrasts().function_words


def contrast(a: str, b: str) -> bool:
    """True when `a` and `b` name different members of one set (夏/冬, 雪かき/草刈り, 前/後),
    also inside compounds (夏場/冬場, 小学校/中学校)."""
    marks_a, marks_b = _marks(a), _marks(b)
    return any(
        set_a == set_b and member_a != member_b
        for set_a, member_a in marks_a
        for set_b, member_b in marks_b
    )


@functools.lru_cache(maxsize=8192)
def _marks(term: str) -> frozenset[tuple[int, int]]:
    members = _contrasts().members
    found = {members[term]} if term in members else set()
    if not found:
        # Inside a compound: 冬場 carries 冬, 中学校 carries 中学.
        found = {mark for word, mark in members.items() if len(word) < len(term) and word in term}
    return frozenset(found)


def shown(query_term: str, partner_term: str, *, source: str, cosine: float = 0.0) -> bool:
    """May the pair (the asker's word, the partner's word) be shown as a reason?

    The same word and the coordinators' glossary: yes. Sudachi's synonym groups are loose
    (生徒 ~ 学生, 会議 ~ 集会): only when the word vectors agree as well, and not where the pruned
    vectors give two words one row (cosine 1: a cluster, not a synonym). Word vectors alone put
    siblings side by side (胆沢 ~ 江刺, 角材 ~ 端材) as readily as synonyms: they rank, never show.
    """
    if not (is_reason_word(query_term) and is_reason_word(partner_term)):
        return False
    if query_term == partner_term:
        return True
    if contrast(query_term, partner_term):
        return False
    if source == GLOSSARY:
        return True
    if source == SYNONYM:
        return SYNONYM_AGREES <= cosine < _SAME_ROW
    return False
