"""Demo cases: every case the guideline describes — the eight 『つながる』 cases, the
課題解決型特命チーム, and the examples it names under each form and suitable field — classified as
the guideline implies and written for the demo from the facts it gives.

Each goes through the real workflow: written by the coordinator, confirmed by each registered
partner's representative (demo accounts without a password), published by the coordinator.
Each carries a drawn illustration (core.demo_pictures) described for people who cannot see it.
"""

from __future__ import annotations

from typing import Any

from tsunagaru.accounts import services as account_services
from tsunagaru.accounts.models import Role, User
from tsunagaru.cases import services
from tsunagaru.cases.models import Case
from tsunagaru.core import demo_pictures
from tsunagaru.core.models import District
from tsunagaru.guideline.models import (
    ActivityField,
    CollaborationType,
    Domain,
    Form,
    Program,
    SuitableField,
)
from tsunagaru.partners import services as partner_services
from tsunagaru.partners.models import Membership, Organisation

# ruff: noqa: E501 - one case per entry reads best as data
CASES: list[dict[str, Any]] = [
    {
        "title": "地区で初めての花火の打ち上げ",
        "summary": "地区内で初めて花火を打ち上げたい稲瀬振興会が、打ち上げ花火の経験を持つ江刺藤里ファイヤーワークスとつながり、許認可などの課題を整理して、当日は円滑に華やかに打ち上げました。",
        "background": "稲瀬振興会は地区の夏の行事を盛り上げるため、地区で初めての花火を計画しましたが、煙火の許可や安全対策の経験がありませんでした。",
        "actions": "市民活動支援センターの紹介で打ち上げの経験がある団体とつながり、必要な許認可と当日までの段取りを一緒に洗い出しました。",
        "roles": "稲瀬振興会は会場・地区内の調整と周知、江刺藤里ファイヤーワークスは許可申請の助言と打ち上げの安全管理を担いました。",
        "results": "クリアしなければならない事項が整理され、当日は円滑に、そして華やかに実施されました。",
        "lessons": "初めての行事は、経験のある団体に早めに相談すると、手続きの抜け漏れが防げます。",
        "partners": [
            ("稲瀬振興会", "会場と地区内の調整、住民への周知"),
            ("江刺藤里ファイヤーワークス", "許可申請の助言と打ち上げ当日の安全管理"),
        ],
        "forms": ["事業協力"],
        "domain": "B",
        "type": 2,
        "suitable": [5],
        "fields": ["地域活性化", "芸術・文化"],
        "district": "inase",
        "year": 2020,
        "model": True,
    },
    {
        "title": "地域の自然と歴史にふれ、地域課題を考えるまち歩き",
        "summary": "地域とつながった活動を望む奥州めぐみネットと、地域課題を共有して考える機会をつくりたい米里振興会がつながり、多くの住民が参加する催しを開きました。",
        "actions": "地域の自然や歴史にふれる催しの中で、公共交通など地域の課題について話し合う時間を設けました。",
        "roles": "奥州めぐみネットは企画と進行、米里振興会は住民への呼びかけと地域の案内を担いました。",
        "results": "多くの地域住民が参加し、公共交通などの地域の課題について考えるきっかけになり、地域に根差した活動にもなりました。",
        "partners": [
            ("奥州めぐみネット", "企画と当日の進行"),
            ("米里振興会", "住民への呼びかけと地域の案内"),
        ],
        "forms": ["事業協力"],
        "domain": "B",
        "type": 2,
        "suitable": [2, 5],
        "fields": ["まちづくり", "環境"],
        "district": "yonesato",
        "year": 2020,
    },
    {
        "title": "初めての夏まつりを先輩の振興会に学ぶ",
        "summary": "地区内で初めての夏まつりを目指す伊手振興会が、すでに夏まつりを開いている姉体町振興会とつながり、視察と意見交換で開催への課題を整理しました。",
        "actions": "姉体町の夏まつりを実際に視察し、役員同士で準備の進め方や費用、人の集め方について意見交換をしました。",
        "roles": "姉体町振興会は視察の受け入れと運営ノウハウの提供、伊手振興会は自地区での開催構想づくりを担いました。",
        "results": "開催に向けた課題が整理され、構想が固まりつつあります。",
        "lessons": "同じ立場の団体どうしの視察は、準備の実感をつかむ近道です。",
        "partners": [
            ("伊手振興会", "開催構想づくりと地区内の調整"),
            ("姉体町振興会", "視察の受け入れと運営ノウハウの提供"),
        ],
        "forms": ["情報提供・情報交換"],
        "domain": "A",
        "type": 4,
        "suitable": [5],
        "fields": ["地域活性化"],
        "district": "ide",
        "year": 2020,
    },
    {
        "title": "二つの地区の資源を合わせた出会い支援事業",
        "summary": "若者の交流機会と人口の減少に悩む前沢地区連合振興会と、過疎化に危機感を持つ北股地区振興会がつながり、それぞれの地域資源を生かした出会い支援事業を開きました。",
        "actions": "二つの地区の地域資源を組み合わせた催しとして、若者が出会い交流できる事業を企画・開催しました。",
        "roles": "前沢地区連合振興会は参加者の募集と会場、北股地区振興会は地域資源を生かした体験プログラムを担いました。",
        "results": "二つの担い手がつながったからこそ生まれた仕掛けで、結婚へと導くなどの成果を挙げました。",
        "partners": [
            ("前沢地区連合振興会", "参加者の募集と会場の手配"),
            ("北股地区振興会", "地域資源を生かした体験プログラム"),
        ],
        "forms": ["共催"],
        "domain": "A",
        "type": 1,
        "suitable": [5],
        "fields": ["地域活性化", "まちづくり"],
        "area": "maesawa",
        "year": 2020,
        "model": True,
    },
    {
        "title": "障がい児のためのサッカー教室",
        "summary": "障がい児を対象としたサッカー教室を目指すNPO法人シチズンスポーツ奥州と、障がい児支援のノウハウを持つNPO法人こぼがつながり、安全で楽しい教室を開きました。",
        "actions": "二つの団体の指導者が事前に打ち合わせ、参加する子どもの特性に合わせた練習内容と見守りの体制を決めました。",
        "roles": "シチズンスポーツ奥州はサッカーの指導、こぼは障がい児への配慮と見守りを担いました。",
        "results": "参加者の安全が十分に確保され、スポーツの楽しさを伝えることができました。",
        "lessons": "それぞれの強みを持ち寄ると、一団体ではできない事業ができます。",
        "partners": [
            ("NPO法人シチズンスポーツ奥州", "サッカーの指導と会場の準備"),
            ("NPO法人こぼ", "障がい児への配慮と見守り"),
        ],
        "forms": ["事業協力"],
        "domain": "A",
        "type": 1,
        "suitable": [1, 3],
        "fields": ["スポーツ", "障がい者支援"],
        "area": "mizusawa",
        "year": 2020,
        "model": True,
    },
    {
        "title": "地区コミュニティ計画の改訂",
        "summary": "白山地区振興会がNPO法人いわて地域づくり支援センターとつながり、住民の声をもとに地区コミュニティ計画の改訂を進めています。",
        "roles": "白山地区振興会は住民アンケートと話し合いの場づくり、いわて地域づくり支援センターは計画づくりの進め方の助言を担っています。",
        "results": "改訂を進めています。",
        "partners": [
            ("白山地区振興会", "住民アンケートと話し合いの場づくり"),
            ("NPO法人いわて地域づくり支援センター", "計画づくりの進め方の助言"),
        ],
        "forms": ["企画・計画立案への参画"],
        "domain": "B",
        "type": 3,
        "suitable": [4],
        "fields": ["まちづくり"],
        "district": "hakusan",
        "year": 2020,
    },
    {
        "title": "大学生のワークキャンプ",
        "summary": "北股地区振興会と岩手県立大学がつながり、学生がボランティア活動をしながら地区に滞在するワークキャンプを開いています。",
        "roles": "北股地区振興会は作業場所と宿泊・食事、岩手県立大学は参加学生の募集と事前学習を担っています。",
        "results": "学生が地区の暮らしにふれ、住民にとっても若い人と交流する機会になっています。",
        "partners": [
            ("北股地区振興会", "作業場所・宿泊・食事の用意"),
            ("岩手県立大学", "学生の募集と事前学習"),
        ],
        "forms": ["事業協力"],
        "domain": "A",
        "type": 1,
        "suitable": [2, 5],
        "fields": ["地域活性化", "青少年健全育成"],
        "district": "kitamata",
        "year": 2020,
    },
    {
        "title": "ひめかゆ温泉前のフラワーガーデン再生",
        "summary": "ひめかゆ協力会と(株)ひめかゆがつながり、ひめかゆ温泉前のフラワーガーデンを再生しています。",
        "roles": "ひめかゆ協力会は植栽と手入れの作業、(株)ひめかゆは場所の提供と苗の調達を担っています。",
        "results": "荒れていた花壇がよみがえり、温泉を訪れる人と住民が楽しめる場所になりつつあります。",
        "partners": [
            ("ひめかゆ協力会", "植栽と日々の手入れ"),
            ("(株)ひめかゆ", "場所の提供と苗の調達"),
        ],
        "forms": ["事業協力"],
        "domain": "A",
        "type": 1,
        "suitable": [5],
        "fields": ["環境", "観光"],
        "area": "isawa",
        "year": 2020,
    },
    {
        "title": "課題解決型特命チームによる地域課題への取組み（真城地区）",
        "summary": "真城地区振興会の中に課題解決型特命チーム「ちーむやなぎ（仮）」を結成し、振興会本体と連携して地域課題の解決に取り組んでいます。",
        "roles": "特命チームが課題を絞って実践し、振興会本体が地区全体との調整と支援を担っています。",
        "partners": [
            ("真城地区振興会", "地区全体との調整と支援"),
            ("ちーむやなぎ（仮）", "課題の調査と解決策の実践"),
        ],
        "forms": ["情報提供・情報交換"],
        "domain": "A",
        "type": 4,
        "suitable": [2],
        "fields": ["まちづくり"],
        "district": "shinjo",
        "year": 2020,
    },
    {
        "title": "課題解決型特命チームによる地域課題への取組み（生母地区）",
        "summary": "生母地区振興会の内部組織として「もたい元気の会」と「赤生津活性化協議会」が結成され、振興会本体と連携して地域課題の解決に取り組んでいます。",
        "partners": [
            ("生母地区振興会", "地区全体との調整と支援"),
            ("もたい元気の会", "高齢者の元気づくりの実践"),
            ("赤生津活性化協議会", "赤生津地域の活性化の実践"),
        ],
        "forms": ["情報提供・情報交換"],
        "domain": "A",
        "type": 4,
        "suitable": [2],
        "fields": ["まちづくり", "高齢者"],
        "district": "motai",
        "year": 2020,
    },
    {
        "title": "多文化共生推進講演会の共催",
        "summary": "市と国際交流の団体が共に主催者となり、多文化共生について考える講演会を開きました。",
        "roles": "団体は講師の選定と外国出身住民への呼びかけ、市は会場と広報を担いました。",
        "partners": [
            ("水沢国際交流の会", "講師の選定と外国出身住民への呼びかけ"),
            ("奥州市 協働まちづくり部 地域づくり推進課", "会場の手配と広報"),
        ],
        "departments": "地域づくり推進課",
        "forms": ["共催"],
        "domain": "C",
        "type": 1,
        "suitable": [3],
        "fields": ["多文化共生"],
        "area": "mizusawa",
        "year": 2019,
    },
    {
        "title": "常盤地区の自主防災訓練と地域防犯活動",
        "summary": "自主防災会と市が協力し、地区の防災訓練と防犯パトロールを続けています。",
        "roles": "自主防災会は訓練の企画と住民の参加の呼びかけ、市は資機材の貸し出しと助言を担っています。",
        "partners": [
            ("常盤地区自主防災会", "訓練の企画と住民への呼びかけ"),
            ("奥州市 協働まちづくり部 地域づくり推進課", "資機材の貸し出しと助言"),
        ],
        "departments": "地域づくり推進課",
        "forms": ["事業協力"],
        "domain": "B",
        "type": 2,
        "suitable": [2],
        "fields": ["防災", "防犯"],
        "district": "tokiwa",
        "year": 2021,
    },
    {
        "title": "山あいの集落を回る移動販売",
        "summary": "移動販売の事業者のネットワークと地区が協力し、店のない集落を週ごとに回る移動販売を続けています。",
        "roles": "事業者は販売車の運行と品ぞろえ、地区は停車場所の提供と住民への周知を担っています。",
        "partners": [
            ("胆沢移動販売ネット", "販売車の運行と品ぞろえ"),
            ("生母地区振興会", "停車場所の提供と住民への周知"),
        ],
        "forms": ["事業協力"],
        "domain": "A",
        "type": 1,
        "suitable": [1],
        "fields": ["高齢者"],
        "area": "isawa",
        "year": 2021,
    },
    # The examples the guideline names under the other forms and suited fields (本編 II 2・3).
    {
        "title": "市民マラソン大会を実行委員会で開く",
        "summary": "スポーツ団体、地区振興会、市が構成員となって実行委員会をつくり、その実行委員会が主催者として市民マラソン大会を開いています。",
        "actions": "企画の段階から構成団体が集まり、コースと安全対策、ボランティアの募集、当日の運営を分担しました。",
        "roles": "スポーツ団体は競技運営、沿道の地区振興会は給水所と応援、市は道路使用の調整と広報を担いました。",
        "lessons": "企画段階から一緒に話し合うことで、構成団体の信頼関係が深まり、規模の大きな事業も進めやすくなります。",
        "partners": [
            ("NPO法人シチズンスポーツ奥州", "競技の運営と審判"),
            ("前沢地区連合振興会", "給水所の運営と沿道の応援"),
            ("奥州市", "道路使用の調整と広報"),
        ],
        "departments": "スポーツ推進課",
        "forms": ["実行委員会等"],
        "domain": "C",
        "type": 3,
        "suitable": [5],
        "fields": ["スポーツ", "健康づくり"],
        "year": 2022,
    },
    {
        "title": "市民提案型協働支援事業による子育て広場",
        "summary": "子育て中の親子が集まれる場を開きたい団体が、市民提案型協働支援事業の補助を受け、市の子育て支援の窓口と協力して広場を開きました。",
        "actions": "会場費と遊具の費用に補助を使い、市は子育て支援の情報提供と広報で協力しました。",
        "roles": "団体は広場の企画と運営、市は補助の交付と子育て情報の提供を担いました。",
        "lessons": "補助は立場の違いから対等さを失いやすいので、最初に目標と役割を話し合って文書にしておくと安心です。",
        "partners": [
            ("胆沢こども食堂の会", "広場の企画と運営"),
            ("奥州市", "補助金の交付と子育て情報の提供"),
        ],
        "departments": "こども家庭課、地域づくり推進課",
        "forms": ["補助"],
        "domain": "B",
        "type": 1,
        "suitable": [1],
        "fields": ["子育て"],
        "area": "isawa",
        "year": 2022,
        "program": "市民提案型協働支援事業補助金制度の運用",
        "cost_note": "会場費と遊具の購入費の一部に市民提案型協働支援事業補助金を充て、残りは団体の会費で賄いました。",
    },
    {
        "title": "多文化共生推進マスタープランをワークショップで考える",
        "summary": "多文化共生推進マスタープランの策定にあたり、市が外国人住民や支援団体とワークショップを重ね、出された意見を計画に反映しました。",
        "actions": "やさしい日本語と通訳を用意したワークショップを開き、暮らしの困りごとと必要な支援を話し合いました。",
        "roles": "国際交流の団体は外国人住民への呼びかけと通訳、市はワークショップの運営と計画案の作成を担いました。",
        "partners": [
            ("水沢国際交流の会", "外国人住民への呼びかけと通訳"),
            ("奥州市", "ワークショップの運営と計画案の作成"),
        ],
        "departments": "国際交流・多文化共生の担当課",
        "forms": ["企画・計画立案への参画"],
        "domain": "D",
        "type": 4,
        "suitable": [4],
        "fields": ["多文化共生", "国際交流"],
        "year": 2021,
    },
    {
        "title": "郷土芸能まつりを市と教育委員会が後援",
        "summary": "地区の団体が主催する郷土芸能まつりに、市と教育委員会が後援として名を連ね、学校への案内や広報で開催を支えました。",
        "roles": "主催の団体が企画と運営のすべてを担い、市と教育委員会は後援名義と広報への掲載、学校への案内で支えました。",
        "partners": [
            ("伊手振興会", "主催：企画と運営"),
            ("奥州市", "後援：広報への掲載"),
            ("奥州市教育委員会", "後援：学校への案内"),
        ],
        "forms": ["後援"],
        "domain": "A",
        "type": 1,
        "suitable": [5],
        "fields": ["歴史・伝統芸能", "芸術・文化"],
        "district": "ide",
        "year": 2023,
    },
    {
        "title": "外国人住民の生活相談を団体に委託",
        "summary": "外国人住民の暮らしの相談を、専門の知識と人のつながりを持つ団体に委託し、市の窓口より柔軟な時間と言葉で相談に応じています。",
        "roles": "受託した団体は相談と通訳、市は事業の設計と委託料、相談内容の施策への反映を担っています。",
        "lessons": "委託でも、相談から見えた課題を市と団体が定期的に話し合うことで、委託先の専門性が施策に生きます。",
        "partners": [
            ("水沢国際交流の会", "受託：生活相談と通訳"),
            ("奥州市", "委託：事業の設計と委託料"),
        ],
        "forms": ["委託"],
        "domain": "D",
        "type": 4,
        "suitable": [3],
        "fields": ["多文化共生"],
        "area": "mizusawa",
        "year": 2023,
    },
    {
        "title": "地区振興会による地区センターの指定管理",
        "summary": "地区振興会が指定管理者として地区センターを管理・運営し、貸館だけでなく地域づくりの拠点として使っています。",
        "roles": "地区振興会は施設の管理と地域づくりの事業、市は指定と管理の基準、施設の修繕を担っています。",
        "partners": [
            ("白山地区振興会", "指定管理者：施設の管理と運営"),
            ("奥州市", "指定と管理の基準、施設の修繕"),
        ],
        "forms": ["指定管理者制度"],
        "domain": "C",
        "type": 3,
        "suitable": [1, 2],
        "fields": ["まちづくり", "生涯学習"],
        "district": "hakusan",
        "year": 2021,
        "program": "地区センター施設（指定管理施設）の適正管理",
    },
    {
        "title": "医療通訳の仕組みを市民とともに動かす",
        "summary": "外国人住民が安心して受診できるよう、通訳の経験を持つ市民が市や医療機関と医療通訳の仕組みを運用しています。",
        "roles": "通訳ボランティアの団体は通訳者の登録と研修、市は仕組みの周知と医療機関との調整を担っています。",
        "partners": [
            ("水沢国際交流の会", "通訳者の登録と研修"),
            ("奥州市", "周知と医療機関との調整"),
        ],
        "forms": ["事業協力"],
        "domain": "C",
        "type": 2,
        "suitable": [6],
        "fields": ["多文化共生", "保健・医療"],
        "year": 2022,
    },
    {
        "title": "「やさしい日本語」で防災の力を高める",
        "summary": "外国人住民も避難の情報がわかるよう、市民団体が「やさしい日本語」の防災講座と避難所の案内づくりを市と進めました。",
        "actions": "防災訓練に外国人住民を招き、やさしい日本語の呼びかけと避難所の掲示を一緒に試しました。",
        "roles": "国際交流の団体は講座と案内の作成、自主防災会は訓練の運営、市は防災情報の提供を担いました。",
        "partners": [
            ("水沢国際交流の会", "やさしい日本語の講座と案内づくり"),
            ("常盤地区自主防災会", "防災訓練の運営"),
            ("奥州市", "防災情報の提供"),
        ],
        "forms": ["共催"],
        "domain": "C",
        "type": 3,
        "suitable": [6, 2],
        "fields": ["防災", "多文化共生"],
        "district": "tokiwa",
        "year": 2024,
    },
    {
        "title": "福祉除雪を地区と社会福祉の担い手で",
        "summary": "ひとり暮らしの高齢者の家の前の雪を、地区の有志と福祉の担い手が分担して除雪しています。",
        "roles": "地区振興会は除雪の担い手の手配、福祉の担い手は支援が必要な世帯の把握、市は除雪機の貸し出しを担っています。",
        "partners": [
            ("北股地区振興会", "除雪の担い手の手配"),
            ("もたい元気の会", "支援が必要な世帯の把握と声かけ"),
            ("奥州市", "除雪機の貸し出し"),
        ],
        "forms": ["事業協力"],
        "domain": "B",
        "type": 2,
        "suitable": [2],
        "fields": ["福祉", "高齢者"],
        "district": "kitamata",
        "year": 2024,
    },
]


def load(report: Any) -> None:
    if Case.objects.exists() or not Organisation.objects.filter(name="稲瀬振興会").exists():
        return
    coordinator = User.objects.get(email="coordinator@example.jp")
    groups = {o.name: o for o in Organisation.objects.filter(status="verified")}
    forms = {f.name: f for f in Form.objects.all()}
    domains = {d.code: d for d in Domain.objects.all()}
    types = {t.number: t for t in CollaborationType.objects.all()}
    suitable = {s.number: s for s in SuitableField.objects.all()}
    fields = {f.name: f for f in ActivityField.objects.all()}
    programs = {p.label: p for p in Program.objects.all()}
    for entry in CASES:
        partners = [{"name": name, "role": role} for name, role in entry["partners"]]
        for name, _role in entry["partners"]:
            if name in groups:
                _representative(groups[name], coordinator)
        district = District.objects.filter(slug=entry.get("district", "")).first()
        data = {
            "title": entry["title"],
            "summary": entry["summary"],
            "background": entry.get("background", ""),
            "actions": entry.get("actions", ""),
            "roles": entry.get("roles", ""),
            "results": entry.get("results", ""),
            "lessons": entry.get("lessons", ""),
            "departments": entry.get("departments", ""),
            "fiscal_year": entry["year"],
            "district": district,
            "area": district.area if district else _area(entry.get("area")),
            "domain": domains[entry["domain"]],
            "collaboration_type": types[entry["type"]],
            "forms": [forms[f] for f in entry["forms"]],
            "suitable_fields": [suitable[n] for n in entry["suitable"]],
            "activity_fields": [fields[f] for f in entry["fields"]],
            "program": programs.get(entry.get("program", "")),
            "cost_note": entry.get("cost_note", ""),
        }
        case = services.case_save(case=None, data=data, partners=partners, by=coordinator)
        picture = demo_pictures.case_illustration(entry["title"])
        services.case_photo_add(
            case=case,
            image=picture.upload,
            alt_text=picture.description,
            caption="イメージイラスト（デモ用の画像です）",
            by=coordinator,
        )
        services.case_submit(case=case, by=coordinator)
        for partner in case.partners.filter(organisation__isnull=False):
            rep = Membership.objects.filter(
                organisation=partner.organisation, role=Membership.Role.REPRESENTATIVE
            ).first()
            if rep is not None and partner.confirmed_at is None:
                case.refresh_from_db()
                services.case_confirm(case=case, partner=partner, by=rep.user)
        case.refresh_from_db()
        services.case_publish(case=case, by=coordinator)
        if entry.get("model"):
            services.case_mark_model(case=case, is_model=True, by=coordinator)
        report.created += 1


def _representative(organisation: Organisation, coordinator: User) -> None:
    """Each group's representative, as a demo account that cannot log in (no password)."""
    if Membership.objects.filter(
        organisation=organisation, role=Membership.Role.REPRESENTATIVE
    ).exists():
        return
    user = account_services.user_create(
        email=f"representative{organisation.pk}@example.jp",
        password=None,
        family_name="代表",
        display_name=f"{organisation.name} 代表",
        role=Role.PARTNER_MEMBER,
        by=None,
    )
    partner_services.membership_add(
        organisation=organisation, user=user, role=Membership.Role.REPRESENTATIVE, by=coordinator
    )


def _area(slug: str | None) -> Any:
    from tsunagaru.core.models import Area

    return Area.objects.filter(slug=slug).first() if slug else None
