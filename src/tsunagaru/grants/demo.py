"""Demo grants: the city's programmes for last year and this year (施策 ク・オ・エ・カ・キ), with
applications written and sent through the services as the groups would. The amounts and dates
follow japan.md where it is sure (courses' caps, 自立チャレンジ 1/2 up to ¥300,000, 交付金 in two
halves); where japan.md says *unverified* (the subsidy rate) the demo's choice is marked so.

Run by core.demo after the groups, the support centre's registrations and the community plans."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile

from tsunagaru.accounts import services as account_services
from tsunagaru.accounts.models import Role, User
from tsunagaru.core import demo_pictures
from tsunagaru.core.dates import fiscal_year, fiscal_year_end, fiscal_year_start
from tsunagaru.grants import selectors, services
from tsunagaru.grants.models import (
    Application,
    Attachment,
    CostCategory,
    Course,
    Criterion,
    Programme,
    Round,
)
from tsunagaru.guideline import selectors as guideline_selectors
from tsunagaru.partners import services as partner_services
from tsunagaru.partners.models import Membership, Organisation

# ruff: noqa: E501 - programmes read best as data
COMMON_REQUIREMENTS = [
    "members_in_city",
    "governance",
    "adult_representative",
    "registered",
    "public_benefit",
    "no_other_subsidy",
    "first_this_year",
]
PROGRAMMES: list[dict[str, Any]] = [
    {
        "code": "citizen-proposal",
        "name": "市民提案型協働支援事業補助金",
        "summary": "市民活動団体が市と協働して地域の課題に取り組む事業を支援します。チャレンジ（はじめての団体も）・コラボレーション（新しい相手と）・ステップアップ（活動を広げる）の3コースがあり、年に3回審査します。",
        "legal_basis": "奥州市市民提案型協働支援事業補助金交付要綱",
        "requirements": COMMON_REQUIREMENTS,
        # The rate is not published (japan.md: unverified): the demo takes the whole eligible cost.
        "rate": (1, 1),
        "cap": None,
        "payment": "after_results",
        "budget": 3_000_000,
        "required_attachments": ["rules"],
        "contact": "協働まちづくり部 地域づくり推進課 0197-34-1508",
        "courses": [
            (
                "challenge",
                "チャレンジコース",
                "はじめて市の補助を受ける団体や、新しい活動を始める団体に。申請書はいちばん短い様式です。",
                100_000,
                "light",
                [],
                False,
            ),
            (
                "collaboration",
                "コラボレーションコース",
                "これまで組んだことのない団体・事業者・市の部署と新しく協働する事業に。年1回の申請とは別に申請できます。",
                200_000,
                "full",
                ["new_partnership"],
                True,
            ),
            (
                "step-up",
                "ステップアップコース",
                "これまでの活動を広げ、続けていく事業に。",
                300_000,
                "full",
                ["track_record"],
                False,
            ),
        ],
        "rounds": [
            (1, (4, 1), (6, 30), (7, 15)),
            (2, (7, 1), (9, 30), (10, 15)),
            (3, (10, 1), (2, 28), (3, 10)),
        ],
        "categories": [
            ("報償費", True, "講師への謝礼"),
            ("旅費", True, "講師の交通費"),
            ("消耗品費", True, "材料、文具"),
            ("印刷製本費", True, "チラシ、報告書"),
            ("通信運搬費", True, "郵送料"),
            ("使用料及び賃借料", True, "会場、機材の借用"),
            ("保険料", True, "行事保険"),
            ("食糧費", False, "打ち上げ、会員の飲食"),
            ("団体の運営費", False, "事務所の家賃、会員の人件費"),
        ],
        "criteria": [
            ("公益性と目的", "地域の課題に向き合い、会員以外の市民のためになるか", 1, 20),
            ("市民ニーズの把握", "相手や受益者のことを知ったうえでの計画か", 2, 10),
            ("対等な関係", "市や相手と対等な立場で進められるか", 3, 10),
            ("役割と責任の分担", "誰が何をするかがはっきりしているか", 4, 20),
            ("予算見積りの適正", "経費は必要で、見積りは妥当か", 5, 20),
            ("成果の確かめ方", "終わったあと、成果を一緒にふり返れるか", 6, 20),
        ],
    },
    {
        "code": "self-reliance",
        "name": "地域運営自立チャレンジ補助金",
        "summary": "地域運営交付金を受けている地区振興会等が、地区コミュニティ計画の取組として、自主財源を生み出す事業（商品開発・研究委託・設備導入・研修など）に取り組むのを支援します。",
        "legal_basis": "令和3年告示第54号",
        "requirements": ["district_association", "adopted_plan", "no_other_subsidy"],
        "rate": (1, 2),
        "cap": 300_000,
        "payment": "after_results",
        "budget": 1_500_000,
        "needs_plan_action": True,
        "required_attachments": ["estimate"],
        "contact": "協働まちづくり部 地域づくり推進課 0197-34-1508",
        "courses": [],
        "rounds": [(1, (4, 1), (2, 28), None)],
        "categories": [
            ("商品開発費", True, "試作品、パッケージ"),
            ("研究委託費", True, "大学・専門家への委託"),
            ("設備導入費", True, "加工機械、販売用の設備"),
            ("研修費", True, "先進地視察、講習"),
            ("その他の経費", True, ""),
            ("食糧費", False, ""),
        ],
        "criteria": [
            ("計画との関係", "地区コミュニティ計画の取組として位置づいているか", 1, 30),
            ("自主財源の見込み", "事業のあと、収入が続く見込みがあるか", 4, 40),
            ("地区の合意", "地区の住民に開かれ、合意を得ているか", 5, 30),
        ],
    },
    {
        "code": "district-operation",
        "name": "地域運営交付金",
        "summary": "地区センターの区域全体をまとめる地区振興会等に、地区の運営と生涯学習の事業（職員の人件費を含む）のための交付金を交付します。4月と10月の2回に分けて請求し、年度が終わったら実績を報告します。",
        "legal_basis": "平成19年告示第78号",
        "kind": "allocation",
        "requirements": ["district_association"],
        "rate": (1, 1),
        "cap": 12_000_000,
        "payment": "halves",
        "budget": 360_000_000,
        "combinable": True,
        "required_attachments": ["plan", "budget"],
        "contact": "協働まちづくり部 地域づくり推進課",
        "courses": [],
        "rounds": [],
        "categories": [
            ("人件費", True, "地区センター職員"),
            ("事業費", True, "生涯学習・地域づくりの事業"),
            ("運営費", True, ""),
        ],
        "criteria": [],
    },
    {
        "code": "collaboration-grant",
        "name": "協働のまちづくり交付金",
        "summary": "地区振興会等が地区コミュニティ計画にそって行う協働のまちづくり事業に交付します。",
        "kind": "allocation",
        "requirements": ["district_association", "adopted_plan"],
        "rate": (1, 1),
        "cap": 1_000_000,
        "payment": "advance",
        "budget": 30_000_000,
        "needs_plan_action": True,
        "combinable": True,
        "required_attachments": ["plan"],
        "courses": [],
        "rounds": [],
        "categories": [("事業費", True, ""), ("食糧費", False, "")],
        "criteria": [],
    },
    {
        "code": "hall-repair",
        "name": "集会施設整備費補助金",
        "summary": "自治会などが持つ集会施設（公民館・集会所）の修繕・改修・バリアフリー化の費用を補助します。",
        "requirements": ["owns_hall", "no_other_subsidy"],
        "rate": (1, 2),
        "cap": 1_000_000,
        "payment": "after_results",
        "budget": 8_000_000,
        "required_attachments": ["estimate"],
        "courses": [],
        "rounds": [(1, (4, 1), (7, 31), None), (2, (9, 1), (11, 30), None)],
        "categories": [
            ("工事費", True, "修繕・改修"),
            ("設計費", True, ""),
            ("備品購入費", False, ""),
        ],
        "criteria": [],
    },
    {
        "code": "community-grant",
        "name": "コミュニティ助成事業",
        "summary": "一般財団法人自治総合センターの宝くじ助成による、地域の祭りの用具や集会施設の備品などの整備。市を通して申請します（年1回、前年の秋に募集）。",
        "requirements": ["public_benefit", "no_other_subsidy"],
        "rate": (1, 1),
        "cap": 2_500_000,
        "rounding_unit": 100_000,
        "payment": "after_results",
        "budget": 5_000_000,
        "required_attachments": ["estimate", "plan"],
        "courses": [],
        "rounds": [(1, (4, 1), (10, 31), None)],
        "categories": [("備品購入費", True, "祭りの用具、放送設備"), ("消耗品費", False, "")],
        "criteria": [],
    },
]


def _day(year: int, month_day: tuple[int, int]) -> datetime.date:
    """A day of fiscal year `year` (April to March)."""
    month, day = month_day
    calendar_year = year if month >= 4 else year + 1
    return datetime.date(calendar_year, month, day)


def _programme(entry: dict[str, Any], year: int) -> Programme:
    """Set up a programme as staff would on the admin site (its rules are data)."""
    numerator, denominator = entry["rate"]
    programme = Programme.objects.create(
        code=entry["code"],
        fiscal_year=year,
        name=entry["name"],
        summary=entry["summary"],
        legal_basis=entry.get("legal_basis", ""),
        kind=entry.get("kind", Programme.Kind.SUBSIDY),
        requirements=entry["requirements"],
        rate_numerator=numerator,
        rate_denominator=denominator,
        cap=entry["cap"],
        rounding_unit=entry.get("rounding_unit", 1000),
        combinable=entry.get("combinable", False),
        needs_plan_action=entry.get("needs_plan_action", False),
        required_attachments=entry["required_attachments"],
        payment=entry["payment"],
        budget=entry["budget"],
        contact=entry.get("contact", ""),
    )
    for order, (code, name, text, cap, form, requirements, besides) in enumerate(entry["courses"]):
        Course.objects.create(
            programme=programme,
            code=code,
            name=name,
            description=text,
            cap=cap,
            form=form,
            requirements=requirements,
            besides_yearly=besides,
            order=order,
        )
    for number, opens, deadline, review in entry["rounds"]:
        Round.objects.create(
            programme=programme,
            number=number,
            opens_on=_day(year, opens),
            deadline=_day(year, deadline),
            review_on=_day(year, review) if review else None,
        )
    for order, (name, eligible, note) in enumerate(entry["categories"]):
        CostCategory.objects.create(
            programme=programme, name=name, eligible=eligible, note=note, order=order
        )
    principles = {
        p.number: p for p in guideline_selectors.principles(guideline_selectors.edition_current())
    }
    for order, (name, text, principle, points) in enumerate(entry["criteria"]):
        Criterion.objects.create(
            programme=programme,
            name=name,
            description=text,
            principle=principles.get(principle),
            points=points,
            order=order,
        )
    return programme


def _speaker(organisation: Organisation) -> User:
    """The group's representative; a demo account is made for a group that has none."""
    membership = (
        organisation.memberships.filter(role=Membership.Role.REPRESENTATIVE)
        .select_related("user")
        .first()
    )
    if membership:
        return membership.user
    user = account_services.user_create(
        email=f"representative{organisation.pk}@example.jp",
        password=None,
        family_name="代表",
        display_name=f"{organisation.name} 代表",
        role=Role.PARTNER_MEMBER,
        by=None,
    )
    partner_services.membership_add(
        organisation=organisation,
        user=user,
        role=Membership.Role.REPRESENTATIVE,
        by=User.objects.get(email="coordinator@example.jp"),
    )
    return user


def _pdf(name: str) -> SimpleUploadedFile:
    body = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
    return SimpleUploadedFile(name, body, content_type="application/pdf")


def _write(
    application: Application,
    by: User,
    text: dict[str, Any],
    expenses: list[tuple[str, str, int]],
    own_funds: int | None,
) -> None:
    """The text, the expenses, own funds to balance the budget and the required files."""
    services.application_save(application=application, data=text, by=by)
    if not expenses:
        return
    categories = {c.name: c for c in application.programme.cost_categories.all()}
    for category, what, amount in expenses:
        services.budget_line_add(
            application=application,
            data={
                "side": "expense",
                "category": categories[category],
                "description": what,
                "amount": amount,
            },
            by=by,
        )
    lacking = selectors.totals_of(application).shortfall
    if own_funds is None and lacking > 0:
        services.budget_line_add(
            application=application,
            data={
                "side": "income",
                "source": "own_funds",
                "description": "会費と積立金",
                "amount": lacking,
            },
            by=by,
        )
    for kind in application.programme.required_attachments:
        name = f"{dict(Attachment.Kind.choices)[kind]}.pdf".replace("（", "_").replace("）", "")
        services.attachment_add(application=application, kind=kind, file=_pdf(name), by=by)


def load(report: Any) -> None:
    if Programme.objects.exists() or not Organisation.objects.filter(name="稲瀬振興会").exists():
        return
    today = selectors.today()
    this_year = fiscal_year(today)
    for entry in PROGRAMMES:
        _programme(entry, this_year - 1)
        _programme(entry, this_year)
        report.created += 2
    # Last year's first: their groups are registered with the centre from then on.
    for entry in LAST_YEAR:
        _application(entry, this_year - 1, today)
        report.created += 1
    for entry in APPLICATIONS:
        _application(entry, this_year, today)
        report.created += 1


# The year's applications, each taken through the services to its state.
# (group, programme code, course, state, text, expenses, own funds, files, what happened)
APPLICATIONS: list[dict[str, Any]] = [
    {
        "group": "NPO法人こぼ",
        "programme": "citizen-proposal",
        "course": "challenge",
        "state": "submitted",
        "text": {
            "title": "空き店舗で開く多世代の居場所",
            "purpose": "商店街の空き店舗が増え、高齢者と子どもが気軽に集まる場所がない。",
            "activities": "月2回、空き店舗で昔遊びと宿題の時間を開き、地域の高齢者が見守る。",
            "schedule": "7月から翌年2月まで、第2・第4土曜日の午後",
            "place": "水沢の商店街の空き店舗",
            "beneficiaries": "小学生と地域の高齢者、1回あたり20人ほど",
        },
        "expenses": [
            ("使用料及び賃借料", "空き店舗の借用（16回）", 64_000),
            ("消耗品費", "遊び道具と文具", 30_000),
            ("食糧費", "会員の打ち合わせの茶菓", 6_000),
        ],
    },
    {
        "group": "奥州めぐみネット",
        "programme": "citizen-proposal",
        "course": "step-up",
        "state": "adopted",
        "amount": 150_000,
        "note": "講師の旅費は市の講座と合わせて行うため、対象経費から除きました。",
        "conditions": "事業が終わったら、参加者数と写真を添えて実績報告書を出してください。",
        "scores": (16, 8, 8, 15, 14, 16),
        "after": "change",
        "text": {
            "title": "フードドライブを市内全域に広げる",
            "purpose": "食品ロスと生活に困る世帯への支援を、水沢以外の区にも広げたい。",
            "activities": "各区の地区センターに回収箱を置き、月1回集めて配る。ボランティア講座を開く。",
            "schedule": "6月から翌年3月まで、毎月第3土曜日",
            "place": "各区の地区センター",
            "beneficiaries": "生活に困る世帯 約120世帯、ボランティア 30人",
            "partners": "各地区振興会、社会福祉協議会",
            "roles": "会が回収と配布を運営し、地区振興会が場所と呼びかけ、社協が世帯につなぐ。",
            "goals": "回収量を年2トンに、支援する世帯を120世帯にする。",
        },
        "expenses": [
            ("報償費", "講座の講師謝礼", 60_000),
            ("旅費", "講師の交通費", 40_000),
            ("消耗品費", "回収箱と保冷バッグ", 110_000),
            ("印刷製本費", "チラシ", 50_000),
        ],
    },
    {
        "group": "水沢国際交流の会",
        "programme": "citizen-proposal",
        "course": "challenge",
        "state": "returned",
        "reason": "予算の「使用料」の内訳（会場と回数）を書いてください。規約は最新のものを添付してください。",
        "text": {
            "title": "やさしい日本語で防災を学ぶ会",
            "purpose": "外国から来た住民が、災害のときに必要な言葉や避難所を知らない。",
            "activities": "やさしい日本語の防災講座と、避難所までのまち歩きを開く。",
            "schedule": "9月と11月の日曜日、2回",
            "place": "水沢地区センター",
            "beneficiaries": "市内に住む外国出身の人 30人",
        },
        "expenses": [("使用料及び賃借料", "会場", 20_000), ("印刷製本費", "多言語の資料", 30_000)],
    },
    {
        "group": "NPO法人シチズンスポーツ奥州",
        "programme": "citizen-proposal",
        "course": "step-up",
        "state": "not_adopted",
        "refusal": "score",
        "note": "事業の多くが会員向けの大会で、広く市民のためになる点の説明が足りませんでした。",
        "scores": (8, 4, 5, 9, 10, 8),
        "text": {
            "title": "会員対抗スポーツ大会の拡大",
            "purpose": "会員同士の交流を深めたい。",
            "activities": "年2回の大会を4回にする。",
            "schedule": "5月、7月、9月、11月",
            "place": "市内の体育館",
            "beneficiaries": "会員 80人",
            "partners": "なし",
            "roles": "会が運営する。",
            "goals": "参加者を100人にする。",
        },
        "expenses": [("使用料及び賃借料", "体育館", 120_000), ("消耗品費", "賞品", 80_000)],
    },
    {
        "group": "赤生津活性化協議会",
        "programme": "citizen-proposal",
        "course": "challenge",
        "state": "in_review",
        "text": {
            "title": "夏休みの子ども食堂",
            "purpose": "夏休みは給食がなく、昼ご飯が心配な子どもがいる。",
            "activities": "夏休みの平日、地区センターで昼ご飯と宿題の時間を開く。",
            "schedule": "7月下旬から8月、平日の昼",
            "place": "赤生津地区センターの調理室",
            "beneficiaries": "小学生 1日25人ほど",
        },
        "expenses": [("消耗品費", "食材と調理用品", 90_000), ("保険料", "行事保険", 8_000)],
    },
    {
        "group": "ちーむやなぎ（仮）",
        "programme": "citizen-proposal",
        "course": "challenge",
        "state": "not_adopted",
        "refusal": "not_eligible",
        "note": "申請された経費の大半が会員の飲食と団体の運営費で、補助の対象になりませんでした。",
        "scores": (6, 3, 4, 5, 3, 5),
        "text": {
            "title": "柳町の交流会",
            "purpose": "地区の若い人が集まる機会がない。",
            "activities": "季節ごとに交流会を開く。",
            "schedule": "年4回",
            "place": "柳町の集会所",
            "beneficiaries": "地区の20代から40代、各回15人",
        },
        "expenses": [("消耗品費", "飾り付け", 20_000), ("食糧費", "交流会の飲食", 60_000)],
    },
    {
        "group": "稲瀬振興会",
        "programme": "self-reliance",
        "state": "draft",
        "text": {
            "title": "稲瀬ふるさとまつりの特産品づくり",
            "purpose": "まつりの運営費を地区の自主財源でまかなえるようにしたい。",
        },
        "plan_action": True,
        "expenses": [("商品開発費", "特産品の試作とパッケージ", 240_000)],
        "own_funds": 0,
    },
    {
        "group": "ひめかゆ協力会",
        "programme": "citizen-proposal",
        "course": "collaboration",
        "state": "draft",
        "member": "partner@example.jp",
        "text": {},
        "expenses": [],
    },
    {
        "group": "伊手振興会",
        "programme": "district-operation",
        "state": "adopted",
        "amount": 9_800_000,
        "conditions": "4月と10月に半額ずつ請求し、年度が終わったら実績を報告してください。",
        "after": "first_half",
        "text": {
            "title": "伊手地区の地域運営と生涯学習",
            "purpose": "地区センターを拠点に、地区の運営と生涯学習を続ける。",
            "activities": "地区センターの運営、生涯学習講座、地区の行事。",
            "schedule": "通年",
            "place": "伊手地区センター",
            "beneficiaries": "伊手地区の住民 約1,200人",
            "partners": "各自治会",
            "roles": "振興会が運営し、市が交付金と地区担当職員で支える。",
            "goals": "講座の参加者を年600人にする。",
        },
        "expenses": [
            ("人件費", "地区センター職員2人", 7_200_000),
            ("事業費", "生涯学習と地域づくりの事業", 2_000_000),
            ("運営費", "光熱水費など", 600_000),
        ],
    },
    {
        "group": "伊手振興会",
        "programme": "collaboration-grant",
        "state": "submitted",
        "plan_action": True,
        "text": {
            "title": "伊手の食の伝承講座",
            "purpose": "地区コミュニティ計画の取組として、郷土料理を次の世代に伝える。",
            "activities": "郷土料理の講座を年6回開き、レシピ集をつくる。",
            "schedule": "6月から翌年1月",
            "place": "伊手地区センター",
            "beneficiaries": "地区の子育て世代と高齢者 各回20人",
            "partners": "食生活改善推進員協議会",
            "roles": "振興会が運営し、推進員が講師を務める。",
            "goals": "レシピ集を200部つくる。",
        },
        "expenses": [("事業費", "材料と印刷", 180_000)],
    },
    {
        "group": "米里振興会",
        "programme": "hall-repair",
        "state": "submitted",
        "registered": False,
        "text": {
            "title": "米里公民館のトイレの洋式化",
            "purpose": "集会所のトイレが和式で、高齢者が使いにくい。",
            "activities": "和式トイレ2か所を洋式にし、手すりを付ける。",
            "schedule": "秋の工事（2週間）",
            "place": "米里公民館",
            "beneficiaries": "公民館を使う住民 年のべ2,000人",
            "partners": "地元の工務店",
            "roles": "振興会が発注し、工務店が施工する。",
            "goals": "高齢者が安心して使える集会所にする。",
        },
        "expenses": [("工事費", "洋式化と手すり", 880_000)],
    },
    {
        "group": "常盤地区自主防災会",
        "programme": "community-grant",
        "state": "withdrawn",
        "text": {
            "title": "防災倉庫の備品",
            "purpose": "避難所で使う発電機と投光器がない。",
            "activities": "発電機と投光器を備える。",
            "schedule": "年度内",
            "place": "常盤地区",
            "beneficiaries": "常盤地区の住民",
            "partners": "消防団",
            "roles": "自主防災会が管理し、消防団と訓練で使う。",
            "goals": "年1回の訓練で使う。",
        },
        "expenses": [("備品購入費", "発電機と投光器", 600_000)],
    },
]


# Last 年度's project, reported, confirmed and paid: what a finished grant looks like.
LAST_YEAR: list[dict[str, Any]] = [
    {
        "group": "水沢国際交流の会",
        "programme": "citizen-proposal",
        "course": "challenge",
        "state": "adopted",
        "amount": 100_000,
        "scores": (15, 8, 8, 14, 12, 15),
        "after": "paid",
        "text": {
            "title": "多言語の子育て情報カフェ",
            "purpose": "外国から来た親が、子育ての制度や相談先を知らない。",
            "activities": "月1回、子育て支援センターで通訳つきの情報カフェを開く。",
            "schedule": "6月から翌年2月まで、月1回",
            "place": "水沢の子育て支援センター",
            "beneficiaries": "外国出身の親子 1回10組ほど",
        },
        "expenses": [
            ("報償費", "通訳の謝礼（9回）", 72_000),
            ("印刷製本費", "多言語のチラシ", 34_000),
        ],
        "report": {
            "done": "9回開き、ベトナム語・中国語・英語の通訳が子育ての制度を説明した。",
            "participants": 86,
            "outcome": "3組が保育園の申込みにつながった。来年度は相談窓口と一緒に開く。",
            "costs": [
                ("報償費", "通訳の謝礼（9回）", 72_000),
                ("印刷製本費", "多言語のチラシ", 25_800),
            ],
        },
    },
    {
        # Adopted last year and never reported: on the staff's list of overdue reports.
        "group": "NPO法人こぼ",
        "programme": "citizen-proposal",
        "course": "challenge",
        "state": "adopted",
        "amount": 80_000,
        "scores": (14, 7, 7, 13, 12, 14),
        "text": {
            "title": "商店街の夏まつりの子ども広場",
            "purpose": "夏まつりに子どもが遊べる場所がなく、家族連れが来ない。",
            "activities": "まつりの2日間、空き地に昔遊びと工作の広場を開く。",
            "schedule": "8月のまつりの2日間",
            "place": "水沢の商店街の空き地",
            "beneficiaries": "子どもと家族 2日で300人ほど",
        },
        "expenses": [("消耗品費", "工作の材料と遊び道具", 60_000), ("保険料", "行事保険", 20_000)],
    },
]


def _application(entry: dict[str, Any], year: int, today: datetime.date) -> None:
    organisation = Organisation.objects.get(name=entry["group"])
    programme = Programme.objects.get(code=entry["programme"], fiscal_year=year)
    course = programme.courses.get(code=entry["course"]) if entry.get("course") else None
    speaker = _speaker(organisation)
    writer = User.objects.get(email=entry["member"]) if entry.get("member") else speaker
    # Applied in the round open today (or the programme's first round, out of season).
    on = today if selectors.is_open(programme, today) else _first_day(programme)
    if entry.get("registered", True) and "registered" in programme.requirements:
        _register(organisation, speaker, on, today)
    application = services.application_create(
        programme=programme, organisation=organisation, course=course, by=writer, today=on
    )
    text = dict(entry["text"])
    if entry.get("plan_action"):
        actions = selectors.adopted_actions_for(organisation)
        text["plan_action"] = actions[-1] if actions else None
    _write(application, writer, text, entry["expenses"], entry.get("own_funds"))
    if entry["state"] == "draft":
        return
    services.application_submit(application=application, confirmed=True, by=speaker, today=on)
    _advance(application, entry)
    if entry.get("after"):
        _after(application, entry, speaker)


def _first_day(programme: Programme) -> datetime.date:
    first = programme.rounds.order_by("number").first()
    return first.opens_on if first else fiscal_year_start(programme.fiscal_year)


def _register(
    organisation: Organisation, speaker: User, on: datetime.date, today: datetime.date
) -> None:
    """Register the group with the centre from before the 年度 it applies in (`on`) until
    after this 年度."""
    from tsunagaru.support import selectors as support_selectors
    from tsunagaru.support import services as support_services

    if support_selectors.is_registered(organisation, on=on):
        return
    from tsunagaru.support.models import CentreRegistration

    coordinator = User.objects.get(email="coordinator@example.jp")
    # A group whose application already waits at the centre is registered on it.
    registration = CentreRegistration.objects.filter(
        organisation=organisation, status=CentreRegistration.Status.APPLIED
    ).first() or support_services.registration_apply(
        organisation=organisation, activities=f"{organisation.name}の活動記録", by=speaker
    )
    start = fiscal_year_start(fiscal_year(on)) - datetime.timedelta(days=30)
    support_services.registration_register(
        registration=registration,
        registered_on=start,
        valid_until=max(start + datetime.timedelta(days=729), fiscal_year_end(fiscal_year(today))),
        by=coordinator,
    )


def _advance(application: Application, entry: dict[str, Any]) -> None:
    """Take a sent application to the state the demo shows, as staff and reviewers would."""
    state = entry["state"]
    staff = User.objects.get(email="staff@example.jp")
    if state == "submitted":
        return
    if state == "withdrawn":
        services.application_withdraw(
            application=application, by=_speaker(application.organisation)
        )
        return
    if state == "returned":
        services.application_return(application=application, reason=entry["reason"], by=staff)
        return
    services.application_accept(application=application, by=staff)
    if entry.get("scores"):
        reviewer = User.objects.get(email="reviewer@example.jp")
        criteria = list(application.programme.criteria.order_by("order"))
        services.score_submit(
            application=application,
            points={
                c.pk: min(p, c.points) for c, p in zip(criteria, entry["scores"], strict=False)
            },
            comment="",
            by=reviewer,
        )
    if state == "in_review":
        return
    services.application_decide(
        application=application,
        adopted=state == "adopted",
        amount=entry.get("amount"),
        conditions=entry.get("conditions", ""),
        refusal=entry.get("refusal", ""),
        note=entry.get("note", ""),
        by=staff,
    )


def _after(application: Application, entry: dict[str, Any], speaker: User) -> None:
    """After the decision: a change request waiting, a half of the 交付金 paid, or a project
    reported with receipts, confirmed and paid."""
    staff = User.objects.get(email="staff@example.jp")
    application.refresh_from_db()
    step = entry["after"]
    if step == "change":
        services.change_request(
            application=application,
            data={
                "kind": "schedule",
                "details": "3月の回収と配布を2月にまとめ、2月末で終える",
                "reason": "3月は地区センターの改修工事で回収箱を置けないため",
                "new_starts_on": _day(application.programme.fiscal_year, (6, 1)),
                "new_ends_on": _day(application.programme.fiscal_year, (2, 28)),
            },
            by=speaker,
        )
        services.progress_add(
            application=application,
            text="6月から4区で回収を始め、3か月で約600kg集まった。",
            by=speaker,
        )
    elif step == "first_half":
        claim = services.payment_claim(application=application, by=speaker)
        services.payment_record(payment=claim, paid_on=selectors.today(), by=staff)
    elif step == "paid":
        written = entry["report"]
        services.report_save(
            application=application,
            data={k: written[k] for k in ("done", "participants", "outcome")},
            by=speaker,
        )
        categories = {c.name: c for c in application.programme.cost_categories.all()}
        for number, (category, what, amount) in enumerate(written["costs"], start=1):
            services.cost_add(
                application=application,
                category=categories[category],
                description=what,
                amount=amount,
                receipt=_pdf(f"領収書{number}.pdf"),
                by=speaker,
            )
        picture = demo_pictures.case_illustration(application.title)
        services.photo_add(
            application=application,
            image=picture.upload,
            alt_text=picture.description,
            by=speaker,
        )
        services.report_submit(application=application, by=speaker)
        application = services.report_confirm(application=application, by=staff)
        claim = services.payment_claim(application=application, by=speaker)
        services.payment_record(payment=claim, paid_on=selectors.today(), by=staff)
