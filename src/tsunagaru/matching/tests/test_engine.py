"""The matching engine on real Japanese phrasing: no database, no Django."""

from __future__ import annotations

import json

import pytest

from tsunagaru.matching import bench
from tsunagaru.matching.engine import Engine, Profile, vectors

ASKER = Profile(id="asker", kind="自治会・町内会", area="衣川", district="大森", needs="")


def engine_with(*profiles: Profile, glossary: list[list[str]] | None = None) -> Engine:
    engine = Engine(glossary=glossary or [])
    for profile in (ASKER, *profiles):
        engine.add(profile)
    return engine


def ranked_ids(engine: Engine, need: str) -> list[str]:
    return [m.id for m in engine.rank(need, from_id="asker", limit=20)]


@pytest.mark.parametrize(
    ("need", "helper_strengths"),
    [
        # Notation variants the analyser unifies.
        ("子ども食堂を始めたい", "子供食堂を３年続けてきたノウハウがあります。"),
        ("ＮＰＯと組んで活動したい", "NPOとして地域の活動を支えています。"),
        ("お年寄りの買い物を手伝ってほしい", "高齢者の買い物代行を行っています。"),
        ("障がいのある子のスポーツ教室を開きたい", "障害児のスポーツ指導の経験があります。"),
        # Synonym groups: 雪かき ~ 除雪, 清掃 ~ 掃除.
        ("玄関先の雪かきが追いつかない", "除雪機を３台持っていて、除雪作業を請け負います。"),
    ],
)
def test_words_written_differently_still_meet(need, helper_strengths):
    helper = Profile(id="helper", kind="NPO法人", strengths=helper_strengths)
    unrelated = Profile(id="other", kind="NPO法人", strengths="郷土芸能の神楽を伝えています。")
    assert ranked_ids(engine_with(helper, unrelated), need)[0] == "helper"


def test_a_glossary_word_meets_its_regional_synonym():
    helper = Profile(id="helper", kind="事業者", strengths="冬は雪寄せの仕事を受けています。")
    decoy = Profile(id="decoy", kind="事業者", strengths="冬は寄せ植えの教室をしています。")
    need = "雪はねをしてくれる人がいない"
    with_glossary = engine_with(helper, decoy, glossary=[["雪はね", "雪寄せ", "雪かき"]])
    assert ranked_ids(with_glossary, need)[0] == "helper"


def test_the_partner_that_can_help_ranks_above_one_with_the_same_problem():
    same_problem = Profile(
        id="same",
        kind="自治会・町内会",
        needs="冬の雪かきの人手が足りず、高齢者の家の除雪が追いつかない。",
    )
    helper = Profile(
        id="helper",
        kind="ボランティア団体",
        strengths="大学生３０人が登録していて、冬は高齢者宅の雪かきボランティアに出ています。",
        needs="活動先をもっと増やしたい。",
    )
    assert (
        ranked_ids(engine_with(same_problem, helper), "高齢者の家の雪かきの人手が足りない")[0]
        == "helper"
    )


def test_needs_that_are_two_halves_of_one_thing_meet():
    farm = Profile(
        id="farm",
        kind="事業者",
        strengths="野菜を生産しています。",
        needs="収穫と出荷の作業で人手が慢性的に足りません。",
    )
    same = Profile(
        id="same",
        kind="NPO法人",
        strengths="作業所の見学を受けています。",
        needs="利用者が働ける仕事を探しています。",
    )
    need = "利用者さんが外で働ける仕事を探しています。軽作業なら対応できます。"
    assert ranked_ids(engine_with(farm, same), need)[0] == "farm"


def test_an_offer_of_help_finds_those_who_need_it():
    wants = Profile(
        id="wants",
        kind="NPO法人",
        needs="新しい居場所を開くのに机と椅子が足りません。",
    )
    also_gives = Profile(
        id="gives",
        kind="事業者",
        strengths="事務用の机と椅子を販売・レンタルしています。",
    )
    need = "使わなくなった机と椅子がたくさんあるので、引き取ってくれるところを探しています。"
    assert ranked_ids(engine_with(wants, also_gives), need)[0] == "wants"


def test_a_near_miss_does_not_beat_the_real_help():
    children = Profile(
        id="children",
        kind="ボランティア団体",
        strengths="小学生の登下校の見守り隊を２０年続けています。",
    )
    dementia = Profile(
        id="dementia",
        kind="市の部署",
        strengths="認知症サポーター養成講座と、行方不明になった高齢者のSOSネットワークを所管しています。",
    )
    need = "認知症の母が夜に家を出てしまう。近所で見守って早く気づける仕組みがほしい。"
    ids = ranked_ids(engine_with(children, dementia), need)
    assert ids[0] == "dementia"


def test_the_asker_is_never_ranked_and_reasons_are_given():
    engine = engine_with(
        Profile(
            id="helper", kind="NPO法人", area="衣川", strengths="パソコンの設定を教えています。"
        )
    )
    matches = engine.rank("パソコンの設定ができる人がいない", from_id="asker")
    assert [m.id for m in matches] == ["helper"]
    kinds = {r.kind: r.words for r in matches[0].reasons}
    assert "パソコン" in kinds["offers"]
    assert kinds["place"] == ("衣川",)


def test_editing_one_profile_changes_the_ranking_without_a_rebuild():
    engine = engine_with(
        Profile(id="a", kind="NPO法人", strengths="英語の通訳ができます。"),
        Profile(id="b", kind="NPO法人", strengths="写真の撮影をしています。"),
    )
    need = "ベトナム語の通訳をしてくれる人を探している"
    assert ranked_ids(engine, need)[0] == "a"
    engine.add(Profile(id="b", kind="NPO法人", strengths="ベトナム語と英語の通訳を派遣します。"))
    assert ranked_ids(engine, need)[0] == "b"
    engine.remove("b")
    assert "b" not in ranked_ids(engine, need)
    assert len(engine) == 2


def test_accepted_introductions_teach_the_engine():
    engine = engine_with(
        Profile(id="shop", kind="事業者", strengths="軽トラックで山沿いの集落を回っています。"),
        Profile(id="bus", kind="事業者", strengths="観光バスを運行しています。"),
    )
    need = "店がなくなって食料品が手に入らない"
    before = ranked_ids(engine, need)
    engine.learn("食料品が手に入らない", "shop")
    assert "shop" not in before  # no shared word: only the evidence brings it
    assert ranked_ids(engine, need)[0] == "shop"


def test_the_benchmark_command_writes_rankings_and_scores_them(tmp_path, capsys):
    orgs = [
        {"id": "o1", "name": "自治会", "kind": "自治会・町内会", "needs": "雪かきの人手が足りない"},
        {
            "id": "o2",
            "name": "学生ボランティア",
            "kind": "ボランティア団体",
            "strengths": "学生が除雪ボランティアに出ます",
            "extra": "ignored",
        },
        {
            "id": "o3",
            "name": "神楽保存会",
            "kind": "ボランティア団体",
            "strengths": "神楽を舞います",
        },
    ]
    queries = [
        {"id": "q1", "from_org": "o1", "need_text": "雪かきを手伝ってほしい", "relevant": {"o2": 2}}
    ]
    (tmp_path / "orgs.jsonl").write_text(
        "\n".join(json.dumps(o, ensure_ascii=False) for o in orgs), encoding="utf-8"
    )
    (tmp_path / "queries.jsonl").write_text(
        "\n".join(json.dumps(q, ensure_ascii=False) for q in queries), encoding="utf-8"
    )
    out = tmp_path / "rankings.jsonl"
    argv = [
        "--orgs",
        str(tmp_path / "orgs.jsonl"),
        "--queries",
        str(tmp_path / "queries.jsonl"),
        "--top",
        "10",
        "--out",
        str(out),
    ]
    assert bench.main(argv) == 0
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert lines == [{"query_id": "q1", "ranked": lines[0]["ranked"]}]
    assert lines[0]["ranked"][0] == "o2"
    assert "o1" not in lines[0]["ranked"]
    printed = capsys.readouterr().out
    assert "nDCG@10: 1.000" in printed
    assert "recall@5: 1.000" in printed
    assert "p95" in printed
    assert "peak memory" in printed


def test_metrics_agree_with_the_published_definitions():
    recall, rr, ndcg = bench.metrics(["x", "a", "b"], {"a": 2, "c": 1}, asker="z")
    assert recall == 0.5
    assert rr == 0.5
    assert ndcg == pytest.approx((3 / 1.5849625) / (3 + 1 / 1.5849625), rel=1e-6)


def test_the_installed_word_vectors_are_read_without_spacy():
    words = vectors.installed()
    assert words is not None, "make install puts ja-ginza's vectors in place"
    # Found at all means our hash is spaCy's: the table is keyed by it.
    assert all(words.row(w) is not None for w in ["高齢者", "除雪", "子供", "NPO", "食料品"])
    assert words.row("ほげほげ存在しない語") is None
    assert words.similarity("高齢者", "年寄り") > 0.5 > words.similarity("高齢者", "神楽")


def test_word_vectors_meet_words_no_dictionary_links():
    helper = Profile(
        id="helper",
        kind="事業者",
        strengths="住宅の解体工事をしています。",
        needs="解体で出る廃材の処分に困っている。",
    )
    decoy = Profile(id="decoy", kind="事業者", strengths="お米の直売をしています。")
    need = "ベンチを作る木材を分けてもらいたい"
    with_vectors, without = Engine(vectors=vectors.installed()), Engine()
    for profile in (ASKER, helper, decoy):
        with_vectors.add(profile)
        without.add(profile)
    assert next(m.id for m in with_vectors.rank(need, from_id="asker")) == "helper"
    assert "helper" not in [m.id for m in without.rank(need, from_id="asker")]


def test_rankings_are_the_same_in_every_process(tmp_path):
    """Python randomises string hashing per process; the ranking must not depend on it."""
    import os
    import subprocess
    import sys

    orgs = [
        {"id": f"o{n}", "kind": "NPO法人", "strengths": text}
        for n, text in enumerate(
            [
                "高齢者の見守りと雪かき",
                "除雪の請負",
                "お年寄りの買い物支援",
                "雪寄せと屋根の雪下ろし",
                "高齢者の通院の送迎",
                "子どもの学習支援",
            ]
        )
    ]
    queries = [{"id": "q", "from_org": "o5", "need_text": "お年寄りの家の雪かきが追いつかない"}]
    (tmp_path / "o.jsonl").write_text(
        "\n".join(json.dumps(o, ensure_ascii=False) for o in orgs), encoding="utf-8"
    )
    (tmp_path / "q.jsonl").write_text(json.dumps(queries[0], ensure_ascii=False), encoding="utf-8")
    outputs = []
    for seed in ("1", "2"):
        out = tmp_path / f"r{seed}.jsonl"
        subprocess.run(  # noqa: S603 - this interpreter, our module
            [
                sys.executable,
                "-m",
                "tsunagaru.matching.bench",
                "--orgs",
                str(tmp_path / "o.jsonl"),
                "--queries",
                str(tmp_path / "q.jsonl"),
                "--top",
                "5",
                "--out",
                str(out),
            ],
            check=True,
            capture_output=True,
            env={**os.environ, "PYTHONHASHSEED": seed},
        )
        outputs.append(out.read_text(encoding="utf-8"))
    assert outputs[0] == outputs[1]
    assert json.loads(outputs[0])["ranked"][0] in {"o0", "o1", "o3"}  # the snow helpers
