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
from tsunagaru.core.dates import fiscal_year, fiscal_year_start
from tsunagaru.grants import selectors, services
from tsunagaru.grants.models import (
    Application,
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
    incomes: list[tuple[str, str, int]],
    files: list[tuple[str, str]],
) -> None:
    services.application_save(application=application, data=text, by=by)
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
    for source, what, amount in incomes:
        services.budget_line_add(
            application=application,
            data={"side": "income", "source": source, "description": what, "amount": amount},
            by=by,
        )
    for kind, name in files:
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
    _applications(this_year, today)
    report.created += 3


def _applications(year: int, today: datetime.date) -> None:
    groups = {
        o.name: o
        for o in Organisation.objects.filter(
            name__in=["NPO法人こぼ", "稲瀬振興会", "ひめかゆ協力会"]
        )
    }
    citizen = Programme.objects.get(code="citizen-proposal", fiscal_year=year)
    challenge = citizen.courses.get(code="challenge")
    on = today if selectors.open_round(citizen, today) else fiscal_year_start(year)
    # NPO法人こぼ: a チャレンジ application, sent.
    kobo = groups["NPO法人こぼ"]
    speaker = _speaker(kobo)
    application = services.application_create(
        programme=citizen, organisation=kobo, course=challenge, by=speaker, today=on
    )
    _write(
        application,
        speaker,
        {
            "title": "空き店舗で開く多世代の居場所",
            "purpose": "商店街の空き店舗が増え、高齢者と子どもが気軽に集まる場所がない。",
            "activities": "月2回、空き店舗で昔遊びと宿題の時間を開き、地域の高齢者が見守る。",
            "schedule": "7月から翌年2月まで、第2・第4土曜日の午後",
            "place": "水沢の商店街の空き店舗",
            "beneficiaries": "小学生と地域の高齢者、1回あたり20人ほど",
        },
        [
            ("使用料及び賃借料", "空き店舗の借用（16回）", 64_000),
            ("消耗品費", "遊び道具と文具", 30_000),
            ("食糧費", "会員の打ち合わせの茶菓", 6_000),
        ],
        [("own_funds", "会費から", 6_000)],
        [("rules", "こぼ規約.pdf")],
    )
    services.application_submit(application=application, confirmed=True, by=speaker, today=on)
    # 稲瀬振興会: a 自立チャレンジ draft from an action of its adopted plan (the demo partner).
    inase = groups["稲瀬振興会"]
    partner = _speaker(inase)
    self_reliance = Programme.objects.get(code="self-reliance", fiscal_year=year)
    actions = selectors.adopted_actions_for(inase)
    draft = services.application_create(
        programme=self_reliance, organisation=inase, by=partner, today=on
    )
    _write(
        draft,
        partner,
        {
            "title": "稲瀬ふるさとまつりの特産品づくり",
            "plan_action": actions[-1] if actions else None,
            "purpose": "まつりの運営費を地区の自主財源でまかなえるようにしたい。",
        },
        [("商品開発費", "特産品の試作とパッケージ", 240_000)],
        [],
        [],
    )
    # ひめかゆ協力会: a コラボレーション draft its member (the demo partner) began.
    himekayu = groups["ひめかゆ協力会"]
    collaboration = citizen.courses.get(code="collaboration")
    member = User.objects.get(email="partner@example.jp")
    services.application_create(
        programme=citizen, organisation=himekayu, course=collaboration, by=member, today=on
    )
