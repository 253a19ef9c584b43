"""The やさしい日本語 writing aid (text.easy) on real sentences of the kind groups and the city
write: what it marks, what it suggests, and what it leaves alone."""

from __future__ import annotations

import pytest

from tsunagaru.text import easy

NOTICE = (
    "本イベントは雨天の場合は中止となりますので、あらかじめご了承いただきますよう"
    "お願い申し上げます。"
)
EASY = "1月10日の朝、みんなで公民館に集まってください。雪かきをします。"


def marked(text: str, kind: str) -> list[tuple[str, str]]:
    return [(f.text, f.suggestion) for f in easy.check(text).of_kind(kind)]


@pytest.mark.parametrize(
    ("text", "kind", "expected"),
    [
        # A long sentence with several things in it (the guides: one thing per sentence).
        (NOTICE, "long_sentence", [(NOTICE, "")]),
        # Difficult words, each with the list's simpler word.
        (
            NOTICE,
            "difficult_word",
            [
                ("雨天", "雨のとき"),
                ("場合", "とき"),
                ("中止", "やめる"),
                ("あらかじめ", "前に"),
                ("了承", "わかってください"),
            ],
        ),
        (
            NOTICE,
            "honorific",
            [("いただき", "〜してください／〜できます"), ("申し上げ", "言います")],
        ),
        # Word boundaries: 際 (the time when) alone, not the 際 of 国際.
        ("国際交流会の際は、名札をつけてください。", "difficult_word", [("際", "とき")]),
        # Double negatives and the "must" form, with what to write instead.
        (
            "参加できないわけではありません。",
            "double_negative",
            [("ないわけではありません", "〜します／〜できます")],
        ),
        (
            "申込書を提出しなければなりません。",
            "double_negative",
            [("なければなりません", "〜してください")],
        ),
        # させていただき is one honorific form, not also いただき.
        ("当日は写真を撮影させていただきます。", "honorific", [("させていただき", "〜します")]),
        (
            "皆様のお越しをお待ちしております。",
            "honorific",
            [("お越し", "来て"), ("おります", "います")],
        ),
        # Loanwords: marked unless every reader knows them (ボランティア, イベント).
        (
            "ボランティアのイベントで、サステナビリティのワークショップをします。",
            "katakana",
            [("サステナビリティ", ""), ("ワークショップ", "")],
        ),
        # Fourteen kanji in one sentence (弘前大学's guide: at most 13).
        (
            "申込書に必要事項を記入の上、市役所窓口に提出しなければなりません。",
            "kanji_sentence",
            [("申込書に必要事項を記入の上、市役所窓口に提出しなければなりません。", "")],
        ),
        # Full-width digits and letters are read as their plain forms (NFKC).
        ("ＮＰＯの説明会を開催します。", "difficult_word", [("開催", "します／あります")]),
    ],
)
def test_what_the_aid_marks_and_suggests(text, kind, expected):
    assert marked(text, kind) == expected


def test_easy_japanese_is_not_marked_and_scores_as_easy():
    report = easy.check(EASY)
    assert report.findings == ()
    assert (report.sentences, report.score, report.level) == (2, 100, "easy")


def test_a_hard_notice_scores_lower_than_its_rewrite():
    hard = easy.check(NOTICE)
    rewritten = easy.check("雨のときは、やめます。前に、わかってください。")
    assert hard.level == "hard"
    assert rewritten.level == "easy"
    assert hard.score < rewritten.score


def test_the_kanji_share_counts_letters_only():
    report = easy.check("雪かき。 ！")
    # 雪 among 雪かき: one kanji in three letters; punctuation and spaces are not letters.
    assert report.kanji_share == pytest.approx(1 / 3)
    assert report.longest == 3


def test_an_empty_text_has_nothing_to_mark():
    report = easy.check("  \n")
    assert (report.sentences, report.findings, report.score) == (0, (), 100)


def test_offsets_point_at_the_words_across_lines():
    text = "お知らせ\n雨天の場合は中止します。"
    for finding in easy.check(text).of_kind("difficult_word"):
        assert text[finding.start : finding.end] == finding.text
