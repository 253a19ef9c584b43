"""Generated districts, community plans and inventories for the community benchmark (issue 16);
see bench/community.py.

Bulk-created, not through the services (benchmark data), but as the services keep them: each
district has one listed 地区振興会 with its representative; a plan's period is five 年度; an
adopted plan has one PlanVersion and a revised one two, each with the snapshot
plan_selectors.content_of gives (a revised plan's version 1 without the two actions version 2
added), and its working copy unchanged since (has_changes False); progress is recorded only for past years of
actions in the adopted version; an inventory's activity is not reviewed after a decision that
ended it (they come only in the last year here).

The districts beyond those already there are spread over 30 new areas of uneven size (7 to 132
districts at 1,000), as if the city were 30 municipalities (岩手県's, by name).
"""

from __future__ import annotations

import datetime
import random
from typing import Any

from support_data import FAMILY

AREA_NAMES = [
    "北上",
    "花巻",
    "遠野",
    "一関",
    "平泉",
    "金ケ崎",
    "西和賀",
    "住田",
    "大船渡",
    "陸前高田",
    "釜石",
    "大槌",
    "山田",
    "宮古",
    "岩泉",
    "田野畑",
    "普代",
    "野田",
    "久慈",
    "洋野",
    "二戸",
    "一戸",
    "九戸",
    "軽米",
    "八幡平",
    "岩手",
    "雫石",
    "滝沢",
    "紫波",
    "矢巾",
]
NAME_HEADS = [
    "上",
    "下",
    "東",
    "西",
    "南",
    "北",
    "中",
    "新",
    "大",
    "小",
    "高",
    "長",
    "本",
    "古",
    "若",
]
NAME_STEMS = [
    "田",
    "川",
    "野",
    "沢",
    "山",
    "原",
    "森",
    "井",
    "谷",
    "浦",
    "崎",
    "岡",
    "畑",
    "里",
    "瀬",
]
NAME_TAILS = ["", "", "", "町", "村", "台", "口"]

VISIONS = [
    "みんなで支え合い、誰もが安心して暮らせる{d}",
    "自然と歴史を大切にし、笑顔があふれる{d}",
    "子どもから高齢者まで、世代をこえてつながる{d}",
    "ふるさとの誇りを次の世代に伝え、人が行き交う{d}",
]
PLAN_TITLES = ["{d}地区まちづくり計画", "{d}地区コミュニティ計画", "{d}地区振興計画"]
ISSUES = [
    ("高齢者だけの世帯が増え、冬の除雪や見守りが心配", "survey"),
    ("行事の担い手が同じ人に偏っている", "workshop"),
    ("若い世代が地区の活動に参加する機会が少ない", "workshop"),
    ("人口が毎年2%ずつ減っている", "figures"),
    ("空き家が増え、防犯や景観が心配", "survey"),
    ("地区の祭りや行事が少なく、人が集まる機会がない", "meeting"),
    ("移動手段がなく、買い物や通院に困る人がいる", "meeting"),
    ("災害時に支援が必要な人の把握が進んでいない", "figures"),
    ("子どもの数が減り、子ども会が続けられない", "survey"),
    ("耕作放棄地が増えている", "other"),
]
# goal: its indicators (name, unit, baseline range, growth) and actions (title, lead, partners, city's role, cost)
GOALS: list[tuple[str, list[tuple[str, str, int, int]], list[tuple[str, str, str, str, int]]]] = [
    (
        "災害に強く、安心して暮らせる地区",
        [("防災訓練の参加者", "人", 80, 300), ("避難行動要支援者の個別避難計画", "件", 5, 40)],
        [
            (
                "地区合同防災訓練",
                "防災部会",
                "消防団、各自治会",
                "地区担当職員が計画づくりを手伝う",
                60000,
            ),
            ("防災マップの更新", "防災部会", "自主防災会", "ハザードマップの提供", 120000),
            ("避難所運営の研修", "防災部会", "社会福祉協議会", "講師の派遣", 30000),
            ("防災備蓄品の点検", "総務部会", "", "", 50000),
            ("冬の除雪ボランティア", "福祉部会", "建設業協会", "除雪機の貸し出し", 80000),
        ],
    ),
    (
        "支え合い、誰もが安心して暮らせる地区",
        [("見守り訪問をした世帯", "世帯", 20, 80), ("サロンの参加者", "人", 30, 120)],
        [
            ("高齢者世帯の見守り訪問", "福祉部会", "民生委員、社会福祉協議会", "", 20000),
            ("ふれあいサロン", "福祉部会", "地区センター", "", 40000),
            ("買い物支援の移動販売", "福祉部会", "地元商店", "運行経費の補助", 150000),
            ("敬老会", "福祉部会", "各自治会", "", 380000),
            ("健康体操教室", "健康部会", "保健推進員", "保健師の派遣", 25000),
        ],
    ),
    (
        "世代をこえて集える地区",
        [("行事に参加した中高生", "人", 5, 40), ("夏まつりの来場者", "人", 200, 900)],
        [
            ("ふるさと夏まつり", "文化部会", "小学校、商工会", "後援と広報", 350000),
            ("地区民運動会", "体育部会", "各自治会", "", 150000),
            ("中高生の地域ボランティア体験", "青少年部会", "中学校", "", 15000),
            ("郷土芸能の継承教室", "文化部会", "保存会", "文化財の指導者の紹介", 60000),
            ("子ども会の合同行事", "青少年部会", "PTA", "", 40000),
            ("どんと祭", "文化部会", "神社総代会", "", 30000),
        ],
    ),
    (
        "地域の資源を生かし、にぎわう地区",
        [("空き家の活用件数", "件", 0, 6), ("直売所の売上", "万円", 100, 400)],
        [
            ("空き家の調査と活用相談", "総務部会", "不動産業者", "空き家バンクの情報を提供する", 0),
            ("農産物直売所の運営", "産業部会", "JA", "", 100000),
            ("地区広報誌の発行", "広報部会", "", "", 180000),
            ("花いっぱい運動", "環境部会", "老人クラブ", "花苗の提供", 45000),
            ("河川の清掃活動", "環境部会", "各自治会、企業", "ごみの収集", 20000),
            ("伝統料理の教室", "女性部", "食生活改善推進員", "", 30000),
        ],
    ),
]
PROGRESS_NOTES = {
    "done": ["", "", "予定どおり実施した", "小学校と合同で実施した", "参加者が前年度より増えた"],
    "partly": [
        "実施できたのは予定の7割",
        "天候のため一部を中止した",
        "担い手が足りず規模を縮小した",
    ],
    "not_done": [
        "担い手が見つからず、翌年度に延期",
        "感染症対策のため中止",
        "予算が足りず見送った",
    ],
}
REVISION_CHANGES = [
    "ワークショップで若い世代の参加が課題とされたため、取組を加えた。",
    "中間の見直しで、担い手の負担が大きい取組を整理し、新しい取組を加えた。",
    "住民アンケートの結果を受けて、見守りと買い物支援の取組を加えた。",
]
# name, purpose, who it is for, hours, helpers, spending, income, took part (None: not counted)
ACTIVITIES: list[tuple[str, str, str, int, int, int, int, int | None]] = [
    (
        "ふるさと夏まつり",
        "地区の交流と伝統芸能の継承",
        "地区の住民と帰省する家族",
        900,
        60,
        420000,
        150000,
        800,
    ),
    ("地区民運動会", "世代をこえた交流と健康づくり", "地区の住民", 500, 45, 150000, 0, 300),
    ("敬老会", "長寿を祝い、高齢者の交流の場をつくる", "75歳以上の住民", 250, 30, 380000, 0, 210),
    (
        "地区合同防災訓練",
        "災害に備え、避難の手順を確かめる",
        "地区の全世帯",
        200,
        40,
        60000,
        0,
        250,
    ),
    (
        "冬の除雪（高齢者世帯の玄関先）",
        "一人暮らしの高齢者世帯の冬の安全",
        "高齢者だけの世帯",
        600,
        15,
        80000,
        0,
        40,
    ),
    ("地区広報誌", "地区の行事とお知らせを届ける", "全世帯", 120, 5, 180000, 0, None),
    ("河川の清掃活動", "川をきれいにし、環境を守る", "地区の住民", 150, 80, 20000, 0, 120),
    ("盆踊り", "夏の交流と伝統の継承", "地区の住民", 300, 25, 120000, 30000, 400),
    ("文化祭", "サークルの発表と作品展示", "地区の住民", 260, 20, 90000, 10000, 350),
    ("新年交賀会", "新年のあいさつと役員の交流", "役員と来賓", 60, 8, 200000, 150000, 80),
    ("花いっぱい運動", "沿道に花を植え、景観を良くする", "地区の住民", 180, 30, 45000, 0, None),
    (
        "グラウンドゴルフ大会",
        "高齢者の健康づくりと交流",
        "60歳以上の住民",
        90,
        12,
        30000,
        15000,
        90,
    ),
    ("子ども会の合同行事", "子どもの健全育成", "小学生とその家族", 160, 18, 70000, 20000, 110),
    ("どんと祭", "正月飾りを納め、無病息災を願う", "地区の住民", 80, 15, 30000, 5000, 200),
    ("交通安全運動", "通学路の安全を守る", "小中学生", 120, 25, 15000, 0, None),
    ("芋煮会", "秋の交流", "地区の住民", 140, 20, 100000, 60000, 180),
    ("資源回収", "資源を集め、活動費にあてる", "全世帯", 100, 30, 5000, 90000, None),
    ("郷土芸能の練習会", "神楽と剣舞を次の世代へ伝える", "小中学生", 220, 10, 50000, 0, 25),
]
REASONS = {
    "review": [
        "参加者が減り、準備の負担が大きい。内容を減らして半日にする。",
        "式典をやめ、地区センターでの茶話会にする。",
        "担い手の負担を減らすため、隔年の開催にする。",
        "準備を各自治会の持ち回りにする。",
    ],
    "merge": [
        "来年度から夏まつりの中で行う。",
        "近隣の地区と合同で行う。",
        "文化祭と同じ日に行い、準備をまとめる。",
    ],
    "end": [
        "市の広報と回覧板で足りるため、終える。",
        "参加者が少なく、目的を果たしたため終える。",
        "担い手がいなくなり、続けられないため終える。",
    ],
    "hand_over": [
        "担い手が減り高齢になった。事業者やボランティア団体に引き継ぎたい。",
        "子ども会の活動として続けてもらう。",
        "社会福祉協議会のサロン事業に移す。",
    ],
}
LAST_DECISIONS = (
    ["continue"] * 55 + ["review"] * 20 + ["merge"] * 8 + ["end"] * 9 + ["hand_over"] * 8
)
EARLIER_DECISIONS = ["continue"] * 85 + ["review"] * 15
ACTIVITIES_PER_GROUP = 10
INVENTORY_YEARS = 3
ACTIONS_PER_DISTRICT = 20


def generate_plans(*, districts: int = 1000, seed: int) -> None:
    """Districts up to `districts` active ones, each with a listed 地区振興会 and its
    representative, three population figures and an inventory of ten activities over three
    past 年度; four in five with a community plan (drafting, adopted, revised) of 3 issues,
    4 goals with 1–2 indicators, about 20 actions per district overall, yearly progress and its
    adopted versions."""
    from django.db import transaction
    from django.utils import timezone
    from generate import index_partners

    from tsunagaru.accounts.models import User
    from tsunagaru.core.dates import fiscal_year
    from tsunagaru.core.models import District

    if (
        District.objects.filter(slug__startswith="bench-d").exists()
        or User.objects.filter(email__startswith="bench16-").exists()
    ):
        print("  community: the bench districts are there already; nothing added")
        return
    rng = random.Random(seed + 16)
    today = timezone.localdate()
    world: dict[str, Any] = {"rng": rng, "today": today, "year": fiscal_year(today)}
    with transaction.atomic():
        made = _districts(rng, districts)
        listed = list(District.objects.filter(is_active=True).select_related("area").order_by("pk"))
        groups, new_groups = _associations(world, listed, seed)
        _figures(world, listed)
        _centres(world, listed)
        plans = _plans(world, listed, groups)
        activities, years = _inventories(world, groups)
        index_partners(new_groups)
    print(
        f"  community: {made} new districts ({len(listed)} active), {len(new_groups)} new "
        f"associations, {plans['plans']} plans ({plans['by_status']}), {plans['actions']} "
        f"actions, {plans['progress']} progress, {plans['versions']} versions, {activities} "
        f"activities, {years} yearly reviews"
    )


def _districts(rng: random.Random, wanted: int) -> int:
    """New districts in 30 new areas of uneven size, until `wanted` are active."""
    from tsunagaru.core.models import Area, District, Municipality

    missing = wanted - District.objects.filter(is_active=True).count()
    if missing <= 0:
        return 0
    municipality = Municipality.objects.order_by("pk").first()
    if municipality is None:
        raise SystemExit("--plans needs the municipality (migrate first)")
    weights = [rng.lognormvariate(0, 0.7) for _ in AREA_NAMES]
    sizes = [max(3, round(missing * w / sum(weights))) for w in weights]
    sizes[sizes.index(max(sizes))] += missing - sum(sizes)
    first_order = (Area.objects.order_by("-order").values_list("order", flat=True).first() or 0) + 1
    areas = Area.objects.bulk_create(
        [
            Area(
                municipality=municipality,
                slug=f"bench-a{n:02d}",
                name=f"{name}区",
                order=first_order + n,
            )
            for n, name in enumerate(AREA_NAMES)
        ]
    )
    names = sorted({h + s + t for h in NAME_HEADS for s in NAME_STEMS for t in NAME_TAILS})
    rows, number = [], 0
    for area, size in zip(areas, sizes, strict=True):
        for order, name in enumerate(rng.sample(names, size), start=1):
            number += 1
            rows.append(District(area=area, slug=f"bench-d{number:04d}", name=name, order=order))
    District.objects.bulk_create(rows, batch_size=1000)
    return len(rows)


def _associations(
    world: dict[str, Any], districts: list[Any], seed: int
) -> tuple[dict[int, tuple[Any, int]], list[Any]]:
    """Each district's listed 地区振興会 with its representative's user id: the first one there
    is, else a new one (with a new representative)."""
    from tsunagaru.accounts.kana import kana_key
    from tsunagaru.accounts.models import User
    from tsunagaru.guideline.models import OrganisationKind
    from tsunagaru.partners.models import Membership, Organisation

    rng = world["rng"]
    found: dict[int, tuple[Any, int]] = {}
    for membership in (
        Membership.objects.filter(
            role="representative",
            organisation__status="verified",
            organisation__kind__code="district_association",
            organisation__district__isnull=False,
        )
        .select_related("organisation")
        .order_by("organisation_id", "pk")
    ):
        found.setdefault(
            membership.organisation.district_id, (membership.organisation, membership.user_id)
        )
    missing = [d for d in districts if d.pk not in found]
    kind = OrganisationKind.objects.get(code="district_association")
    users = User.objects.bulk_create(
        [
            User(
                email=f"bench16-{seed}-{n}@example.jp",
                family_name=rng.choice(FAMILY),
                display_name=f"{d.name}振興会長",
                role="partner_member",
                password="!",
            )
            for n, d in enumerate(missing)
        ],
        batch_size=1000,
    )
    rows = []
    for district, user in zip(missing, users, strict=True):
        name = f"{district.name}{rng.choice(['振興会', '地区振興会'])}"
        rows.append(
            Organisation(
                kind=kind,
                name=name,
                name_sort=kana_key(name),
                district=district,
                area=district.area,
                description=f"{district.area.name}{district.name}地区の地区振興会です。地区センターを拠点に、防災・福祉・文化の活動をしています。",
                status="verified",
                created_by=user,
                founded_year=rng.randint(1970, 2010),
                member_count=rng.randint(150, 3000),
            )
        )
    organisations = Organisation.objects.bulk_create(rows, batch_size=1000)
    Membership.objects.bulk_create(
        [
            Membership(organisation=o, user=u, role="representative")
            for o, u in zip(organisations, users, strict=True)
        ],
        batch_size=2000,
    )
    for organisation, user in zip(organisations, users, strict=True):
        found[organisation.district_id] = (organisation, user.pk)
    return found, organisations


def _figures(world: dict[str, Any], districts: list[Any]) -> None:
    """Three figures (住民基本台帳, 3月31日) for each district that has none."""
    from support_data import staff_user

    from tsunagaru.accounts.models import Role
    from tsunagaru.community.models import PopulationFigure

    rng, year = world["rng"], world["year"]
    staff = staff_user(Role.COORDINATOR, "bench-coordinator@example.jp", "支援センター")
    has = set(PopulationFigure.objects.values_list("district_id", flat=True))
    rows = []
    for district in districts:
        if district.pk in has:
            continue
        total = rng.randint(300, 12000)
        aged, young = rng.uniform(0.28, 0.45), rng.uniform(0.07, 0.13)
        for n in range(3):
            rows.append(
                PopulationFigure(
                    district=district,
                    as_of=datetime.date(year - 2 + n, 3, 31),
                    total=total,
                    households=round(total / rng.uniform(2.2, 2.9)),
                    aged_65_over=round(total * aged),
                    under_15=round(total * young),
                    source="住民基本台帳（各年3月31日現在）",
                    entered_by=staff,
                )
            )
            total = round(total * rng.uniform(0.97, 0.995))
            aged += 0.005
    PopulationFigure.objects.bulk_create(rows, batch_size=2000)


def _centres(world: dict[str, Any], districts: list[Any]) -> None:
    """A 地区センター and two 地区担当職員 for each district that has no centre."""
    from tsunagaru.community.models import DistrictCentre, DistrictContact

    rng = world["rng"]
    has = set(DistrictCentre.objects.values_list("district_id", flat=True))
    centres, contacts = [], []
    for district in districts:
        if district.pk in has:
            continue
        centres.append(
            DistrictCentre(
                district=district,
                name=f"{district.name}地区センター",
                address=f"{district.area.name}{district.name}{rng.randint(1, 200)}番地",
                phone=f"0197-{rng.randint(10, 99)}-{rng.randint(1000, 9999)}",
                hours="平日 8:30〜17:15",
            )
        )
        for order in range(2):
            contacts.append(
                DistrictContact(
                    district=district,
                    name=f"{rng.choice(FAMILY)} {rng.choice(['一郎', '恵子', '健', '由美'])}",
                    department=["地域づくり推進課", "総合支所地域振興グループ"][order],
                    order=order,
                )
            )
    DistrictCentre.objects.bulk_create(centres, batch_size=2000)
    DistrictContact.objects.bulk_create(contacts, batch_size=2000)


def _plans(
    world: dict[str, Any], districts: list[Any], groups: dict[int, tuple[Any, int]]
) -> dict[str, Any]:
    """Plans for four districts in five (not where the association has one already)."""
    from tsunagaru.community.plan_models import (
        CommunityPlan,
        PlanAction,
        PlanGoal,
        PlanIssue,
    )

    rng, year = world["rng"], world["year"]
    has = set(CommunityPlan.objects.values_list("organisation_id", flat=True))
    chosen = [d for d in districts if rng.random() < 0.8 and groups[d.pk][0].pk not in has]
    per_plan = ACTIONS_PER_DISTRICT * len(districts) / max(1, len(chosen))
    plans, specs = [], []
    for district in chosen:
        organisation, user_id = groups[district.pk]
        status = rng.choices(["drafting", "adopted", "revised"], [25, 50, 25])[0]
        first = {
            "drafting": rng.randint(year - 1, year + 1),
            "adopted": rng.randint(year - 3, year),
            "revised": rng.randint(year - 4, year - 2),
        }[status]
        plans.append(
            CommunityPlan(
                organisation=organisation,
                district=district,
                title=rng.choice(PLAN_TITLES).format(d=district.name),
                first_year=first,
                last_year=first + 4,
                vision=rng.choice(VISIONS).format(d=district.name),
                status=status,
                has_changes=status == "drafting",
                created_by_id=user_id,
            )
        )
        specs.append({"user_id": user_id, "actions": round(rng.uniform(0.85, 1.15) * per_plan)})
    plans = CommunityPlan.objects.bulk_create(plans, batch_size=1000)

    issues, goals, goal_specs = [], [], []
    for plan in plans:
        for text, how in rng.sample(ISSUES, 3):
            issues.append(PlanIssue(plan=plan, text=text, found_by=how))
        for spec in GOALS:
            goals.append(PlanGoal(plan=plan, text=spec[0]))
            goal_specs.append(spec)
    PlanIssue.objects.bulk_create(issues, batch_size=2000)
    goals = PlanGoal.objects.bulk_create(goals, batch_size=2000)

    _indicators(rng, goals, goal_specs)
    actions, added_in_revision = _actions(world, plans, specs, goals, goal_specs)
    actions = PlanAction.objects.bulk_create(actions, batch_size=2000)
    revision_actions = {a.pk for n, a in enumerate(actions) if added_in_revision[n]}
    progress = _progress(world, plans, specs, actions)
    versions = _versions(world, plans, specs, revision_actions)
    by_status = {
        s: sum(1 for p in plans if p.status == s) for s in ("drafting", "adopted", "revised")
    }
    return {
        "plans": len(plans),
        "by_status": by_status,
        "actions": len(actions),
        "progress": progress,
        "versions": versions,
    }


def _indicators(rng: random.Random, goals: list[Any], goal_specs: list[Any]) -> None:
    """One or two indicators for each goal, aiming at the plan's last 年度."""
    from tsunagaru.community.plan_models import PlanIndicator

    indicators = []
    for goal, (_text, measures, _pool) in zip(goals, goal_specs, strict=True):
        for name, unit, low, high in rng.sample(measures, rng.randint(1, 2)):
            baseline = rng.randint(low, max(low, high // 2))
            indicators.append(
                PlanIndicator(
                    goal=goal,
                    name=name,
                    unit=unit,
                    baseline=baseline,
                    target=max(baseline + 1, rng.randint(baseline, high)),
                    target_year=goal.plan.last_year,
                )
            )
    PlanIndicator.objects.bulk_create(indicators, batch_size=2000)


def _actions(
    world: dict[str, Any],
    plans: list[Any],
    specs: list[Any],
    goals: list[Any],
    goal_specs: list[Any],
) -> tuple[list[Any], dict[int, bool]]:
    """Each plan's actions under its goals (a few of none), most over the whole period; a
    revised plan's last two begin in the year of its revision (version 2 added them)."""
    from tsunagaru.community.plan_models import PlanAction

    rng, year = world["rng"], world["year"]
    actions, added_in_revision = [], {}
    goals_of: dict[int, list[tuple[Any, list[Any]]]] = {}
    for goal, spec in zip(goals, goal_specs, strict=True):
        goals_of.setdefault(goal.plan_id, []).append((goal, spec[2]))
    for plan, spec in zip(plans, specs, strict=True):
        revision_year = rng.randint(plan.first_year + 1, year) if plan.status == "revised" else None
        spec["revision_year"] = revision_year
        for n in range(spec["actions"]):
            goal, pool = goals_of[plan.pk][n % len(GOALS)]
            index = n // len(GOALS)
            title, lead, partners, city_role, cost = pool[index % len(pool)]
            if index >= len(pool):  # the same work again, in another part of the district
                title = f"{title}（第{index // len(pool) + 1}期）"
            added = revision_year is not None and n >= spec["actions"] - 2
            first = revision_year if added else plan.first_year
            last = plan.last_year
            if not added and rng.random() < 0.4:
                first = rng.randint(plan.first_year, plan.last_year)
                last = rng.randint(first, plan.last_year)
            actions.append(
                PlanAction(
                    plan=plan,
                    goal=goal if rng.random() < 0.95 else None,
                    title=title,
                    first_year=first,
                    last_year=last,
                    lead=lead,
                    partners=partners,
                    city_role=city_role,
                    cost=int(round(cost * rng.uniform(0.7, 1.3), -3)) or None,
                )
            )
            added_in_revision[len(actions) - 1] = added
    return actions, added_in_revision


def _progress(world: dict[str, Any], plans: list[Any], specs: list[Any], actions: list[Any]) -> int:
    """Progress on the adopted plans' actions for each past 年度 (about nine in ten reported)."""
    from tsunagaru.community.plan_models import ActionProgress

    rng, year = world["rng"], world["year"]
    plan_of = {p.pk: (p, s) for p, s in zip(plans, specs, strict=True)}
    rows = []
    for action in actions:
        plan, spec = plan_of[action.plan_id]
        if plan.status == "drafting":
            continue
        for y in range(action.first_year, min(action.last_year, year - 1) + 1):
            if rng.random() >= 0.88:
                continue
            result = rng.choices(["done", "partly", "not_done"], [60, 25, 15])[0]
            rows.append(
                ActionProgress(
                    action=action,
                    year=y,
                    result=result,
                    note=rng.choice(PROGRESS_NOTES[result]),
                    figure=rng.randint(5, 400) if rng.random() < 0.6 else None,
                    recorded_by_id=spec["user_id"],
                )
            )
    ActionProgress.objects.bulk_create(rows, batch_size=2000)
    return len(rows)


def _versions(
    world: dict[str, Any], plans: list[Any], specs: list[Any], revision_actions: set[int]
) -> int:
    """Version 1 of each adopted plan and versions 1 and 2 of each revised one, with the
    snapshots plan_selectors.content_of gives (version 1 of a revised plan: without the actions
    its revision added)."""
    from tsunagaru.community.plan_models import PlanVersion
    from tsunagaru.community.plan_selectors import content_of

    rng, today = world["rng"], world["today"]

    def meeting(year: int) -> datetime.date:
        return min(today, datetime.date(year, rng.choice([4, 5]), rng.randint(10, 28)))

    rows = []
    for plan, spec in zip(plans, specs, strict=True):
        if plan.status == "drafting":
            continue
        content = content_of(plan)
        first = {
            **content,
            "actions": [a for a in content["actions"] if a["id"] not in revision_actions],
        }
        held = meeting(plan.first_year)
        rows.append(
            PlanVersion(
                plan=plan,
                number=1,
                general_meeting_on=held,
                adopted_on=held + datetime.timedelta(days=rng.randint(0, 7)),
                adopted_by_id=spec["user_id"],
                snapshot=first,
            )
        )
        if plan.status == "revised":
            held = max(held, meeting(spec["revision_year"]))
            rows.append(
                PlanVersion(
                    plan=plan,
                    number=2,
                    general_meeting_on=held,
                    adopted_on=min(today, held + datetime.timedelta(days=rng.randint(0, 7))),
                    adopted_by_id=spec["user_id"],
                    changes=rng.choice(REVISION_CHANGES),
                    snapshot=content,
                )
            )
    PlanVersion.objects.bulk_create(rows, batch_size=500)
    return len(rows)


def _inventories(world: dict[str, Any], groups: dict[int, tuple[Any, int]]) -> tuple[int, int]:
    """Ten activities for each association without any, each reviewed in the three past 年度;
    a decision that ends one comes only in the last of them."""
    from tsunagaru.community.inventory_models import Activity, ActivityYear

    rng, year = world["rng"], world["year"]
    has = set(Activity.objects.values_list("organisation_id", flat=True))
    rows, specs = [], []
    for organisation, user_id in groups.values():
        if organisation.pk in has:
            continue
        for spec in rng.sample(ACTIVITIES, ACTIVITIES_PER_GROUP):
            name, purpose, people = spec[:3]
            rows.append(
                Activity(
                    organisation=organisation,
                    name=name,
                    purpose=purpose,
                    beneficiaries=people,
                    created_by_id=user_id,
                )
            )
            specs.append((spec, user_id))
    activities = Activity.objects.bulk_create(rows, batch_size=2000)
    years = []
    for activity, (spec, user_id) in zip(activities, specs, strict=True):
        hours, helpers, cost, income, took_part = spec[3:]
        scale = rng.uniform(0.5, 1.5)
        for n in range(INVENTORY_YEARS):
            last = n == INVENTORY_YEARS - 1
            decision = rng.choice(LAST_DECISIONS if last else EARLIER_DECISIONS)
            years.append(
                ActivityYear(
                    activity=activity,
                    year=year - INVENTORY_YEARS + n,
                    hours=round(hours * scale * rng.uniform(0.9, 1.1)),
                    volunteers=max(1, round(helpers * scale * rng.uniform(0.85, 1.05))),
                    cost=int(round(cost * scale * rng.uniform(0.9, 1.1), -3)),
                    income=int(round(income * scale * rng.uniform(0.8, 1.2), -3)),
                    participants=(
                        None
                        if took_part is None
                        else round(took_part * scale * rng.uniform(0.8, 1.1))
                    ),
                    decision=decision,
                    reason="" if decision == "continue" else rng.choice(REASONS[decision]),
                    recorded_by_id=user_id,
                )
            )
    ActivityYear.objects.bulk_create(years, batch_size=2000)
    return len(activities), len(years)
