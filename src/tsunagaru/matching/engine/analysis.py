"""Japanese text → clauses of weighted concepts, each clause with its direction.

A clause says either what a group lacks or wants ("want": 人手が足りない, 教えてほしい) or what it
has or can give ("have": 軽トラックで回っています, 使ってくれるところはないか). Matching
pairs a want with a have; two wants of the same thing are the same problem, not a match.

Each content word becomes a Unit with several keys, strongest first: its normalised form
(Sudachi: 子ども → 子供), the regional glossary's concept, and Sudachi's synonym groups
(高齢者 ~ 年寄り, 除雪 ~ 雪かき). Compounds (冷蔵ショーケース) add a unit of their own.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tsunagaru.text import analyser

WANT = "want"
HAVE = "have"
NEUTRAL = "neutral"

_DATA = Path(__file__).resolve().parent / "data"
# Sentence ends, and the turns inside a sentence where a have often becomes a want
# (集会所は使えるが、見守ってくれる大人がいない).
_CLAUSE_SPLIT = re.compile(r"[。！？!?\n]+|(?<=[がど])、|けれど|けど|ものの|しかし|ただ、")
_KEYWORD_POS = frozenset({"名詞", "動詞", "形容詞", "形状詞"})
# Weights of a unit's keys: the word itself counts most, a synonym group least.
TERM_WEIGHT = 1.0
GLOSSARY_WEIGHT = 0.9
SYNONYM_WEIGHT = 0.75
# Nouns name what a need is about (認知症, 除雪機); verbs and adjectives are more general
# (見守る, 困る) and count less.
_POS_WEIGHT = {"名詞": 1.0, "動詞": 0.6, "形容詞": 0.6, "形状詞": 0.6}


@dataclass(frozen=True)
class Unit:
    surface: str  # as written, for reasons shown to users
    keys: tuple[tuple[str, float], ...]  # (concept key, weight)


@dataclass(frozen=True)
class Clause:
    text: str
    direction: str  # WANT, HAVE or NEUTRAL
    units: tuple[Unit, ...]
    # Resources the clause wants or has, as (category, direction): ("人手", WANT) for
    # 人手が足りない, ("人手", HAVE) for 働ける仕事を探している.
    resources: tuple[tuple[str, str], ...]


@functools.cache
def lexicon() -> dict[str, Any]:
    data: dict[str, Any] = json.loads((_DATA / "lexicon.json").read_text(encoding="utf-8"))
    return data


@functools.cache
def _stop_terms() -> frozenset[str]:
    return frozenset(analyser.normalise(t) for t in lexicon()["stop_terms"])


class Glossary:
    """Groups of words that mean the same here (雪はね = 雪かき = 除雪): one concept each."""

    def __init__(self, groups: Iterable[Iterable[str]] = ()) -> None:
        self._concept: dict[str, str] = {}
        for number, group in enumerate(groups):
            for word in group:
                for term in _word_terms(word):
                    self._concept[term] = f"g:{number}"

    def concept(self, term: str) -> str | None:
        return self._concept.get(term)

    def __len__(self) -> int:
        return len(self._concept)


def _word_terms(word: str) -> list[str]:
    # A glossary word is matched as the analyser would see it: its normalised compound form,
    # or, for a phrase, each of its content words.
    tokens = analyser.tokenise(word, mode="C")
    if len(tokens) == 1:
        return [tokens[0].term]
    return [analyser.normalise(word)]


def clauses(text: str, *, default: str, glossary: Glossary | None = None) -> list[Clause]:
    """The clauses of `text`; a clause with no cue of its own takes `default` direction."""
    result = []
    for part in _CLAUSE_SPLIT.split(analyser.normalise(text or "")):
        part = part.strip(" 、,")
        if not part:
            continue
        units = tuple(_units(part, glossary))
        if units:
            direction = _direction(part, default)
            result.append(Clause(part, direction, units, tuple(_resources(part, direction))))
    return result


def units(text: str, glossary: Glossary | None = None) -> list[Unit]:
    """Concept units of a short text with no direction (names, fields)."""
    return list(_units(analyser.normalise(text or ""), glossary))


def _units(text: str, glossary: Glossary | None) -> Iterable[Unit]:
    stop = _stop_terms()
    fine = analyser.tokenise(text, mode="A")
    seen_compounds: set[str] = set()
    for token in fine:
        if token.pos in _KEYWORD_POS and token.term not in stop and not token.term.isdigit():
            yield Unit(token.surface, _keys(token, glossary))
    fine_terms = {t.term for t in fine}
    for token in analyser.tokenise(text, mode="C"):
        if (
            token.pos in _KEYWORD_POS
            and token.term not in fine_terms
            and token.term not in stop
            and token.term not in seen_compounds
        ):
            seen_compounds.add(token.term)
            yield Unit(token.surface, _keys(token, glossary))


def _keys(token: analyser.Token, glossary: Glossary | None) -> tuple[tuple[str, float], ...]:
    pos = _POS_WEIGHT.get(token.pos, 0.6)
    keys = [(f"t:{token.term}", TERM_WEIGHT * pos)]
    concept = glossary.concept(token.term) if glossary else None
    if concept:
        keys.append((concept, GLOSSARY_WEIGHT * pos))
    keys += [(f"s:{group}", SYNONYM_WEIGHT * pos) for group in token.synonyms]
    return tuple(keys)


def _direction(clause: str, default: str) -> str:
    cues = lexicon()["direction"]
    # Order matters (see lexicon.json): 使ってほしい gives, 分けてほしい receives, 空き家 has.
    if any(cue in clause for cue in cues["giving"]):
        return HAVE
    if any(cue in clause for cue in cues["receiving"]):
        return WANT
    if any(cue in clause for cue in cues["surplus"]):
        return HAVE
    want = sum(clause.count(cue) for cue in cues["want"])
    have = sum(clause.count(cue) for cue in cues["have"])
    if have > want:
        return HAVE
    if want > have:
        return WANT
    return default


def _resources(clause: str, direction: str) -> Iterable[tuple[str, str]]:
    if direction == NEUTRAL:
        return
    opposite = HAVE if direction == WANT else WANT
    for name, cues in lexicon()["resources"].items():
        if any(cue in clause for cue in cues["inverse"]):
            yield name, opposite
        elif any(cue in clause for cue in cues["cues"]):
            yield name, direction
