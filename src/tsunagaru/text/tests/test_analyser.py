"""Table-driven tests of the analyser on real Japanese phrasing."""

import pytest

from tsunagaru.text import analyser


def terms(text):
    return set(analyser.index_terms(text))


def matches(query, text):
    """True when some alternative of the query has all its terms among the text's terms."""
    indexed = terms(text)
    return any(set(alt) <= indexed for alt in analyser.query_terms(query))


@pytest.mark.parametrize(
    ("query", "text"),
    [
        ("こども食堂", "子ども食堂を開いています"),
        ("こども食堂", "子供食堂の運営"),
        ("子ども食堂", "こども食堂"),
        ("ＮＰＯ", "NPO法人こぼ"),
        ("npo", "ＮＰＯ法人シチズンスポーツ奥州"),
        ("障がい", "障害者のサッカー教室"),
        ("障害", "障がい児を対象とした教室"),
        ("障碍", "障がい者支援"),
        ("福祉", "高齢者福祉の充実"),
        ("高齢者福祉", "高齢者福祉の充実"),
        ("ファイヤー", "江刺藤里ファイヤーワークス"),
        ("ファイアー", "江刺藤里ファイヤーワークス"),
        ("花火", "打ち上げ花火の経験を持つ団体"),
        ("いさわ", "胆沢の農家"),
        ("いなせ", "稲瀬振興会"),
        ("ｼﾁｽﾞﾝ", "シチズンスポーツ奥州"),
        ("１２３", "123"),
    ],
)
def test_query_finds_text_written_in_other_forms(query, text):
    assert matches(query, text)


@pytest.mark.parametrize(
    ("query", "text"),
    [
        ("花火", "夏まつりの開催"),
        ("見守り", "子どもの登下校の安全確保"),
        ("福祉", "花火の打ち上げ"),
    ],
)
def test_unrelated_text_is_not_found(query, text):
    assert not matches(query, text)


def test_particles_and_dependent_verbs_are_not_indexed():
    indexed = terms("子ども食堂をやっています")

    assert {"を", "て", "いる", "居る", "ます"}.isdisjoint(indexed)


def test_normalise_folds_width_case_and_spaces_but_stored_text_is_separate():
    assert analyser.normalise("  ＮＰＯ　法人 ①  ") == "npo 法人 1"


def test_highlight_spans_cover_the_matched_words_in_the_original_text():
    text = "子ども食堂とフードバンク"

    spans = analyser.highlight_spans(text, ["子供", "食堂"])

    assert [text[a:b] for a, b in spans] == ["子ども食堂"]


def test_highlighting_gives_up_rather_than_marking_the_wrong_characters():
    # NFKC turns ㈱ into (株), which changes the length: no spans instead of shifted ones.
    assert analyser.highlight_spans("㈱ひめかゆ", ["ひめ"]) == []


def test_long_texts_are_split_for_the_tokenizer():
    text = "協働のまちづくりを進めます。" * 2000  # far beyond Sudachi's input limit

    indexed = analyser.index_terms(text)

    assert indexed.count("協働") == 2000


def test_equivalences_come_from_the_data_file():
    table = analyser.equivalences()

    assert table["障碍"] == "障害"
    assert table["npo"] == "npo"
