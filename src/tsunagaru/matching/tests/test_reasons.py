"""Reasons people can trust: a reason pairs two words only when they mean the same thing or one
includes the other, and "what they can do" comes only from what the partner offers."""

from __future__ import annotations

import pytest

from tsunagaru.matching.engine import Engine, Match, Profile, reasons, vectors

WORDS = vectors.installed()


def engine_of(*profiles: Profile, glossary: list[list[str]] | None = None) -> Engine:
    engine = Engine(glossary=glossary or [], vectors=WORDS)
    for profile in profiles:
        engine.add(profile)
    return engine


def match_of(engine: Engine, need: str, partner: str, *, asker: str | None = None) -> Match:
    ranked = engine.rank(need, from_id=asker, limit=20)
    found = [m for m in ranked if m.id == partner]
    assert found, f"{partner} was not suggested: {[m.id for m in ranked]}"
    return found[0]


def shown_pairs(match: Match) -> set[tuple[str, str]]:
    return {pair for reason in match.reasons for pair in reason.pairs}


def shown_words(match: Match) -> set[str]:
    return {word for reason in match.reasons for word in reason.words}


# A partner whose texts hold the "near" words the issue found: 夏 for 冬, 駐車場 for 送迎,
# 前 and 足り, and a snow need of its own (the same problem, not help).
SUMMER = Profile(
    id="summer",
    kind="ボランティア団体",
    strengths="夏祭りの前に駐車場の誘導と草刈りを手伝います。夏場の行事の運営経験があります。",
    needs="冬の除雪の担い手が足りない。雪かきのボランティアを探しています。",
)
SNOW = Profile(
    id="snow",
    kind="事業者",
    strengths="重機で除雪を請け負っています。高齢者の家の前の雪寄せもします。",
    needs="若い社員が少ない",
)


def test_opposites_pieces_and_function_words_are_never_reasons():
    engine = engine_of(SUMMER, SNOW)

    for match in engine.rank("冬の間の送迎ボランティアを探しています。人手が足りない", limit=5):
        for ours, theirs in shown_pairs(match):
            assert not reasons.contrast(ours, theirs), (ours, theirs)
            assert len(ours) >= 2, (ours, theirs)
            assert len(theirs) >= 2, (ours, theirs)
            assert {ours, theirs} != {"送迎", "駐車場"}
        assert not shown_words(match) & {"間", "日", "前", "足り", "冬", "夏"}


def test_a_partners_own_need_is_never_shown_as_what_it_can_do():
    # SUMMER wants snow clearing itself: it may be ranked, but 雪かき/除雪 are its need.
    engine = engine_of(SUMMER, SNOW)

    for match in engine.rank("雪かきを手伝ってくれる人を探しています", limit=5):
        offers = [r for r in match.reasons if r.kind in ("offers", "resource")]
        words = {w for r in offers for w in r.words}
        if match.id == "summer":
            assert not any("雪" in w or "除雪" in w for w in words), match.reasons


def test_snow_clearing_is_not_paired_with_mowing():
    mowing = Profile(id="mowing", kind="事業者", strengths="草刈りを請け負います。")
    engine = engine_of(mowing, SNOW)

    pairs = {pair for m in engine.rank("雪かきを頼みたい", limit=5) for pair in shown_pairs(m)}

    assert not any({"草刈り"} & set(pair) for pair in pairs), pairs


def test_a_true_synonym_is_shown_with_both_words():
    engine = engine_of(SUMMER, SNOW)

    match = match_of(engine, "雪かきを手伝ってほしい", "snow")

    offers = next(r for r in match.reasons if r.kind == "offers")
    assert "雪かき（除雪）" in offers.words


def test_the_glossary_applies_at_the_next_ranking_without_indexing_again():
    helper = Profile(id="helper", kind="ボランティア団体", strengths="雪はねの手伝いをします。")
    other = Profile(id="other", kind="ボランティア団体", strengths="花壇の手入れをします。")
    engine = engine_of(helper, other)
    before = [r for m in engine.rank("雪寄せを頼みたい", limit=5) for r in m.reasons]
    assert not any("雪はね" in w for r in before for w in r.words)

    engine.set_glossary([["雪寄せ", "雪はね"]])

    match = match_of(engine, "雪寄せを頼みたい", "helper")
    assert "雪寄せ（雪はね）" in shown_words(match)


def test_the_asker_can_meet_the_partners_need_ranks_it_up_and_says_so():
    asker = Profile(id="asker", kind="事業者", strengths="軽トラックを貸し出せます。")
    # Two partners that can help equally; only the second needs what the asker has.
    plain = Profile(id="plain", kind="NPO法人", strengths="子ども食堂を運営しています。")
    both = Profile(
        id="both",
        kind="NPO法人",
        strengths="子ども食堂を運営しています。",
        needs="食材を運ぶ軽トラックがなくて困っています。",
    )
    # Others, so that no word is in half the index (such words say little and are skipped).
    others = [
        Profile(id=f"other{n}", kind="自治会・町内会", strengths=text)
        for n, text in enumerate(["花壇の手入れ", "防犯パトロール", "郷土芸能の伝承"])
    ]
    for order in ((asker, plain, both), (asker, both, plain)):
        engine = engine_of(*order, *others)

        ranked = engine.rank("子ども食堂を手伝いたい人を探している", from_id="asker", limit=5)

        assert [m.id for m in ranked][:2] == ["both", "plain"]
        mutual = [r for r in ranked[0].reasons if r.kind == "mutual"]
        assert mutual
        assert "軽トラック" in mutual[0].words
        assert not [r for r in ranked[1].reasons if r.kind == "mutual"]


def test_a_resource_is_a_reason_only_when_the_partner_offers_it():
    short = Profile(id="short", kind="NPO法人", needs="人手が足りない。見守りの担い手がいない")
    engine = engine_of(short)

    for match in engine.rank("見守りの人手が足りない", limit=5):
        assert not [r for r in match.reasons if r.kind == "resource"], match.reasons


@pytest.mark.parametrize(
    ("ours", "theirs", "source", "cosine", "expected"),
    [
        ("除雪", "雪掻き", reasons.SYNONYM, 0.84, True),  # Sudachi and the vectors agree
        ("会議", "集会", reasons.SYNONYM, 0.30, False),  # Sudachi alone is too loose
        ("書庫", "本棚", reasons.SYNONYM, 1.0, False),  # one vector row: a cluster, not a synonym
        ("生徒", "学生", reasons.SYNONYM, 0.6, False),  # school pupils and university students
        ("雪寄せ", "雪はね", reasons.GLOSSARY, 1.0, True),
        ("高齢者", "年寄り", reasons.VECTOR, 0.71, False),  # vectors alone never show
        ("夏場", "冬場", reasons.VECTOR, 0.83, False),  # seasons, inside a word
        ("小学校", "中学校", reasons.VECTOR, 0.9, False),  # school levels
        ("料理教室", "書道教室", reasons.VECTOR, 0.8, False),  # siblings: same head
        ("高齢者施設", "高齢者", reasons.VECTOR, 0.9, False),  # a facility is not a person
        ("高齢者施設", "高齢者", reasons.TERM, 1.0, False),  # different words, whatever the key
        ("在学", "閉校", reasons.VECTOR, 0.7, False),  # close, not the same
        ("雪寄せ", "雪", reasons.GLOSSARY, 1.0, False),  # even the glossary: not one character
        ("除雪", "雪掻き", reasons.SYNONYM, 0.5, True),  # the vectors agree just enough
        ("除雪", "雪掻き", reasons.SYNONYM, 0.49, False),
        ("除雪", "雪掻き", reasons.SYNONYM, 0.999, False),
        ("間", "間", reasons.TERM, 1.0, False),  # one character says nothing
        ("足りる", "足りる", reasons.TERM, 1.0, False),  # a function word
        ("見守り", "見守り", reasons.TERM, 1.0, True),
    ],
)
def test_which_pairs_may_be_shown(ours, theirs, source, cosine, expected):
    assert reasons.shown(ours, theirs, source=source, cosine=cosine) is expected


def test_a_piece_of_a_longer_word_is_not_a_reason():
    # グループホーム and 老人ホーム share the piece ホーム: nothing a person would call a reason.
    visits = Profile(id="visits", kind="ボランティア団体", strengths="老人ホームを訪問しています。")
    engine = engine_of(visits, SNOW, SUMMER)

    for match in engine.rank("グループホームの見学の訪問を受け入れたい", limit=5):
        assert "ホーム" not in shown_words(match), match.reasons


def test_everyday_words_find_the_field_that_answers_them_without_a_false_reason():
    # 「耳の聞こえない」 shares no word with 手話; the everyday lexicon bridges them for ranking,
    # and the card does not pretend the group wrote the asker's words.
    signing = Profile(
        id="signing", kind="ボランティア団体", strengths="手話の学習会と通訳をしています。"
    )
    drums = Profile(id="drums", kind="ボランティア団体", strengths="和太鼓の舞台発表をしています。")
    others = [
        Profile(id=f"o{n}", kind="事業者", strengths=t) for n, t in enumerate(["印刷", "造園"])
    ]
    engine = engine_of(signing, drums, *others)

    ranked = engine.rank("耳の聞こえない方にも発表を楽しんでもらいたい", limit=5)

    assert ranked[0].id == "signing"
    assert not shown_pairs(ranked[0])  # 手話 was not written by the asker: no word reason


@pytest.mark.parametrize("text", ["週末なら草刈りを手伝えます", "地域の役に立ちたい、手伝いたい"])
def test_offering_to_help_brings_hands_and_does_not_ask_for_them(text):
    from tsunagaru.matching.engine import analysis

    [clause] = analysis.clauses(text, default=analysis.WANT)

    assert clause.direction == analysis.HAVE
    assert ("人手", analysis.HAVE) in clause.resources
    assert ("人手", analysis.WANT) not in clause.resources


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("夏", "冬", True),
        ("真夏", "真冬", True),  # inside words the list does not name
        ("雪かき", "除雪", False),  # one member: the same work
        ("夏", "東", False),  # different sets: unrelated, not contrasted
        ("見守り", "見守り", False),
    ],
)
def test_contrasts(a, b, expected):
    assert reasons.contrast(a, b) is expected


def test_an_offer_is_told_as_what_they_lack_not_as_what_they_have():
    short = Profile(id="short", kind="NPO法人", needs="配膳を手伝う人手が足りない")
    others = [
        Profile(id=f"o{n}", kind="事業者", strengths=t) for n, t in enumerate(["印刷", "造園"])
    ]
    engine = engine_of(short, *others)

    [match] = [m for m in engine.rank("力仕事を手伝えます", offer=True, limit=5) if m.id == "short"]

    kinds = {r.kind: r.words for r in match.reasons}
    assert kinds.get("resource_wanted") == ("人手",)
    assert "resource" not in kinds


def test_a_verb_is_told_in_its_dictionary_form():
    helpers = Profile(id="helpers", kind="ボランティア団体", needs="配膳を手伝う人がいない")
    others = [Profile(id=f"o{n}", kind="事業者", strengths=t) for n, t in enumerate(["印刷", "庭"])]
    engine = engine_of(helpers, *others)

    [match] = [m for m in engine.rank("配膳を手伝えます", offer=True, limit=5) if m.id == "helpers"]

    words = {w for r in match.reasons for w in r.words}
    assert "手伝う" in words
    assert "手伝え" not in words
