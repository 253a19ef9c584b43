"""The やさしい日本語 (easy Japanese) writing aid (issue 18): what in a text will be hard for a
reader still learning Japanese, a child or an older person, with a simpler way to say it.

The checks follow 出入国在留管理庁・文化庁「在留支援のためのやさしい日本語ガイドライン」(2020) and
弘前大学社会言語学研究室「これさえあれば！『やさしい日本語』作り方ガイド」(2019): short sentences
with one thing each, not too many kanji, everyday words for difficult ones, few katakana
loanwords, no double negatives, です・ます instead of honorific forms. docs/easy-japanese.md
gives each rule and its source. The word lists are data (data/easy_words.tsv,
data/plain_katakana.txt), edited without touching code.

Pure Python, no Django: the site shows a Report beside the text being written.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from sudachipy import SplitMode

from tsunagaru.text.analyser import _tokenizer

_DATA = Path(__file__).resolve().parent / "data"

# A sentence longer than this many characters is marked (the guides: one thing per sentence;
# about 30–40 characters reads well for a learner).
LONG_SENTENCE = 40
# Kanji in a sentence (弘前大学's guide: at most 13 for everyday information) and in the whole
# text (the share of its letters: about 20–30 % in the guides' examples).
KANJI_PER_SENTENCE = 13
KANJI_SHARE = 0.30
# Katakana words this long or longer are loanwords worth a second look (バス, ゴミ are not).
KATAKANA_MIN = 3

_KANJI = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff々〆ヶ]")
_LETTER = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff々〆ヶぁ-ゖァ-ヺーA-Za-z0-9]")
_KATAKANA_WORD = re.compile(r"[ァ-ヺ][ァ-ヺー]+")
_SENTENCE = re.compile(r"[^。！？!?\n]+[。！？!?]*")

# Double negatives (二重否定): a reader must undo two negations to find the meaning.
_DOUBLE_NEGATIVES = (
    (re.compile(r"な[いく](?:わけ|訳)で(?:は|も)(?:ない|ありません)"), "〜します／〜できます"),
    (re.compile(r"ない(?:こと|事)(?:は|も)(?:ない|ありません)"), "〜します／〜できます"),
    (re.compile(r"なくはない|なくもない"), "〜します／〜できます"),
    (re.compile(r"ざるを得(?:ない|ません)"), "〜します"),
    (re.compile(r"ないとは限(?:らない|りません)"), "〜かもしれません"),
    (re.compile(r"なければ(?:ならない|なりません|いけない|いけません)"), "〜してください"),
)
# Honorific and humble forms (敬語): です・ます reads more easily.
_HONORIFICS = (
    (re.compile(r"させていただ[きくけこ]"), "〜します"),
    (re.compile(r"いただ[きくけこ]"), "〜してください／〜できます"),
    (re.compile(r"ござい(?:ます|ません)"), "あります／です"),
    (re.compile(r"いらっしゃ[いるりっ]"), "います／来ます"),
    (re.compile(r"お越し"), "来て"),
    (re.compile(r"ご覧"), "見て"),
    (re.compile(r"おり(?:ます|ません)"), "います"),
    (re.compile(r"申し(?:上げ|ます)"), "言います"),
    (re.compile(r"参り(?:ます|ません)"), "行きます／来ます"),
    (re.compile(r"伺[いうえ]"), "聞きます／行きます"),
    (re.compile(r"存じ"), "思います／知っています"),
    (re.compile(r"召し上が"), "食べて"),
    (re.compile(r"拝見"), "見ます"),
    (re.compile(r"お[\u4e00-\u9fff]+(?:に|の上)?(?:なり|なる)"), "〜します"),
)


@dataclass(frozen=True)
class Finding:
    """Something hard to read at text[start:end], and a simpler way to say it if there is one."""

    kind: str  # long_sentence, kanji_sentence, difficult_word, katakana, double_negative, honorific
    start: int
    end: int
    text: str
    suggestion: str = ""


@dataclass(frozen=True)
class Report:
    text: str
    sentences: int
    longest: int  # characters in the longest sentence
    kanji_share: float  # kanji among the letters, 0–1
    findings: tuple[Finding, ...] = field(default_factory=tuple)

    @property
    def score(self) -> int:
        """0–100: 100 when nothing is marked. The findings cost points per sentence (a long
        sentence most), and each point of kanji share above KANJI_SHARE costs 1.5; a plain
        measure for the author, not a grade."""
        if not self.sentences:
            return 100
        per_sentence = sum(_COST[finding.kind] for finding in self.findings) / self.sentences
        kanji = max(0.0, self.kanji_share - KANJI_SHARE) * 100 * 1.5
        return max(0, min(100, round(100 - 20 * per_sentence - kanji)))

    @property
    def level(self) -> str:
        """easy (nothing much to change), fair, or hard."""
        if self.score >= 80:
            return "easy"
        return "fair" if self.score >= 50 else "hard"

    def of_kind(self, kind: str) -> list[Finding]:
        return [finding for finding in self.findings if finding.kind == kind]


_COST = {
    "long_sentence": 1.5,
    "kanji_sentence": 1.0,
    "difficult_word": 0.5,
    "katakana": 0.5,
    "double_negative": 1.0,
    "honorific": 0.5,
}


@functools.cache
def difficult_words() -> dict[str, str]:
    """The word list: a difficult word and a simpler way to say it (data/easy_words.tsv)."""
    words: dict[str, str] = {}
    for line in (_DATA / "easy_words.tsv").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            word, simpler = line.split("\t")
            words[word.strip()] = simpler.strip()
    return words


@functools.cache
def plain_katakana() -> frozenset[str]:
    """Loanwords every reader knows (data/plain_katakana.txt): not marked."""
    lines = (_DATA / "plain_katakana.txt").read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip() for line in lines if line.strip() and not line.startswith("#"))


def check(text: str) -> Report:
    """Mark what is hard to read in `text` (NFKC-normalised first, so offsets refer to that)."""
    text = unicodedata.normalize("NFKC", text)
    findings: list[Finding] = []
    sentences = list(_sentences(text))
    for start, sentence in sentences:
        letters = len(_LETTER.findall(sentence))
        if letters > LONG_SENTENCE:
            findings.append(Finding("long_sentence", start, start + len(sentence), sentence))
        if len(_KANJI.findall(sentence)) > KANJI_PER_SENTENCE:
            findings.append(Finding("kanji_sentence", start, start + len(sentence), sentence))
    findings += _words(text)
    for kind, patterns in (("double_negative", _DOUBLE_NEGATIVES), ("honorific", _HONORIFICS)):
        findings += _patterns(text, kind, patterns)
    letters = len(_LETTER.findall(text))
    return Report(
        text=text,
        sentences=len(sentences),
        longest=max((len(_LETTER.findall(s)) for _, s in sentences), default=0),
        kanji_share=len(_KANJI.findall(text)) / letters if letters else 0.0,
        findings=tuple(sorted(_without_overlaps(findings), key=lambda f: (f.start, f.kind))),
    )


def _sentences(text: str) -> Iterator[tuple[int, str]]:
    for match in _SENTENCE.finditer(text):
        sentence = match.group(0).strip()
        if _LETTER.search(sentence):
            yield match.start() + match.group(0).index(sentence), sentence


def _words(text: str) -> list[Finding]:
    """Difficult words of the list and katakana loanwords, at Sudachi's word boundaries (so
    必要 is found in 必要です, not in 不必要)."""
    found: list[Finding] = []
    words = difficult_words()
    plain = plain_katakana()
    position = 0
    for line in text.split("\n"):
        tokens = _tokenizer().tokenize(line, SplitMode.A) if line.strip() else []
        bounds = {0, len(line)} | {m.end() for m in tokens}
        for word, simpler in words.items():
            for match in re.finditer(re.escape(word), line):
                if match.start() in bounds and match.end() in bounds:
                    found.append(
                        Finding(
                            "difficult_word",
                            position + match.start(),
                            position + match.end(),
                            word,
                            simpler,
                        )
                    )
        for match in _KATAKANA_WORD.finditer(line):
            word = match.group(0)
            if len(word) >= KATAKANA_MIN and word not in plain:
                found.append(
                    Finding("katakana", position + match.start(), position + match.end(), word)
                )
        position += len(line) + 1
    return found


def _patterns(
    text: str, kind: str, patterns: tuple[tuple[re.Pattern[str], str], ...]
) -> list[Finding]:
    return [
        Finding(kind, match.start(), match.end(), match.group(0), suggestion)
        for pattern, suggestion in patterns
        for match in pattern.finditer(text)
    ]


def _without_overlaps(findings: list[Finding]) -> list[Finding]:
    """One finding per place for words and forms (させていただき is not also いただき); the
    sentence-wide findings stay beside them."""
    kept: list[Finding] = []
    spans: list[tuple[int, int]] = []
    sentence_wide = ("long_sentence", "kanji_sentence")
    for finding in sorted(findings, key=lambda f: (f.start, -(f.end - f.start))):
        if finding.kind in sentence_wide:
            kept.append(finding)
            continue
        if any(start <= finding.start and finding.end <= end for start, end in spans):
            continue
        spans.append((finding.start, finding.end))
        kept.append(finding)
    return kept
