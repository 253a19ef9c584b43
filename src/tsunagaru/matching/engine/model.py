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
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray

from tsunagaru.matching.engine import analysis
from tsunagaru.matching.engine import reasons as reason_rules
from tsunagaru.matching.engine.analysis import HAVE, NEUTRAL, WANT, Clause, Glossary, Unit
from tsunagaru.matching.engine.base import Base, Docs, Postings
from tsunagaru.matching.engine.vectors import WordVectors

# Sections of a profile in the index: what it offers (its offers, strengths, resources), what it
# wants (its needs), who it is (name, description, fields), what its needs say it has to spare
# (使ってくれるところを探している: land to give), and what its needs tell as their setting
# (見守りをしていますが…). Only the first is "what they can do".
_HAVE, _WANT, _ABOUT, _SPARE, _SETTING = 0, 1, 2, 3, 4
_SECTIONS = 5
# A resource a group's needs say it has to spare (not one it offers).
SPARE = "spare"
_K1, _B = 1.2, 0.5
# What a query word earns where it is found, by the query clause's direction:
# (have, want, about, spare).
_GAIN = {
    WANT: (1.0, 0.2, 0.45, 1.0, 0.45),
    HAVE: (0.25, 1.0, 0.3, 0.25, 0.3),
    NEUTRAL: (0.7, 0.3, 0.4, 0.7, 0.4),
}
# Reciprocity: what the asker offers against what the partner wants, only over the partners the
# need itself found. Both sides gaining is the guideline's model of 『つながる』.
_MUTUAL = 0.6
_MUTUAL_GAIN = (0.0, 1.0, 0.0, 0.0, 0.0)
# A wanted thing that the candidate also wants is the same problem.
_SAME_PROBLEM = 0.3
_RESOURCE_GAIN = 0.03
_RESOURCE_SAME = 0.04
_SAME_DISTRICT = 0.04
_SAME_AREA = 0.02
_FIELD_GAIN = 0.02
_KIND_SCALE = 1.0  # times the kind priors of lexicon.json
_CONTEXT_WEIGHT = 0.6  # the asker's own profile needs, beside the need text
_CONCEPT_WEIGHT = 0.4  # a field's word for an everyday phrase (analysis.concept_units)
_LEARNED_GAIN = 0.15
# "They answered such needs before" is told when the partner itself answered needs with at
# least this share of the query's words (and two of them).
_LEARNED_SHOWN = 0.3
# Keys in more than this share of profiles say little and cost much: skipped.
_MAX_DF_SHARE = 0.5
# Priors (place, fields, learning) are added for this many best candidates by text.
_SHORTLIST = 100
# Word vectors: a query word also matches the index's words this close to it (cosine), at
# this share of an exact match's weight times their closeness; at most this many each.
_NEIGHBOUR_MIN = 0.5
_NEIGHBOUR_WEIGHT = 0.6
_NEIGHBOURS = 5
# Word vectors: the meaning of the whole need against the meaning of what each partner has
# (mean vectors); adds this much times the cosine above _DENSE_FLOOR.
_DENSE = 0.5
_DENSE_FLOOR = 0.3


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

    kind: "offers" (what they offer answers the need), "spare" (their needs say they have it to
    give), "complements" (their own need is what the asker offers), "mutual" (the asker can
    also meet one of their needs), "resource" (they offer what is wanted: 人手, 場所 …),
    "resource_wanted" (they lack what the asker offers), "about", "field",
    "place", "kind" or "learned" (groups like them accepted such needs before).
    `pairs` holds, for word reasons, (the asker's word, the partner's word) as normalised forms.
    """

    kind: str
    words: tuple[str, ...] = ()
    pairs: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Match:
    id: str
    score: float
    reasons: tuple[Reason, ...] = ()


@dataclass
class _Doc:
    number: int
    profile: Profile
    lengths: tuple[int, ...]
    sections: dict[str, tuple[int, ...]]  # key → counts in (have, want, about, spare, setting)
    resources: frozenset[tuple[str, str]]
    fields: frozenset[str]
    # Words that occur in the profile only as pieces of longer ones (ホーム in 老人ホーム).
    pieces: frozenset[str] = frozenset()


@dataclass
class _QueryUnit:
    unit: Unit
    direction: str
    weight: float
    # Where each key came from, for reasons: key → (source, cosine); see `reasons`.
    sources: dict[str, tuple[str, float]]


class Engine:
    """An index of profiles. Text scoring runs over numpy arrays, one per concept key, built
    on first use and rebuilt only for the keys an edit touched.

    An engine loaded from a stored index (`store.load`) reads its profiles and postings from
    the files (`_base`), and keeps only what was added since in memory (see base.py).
    """

    def __init__(
        self, glossary: Iterable[Iterable[str]] = (), vectors: WordVectors | None = None
    ) -> None:
        self._glossary_groups = [list(group) for group in glossary]
        self.glossary = Glossary(self._glossary_groups)
        self.vectors = vectors
        self._base: Base | None = None
        # The index's words that have a vector, as rows of one matrix (built when needed).
        self._vocabulary: list[str] = []
        self._vocabulary_rows: dict[str, int] = {}
        self._vocabulary_matrix: NDArray[np.float32] | None = None
        self._vocabulary_matrix_rows: NDArray[np.float32] = np.zeros((0, 300), dtype=np.float32)
        self._docs: Docs[_Doc] = Docs()
        self._number: dict[str, int] = {}
        self._numbers = itertools.count(1)
        self._postings = Postings()
        self._removed_df: Counter[str] = Counter()  # stored profiles removed, by key
        self._arrays: dict[str, tuple[NDArray[np.int64], NDArray[np.float32]]] = {}
        self._total_lengths = [0] * _SECTIONS
        self._capacity = 0
        self._lengths = np.zeros((0, _SECTIONS), dtype=np.float32)
        self._alive = np.zeros(0, dtype=bool)
        self._kind = np.zeros(0, dtype=np.int32)
        self._district = np.zeros(0, dtype=np.int32)
        self._area = np.zeros(0, dtype=np.int32)
        self._has = np.zeros(0, dtype=np.int32)  # resource bitmasks
        self._wants = np.zeros(0, dtype=np.int32)
        dims = vectors.dimensions if vectors is not None else 0
        self._meaning = np.zeros((0, 2, dims), dtype=np.float32)  # (have, want) mean vectors
        self._names: dict[str, int] = {"": 0}  # kinds, areas, districts → small ints
        self._kinds: dict[str, Any] = analysis.lexicon()["kinds"]
        self._resource_bit = {
            name: 1 << i for i, name in enumerate(analysis.lexicon()["resources"])
        }
        # Synonym keys → the words (term keys) that carried them, for reasons.
        self._concept_terms: dict[str, set[str]] = defaultdict(set)
        # Learned from accepted introductions: need key → {helper key: weight}.
        self._learned: dict[str, Counter[str]] = defaultdict(Counter)
        # … and need key → the partners that answered such needs themselves (for the reason).
        self._helpers: dict[str, set[str]] = defaultdict(set)

    # -- the index -------------------------------------------------------------------------

    def __len__(self) -> int:
        return len(self._docs)

    def add(self, profile: Profile) -> None:
        """Add or replace one profile: cheap, so edits show in the next ranking."""
        if profile.id in self._number:
            self.remove(profile.id)
        units, resources = _sections(profile)
        counts: list[Counter[str]] = [Counter() for _section in range(_SECTIONS)]
        for section, section_units in enumerate(units):
            _count(counts[section], section_units)
        for unit in itertools.chain.from_iterable(units):
            for key, _weight in unit.keys[1:]:
                self._concept_terms[key].add(unit.keys[0][0])
        number = next(self._numbers)
        self._number[profile.id] = number
        # Sorted: the same input gives the same index (and ranking) in every process.
        sections: dict[str, tuple[int, ...]] = {
            key: tuple(counts[section][key] for section in range(_SECTIONS))
            for key in sorted(set().union(*counts))
        }
        for key, tf in sections.items():
            if key not in self._postings and key.startswith("t:"):
                self._vocabulary_matrix = None  # a new word: add its vector when next needed
            self._postings[key][number] = tf
            self._arrays.pop(key, None)
        # Joined words repeat their pieces: they do not make a profile longer.
        joined = Counter(u.keys[0][0] for u in itertools.chain.from_iterable(units) if u.joined)
        lengths = tuple(sum((counter - joined).values()) for counter in counts)
        for i in range(_SECTIONS):
            self._total_lengths[i] += lengths[i]
        self._grow(number + 1)
        self._lengths[number] = lengths
        self._alive[number] = True
        self._kind[number] = self._name(profile.kind)
        self._district[number] = self._name(f"{profile.area}/{profile.district}")
        self._area[number] = self._name(profile.area)
        if self.vectors is not None:
            self._meaning[number, 0] = self._mean(
                units[_HAVE] + units[_SPARE] + units[_SETTING] + units[_ABOUT]
            )
            self._meaning[number, 1] = self._mean(units[_WANT])
        self._has[number] = self._mask(resources, HAVE) | self._mask(resources, SPARE)
        self._wants[number] = self._mask(resources, WANT)
        self._docs[number] = _Doc(
            number=number,
            profile=profile,
            lengths=lengths,
            sections=sections,
            resources=frozenset(resources),
            fields=frozenset(profile.fields),
            pieces=_pieces(units),
        )

    def remove(self, profile_id: str) -> None:
        number = self._number.pop(profile_id, None)
        if number is None:
            return
        doc = self._docs.pop(number)
        stored = self._docs.is_stored(number)
        for key in doc.sections:
            self._arrays.pop(key, None)
            if stored:
                self._removed_df[key] += 1  # the files keep it; _alive and _idf mask it
                continue
            postings = self._postings[key]
            postings.pop(number, None)
            if not postings:
                del self._postings[key]
        for i, length in enumerate(doc.lengths):
            self._total_lengths[i] -= length
        self._alive[number] = False

    def set_glossary(self, groups: Iterable[Iterable[str]]) -> None:
        """Use a new regional glossary from the next ranking on (nothing is re-indexed)."""
        self._glossary_groups = [list(group) for group in groups]
        self.glossary = Glossary(self._glossary_groups)

    def forget_learned(self) -> None:
        """Drop the learned evidence (before learning it again from what is still true)."""
        self._learned.clear()
        self._helpers.clear()

    def learn(self, need_text: str, helper_id: str, weight: float = 1.0) -> None:
        """Evidence that a partner answered a need (an accepted introduction, a case)."""
        number = self._number.get(helper_id)
        if number is None:
            return
        helper_keys = [
            k
            for k in self._docs[number].sections
            if k.startswith("t:") and reason_rules.is_reason_word(k[2:])
        ]
        for clause in analysis.clauses(need_text, default=WANT):
            for unit in clause.units:
                if not reason_rules.is_reason_word(unit.keys[0][0][2:]):
                    continue
                self._learned[unit.keys[0][0]].update(dict.fromkeys(helper_keys, weight))
                self._helpers[unit.keys[0][0]].add(helper_id)

    def _grow(self, size: int) -> None:
        if size <= self._capacity:
            return
        capacity = max(size, 2 * self._capacity, 1024)
        extra = capacity - self._capacity
        self._lengths = np.vstack([self._lengths, np.zeros((extra, _SECTIONS), dtype=np.float32)])
        self._meaning = np.concatenate(
            [self._meaning, np.zeros((extra, *self._meaning.shape[1:]), dtype=np.float32)]
        )
        for name in ("_alive", "_kind", "_district", "_area", "_has", "_wants"):
            array = getattr(self, name)
            setattr(self, name, np.concatenate([array, np.zeros(extra, dtype=array.dtype)]))
        self._capacity = capacity

    def _mean(self, units: Iterable[Unit]) -> NDArray[np.float32]:
        """The unit-length mean of the words' vectors, nouns counting most."""
        words = self._words()
        total = np.zeros(words.dimensions, dtype=np.float32)
        for unit in units:
            key, weight = unit.keys[0]
            vector = words.vector(key[2:])
            if vector is not None:
                total += weight * vector
        norm = float(np.linalg.norm(total))
        return total / norm if norm else total

    def _name(self, name: str) -> int:
        return self._names.setdefault(name, len(self._names)) if name.strip("/") else 0

    def _mask(self, resources: Iterable[tuple[str, str]], direction: str) -> int:
        return sum(self._resource_bit[n] for n, d in set(resources) if d == direction)

    def _array(self, key: str) -> tuple[NDArray[np.int64], NDArray[np.float32]]:
        cached = self._arrays.get(key)
        if cached is None:
            postings = self._postings.get(key, {})
            numbers = np.fromiter(postings.keys(), dtype=np.int64, count=len(postings))
            tf = np.array(list(postings.values()), dtype=np.float32)
            tf = tf.reshape(len(postings), self._lengths.shape[1])
            if self._base is not None:
                # The stored postings are views of the files (removed profiles are in them:
                # scores for those are computed and never used, as they are not _alive).
                stored_numbers, stored_tf = self._base.postings(key)
                if not len(numbers):
                    numbers, tf = stored_numbers, stored_tf
                elif len(stored_numbers):
                    numbers = np.concatenate([stored_numbers, numbers])
                    tf = np.concatenate([stored_tf, tf])
            cached = self._arrays[key] = (numbers, tf)
        return cached

    # -- ranking ---------------------------------------------------------------------------

    def rank(
        self,
        need_text: str,
        *,
        from_id: str | None = None,
        limit: int = 10,
        offer: bool = False,
        fill: bool = False,
    ) -> list[Match]:
        """Other partners for `need_text`, best first, each with its reasons.

        With `offer`, the text is what the asker can give (its strengths), and partners who
        need that come first: "needs of others this group could help". With `fill`, a list
        shorter than `limit` is completed with the other partners by closeness in meaning.
        """
        if not self._docs:
            return []
        asker = self._docs.get(self._number.get(from_id or "", -1))
        default = HAVE if offer else WANT
        need_clauses = analysis.clauses(need_text, default=default)
        query = self._query(need_clauses, asker)
        wanted = {resource for clause in need_clauses for resource in clause.resources}
        norm = self._norm(query)
        text, matched = self._text_scores(query)
        score = text / norm
        if self.vectors is not None and _DENSE:
            score += self._dense_scores(query)
        mutual_query = self._mutual_query(asker) if asker is not None and not offer else []
        if mutual_query:
            mutual, _found = self._text_scores(mutual_query, gains=_MUTUAL_GAIN)
            score += _MUTUAL * np.minimum(1.0, mutual / self._norm(mutual_query))
        given = np.zeros(self._capacity, dtype=np.int32)
        if wanted:
            q_want, q_have = self._mask(wanted, WANT), self._mask(wanted, HAVE)
            given = (self._has & q_want) | (self._wants & q_have)
            same = self._wants & q_want & ~given
            scale = math.sqrt(len(wanted))
            score += _RESOURCE_GAIN * _popcount(given) / scale
            score -= _RESOURCE_SAME * _popcount(same) / scale
        if asker is not None:
            score += self._kind_priors(asker)[self._kind]
            same_district = (self._district == self._district[asker.number]) & (self._district > 0)
            same_area = (self._area == self._area[asker.number]) & (self._area > 0)
            score += np.where(same_district, _SAME_DISTRICT, np.where(same_area, _SAME_AREA, 0.0))
        candidates = self._alive & (matched | (given > 0) | self._learned_mask(query))
        if asker is not None:
            candidates[asker.number] = False
        numbers = np.flatnonzero(candidates)
        shortlist = numbers[np.argsort(-score[numbers], kind="stable")[: max(_SHORTLIST, limit)]]
        ranked = []
        for number in shortlist.tolist():
            doc = self._docs[number]
            reasons: list[Reason] = []
            total = float(score[number]) + self._field_prior(asker, doc, reasons)
            total += self._learned_score(query, doc, reasons)
            ranked.append((total, number, reasons))
        ranked.sort(key=lambda item: (-item[0], item[1]))
        if len(ranked) < limit and fill and self.vectors is not None:
            ranked += self._fill(score, numbers, asker, limit - len(ranked))
        return [
            self._match(query, mutual_query, wanted, asker, self._docs[number], total, reasons)
            for total, number, reasons in ranked[:limit]
        ]

    def _fill(
        self, score: NDArray[np.float64], found: NDArray[np.int64], asker: _Doc | None, size: int
    ) -> list[tuple[float, int, list[Reason]]]:
        """A long list was asked for: after the partners with a reason, the rest in order of
        closeness in meaning (they carry no reason, and pages do not show them)."""
        rest = self._alive.copy()
        rest[found] = False
        if asker is not None:
            rest[asker.number] = False
        others = np.flatnonzero(rest)
        best = others[np.argsort(-score[others], kind="stable")][:size]
        return [(float(score[number]), int(number), []) for number in best]

    def _norm(self, query: list[_QueryUnit]) -> float:
        return sum(q.weight * max(self._idf(k) * w for k, w in q.unit.keys) for q in query) or 1.0

    def _mutual_query(self, asker: _Doc) -> list[_QueryUnit]:
        """What the asker offers, as a query for the partners' own needs."""
        units: dict[str, _QueryUnit] = {}
        for clause in analysis.clauses(asker.profile.strengths, default=HAVE):
            if clause.direction == WANT:
                continue
            for unit in clause.units:
                key = unit.keys[0][0]
                if key not in units:
                    units[key] = self._query_unit(unit, HAVE, 1.0, neighbours=False)
        return list(units.values())

    def _query(self, need_clauses: list[Clause], asker: _Doc | None) -> list[_QueryUnit]:
        units: dict[tuple[str, str], _QueryUnit] = {}
        sources = [(need_clauses, 1.0)]
        if asker is not None and asker.profile.needs:
            context = analysis.clauses(asker.profile.needs, default=WANT)
            sources.append((context, _CONTEXT_WEIGHT))
        for clauses, weight in sources:
            for clause in clauses:
                found = [(u, weight) for u in clause.units]
                found += [(u, weight * _CONCEPT_WEIGHT) for u in clause.concepts]
                for unit, unit_weight in found:
                    key = (unit.keys[0][0], clause.direction)
                    if key not in units or units[key].weight < unit_weight:
                        units[key] = self._query_unit(unit, clause.direction, unit_weight)
        return list(units.values())

    def _query_unit(
        self, unit: Unit, direction: str, weight: float, *, neighbours: bool = True
    ) -> _QueryUnit:
        """A query word with the keys it also looks for, each with where it came from: the
        glossary's other words, then the index's words closest in meaning (古材 for 木材)."""
        own, own_weight = unit.keys[0]
        sources = {own: (reason_rules.TERM, 1.0)}
        sources.update({key: (reason_rules.SYNONYM, 1.0) for key, _w in unit.keys[1:]})
        pos_weight = own_weight / analysis.TERM_WEIGHT
        extra: list[tuple[str, float]] = []
        for member in self.glossary.members(own[2:]):
            key = f"t:{member}"
            if key not in sources:
                sources[key] = (reason_rules.GLOSSARY, 1.0)
                extra.append((key, analysis.GLOSSARY_WEIGHT * pos_weight))
        for key, closeness in self._neighbours(own) if neighbours else ():
            if key not in sources:
                sources[key] = (reason_rules.VECTOR, closeness)
                extra.append((key, own_weight * _NEIGHBOUR_WEIGHT * closeness))
        widened = Unit(unit.surface, unit.keys + tuple(extra), unit.pos) if extra else unit
        return _QueryUnit(widened, direction, weight, sources)

    def _neighbours(self, key: str) -> list[tuple[str, float]]:
        """The index's words closest in meaning to the term `key`, with their closeness."""
        if self.vectors is None:
            return []
        vector = self.vectors.vector(key[2:])
        if vector is None:
            return []
        matrix = self._vocabulary_vectors()
        if not len(matrix):
            return []
        closeness = matrix @ vector
        best = np.argsort(-closeness, kind="stable")[: _NEIGHBOURS + 1]
        return [
            (f"t:{self._vocabulary[i]}", float(closeness[i]))
            for i in best.tolist()
            if closeness[i] >= _NEIGHBOUR_MIN and f"t:{self._vocabulary[i]}" != key
        ]

    def _words(self) -> WordVectors:
        if self.vectors is None:
            raise RuntimeError("this engine has no word vectors")
        return self.vectors

    def _vocabulary_vectors(self) -> NDArray[np.float32]:
        if self._vocabulary_matrix is None:
            words = self._words()
            start = len(self._vocabulary)
            rows = []
            # The stored index's words are in _vocabulary already: only new words are looked up.
            for key in self._postings:
                if key.startswith("t:") and key not in self._vocabulary_rows:
                    vector = words.vector(key[2:])
                    if vector is not None:
                        self._vocabulary_rows[key] = len(self._vocabulary)
                        self._vocabulary.append(key[2:])
                        rows.append(vector)
            # Rows beyond the words in use are spare room, so a new word rarely copies them all.
            matrix = self._vocabulary_matrix_rows
            if len(self._vocabulary) > len(matrix):
                size = max(len(self._vocabulary), 2 * len(matrix), 1024)
                grown = np.zeros((size, words.dimensions), dtype=np.float32)
                grown[:start] = matrix[:start]
                matrix = grown
            if rows:
                matrix[start : len(self._vocabulary)] = np.vstack(rows)
            self._vocabulary_matrix_rows = matrix
            self._vocabulary_matrix = matrix[: len(self._vocabulary)]
        return self._vocabulary_matrix

    def _idf(self, key: str) -> float:
        n = len(self._docs)
        df = len(self._postings.get(key, ()))
        if self._base is not None:
            df += self._base.df(key) - self._removed_df[key]
        if not df or df > _MAX_DF_SHARE * n:
            return 0.0
        return math.log(1 + (n - df + 0.5) / (df + 0.5))

    def _text_scores(
        self, query: list[_QueryUnit], gains: tuple[float, ...] | None = None
    ) -> tuple[NDArray[np.float64], NDArray[np.bool_]]:
        size = self._capacity
        text = np.zeros(size, dtype=np.float64)
        matched = np.zeros(size, dtype=bool)
        n = max(1, len(self._docs))
        average = np.array([max(1.0, t / n) for t in self._total_lengths], dtype=np.float32)
        for q in query:
            gain = np.array(gains or _GAIN[q.direction], dtype=np.float32)
            plus = np.zeros(size, dtype=np.float64)
            minus = np.zeros(size, dtype=np.float64)
            for key, key_weight in q.unit.keys:
                idf = self._idf(key)
                if not idf:
                    continue
                numbers, tf = self._array(key)
                lengths = self._lengths[numbers]
                norm = tf * (_K1 + 1) / (tf + _K1 * (1 - _B + _B * lengths / average))
                weight = idf * key_weight * q.weight
                # A key's postings name each profile once: plain indexing takes the maximum
                # (numpy's maximum.at is several times slower).
                plus[numbers] = np.maximum(plus[numbers], weight * (norm @ gain))
                if q.direction == WANT and gains is None:
                    same = weight * _SAME_PROBLEM * norm[:, _WANT]
                    minus[numbers] = np.maximum(minus[numbers], same)
                matched[numbers] = True
            text += plus - minus
        return text, matched

    def _dense_scores(self, query: list[_QueryUnit]) -> NDArray[np.float64]:
        wanted = self._mean(q.unit for q in query if q.direction != HAVE and q.weight >= 1)
        offered = self._mean(q.unit for q in query if q.direction == HAVE and q.weight >= 1)
        closeness = self._meaning[:, 0] @ wanted + self._meaning[:, 1] @ offered
        return _DENSE * np.maximum(0.0, closeness - _DENSE_FLOOR).astype(np.float64)

    def _learned_mask(self, query: list[_QueryUnit]) -> NDArray[np.bool_]:
        """Partners that hold what answered such needs before, even with no shared word."""
        mask = np.zeros(self._capacity, dtype=bool)
        for q in query:
            for key in self._learned.get(q.unit.keys[0][0], {}):
                if key in self._postings:
                    mask[self._array(key)[0]] = True
        return mask

    def _kind_priors(self, asker: _Doc) -> NDArray[np.float64]:
        row = self._kinds.get(asker.profile.kind, {})
        priors = np.full(len(self._names) + 1, float(self._kinds["_default"]))
        for kind, value in row.items():
            if kind in self._names:
                priors[self._names[kind]] = _KIND_SCALE * float(value)
        return priors

    def _field_prior(self, asker: _Doc | None, doc: _Doc, reasons: list[Reason]) -> float:
        if asker is None:
            return 0.0
        shared = sorted(asker.fields & doc.fields)
        if not shared:
            return 0.0
        reasons.append(Reason("field", tuple(shared)))
        return _FIELD_GAIN * min(2, len(shared))

    def _learned_score(self, query: list[_QueryUnit], doc: _Doc, reasons: list[Reason]) -> float:
        if not self._learned:
            return 0.0
        total = 0.0
        for q in query:
            learned = self._learned.get(q.unit.keys[0][0])
            if learned:
                hits = sum(w for k, w in learned.items() if k in doc.sections)
                total += hits / (1 + sum(learned.values()))
        # Told only of a partner that itself answered needs with these words before.
        written = [q.unit.keys[0][0] for q in query if q.weight >= 1.0]
        answered = sum(1 for key in written if doc.profile.id in self._helpers.get(key, ()))
        if written and answered >= max(2, _LEARNED_SHOWN * len(written)):
            reasons.append(Reason("learned"))
        return _LEARNED_GAIN * min(1.0, total)

    def _match(
        self,
        query: list[_QueryUnit],
        mutual_query: list[_QueryUnit],
        wanted: set[tuple[str, str]],
        asker: _Doc | None,
        doc: _Doc,
        total: float,
        reasons: list[Reason],
    ) -> Match:
        """The match with its reasons: the words on each side, resources, kind, place."""
        head = self._word_reasons(query, doc)
        mutual = self._reason(mutual_query, doc, _WANT, "mutual")
        if mutual is not None:
            head.append(mutual)
        # They offer what is wanted (人手 for a call for hands) — or, for what is offered,
        # they say they lack it: two different claims, told apart.
        had = sorted(n for n, d in wanted if d == WANT and (n, HAVE) in doc.resources)
        lacked = sorted(n for n, d in wanted if d == HAVE and (n, WANT) in doc.resources)
        if had:
            head.append(Reason("resource", tuple(had)))
        if lacked:
            head.append(Reason("resource_wanted", tuple(lacked)))
        if asker is not None:
            head += self._prior_reasons(asker, doc)
        return Match(doc.profile.id, round(total, 4), tuple(head + reasons))

    def _word_reasons(self, query: list[_QueryUnit], doc: _Doc) -> list[Reason]:
        """Words of the need met on the right side of the partner: a wanted thing in what they
        offer (or, said apart, in what their needs say they have to spare); an offered thing
        in what they want. Context from the asker's profile is not what the user wrote."""
        written = [q for q in query if q.weight >= 1.0]
        wants = [q for q in written if q.direction != HAVE]
        offers = [q for q in written if q.direction == HAVE]
        found = [
            self._reason(wants, doc, _HAVE, "offers"),
            self._reason(wants, doc, _SPARE, "spare"),
            self._reason(offers, doc, _WANT, "complements"),
        ]
        if found[0] is None:
            # Nothing they offer says it, but their introduction does (name, description).
            found.append(self._reason(wants, doc, _ABOUT, "about"))
        return [reason for reason in found if reason is not None]

    def _reason(self, query: list[_QueryUnit], doc: _Doc, section: int, kind: str) -> Reason | None:
        found: dict[tuple[str, str], str] = {}  # pair → the words shown
        for q in query:
            if q.unit.part:
                continue
            pair = self._shown_pair(q, doc, section)
            if pair is None or pair in found:
                continue
            ours, theirs = pair
            # A word inside a longer one already shown says nothing more (高齢 in 高齢者), nor
            # their word shown again for another of ours (年寄り（高齢者） after 高齢者).
            if any(ours in other and ours != other for other, _t in found):
                continue
            if any(theirs == other for _o, other in found):
                continue
            for other in [p for p in found if p[0] in ours and p[0] != ours]:
                del found[other]
            # A verb as written is a stem (手伝え, 教え): told in its dictionary form (手伝う).
            written = q.unit.surface if q.unit.pos == "名詞" else ours
            found[pair] = written if theirs == ours else f"{written}（{theirs}）"
            if len(found) == 8:
                break
        words = tuple(dict.fromkeys(found.values()))
        return Reason(kind, words, tuple(found)) if words else None

    def _shown_pair(self, q: _QueryUnit, doc: _Doc, section: int) -> tuple[str, str] | None:
        """(the asker's word, the partner's word) found in `section` that may be shown: the
        same word, a synonym or glossary word, or a close word that passes `reasons.shown`."""
        ours = q.unit.keys[0][0][2:]
        for key, _weight in q.unit.keys:
            counts = doc.sections.get(key)
            if counts is None or not counts[section]:
                continue
            source, closeness = q.sources.get(key, (reason_rules.VECTOR, 0.0))
            if key in doc.pieces:
                continue
            if key.startswith("t:"):
                theirs = [key[2:]]
            else:
                theirs = sorted(
                    t[2:]
                    for t in self._concept_terms.get(key, ())
                    if doc.sections.get(t, (0,) * _SECTIONS)[section] and t not in doc.pieces
                )
            for word in theirs:
                if source == reason_rules.SYNONYM and self.vectors is not None:
                    closeness = self.vectors.similarity(ours, word)
                if reason_rules.shown(ours, word, source=source, cosine=closeness):
                    return ours, word
        return None

    def _prior_reasons(self, asker: _Doc, doc: _Doc) -> list[Reason]:
        reasons = []
        if float(self._kind_priors(asker)[self._kind[doc.number]]) > 0:
            reasons.append(Reason("kind", (doc.profile.kind,)))
        if doc.profile.district and doc.profile.district == asker.profile.district:
            reasons.append(Reason("place", (doc.profile.district,)))
        elif doc.profile.area and doc.profile.area == asker.profile.area:
            reasons.append(Reason("place", (doc.profile.area,)))
        return reasons


def _pieces(units: list[list[Unit]]) -> frozenset[str]:
    whole: set[str] = set()
    parts: set[str] = set()
    for unit in itertools.chain.from_iterable(units):
        (parts if unit.part else whole).add(unit.keys[0][0])
    return frozenset(parts - whole)


def _sections(profile: Profile) -> tuple[list[list[Unit]], set[tuple[str, str]]]:
    """The profile's words by section, and the resources it has or wants."""
    resources: set[tuple[str, str]] = set()
    units: list[list[Unit]] = [[] for _section in range(_SECTIONS)]
    for clause in analysis.clauses(profile.strengths, default=HAVE):
        units[_WANT if clause.direction == WANT else _HAVE].extend(clause.units)
        resources.update(clause.resources)
    for clause in analysis.clauses(profile.needs, default=WANT):
        section = _WANT
        if clause.direction == HAVE:
            # Something to give away (使ってほしい), or what the group does, told as the
            # setting of its need (見守りをしていますが…): neither is what it offers.
            section = _SPARE if analysis.gives(clause) else _SETTING
        units[section].extend(clause.units)
        resources.update((n, SPARE if d == HAVE else d) for n, d in clause.resources)
    about = " ".join([profile.name, profile.description, " ".join(profile.fields)])
    units[_ABOUT] = analysis.units(about)
    return units, resources


_POPCOUNT = np.array([bin(i).count("1") for i in range(1 << 12)], dtype=np.float64)


def _popcount(masks: NDArray[np.int32]) -> NDArray[np.float64]:
    result: NDArray[np.float64] = _POPCOUNT[masks & ((1 << 12) - 1)]
    return result


def _count(counter: Counter[str], units: Iterable[Unit]) -> None:
    for unit in units:
        for key, _weight in unit.keys:
            counter[key] += 1
