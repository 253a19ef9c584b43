"""Profiles in, ranked partners with reasons out; an index that is updated one profile at a time.

How a need meets a partner (the guideline's 『つながる』 is complementarity, not similarity):
- what the need wants is matched against what others have: their strengths, and clauses of
  their needs that offer something (使ってくれるところを探している = has land to give);
- what the need offers is matched against what others want;
- a partner that wants the same thing (the same problem) is pushed down;
- resources (ひと・もの・場所・かね・情報・ノウハウ) wanted on one side and had on the other add
  to the score even when the words differ; so do learned pairs from accepted introductions;
- kind and place are small priors: a 振興会 more often helps a NPO than another 振興会 with
  the same worries, and a partner nearby is a little more likely to come.
"""

from __future__ import annotations

import itertools
import math
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from tsunagaru.matching.engine import analysis
from tsunagaru.matching.engine.analysis import HAVE, NEUTRAL, WANT, Clause, Glossary, Unit

# Sections of a profile in the index.
_HAVE, _WANT, _ABOUT = 0, 1, 2
_K1, _B = 1.2, 0.5
# What a query word earns where it is found, by the query clause's direction.
# (have, want, about) for a wanted thing; (have, want, about) for an offered one.
_GAIN = {WANT: (1.0, 0.0, 0.45), HAVE: (0.25, 1.0, 0.3), NEUTRAL: (0.7, 0.3, 0.4)}
# A wanted thing that the candidate also wants is the same problem.
_SAME_PROBLEM = 0.6
_RESOURCE_GAIN = 0.12
_RESOURCE_SAME = 0.04
_SAME_DISTRICT = 0.04
_SAME_AREA = 0.02
_FIELD_GAIN = 0.02
_CONTEXT_WEIGHT = 0.3  # the asker's own profile needs, beside the need text
_LEARNED_GAIN = 0.15
# Keys in more than this share of profiles say little and cost much: skipped.
_MAX_DF_SHARE = 0.5


@dataclass(frozen=True)
class Profile:
    id: str
    name: str = ""
    kind: str = ""
    area: str = ""
    district: str = ""
    fields: tuple[str, ...] = ()
    strengths: str = ""
    needs: str = ""
    description: str = ""


@dataclass(frozen=True)
class Reason:
    """Why a partner is suggested, in data the page turns into words.

    kind: "offers" (their strengths answer the need), "complements" (their own need is the
    other half of it), "resource" (they have what is wanted: 人手, 場所 …), "field", "place",
    "kind" or "learned" (groups like them accepted such needs before).
    """

    kind: str
    words: tuple[str, ...] = ()


@dataclass(frozen=True)
class Match:
    id: str
    score: float
    reasons: tuple[Reason, ...] = ()


@dataclass
class _Doc:
    profile: Profile
    lengths: tuple[int, int, int]
    keys: tuple[str, ...]
    resources: frozenset[tuple[str, str]]
    fields: frozenset[str]


@dataclass
class _QueryUnit:
    unit: Unit
    direction: str
    weight: float


@dataclass
class _Scores:
    text: dict[int, float] = field(default_factory=lambda: defaultdict(float))
    matched: dict[int, list[tuple[str, int]]] = field(default_factory=lambda: defaultdict(list))


class Engine:
    def __init__(self, glossary: Iterable[Iterable[str]] = ()) -> None:
        self.glossary = Glossary(glossary)
        self._docs: dict[int, _Doc] = {}
        self._number: dict[str, int] = {}
        self._numbers = itertools.count(1)
        self._postings: dict[str, dict[int, tuple[int, int, int]]] = defaultdict(dict)
        self._total_lengths = [0, 0, 0]
        self._kinds: dict[str, Any] = analysis.lexicon()["kinds"]
        # Learned from accepted introductions: need key → {helper key: weight}.
        self._learned: dict[str, Counter[str]] = defaultdict(Counter)

    # -- the index -------------------------------------------------------------------------

    def __len__(self) -> int:
        return len(self._docs)

    def add(self, profile: Profile) -> None:
        """Add or replace one profile: cheap, so edits show in the next ranking."""
        if profile.id in self._number:
            self.remove(profile.id)
        number = next(self._numbers)
        self._number[profile.id] = number
        counts: list[Counter[str]] = [Counter(), Counter(), Counter()]
        resources: set[tuple[str, str]] = set()
        for clause in analysis.clauses(profile.strengths, default=HAVE, glossary=self.glossary):
            section = _WANT if clause.direction == WANT else _HAVE
            _count(counts[section], clause.units)
            resources.update(clause.resources)
        for clause in analysis.clauses(profile.needs, default=WANT, glossary=self.glossary):
            section = _HAVE if clause.direction == HAVE else _WANT
            _count(counts[section], clause.units)
            resources.update(clause.resources)
        about = " ".join([profile.name, profile.description, " ".join(profile.fields)])
        _count(counts[_ABOUT], analysis.units(about, self.glossary))
        keys = set().union(*counts)
        for key in keys:
            self._postings[key][number] = (counts[0][key], counts[1][key], counts[2][key])
        lengths = (sum(counts[0].values()), sum(counts[1].values()), sum(counts[2].values()))
        for i in range(3):
            self._total_lengths[i] += lengths[i]
        self._docs[number] = _Doc(
            profile=profile,
            lengths=lengths,
            keys=tuple(keys),
            resources=frozenset(resources),
            fields=frozenset(profile.fields),
        )

    def remove(self, profile_id: str) -> None:
        number = self._number.pop(profile_id, None)
        if number is None:
            return
        doc = self._docs.pop(number)
        for key in doc.keys:
            postings = self._postings[key]
            postings.pop(number, None)
            if not postings:
                del self._postings[key]
        for i in range(3):
            self._total_lengths[i] -= doc.lengths[i]

    def learn(self, need_text: str, helper_id: str, weight: float = 1.0) -> None:
        """Evidence that a partner answered a need (an accepted introduction, a case)."""
        number = self._number.get(helper_id)
        if number is None:
            return
        helper = self._docs[number]
        helper_keys = [k for k in helper.keys if k.startswith("t:")]
        for clause in analysis.clauses(need_text, default=WANT, glossary=self.glossary):
            for unit in clause.units:
                self._learned[unit.keys[0][0]].update(dict.fromkeys(helper_keys, weight))

    # -- ranking ---------------------------------------------------------------------------

    def rank(self, need_text: str, *, from_id: str | None = None, limit: int = 10) -> list[Match]:
        """Other partners for `need_text`, best first, each with its reasons."""
        asker = self._docs.get(self._number.get(from_id or "", -1))
        need_clauses = self._query_clauses(need_text)
        query = self._query(need_clauses, asker)
        scores = self._text_scores(query)
        wanted = {resource for clause in need_clauses for resource in clause.resources}
        norm = sum(q.weight * max(self._idf(k) * w for k, w in q.unit.keys) for q in query) or 1.0
        candidates = set(scores.text)
        if wanted:
            candidates.update(self._docs)  # resources can suggest a partner with no shared word
        ranked: list[tuple[float, int, list[Reason]]] = []
        for number in candidates:
            doc = self._docs[number]
            if asker is not None and doc is asker:
                continue
            reasons: list[Reason] = []
            score = scores.text.get(number, 0.0) / norm
            score += self._resource_score(wanted, doc, reasons)
            score += self._prior(asker, doc, reasons)
            score += self._learned_score(query, doc, reasons, norm)
            if score <= 0 and number not in scores.text:
                continue
            ranked.append((score, number, reasons))
        ranked.sort(key=lambda item: (-item[0], item[1]))
        result = []
        for score, number, reasons in ranked[:limit]:
            words = self._matched_words(scores, number)
            if words["offers"]:
                reasons.insert(0, Reason("offers", tuple(words["offers"])))
            if words["complements"]:
                reasons.insert(0, Reason("complements", tuple(words["complements"])))
            result.append(Match(self._docs[number].profile.id, round(score, 4), tuple(reasons)))
        return result

    def _query_clauses(self, text: str) -> list[Clause]:
        return analysis.clauses(text, default=WANT, glossary=self.glossary)

    def _query(self, need_clauses: list[Clause], asker: _Doc | None) -> list[_QueryUnit]:
        units: dict[tuple[str, str], _QueryUnit] = {}
        sources = [(need_clauses, 1.0)]
        if asker is not None and asker.profile.needs:
            sources.append((self._query_clauses(asker.profile.needs), _CONTEXT_WEIGHT))
        for clauses, weight in sources:
            for clause in clauses:
                for unit in clause.units:
                    key = (unit.keys[0][0], clause.direction)
                    if key not in units or units[key].weight < weight:
                        units[key] = _QueryUnit(unit, clause.direction, weight)
        return list(units.values())

    def _idf(self, key: str) -> float:
        n = len(self._docs)
        df = len(self._postings.get(key, ()))
        if not df or df > _MAX_DF_SHARE * n:
            return 0.0
        return math.log(1 + (n - df + 0.5) / (df + 0.5))

    def _text_scores(self, query: list[_QueryUnit]) -> _Scores:
        scores = _Scores()
        n = max(1, len(self._docs))
        average = [max(1.0, total / n) for total in self._total_lengths]
        for position, q in enumerate(query):
            gain = _GAIN[q.direction]
            best_plus: dict[int, float] = {}
            best_minus: dict[int, float] = {}
            for key, key_weight in q.unit.keys:
                idf = self._idf(key)
                if not idf:
                    continue
                weight = idf * key_weight * q.weight
                for number, tf in self._postings[key].items():
                    lengths = self._docs[number].lengths
                    norm = [
                        tf[i] * (_K1 + 1) / (tf[i] + _K1 * (1 - _B + _B * lengths[i] / average[i]))
                        if tf[i]
                        else 0.0
                        for i in range(3)
                    ]
                    plus = weight * (gain[0] * norm[0] + gain[1] * norm[1] + gain[2] * norm[2])
                    if plus > best_plus.get(number, 0.0):
                        best_plus[number] = plus
                    if q.direction == WANT and norm[1]:
                        minus = weight * norm[1] * _SAME_PROBLEM
                        if minus > best_minus.get(number, 0.0):
                            best_minus[number] = minus
            for number, plus in best_plus.items():
                scores.text[number] += plus
                scores.matched[number].append((q.unit.surface, position))
            for number, minus in best_minus.items():
                scores.text[number] -= minus
        return scores

    def _matched_words(self, scores: _Scores, number: int) -> dict[str, list[str]]:
        words: dict[str, list[str]] = {"offers": [], "complements": []}
        for surface, _position in scores.matched.get(number, []):
            if surface not in words["offers"] and len(words["offers"]) < 8:
                words["offers"].append(surface)
        return words

    def _resource_score(
        self, wanted: set[tuple[str, str]], doc: _Doc, reasons: list[Reason]
    ) -> float:
        score = 0.0
        given, same = [], []
        for name, direction in wanted:
            opposite = HAVE if direction == WANT else WANT
            if (name, opposite) in doc.resources:
                given.append(name)
            elif direction == WANT and (name, WANT) in doc.resources:
                same.append(name)
        if given:
            score += _RESOURCE_GAIN * len(given) / math.sqrt(max(1, len(wanted)))
            reasons.append(Reason("resource", tuple(sorted(given))))
        score -= _RESOURCE_SAME * len(same) / math.sqrt(max(1, len(wanted)))
        return score

    def _prior(self, asker: _Doc | None, doc: _Doc, reasons: list[Reason]) -> float:
        if asker is None:
            return 0.0
        score = 0.0
        kinds = self._kinds.get(asker.profile.kind, {})
        kind_prior = float(kinds.get(doc.profile.kind, self._kinds["_default"]))
        if kind_prior > 0:
            reasons.append(Reason("kind", (doc.profile.kind,)))
        score += kind_prior
        if doc.profile.district and doc.profile.district == asker.profile.district:
            score += _SAME_DISTRICT
            reasons.append(Reason("place", (doc.profile.district,)))
        elif doc.profile.area and doc.profile.area == asker.profile.area:
            score += _SAME_AREA
            reasons.append(Reason("place", (doc.profile.area,)))
        shared = sorted(asker.fields & doc.fields)
        if shared:
            score += _FIELD_GAIN * min(2, len(shared))
            reasons.append(Reason("field", tuple(shared)))
        return score

    def _learned_score(
        self, query: list[_QueryUnit], doc: _Doc, reasons: list[Reason], norm: float
    ) -> float:
        if not self._learned:
            return 0.0
        doc_keys = set(doc.keys)
        total = 0.0
        for q in query:
            learned = self._learned.get(q.unit.keys[0][0])
            if learned:
                total += sum(w for k, w in learned.items() if k in doc_keys) / (
                    1 + sum(learned.values())
                )
        if total > 0:
            reasons.append(Reason("learned"))
        return _LEARNED_GAIN * min(1.0, total)


def _count(counter: Counter[str], units: Iterable[Unit]) -> None:
    for unit in units:
        for key, _weight in unit.keys:
            counter[key] += 1
