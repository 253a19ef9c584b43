"""Demo groups: every organisation the guideline names, with profiles drawn from its cases,
plus others so the directory feels like Oshu's. Descriptions are written for the demo."""

from __future__ import annotations

from typing import Any

from tsunagaru.accounts.models import User
from tsunagaru.core import demo_pictures
from tsunagaru.core.models import District
from tsunagaru.guideline.models import ActivityField, OrganisationKind
from tsunagaru.partners import services
from tsunagaru.partners.models import Membership, Need, Offer, Organisation

# name, kana, kind, district slug (area slug for groups without one), fields, description,
# offers [(category, title, text)], needs [(category, title, text)]
# ruff: noqa: E501 - one group per line reads best as data
GROUPS: list[dict[str, Any]] = [
    {
        "name": "稲瀬振興会",
        "kana": "イナセシンコウカイ",
        "kind": "district_association",
        "district": "inase",
        "fields": ["地域活性化", "芸術・文化"],
        "description": "江刺区稲瀬地区の地区振興会です。地区センターの指定管理と、地区行事・防災訓練を担っています。",
        "offers": [
            (
                "place",
                "稲瀬地区センターの大広間",
                "地区センターの大広間と駐車場を行事に貸し出せます。",
            )
        ],
        "needs": [
            (
                "want_to_do",
                "地区で初めての花火を打ち上げたい",
                "夏の地区行事で花火を打ち上げたいが、許認可や安全対策の経験がありません。",
            )
        ],
    },
    {
        "name": "江刺藤里ファイヤーワークス",
        "kana": "エサシフジサトファイヤーワークス",
        "kind": "volunteer_group",
        "district": "fujisato",
        "fields": ["地域活性化", "芸術・文化"],
        "description": "藤里地区の有志で、地域行事での打ち上げ花火を企画・運営しています。",
        "offers": [
            (
                "knowhow",
                "打ち上げ花火の企画と許認可手続き",
                "煙火の打ち上げ許可の申請、消防との調整、当日の安全管理の経験があります。",
            )
        ],
        "needs": [],
    },
    {
        "name": "伊手振興会",
        "kana": "イデシンコウカイ",
        "kind": "district_association",
        "district": "ide",
        "fields": ["地域活性化"],
        "description": "江刺区伊手地区の地区振興会です。",
        "offers": [],
        "needs": [
            (
                "want_to_do",
                "地区初の夏まつりを開きたい",
                "夏まつりを始めたいので、運営の経験を教えてくれる団体を探しています。",
            )
        ],
    },
    {
        "name": "姉体町振興会",
        "kana": "アネタイチョウシンコウカイ",
        "kind": "district_association",
        "district": "anetai",
        "fields": ["地域活性化"],
        "description": "水沢区姉体地区の振興会です。毎年夏まつりを開いています。",
        "offers": [
            (
                "knowhow",
                "夏まつりの運営ノウハウ",
                "出店の募集、会場設営、ボランティアの集め方を教えられます。視察も歓迎します。",
            )
        ],
        "needs": [],
    },
    {
        "name": "前沢地区連合振興会",
        "kana": "マエサワチクレンゴウシンコウカイ",
        "kind": "district_association",
        "district": "maesawa",
        "fields": ["地域活性化", "青少年健全育成"],
        "description": "前沢区の地区振興会の連合会です。",
        "offers": [
            (
                "place",
                "前沢の地域資源（牛・農産物・会場）",
                "交流イベントの会場と地元食材を用意できます。",
            )
        ],
        "needs": [
            (
                "local_issue",
                "若者の交流の機会が少ない",
                "地域の若者が出会い、交流する機会が少なく、人口も減っています。",
            )
        ],
    },
    {
        "name": "北股地区振興会",
        "kana": "キタマタチクシンコウカイ",
        "kind": "district_association",
        "district": "kitamata",
        "fields": ["地域活性化", "環境"],
        "description": "衣川区北股地区の振興会です。山あいの集落で、過疎化への対策に取り組んでいます。",
        "offers": [
            (
                "place",
                "里山のフィールドと古民家",
                "ワークキャンプや体験活動に使える里山と古民家があります。",
            )
        ],
        "needs": [
            (
                "local_issue",
                "過疎化で担い手が足りない",
                "草刈りや行事の担い手が足りません。学生ボランティアの受け入れを考えています。",
            ),
            (
                "trouble",
                "ひとり暮らしの高齢者の家の前の雪かきが追いつかない",
                "大雪の朝、ひとり暮らしのお年寄りの家の前から道路まで雪かきが間に合いません。",
            ),
        ],
    },
    {
        "name": "NPO法人シチズンスポーツ奥州",
        "kana": "シチズンスポーツオウシュウ",
        "kind": "npo",
        "area": "mizusawa",
        "fields": ["スポーツ", "子育て"],
        "description": "誰もがスポーツを楽しめるまちを目指すNPO法人です。サッカー教室を開いています。",
        "offers": [("skill", "サッカーの指導", "資格を持つコーチがいます。")],
        "needs": [
            (
                "want_to_do",
                "障がい児のサッカー教室を開きたい",
                "障がいのある子どもが安全に参加できる教室にするため、支援のノウハウを持つ団体と組みたい。",
            )
        ],
    },
    {
        "name": "NPO法人こぼ",
        "kana": "コボ",
        "kind": "npo",
        "area": "esashi",
        "fields": ["障がい者支援", "子育て", "福祉"],
        "description": "障がいのある子どもと家族を支えるNPO法人です。",
        "offers": [
            (
                "knowhow",
                "障がい児支援のノウハウ",
                "障がいのある子どもの活動を安全に行うための配慮や人員配置を助言できます。",
            )
        ],
        "needs": [],
    },
    {
        "name": "奥州めぐみネット",
        "kana": "オウシュウメグミネット",
        "kind": "volunteer_group",
        "area": "mizusawa",
        "fields": ["環境", "生涯学習"],
        "description": "自然観察と地域の歴史を学ぶ市民団体です。",
        "offers": [("knowhow", "自然観察会・歴史散歩の案内", "地域の自然や史跡を案内できます。")],
        "needs": [
            (
                "want_to_do",
                "地域とつながった活動をしたい",
                "地区の皆さんと一緒に活動できる場を探しています。",
            )
        ],
    },
    {
        "name": "米里振興会",
        "kana": "ヨネサトシンコウカイ",
        "kind": "district_association",
        "district": "yonesato",
        "fields": ["地域活性化", "交通安全"],
        "description": "江刺区米里地区の振興会です。",
        "offers": [],
        "needs": [
            (
                "local_issue",
                "公共交通の課題を考える機会がほしい",
                "地域の自然や歴史に触れながら、バス路線など地域の課題を住民と考えたい。",
            )
        ],
    },
    {
        "name": "白山地区振興会",
        "kana": "ハクサンチクシンコウカイ",
        "kind": "district_association",
        "district": "hakusan",
        "fields": ["地域活性化"],
        "description": "前沢区白山地区の振興会です。",
        "offers": [],
        "needs": [
            ("trouble", "地区コミュニティ計画の改訂", "計画の見直しの進め方について助言がほしい。")
        ],
    },
    {
        "name": "NPO法人いわて地域づくり支援センター",
        "kana": "イワテチイキヅクリシエンセンター",
        "kind": "npo",
        "area": "mizusawa",
        "fields": ["まちづくり", "地域活性化"],
        "description": "地域づくりの計画や話し合いを支援するNPO法人です。",
        "offers": [
            (
                "knowhow",
                "地区計画づくりのファシリテーション",
                "ワークショップの設計と進行、計画書の取りまとめを支援します。",
            )
        ],
        "needs": [],
    },
    {
        "name": "岩手県立大学",
        "kana": "イワテケンリツダイガク",
        "kind": "education",
        "area": None,
        "fields": ["教育", "地域活性化"],
        "description": "地域と連携した学生の活動を進めています。",
        "offers": [
            (
                "strength",
                "学生ボランティアの派遣",
                "ワークキャンプなど地域での活動に学生が参加できます。",
            )
        ],
        "needs": [],
    },
    {
        "name": "ひめかゆ協力会",
        "kana": "ヒメカユキョウリョクカイ",
        "kind": "volunteer_group",
        "district": "wakayanagi",
        "fields": ["環境", "観光"],
        "description": "ひめかゆ温泉の周辺を花で彩る住民の会です。",
        "offers": [("strength", "花の植え付けと手入れ", "会員が定期的に作業できます。")],
        "needs": [
            (
                "want_to_do",
                "フラワーガーデンを再生したい",
                "温泉前の荒れた花壇を再生したい。苗と土の確保に困っています。",
            )
        ],
    },
    {
        "name": "(株)ひめかゆ",
        "kana": "ヒメカユ",
        "kind": "business",
        "district": "wakayanagi",
        "fields": ["観光"],
        "description": "胆沢の温泉施設「ひめかゆ」を運営する会社です。",
        "offers": [
            ("place", "温泉前の敷地と散水設備", "フラワーガーデンの敷地と水を提供できます。")
        ],
        "needs": [],
    },
    {
        "name": "真城地区振興会",
        "kana": "シンジョウチクシンコウカイ",
        "kind": "district_association",
        "district": "shinjo",
        "fields": ["地域活性化", "福祉"],
        "description": "水沢区真城地区の振興会です。",
        "offers": [],
        "needs": [],
    },
    {
        "name": "生母地区振興会",
        "kana": "モタイチクシンコウカイ",
        "kind": "district_association",
        "district": "motai",
        "fields": ["地域活性化", "高齢者"],
        "description": "前沢区生母地区の振興会です。",
        "offers": [],
        "needs": [],
    },
    {
        "name": "ちーむやなぎ（仮）",
        "kana": "チームヤナギ",
        "kind": "district_association",
        "district": "shinjo",
        "parent": "真城地区振興会",
        "fields": ["地域活性化"],
        "description": "真城地区振興会の課題解決型特命チームです。",
        "offers": [],
        "needs": [],
    },
    {
        "name": "もたい元気の会",
        "kana": "モタイゲンキノカイ",
        "kind": "district_association",
        "district": "motai",
        "parent": "生母地区振興会",
        "fields": ["高齢者", "健康づくり"],
        "description": "生母地区振興会の課題解決型特命チーム。高齢者の健康づくりに取り組みます。",
        "offers": [
            (
                "strength",
                "お年寄りの見守りと体操教室",
                "地区の高齢者宅を訪ね、週1回の体操教室を開いています。",
            )
        ],
        "needs": [],
    },
    {
        "name": "赤生津活性化協議会",
        "kana": "アコウヅカッセイカキョウギカイ",
        "kind": "district_association",
        "district": "motai",
        "parent": "生母地区振興会",
        "fields": ["地域活性化"],
        "description": "生母地区振興会の課題解決型特命チームです。",
        "offers": [],
        "needs": [],
    },
    {
        "name": "水沢国際交流の会",
        "kana": "ミズサワコクサイコウリュウノカイ",
        "kind": "volunteer_group",
        "area": "mizusawa",
        "fields": ["多文化共生", "国際交流"],
        "description": "外国人住民の日本語学習と生活相談を支えるボランティア団体です。",
        "offers": [
            (
                "skill",
                "やさしい日本語とベトナム語の通訳",
                "やさしい日本語での案内づくりと、ベトナム語の通訳ができます。",
            )
        ],
        "needs": [
            (
                "trouble",
                "防災訓練に外国人住民が参加しにくい",
                "地区の防災訓練に外国人住民が参加できるよう、振興会と協力したい。",
            )
        ],
    },
    {
        "name": "胆沢移動販売ネット",
        "kana": "イサワイドウハンバイネット",
        "kind": "business",
        "district": "natsuta",
        "fields": ["高齢者", "地域活性化"],
        "description": "冷蔵車で食料品を届ける移動販売を行っています。",
        "offers": [
            ("equipment", "冷蔵車による移動販売", "店のない集落へ週2回、生鮮食品を届けられます。")
        ],
        "needs": [],
    },
    {
        # Snow clearing with machines, and machines idle in summer: one side of the README's
        # snow example, and a partner both sides gain from (its need is an offer to others).
        "name": "衣川重機サービス",
        "kana": "コロモガワジュウキサービス",
        "kind": "business",
        "district": "kitamata",
        "fields": ["防災", "高齢者"],
        "description": "衣川区の土木・除雪の事業者です。",
        "offers": [
            (
                "equipment",
                "重機による除雪",
                "冬は重機で集落の道路と、高齢者の家の前の除雪を請け負っています。",
            )
        ],
        "needs": [
            (
                "want_to_do",
                "夏の間の重機の使い道",
                "冬以外は重機とオペレーターが空いています。草刈りや整地に使ってほしい。",
            )
        ],
    },
    {
        "name": "常盤地区自主防災会",
        "kana": "トキワチクジシュボウサイカイ",
        "kind": "neighbourhood_association",
        "district": "tokiwa",
        "fields": ["防災", "防犯"],
        "description": "常盤地区の町内会が合同で組織する自主防災組織です。",
        "offers": [("equipment", "防災倉庫の資機材", "発電機、簡易トイレ、テントを貸し出せます。")],
        "needs": [
            (
                "trouble",
                "訓練の参加者が高齢者ばかり",
                "若い世代に防災訓練へ参加してもらう方法を探しています。",
            )
        ],
    },
    {
        # Listed, so the README's example works on the demo: 「こども食堂」 finds 「子ども食堂」.
        "name": "みずさわ子ども食堂",
        "kana": "ミズサワコドモショクドウ",
        "kind": "volunteer_group",
        "district": "mizusawa",
        "fields": ["子育て", "福祉"],
        "description": "水沢地区センターの調理室で、毎月第2・第4土曜日に子ども食堂を開いています。野菜は地域の農家から分けていただいています。",
        "offers": [
            (
                "knowhow",
                "子ども食堂の立ち上げと衛生管理の相談",
                "食品衛生責任者の資格を持つメンバーが、献立づくりや衛生管理、行事保険の入り方の相談に乗ります。",
            )
        ],
        "needs": [
            (
                "trouble",
                "配膳と片付けを手伝う人が足りない",
                "土曜日の昼に、配膳と片付けを手伝ってくれるボランティアを探しています。",
            )
        ],
    },
    {
        "name": "奥州市 協働まちづくり部 地域づくり推進課",
        "kana": "オウシュウシチイキヅクリスイシンカ",
        "kind": "city_department",
        "area": "mizusawa",
        "fields": ["まちづくり"],
        "description": "協働の提案テーブルと市民公益活動の支援を担当しています。",
        "offers": [
            (
                "knowhow",
                "補助金と協働の提案テーブルの相談",
                "市民提案型協働支援事業補助金や協働の提案テーブルについて相談に応じます。",
            )
        ],
        "needs": [],
    },
]


def load(report: Any) -> None:
    if Organisation.objects.filter(name="稲瀬振興会").exists():
        return
    coordinator = User.objects.get(email="coordinator@example.jp")
    partner = User.objects.get(email="partner@example.jp")
    kinds = {k.code: k for k in OrganisationKind.objects.all()}
    fields = {f.name: f for f in ActivityField.objects.all()}
    created: dict[str, Organisation] = {}
    for group in GROUPS:
        created[group["name"]] = _create(group, kinds, fields, created, coordinator, partner)
        report.created += 1
    # A group registered by the demo partner that still waits for verification.
    pending = services.organisation_register(
        data={
            "kind": kinds["volunteer_group"],
            "name": "胆沢こども食堂の会",
            "name_kana": "いさわこどもしょくどうのかい",
            "district": District.objects.get(slug="oyama"),
            "description": "月に2回、子ども食堂を開く準備をしています。",
            "activity_fields": [fields["子育て"], fields["福祉"]],
        },
        by=partner,
    )
    services.need_save(
        need=Need(organisation=pending),
        data={
            "category": "trouble",
            "title": "食材と調理場所を探しています",
            "description": "地区センターの調理室を使わせてくれる団体と、野菜を分けてくれる農家を探しています。",
        },
        by=partner,
    )
    report.created += 1


def _create(
    group: dict[str, Any],
    kinds: dict[str, Any],
    fields: dict[str, Any],
    created: dict[str, Organisation],
    coordinator: User,
    partner: User,
) -> Organisation:
    from tsunagaru.core.models import Area

    district = District.objects.get(slug=group["district"]) if group.get("district") else None
    area = Area.objects.get(slug=group["area"]) if group.get("area") else None
    representative = partner if group["name"] in ("稲瀬振興会",) else coordinator
    # Only city staff register a city department (市の部署).
    registrant = (
        User.objects.get(email="staff@example.jp")
        if group["kind"] == "city_department"
        else representative
    )
    organisation = services.organisation_register(
        data={
            "kind": kinds[group["kind"]],
            "parent": created.get(group.get("parent", "")),
            "name": group["name"],
            "name_kana": group["kana"],
            "district": district,
            "area": area,
            "description": group["description"],
            "activity_fields": [fields[f] for f in group["fields"]],
            "contact_email": f"group{len(created) + 1}@example.jp",
        },
        by=registrant,
        as_representative=representative == partner,
    )
    logo = demo_pictures.group_logo(group["name"])
    services.organisation_update(
        organisation=organisation,
        data={"logo": logo.upload, "logo_alt": logo.description},
        by=representative,
    )
    for category, title, text in group["offers"]:
        services.offer_save(
            offer=Offer(organisation=organisation),
            data={"category": category, "title": title, "description": text},
            by=coordinator,
        )
    for category, title, text in group["needs"]:
        services.need_save(
            need=Need(organisation=organisation),
            data={"category": category, "title": title, "description": text},
            by=coordinator,
        )
    services.organisation_verify(organisation=organisation, by=coordinator)
    if group["name"] == "ひめかゆ協力会":
        services.membership_add(
            organisation=organisation, user=partner, role=Membership.Role.MEMBER, by=coordinator
        )
    return organisation
