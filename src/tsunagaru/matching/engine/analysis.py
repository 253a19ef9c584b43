"""Japanese text → clauses of weighted concepts, each clause with its direction.

A clause says either what a group lacks or wants ("want": 人手が足りない, 教えてほしい) or what it
has or can give ("have": 軽トラックで回っています, 使ってくれるところはないか). Matching
pairs a want with a have; two wants of the same thing are the same problem, not a match.

Each content word becomes a Unit with several keys, strongest first: its normalised form
(Sudachi: 子ども → 子供) and Sudachi's synonym groups (高齢者 ~ 年寄り, 除雪 ~ 雪かき). Compounds
(冷蔵ショーケース) add a unit of their own. The regional glossary is applied when a query is
asked, not when a profile is indexed (see `Glossary`), so a new glossary line needs no re-index.
"""

from __future__ import annotations

import dataclasses
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
JOINED_WEIGHT = 0.4
# Nouns name what a need is about (認知症, 除雪機); verbs and adjectives are more general
# (見守る, 困る) and count less.
_POS_WEIGHT = {"名詞": 1.0, "動詞": 0.6, "形容詞": 0.6, "形状詞": 0.6}


@dataclass(frozen=True)
class Unit:
    surface: str  # as written, for reasons shown to users
    keys: tuple[tuple[str, float], ...]  # (concept key, weight)
    pos: str = ""  # Sudachi's part of speech (first level)
    # A piece of a longer word in the same text (ホーム in グループホーム): it helps ranking,
    # but alone it is not what the writer meant, so it is never shown as a reason.
    part: bool = False
    # Nouns written together, joined here (グループホーム): found whole, they are what the
    # writer meant; their pieces already count, so the joined word adds little to a score.
    joined: bool = False


@dataclass(frozen=True)
class Clause:
    text: str
    direction: str  # WANT, HAVE or NEUTRAL
    units: tuple[Unit, ...]
    # Resources the clause wants or has, as (category, direction): ("人手", WANT) for
    # 人手が足りない, ("人手", HAVE) for 働ける仕事を探している.
    resources: tuple[tuple[str, str], ...]
    # The words of the field an everyday phrase belongs to (耳が聞こえない → 手話, 要約筆記):
    # see data/everyday.json. They help find partners; they are not what the writer wrote.
    concepts: tuple[Unit, ...] = ()


@functools.cache
def lexicon() -> dict[str, Any]:
    data: dict[str, Any] = json.loads((_DATA / "lexicon.json").read_text(encoding="utf-8"))
    return data


@functools.cache
def _stop_terms() -> frozenset[str]:
    return frozenset(same_kana(analyser.normalise(t)) for t in lexicon()["stop_terms"])


_KANA_ONLY = re.compile(r"^[ぁ-ゖァ-ヺー]+$")
_KATAKANA = re.compile(r"^[ァ-ヺー・]+$")
_TO_KATAKANA = {code: code + 0x60 for code in range(ord("ぁ"), ord("ゖ") + 1)}


def same_kana(term: str) -> str:
    """A word written in kana alone, in katakana: Sudachi normalises クマ as くま in one
    sentence and クマ in the next, ごみ and ゴミ stay apart; as keys they are one word."""
    return term.translate(_TO_KATAKANA) if _KANA_ONLY.match(term) else term


def _tokenise(text: str, mode: str) -> list[analyser.Token]:
    return [
        dataclasses.replace(t, term=same_kana(t.term)) if _KANA_ONLY.match(t.term) else t
        for t in analyser.tokenise(text, mode=mode)
    ]


class Glossary:
    """Groups of words that mean the same here (雪はね = 雪かき = 除雪).

    Used when a query is asked: a query word in a group also looks for the group's other words
    (their normalised forms), so editing the glossary changes the next ranking at once.
    """

    def __init__(self, groups: Iterable[Iterable[str]] = ()) -> None:
        self._members: dict[str, set[str]] = {}
        for group in groups:
            terms = {term for word in group for term in _word_terms(word)}
            for term in terms:
                self._members.setdefault(term, set()).update(terms - {term})

    def members(self, term: str) -> tuple[str, ...]:
        """The other words of `term`'s groups, sorted (the same order in every process)."""
        return tuple(sorted(self._members.get(term, ())))

    def __len__(self) -> int:
        return len(self._members)


def _word_terms(word: str) -> list[str]:
    # A glossary word is matched as the analyser would see it in a text: one word's
    # normalised form, nouns written together joined (雪 + 寄せ), else the word as written.
    text = analyser.normalise(word)
    tokens = _tokenise(text, "C")
    covered = sum(t.end - t.start for t in tokens) == len(text)
    if covered and len(tokens) == 1:
        return [tokens[0].term]
    if covered and _noun_runs(tokens) == [tokens]:
        return [_joined(tokens)]
    return [same_kana(text)]


def clauses(text: str, *, default: str) -> list[Clause]:
    """The clauses of `text`; a clause with no cue of its own takes `default` direction."""
    return list(_clauses(text or "", default))


@functools.lru_cache(maxsize=4096)
def _clauses(text: str, default: str) -> tuple[Clause, ...]:
    # Remembered: an asker's profile is analysed for every ranking it asks (clauses are frozen).
    result = []
    for part in _CLAUSE_SPLIT.split(analyser.normalise(text or "")):
        part = part.strip(" 、,")
        if not part:
            continue
        units = tuple(_units(part))
        if units:
            direction = _direction(part, default)
            resources = tuple(_resources(part, direction))
            result.append(Clause(part, direction, units, resources, concept_units(part)))
    return tuple(result)


def units(text: str) -> list[Unit]:
    """Concept units of a short text with no direction (names, fields)."""
    return list(_units(analyser.normalise(text or "")))


def _units(text: str) -> Iterable[Unit]:
    stop = _stop_terms()
    fine = _tokenise(text, "A")
    coarse = _tokenise(text, "C")
    runs = _noun_runs(coarse)
    # Pieces are parts of one word: of Sudachi's compounds (打ち in 打ち上げる), and of katakana
    # written together, one loanword (ホーム in グループホーム). Kanji nouns written together
    # keep their own meaning (除雪 in 除雪ボランティア) and stay reasons on their own.
    loanwords = [r for r in runs if all(_KATAKANA.match(t.surface) for t in r)]
    spans = [(c.start, c.end) for c in coarse] + [(r[0].start, r[-1].end) for r in loanwords]
    seen: set[str] = set()
    for token in fine:
        if token.pos in _KEYWORD_POS and token.term not in stop and not token.term.isdigit():
            part = any(
                a <= token.start and token.end <= b and b - a > len(token.surface) for a, b in spans
            )
            yield Unit(token.surface, _keys(token), token.pos, part)
    fine_terms = {t.term for t in fine}
    for token in coarse:
        if token.pos in _KEYWORD_POS and token.term not in fine_terms | stop | seen:
            seen.add(token.term)
            part = any(
                a <= token.start and token.end <= b and b - a > token.end - token.start
                for a, b in spans
            )
            yield Unit(token.surface, _keys(token), token.pos, part)
    for run in runs:
        term = _joined(run)
        if term not in fine_terms | seen:
            seen.add(term)
            surface = "".join(t.surface for t in run)
            yield Unit(surface, ((f"t:{term}", JOINED_WEIGHT),), "名詞", joined=True)


# A run of nouns written together is one word to the writer (グループ + ホーム, 雪 + 寄せ);
# longer runs are phrases (市内企業見学会開催), left to their parts.
_RUN_MAX = 3


def _joined(run: list[analyser.Token]) -> str:
    # Kana pieces as written (雪 + はね → 雪はね, as a glossary writes it), others normalised.
    return "".join(t.surface if _KANA_ONLY.match(t.surface) else t.term for t in run)


def _joins(token: analyser.Token, run: list[analyser.Token]) -> bool:
    # A noun starts or continues a run; a suffix (所 in 集会所, 者, 会) only continues one.
    if token.term.isdigit():
        return False
    return token.pos == "名詞" or (
        token.pos == "接尾辞" and bool(run) and run[-1].end == token.start
    )


def _noun_runs(tokens: list[analyser.Token]) -> list[list[analyser.Token]]:
    runs: list[list[analyser.Token]] = []
    current: list[analyser.Token] = []
    for token in [*tokens, None]:
        if token is not None and _joins(token, current):
            if current and current[-1].end != token.start:
                runs.append(current)
                current = []
            current.append(token)
            continue
        runs.append(current)
        current = []
    return [run for run in runs if 2 <= len(run) <= _RUN_MAX]


def _keys(token: analyser.Token) -> tuple[tuple[str, float], ...]:
    pos = _POS_WEIGHT.get(token.pos, 0.6)
    keys = [(f"t:{token.term}", TERM_WEIGHT * pos)]
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


@functools.cache
def _everyday() -> tuple[tuple[re.Pattern[str], tuple[str, ...]], ...]:
    """Each concept's cues as one pattern (one search per concept, not one per cue)."""
    path = _DATA / "everyday.json"
    if not path.is_file():
        return ()
    data = json.loads(path.read_text(encoding="utf-8"))
    return tuple(
        (
            re.compile("|".join(re.escape(analyser.normalise(c)) for c in concept["cues"])),
            tuple(concept["words"]),
        )
        for concept in data["concepts"]
    )


@functools.lru_cache(maxsize=4096)
def _concept_words(word: str) -> tuple[Unit, ...]:
    return tuple(u for u in units(word) if not u.part)


def concept_units(clause: str) -> tuple[Unit, ...]:
    """The field's words for the everyday phrases in `clause` (already normalised)."""
    found: dict[str, Unit] = {}
    for cues, words in _everyday():
        if cues.search(clause):
            for word in words:
                for unit in _concept_words(word):
                    # Not written by anyone: a field's word ranks, it is never a reason.
                    found.setdefault(
                        unit.keys[0][0], dataclasses.replace(unit, part=True, joined=True)
                    )
    return tuple(found.values())


def gives(clause: Clause) -> bool:
    """Does the clause say plainly that something is to be given or lies unused (使ってほしい,
    余っている)? Said in a group's needs, that is something it has to spare."""
    cues = lexicon()["direction"]
    return any(cue in clause.text for cue in (*cues["giving"], *cues["surplus"]))


def _resources(clause: str, direction: str) -> Iterable[tuple[str, str]]:
    if direction == NEUTRAL:
        return
    for name, cues in lexicon()["resources"].items():
        # An "inverse" cue names the resource as something the writer brings, whatever the
        # clause asks for: 働きたい, 手伝いたい, 手伝えます all bring 人手.
        if any(cue in clause for cue in cues["inverse"]):
            yield name, HAVE
        elif any(cue in clause for cue in cues["cues"]):
            yield name, direction
