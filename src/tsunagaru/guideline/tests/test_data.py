"""The loaded guideline matches the seed text (令和3年3月《改訂版》) exactly.

The expected values are typed in from the guideline, independently of the data file, so a
slip in the file or the loader shows up here.
"""

import pytest

from tsunagaru.guideline import selectors
from tsunagaru.guideline.models import (
    CollaborationType,
    Domain,
    Edition,
    Form,
    Measure,
    PartnerKind,
    Pillar,
    Principle,
    Program,
    SuitableField,
)

pytestmark = pytest.mark.django_db

PROGRAMS = [
    ("ア", "協働のまちづくりアカデミー（初級編）開講事業", "見直し"),
    ("ア", "協働のまちづくりアカデミー（『つながる』編）開講事業", "新規"),
    ("ア", "協働推進スキルアップ研修開催事業", "見直し"),
    ("イ", "協働のまちづくりフォーラム開催事業", "見直し"),
    ("イ", "地区振興会長等研修会開催事業", "見直し"),
    ("イ", "情報誌や市広報による協働の担い手の活動内容紹介事業", "継続"),
    ("イ", "市公式ホームページ等を活用した情報発信事業", "継続"),
    ("イ", "公共施設等への公益活動情報ブースの整備", "新規"),
    ("ウ", "協働の担い手との協働での公益活動サポート体制の整備", "新規"),
    ("ウ", "（仮称）『つながる』フェスタ開催事業", "新規"),
    ("エ", "地域づくり活動推進スキルアップ研修開催事業", "見直し"),
    ("エ", "地域運営交付金制度の運用", "見直し"),
    ("エ", "各地区担当職員との連携", "継続"),
    ("オ", "協働のまちづくり交付金制度の運用", "見直し"),
    ("オ", "地域運営自立チャレンジ補助金制度の創設と運用", "新規"),
    ("カ", "地区センター施設（指定管理施設）の適正管理", "継続"),
    ("キ", "集会施設整備費補助金制度の運用", "継続"),
    ("キ", "コミュニティ助成事業補助金制度の運用", "継続"),
    ("ク", "市民提案型協働支援事業補助金制度の運用", "見直し"),
    ("ケ", "市民活動支援コーディネーターの配置", "継続"),
    ("ケ", "市民公益活動関係情報の発信と相談対応", "継続"),
    ("ケ", "市民公益活動サポート組織と連動した市民公益活動支援", "新規"),
    ("ケ", "市民公益活動スキルアップ研修開催事業", "見直し"),
    ("コ", "協働のまちづくり推進本部の運営", "継続"),
    ("コ", "各課等への協働のまちづくり推進員の配置", "継続"),
    ("コ", "協働のまちづくり推進員研修開催事業", "見直し"),
    ("コ", "人事評価制度による職員の協働意識の高揚", "新規"),
    ("サ", "協働の提案テーブル制度の運用", "見直し"),
    ("シ", "自治基本条例推進委員会の運営", "継続"),
    ("シ", "市民参画手続研修開催事業", "新規"),
    ("ス", "協働推進施策の検証と見直し", "継続"),
    ("ス", "企業版ふるさと納税制度等の導入検討", "新規"),
]

MEASURES = [
    (1, "多様な主体間の協働推進", "ア", "協働の担い手育成の強化"),
    (1, "多様な主体間の協働推進", "イ", "情報提供と情報共有の充実"),
    (1, "多様な主体間の協働推進", "ウ", "主体間の相互交流の活性化"),
    (2, "地域づくり活動の推進", "エ", "自立した地域運営への誘導"),
    (2, "地域づくり活動の推進", "オ", "コミュニティ計画の促進"),
    (2, "地域づくり活動の推進", "カ", "地区づくり活動拠点施設管理の適正化"),
    (2, "地域づくり活動の推進", "キ", "自治集会施設の環境維持"),
    (3, "市民公益活動の推進", "ク", "市民公益活動の活性化"),
    (3, "市民公益活動の推進", "ケ", "市民活動支援センター機能の拡充"),
    (4, "協働推進体制の整備", "コ", "市職員の協働意識の高揚"),
    (4, "協働推進体制の整備", "サ", "協働の提案テーブルの機能向上"),
    (4, "協働推進体制の整備", "シ", "市政への市民参画機会の充実"),
    (4, "協働推進体制の整備", "ス", "協働推進のための関連経費の確保"),
]


def test_three_editions_with_the_third_current_aiming_at_tsunagaru_by_reiwa_8():
    editions = list(Edition.objects.values_list("number", "name", "published_label", "title"))

    assert editions == [
        (1, "第1ステージ", "平成24年1月", "協働のまちづくり指針"),
        (2, "第2ステージ", "平成28年1月", "協働のまちづくり指針《増補版》"),
        (3, "第3ステージ", "令和3年3月", "協働のまちづくり指針《改訂版》"),
    ]
    current = selectors.edition_current()
    assert (current.number, current.target_fiscal_year, current.goal) == (3, 2026, "つながる")


def test_partner_kinds_of_part_two():
    assert list(PartnerKind.objects.values_list("name", flat=True)) == [
        "個人",
        "地域づくり活動団体",
        "市民公益活動団体",
        "事業者",
        "行政",
    ]
    business = PartnerKind.objects.get(name="事業者")
    assert business.role.startswith("事業者や経済団体、協同組合などの民間組織にあっても")


def test_the_six_principles_in_order_with_their_text():
    assert list(Principle.objects.values_list("number", "name")) == [
        (1, "目的・目標の共有"),
        (2, "相互理解"),
        (3, "対等な関係"),
        (4, "責任と役割分担"),
        (5, "公開性・透明性"),
        (6, "相互評価"),
    ]
    roles = Principle.objects.get(number=4).description
    assert "「市民だからできること」、「行政だからできること」を明確に分担し" in roles


def test_domains_a_to_e_and_the_four_types():
    assert list(Domain.objects.values_list("code", "name", "sphere")) == [
        ("A", "市民単独", "citizen"),
        ("B", "市民主導", "collaboration"),
        ("C", "対等", "collaboration"),
        ("D", "行政主導", "collaboration"),
        ("E", "行政単独", "city"),
    ]
    assert list(CollaborationType.objects.values_list("name", "domain__code")) == [
        ("市民主導（行政協力）型", "B"),
        ("対等（スタート時協力）型", "C"),
        ("対等（相互単独から協力）型", "C"),
        ("行政主導（市民参画）型", "D"),
    ]


def test_the_nine_forms_with_descriptions_and_examples():
    assert list(Form.objects.values_list("name", flat=True)) == [
        "共催",
        "事業協力",
        "実行委員会等",
        "補助",
        "企画・計画立案への参画",
        "後援",
        "委託",
        "指定管理者制度",
        "情報提供・情報交換",
    ]
    subsidy = Form.objects.get(name="補助")
    assert "立場の違いから対等性を失いやすいので注意が必要です。" in subsidy.description
    assert subsidy.examples == ["市民提案型協働支援事業", "コミュニティ助成事業"]


def test_the_six_suitable_fields_including_the_pioneering_one():
    assert list(SuitableField.objects.values_list("number", "name")) == [
        (1, "きめ細かく柔軟な対応が必要な分野"),
        (2, "地域との密接な連携が必要な分野"),
        (3, "専門性が求められる分野"),
        (4, "合意形成が必要な分野"),
        (5, "多くの市民の参画が望まれる分野"),
        (6, "行政が取組んでいない先駆的な事業"),
    ]
    assert (
        "「やさしい日本語」を活用した防災力強化事業" in SuitableField.objects.get(number=6).examples
    )


def test_four_pillars_thirteen_measures_in_order():
    rows = [
        (m.pillar.number, m.pillar.name, m.code, m.name)
        for m in Measure.objects.select_related("pillar").order_by("order")
    ]

    assert rows == MEASURES
    assert Pillar.objects.get(number=1).is_priority
    assert Measure.objects.get(code="キ").heading_name == "自治集会施設的环境維持"


def test_thirty_two_programs_each_with_its_status():
    rows = [
        (p.measure.code, p.name, p.status_ja)
        for p in Program.objects.select_related("measure").order_by("measure__order", "order")
    ]

    assert rows == PROGRAMS


def test_activity_fields_are_editable_data_mapped_to_the_npo_taxonomy():
    from tsunagaru.guideline.models import ActivityField

    names = list(ActivityField.objects.values_list("name", flat=True))
    for expected in [
        "防災",
        "防犯",
        "福祉",
        "環境",
        "教育",
        "子育て",
        "高齢者",
        "障がい者支援",
        "芸術・文化",
        "スポーツ",
        "健康づくり",
        "多文化共生",
        "男女共同参画",
        "地域活性化",
        "交通安全",
        "青少年健全育成",
    ]:
        assert expected in names
    disaster = ActivityField.objects.get(name="防災")
    assert [c.number for c in disaster.npo_categories.all()] == [8]
