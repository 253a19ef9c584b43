"""Generated grant programmes and applications for the grants benchmark (issue 17); see
bench/grants.py.

Bulk-created, not through the services (benchmark data: the services write one application,
line and score at a time, with audit records and notices), but as the services leave them:

- the six programmes of grants/demo.py for this 年度 and the two before, made by
  `grants.demo._programme` (courses, rounds, cost categories, the rubric), each with a budget
  large enough for what the generator adopts (at least the demo's);
- applications only of verified groups with a representative, at most one a year per group and
  programme that counts (submitted, returned, in review, adopted) besides the コラボレーション
  course; the 振興会's programmes only for district associations (hall repairs for 町内会 and
  振興会); made within a round that had opened (or the 年度, for programmes without rounds),
  sent before its deadline, decided after its screening and never after now;
- each a budget of 2–5 lines: expenses in the programme's own cost categories (some not
  eligible) and, when the grant does not cover them, the group's own funds, so that the budget
  adds up; `requested` is the grant the rules give (grants.amounts), as application_submit
  works it out;
- every sent application (submitted, returned, in review, decided, and most withdrawn) has its
  ApplicationVersion (one; two when it was corrected after being returned) with a snapshot of
  the shape services.applications._snapshot writes, `submitted_at` the last one's time;
  `first_time` is set on the first sent application of each group in time order;
- adopted ones have a decided amount (≤ requested, a fifth of them less, with the reason),
  conditions, who and when; `Programme.committed` is the sum (≤ budget); not adopted ones a
  refusal code and a reason;
- on programmes with a rubric (市民提案型, 自立チャレンジ), the three reviewers' Score rows
  (every reviewer's once decided, some while in review); reviewers are made if there are
  fewer than three. Programmes without a rubric are decided without scores, as the service
  allows.

No files are attached (the snapshots list none), and groups are not registered with the
centre: neither is read by the pages measured.
"""

from __future__ import annotations

import datetime
import random
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from generate import TOPICS

# How the applications are shared among the programmes (the 振興会's are limited by the
# number of district associations: what does not fit goes to the others).
WEIGHTS = {
    "citizen-proposal": 55,
    "hall-repair": 10,
    "community-grant": 10,
    "self-reliance": 7,
    "district-operation": 8,
    "collaboration-grant": 10,
}
# Who applies to each (organisation kinds); None: any verified group.
APPLICANTS: dict[str, tuple[str, ...] | None] = {
    "citizen-proposal": ("npo", "volunteer_group", "neighbourhood_association", "education"),
    "hall-repair": ("neighbourhood_association", "district_association"),
    "community-grant": (
        "neighbourhood_association",
        "district_association",
        "npo",
        "volunteer_group",
    ),
    "self-reliance": ("district_association",),
    "district-operation": ("district_association",),
    "collaboration-grant": ("district_association",),
}
# The project's whole cost, in yen (the 市民提案型's from its course's cap).
COSTS = {
    "hall-repair": (200_000, 2_600_000),
    "community-grant": (500_000, 3_000_000),
    "self-reliance": (150_000, 900_000),
    "district-operation": (5_000_000, 12_500_000),
    "collaboration-grant": (100_000, 1_200_000),
}
TITLES = {
    "citizen-proposal": [
        "{place}の{topic}",
        "{topic}で地域をつなぐ",
        "{place}で始める{topic}",
        "多世代で取り組む{topic}",
        "{topic}の担い手づくり",
        "{place}の{topic}を広げる",
    ],
    "hall-repair": [
        "{place}集会所の屋根の修繕",
        "{place}公民館のトイレの洋式化",
        "{place}集会所のスロープ設置",
        "{place}公民館の外壁の改修",
        "{place}集会所の暖房設備の更新",
    ],
    "community-grant": [
        "{place}の祭りの山車と太鼓の整備",
        "{place}の集会所の放送設備",
        "{place}自主防災会の防災資機材",
        "{place}の郷土芸能の衣装の新調",
    ],
    "self-reliance": [
        "{place}の特産品づくり",
        "{place}産そばの加工と販売",
        "{place}の農家レストランの試行",
        "{place}の直売所の冷蔵設備",
    ],
    "district-operation": ["{place}地区の地域運営と生涯学習"],
    "collaboration-grant": [
        "{place}の防災マップの更新",
        "{place}の冬の除雪ボランティア",
        "{place}の高齢者世帯の見守り訪問",
        "{place}のふるさと夏まつり",
        "{place}の郷土芸能の継承教室",
        "{place}の花いっぱい運動",
    ],
}
PROBLEMS = [
    "高齢者だけの世帯が増え、見守りが心配",
    "子どもと高齢者が気軽に集まる場所がない",
    "行事の担い手が同じ人に偏っている",
    "若い世代が地区の活動に参加する機会が少ない",
    "集会所が古く、高齢者が使いにくい",
    "災害のときの備えが十分でない",
    "空き家が増え、地域のにぎわいが失われている",
]
ACTIVITIES = [
    "月{n}回、地区センターで開き、地域の人に参加を呼びかける。",
    "年{n}回の行事を開き、準備から地域の人と一緒に行う。",
    "地区の団体と分担して、{n}か月かけて進める。",
    "講師を招いた講座を{n}回開き、参加者が次の担い手になる。",
]
PARTNERS = ["各自治会", "社会福祉協議会", "小学校とPTA", "地元の商店会", "消防団", "民生委員"]
GOALS = [
    "参加者を延べ{n}0人にする。",
    "地区の{n}割の世帯に届ける。",
    "終わったあと、参加者アンケートで{n}割が満足と答える。",
]
RETURN_REASONS = [
    "予算の「使用料」の内訳（会場と回数）を書いてください。",
    "規約は最新のものを添付してください。",
    "見積書の金額と予算の金額が合っていません。",
    "事業の実施期間を書いてください。",
]
CONDITIONS = [
    "事業が終わったら、参加者数と写真を添えて実績報告書を出してください。",
    "事業の内容を変えるときは、事前に変更の申請をしてください。",
    "4月と10月に半額ずつ請求し、年度が終わったら実績を報告してください。",
]
LESS_NOTES = [
    "対象にならない経費を除いた額で決定しました。",
    "予算の範囲で、申請額を減額して決定しました。",
]
REFUSALS = (
    ["score"] * 50 + ["not_eligible"] * 20 + ["budget"] * 10 + ["duplicate"] * 5 + ["other"] * 15
)
REFUSAL_NOTES = {
    "score": "審査の点数が採択の基準に届きませんでした。",
    "not_eligible": "申請された経費の多くが補助の対象になりませんでした。",
    "budget": "今年度の予算の範囲を超えました。",
    "duplicate": "同じ事業にほかの公的な補助があります。",
    "other": "事業の内容について、改めてご相談ください。",
}
COMMENTS = [
    "",
    "",
    "",
    "役割分担が明確でよい。",
    "予算の見積りをもう少し詳しく。",
    "地域への広がりに期待。",
]
# States by the phase of the round: (state, weight); "withdrawn" after sending or as a draft.
STATES = {
    "open": [
        ("draft", 20),
        ("submitted", 28),
        ("returned", 10),
        ("in_review", 24),
        ("withdrawn", 5),
        ("adopted", 9),
        ("not_adopted", 4),
    ],
    "closed": [
        ("draft", 3),
        ("submitted", 6),
        ("returned", 4),
        ("in_review", 17),
        ("withdrawn", 5),
        ("adopted", 45),
        ("not_adopted", 20),
    ],
    "past": [("draft", 3), ("withdrawn", 5), ("adopted", 62), ("not_adopted", 30)],
}
SENT = ("submitted", "returned", "in_review", "adopted", "not_adopted")
# Never "the group's application of the year" (selectors.COUNTED_STATES), whatever happens
# next: a group that has one may have more of these.
UNCOUNTED = ("draft", "withdrawn")
TEXT_FIELDS = (
    "title",
    "purpose",
    "activities",
    "schedule",
    "place",
    "beneficiaries",
    "partners",
    "roles",
    "goals",
)


@dataclass
class Made:
    """One application as planned, with what goes with it."""

    application: Any
    lines: list[Any] = field(default_factory=list)
    sent: list[datetime.datetime] = field(default_factory=list)  # each version's time
    scored: int = 0  # how many reviewers have scored
    totals: dict[str, int] = field(default_factory=dict)


@contextmanager
def _times_as_set(*models: Any) -> Iterator[None]:
    """Let bulk_create keep the created_at and updated_at we set instead of now."""
    fields = [(m._meta.get_field("created_at"), m._meta.get_field("updated_at")) for m in models]
    for created, updated in fields:
        created.auto_now_add = False
        updated.auto_now = False
    try:
        yield
    finally:
        for created, updated in fields:
            created.auto_now_add = True
            updated.auto_now = True


def generate_grants(*, applications: int = 20000, seed: int) -> None:
    """The six programmes for this 年度 and the two before, and `applications` applications
    over them in every state, with budget lines, versions, decisions and scores."""
    from django.db import transaction
    from django.utils import timezone

    from tsunagaru.core.dates import fiscal_year
    from tsunagaru.grants.models import Programme

    today = timezone.localdate()
    year = fiscal_year(today)
    years = [year - 2, year - 1, year]
    if Programme.objects.filter(fiscal_year__in=years).exists():
        print("  grants: there are programmes for these years already; nothing added")
        return
    rng = random.Random(seed + 17)
    world: dict[str, Any] = {
        "rng": rng,
        "today": today,
        "now": timezone.now(),
        "year": year,
    }
    with transaction.atomic():
        _people(world)
        _programmes(world, years)
        made = [_application(world, n) for n in range(applications)]
        _first_times(made)
        counts = _save(world, made)
        counts.update(_after_decision(world, made))
        committed = _budgets(world, made)
    states: dict[str, int] = defaultdict(int)
    for item in made:
        states[item.application.state] += 1
    print(
        f"  grants: {len(world['programmes'])} programmes, {len(made)} applications "
        f"({', '.join(f'{k} {v}' for k, v in sorted(states.items()))}), {counts['lines']} "
        f"budget lines, {counts['versions']} versions, {counts['scores']} scores, "
        f"{counts['reports']} results reports, {counts['payments']} payments, "
        f"{counts['changes']} change requests, ¥{committed:,} committed"
    )


def _people(world: dict[str, Any]) -> None:
    """The applicants (verified groups with a representative), their members, three reviewers
    and the staff member who decides."""
    from support_data import staff_user

    from tsunagaru.accounts.models import Role, User
    from tsunagaru.partners.models import Membership, Organisation

    speakers: dict[int, int] = {}
    members: dict[int, int] = {}
    for org, user, role in (
        Membership.objects.filter(organisation__status=Organisation.Status.VERIFIED)
        .order_by("pk")
        .values_list("organisation_id", "user_id", "role")
    ):
        if role == Membership.Role.REPRESENTATIVE:
            speakers.setdefault(org, user)
        else:
            members.setdefault(org, user)
    groups = list(
        Organisation.objects.filter(pk__in=list(speakers))
        .order_by("pk")
        .values_list("pk", "kind__code", "district__name", "name")
    )
    if not groups:
        raise SystemExit("grants: no verified groups with a representative: add --orgs first")
    reviewers = list(User.objects.filter(role=Role.REVIEWER, is_active=True).order_by("pk"))
    for n in range(len(reviewers), 3):
        reviewers.append(
            User.objects.create_user(
                email=f"bench17-reviewer{n}@example.jp",
                family_name="審査",
                display_name=f"審査委員{n + 1}",
                role=Role.REVIEWER,
            )
        )
    world.update(
        groups={pk: (kind, district or "市内") for pk, kind, district, _n in groups},
        names={pk: name for pk, _k, _d, name in groups},
        speakers=speakers,
        members=members,
        reviewers=[r.pk for r in reviewers],
        staff=staff_user(Role.CITY_STAFF, "bench-city@example.jp", "地域づくり推進課"),
        actions=_plan_actions(),
    )


def _plan_actions() -> dict[int, list[int]]:
    """The actions of each association's adopted (or revised) community plans."""
    from tsunagaru.community.plan_models import PlanAction

    actions: dict[int, list[int]] = defaultdict(list)
    for pk, organisation in (
        PlanAction.objects.filter(plan__status__in=("adopted", "revised"))
        .order_by("pk")
        .values_list("pk", "plan__organisation_id")
    ):
        actions[organisation].append(pk)
    return actions


def _programmes(world: dict[str, Any], years: list[int]) -> None:
    """The demo's programmes for each year, and each (programme, year)'s applicants and the
    windows in which they applied."""
    from tsunagaru.grants.demo import PROGRAMMES, _programme

    rng = world["rng"]
    world["programmes"], world["slots"], world["windows"] = {}, {}, {}
    for year in years:
        for entry in PROGRAMMES:
            programme = _programme(entry, year)
            key = (entry["code"], year)
            world["programmes"][key] = {
                "programme": programme,
                "courses": {c.code: c for c in programme.courses.all()},
                "categories": list(programme.cost_categories.all()),
                "criteria": list(programme.criteria.all()),
            }
            windows = _windows(world, programme)
            if not windows:
                continue  # nothing had opened yet
            world["windows"][key] = windows
            pool = _pool(world, entry["code"])
            primary, extra = list(pool), list(pool) if entry["courses"] else []
            rng.shuffle(primary)
            rng.shuffle(extra)
            world["slots"][key] = {"primary": primary, "extra": extra, "pool": pool}


def _pool(world: dict[str, Any], code: str) -> list[int]:
    kinds = APPLICANTS[code]
    pool = [pk for pk, (kind, _d) in world["groups"].items() if kinds is None or kind in kinds]
    return pool or list(world["groups"])


def _windows(world: dict[str, Any], programme: Any) -> list[tuple[Any, Any, Any]]:
    """(round or None, first moment, last moment) of each round opened by now; a programme
    without rounds takes applications over its whole 年度."""
    from tsunagaru.core.dates import fiscal_year_end, fiscal_year_start

    now = world["now"]
    rounds = list(programme.rounds.order_by("number"))
    spans = [(r, r.opens_on, r.deadline) for r in rounds] or [
        (None, fiscal_year_start(programme.fiscal_year), fiscal_year_end(programme.fiscal_year))
    ]
    windows = []
    for round_, first, last in spans:
        start, end = _at(first, 9), min(_at(last, 17), now - datetime.timedelta(hours=1))
        if end > start:
            windows.append((round_, start, end))
    return windows


def _at(day: datetime.date, hour: int) -> datetime.datetime:
    from django.utils import timezone

    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def _between(rng: random.Random, start: datetime.datetime, end: datetime.datetime) -> Any:
    return start + (end - start) * rng.random()


def _choose(world: dict[str, Any]) -> tuple[tuple[str, int], int, str | None, bool]:
    """A programme and year, the group and the course: a group's one application of the year
    while there are groups left that have none, then more that do not count."""
    rng = world["rng"]
    slots = world["slots"]
    codes = [c for c in WEIGHTS if any(k[0] == c for k in slots)]
    code = rng.choices(codes, [WEIGHTS[c] for c in codes])[0]
    key = (code, rng.choice([k[1] for k in slots if k[0] == code]))
    if not slots[key]["primary"] and not slots[key]["extra"]:
        key = max(slots, key=lambda k: len(slots[k]["primary"]) + len(slots[k]["extra"]))
    chosen = slots[key]
    courses = world["programmes"][key]["courses"]
    if chosen["extra"] and (rng.random() < 0.2 or not chosen["primary"]):
        return key, chosen["extra"].pop(), "collaboration", False
    course = rng.choices(["challenge", "step-up"], [55, 45])[0] if courses else None
    if chosen["primary"]:
        return key, chosen["primary"].pop(), course, False
    return key, rng.choice(chosen["pool"]), course, True  # every group has applied


def _application(world: dict[str, Any], n: int) -> Made:
    from tsunagaru.grants.models import Application

    rng = world["rng"]
    key, group, course_code, repeat = _choose(world)
    spec = world["programmes"][key]
    programme = spec["programme"]
    course = spec["courses"].get(course_code) if course_code else None
    round_, start, end = rng.choice(world["windows"][key])
    phase = _phase(world, programme, round_)
    states = [s for s in STATES[phase] if not repeat or s[0] in UNCOUNTED]
    state = rng.choices([s for s, _w in states], [w for _s, w in states])[0]
    _kind, district = world["groups"][group]
    created = _between(rng, start, start + (end - start) * 0.8)
    application = Application(
        programme=programme,
        course=course,
        round=round_,
        organisation_id=group,
        state=state,
        created_by_id=world["members"].get(group, world["speakers"][group]),
        created_at=created,
        updated_at=created,
        **_texts(rng, key[0], district, n, light=bool(course and course.form == "light")),
    )
    if key[0] in ("self-reliance", "collaboration-grant") and world["actions"].get(group):
        application.plan_action_id = rng.choice(world["actions"][group])
    item = Made(application)
    _budget(world, item, spec, course)
    _history(world, item, end)
    return item


def _phase(world: dict[str, Any], programme: Any, round_: Any) -> str:
    if programme.fiscal_year < world["year"]:
        return "past"
    if round_ is not None and round_.deadline < world["today"]:
        return "closed"
    return "open"


def _texts(rng: random.Random, code: str, place: str, n: int, *, light: bool) -> dict[str, str]:
    topic = rng.choice(TOPICS)[0]
    texts = {
        "title": rng.choice(TITLES[code]).format(place=place, topic=topic),
        "purpose": f"{place}では{rng.choice(PROBLEMS)}。",
        "activities": rng.choice(ACTIVITIES).format(n=rng.randint(2, 6)),
        "schedule": rng.choice(["6月から翌年2月まで", "通年", "7月から12月まで", "秋の2か月"]),
        "place": f"{place}地区センター" if n % 3 else f"{place}の集会所",
        "beneficiaries": f"{place}の住民 約{rng.randint(2, 90)}0人",
    }
    if not light:
        partner = rng.choice(PARTNERS)
        texts["partners"] = partner
        texts["roles"] = f"会が運営し、{partner}が場所と呼びかけを受け持つ。"
        texts["goals"] = rng.choice(GOALS).format(n=rng.randint(3, 9))
    return texts


def _budget(world: dict[str, Any], item: Made, spec: dict[str, Any], course: Any) -> None:
    """2–4 expenses in the programme's categories, the grant the rules give, and the group's
    own funds for the rest."""
    from tsunagaru.grants import amounts
    from tsunagaru.grants.models import BudgetLine

    rng = world["rng"]
    programme = spec["programme"]
    low, high = (course.cap // 2, course.cap * 16 // 10) if course else COSTS[programme.code]
    cost = rng.randint(low // 1000, high // 1000) * 1000
    eligible = [c for c in spec["categories"] if c.eligible]
    other = [c for c in spec["categories"] if not c.eligible]
    parts = rng.randint(2, 4)
    shares = [rng.randint(1, 10) for _n in range(parts)]
    for index, share in enumerate(shares):
        amount = cost * share // sum(shares) // 1000 * 1000 or 1000
        category = rng.choice(other) if other and index and rng.random() < 0.15 else None
        category = category or rng.choice(eligible)
        item.lines.append(
            BudgetLine(
                side="expense",
                category=category,
                description=category.note or category.name,
                amount=amount,
            )
        )
    expenses = sum(line.amount for line in item.lines)
    counted = sum(line.amount for line in item.lines if line.category.eligible)
    rule = amounts.Rule(
        numerator=programme.rate_numerator,
        denominator=programme.rate_denominator,
        cap=course.cap if course else programme.cap,
        unit=programme.rounding_unit,
    )
    grant = amounts.grant_asked(counted, rule, None)
    if expenses > grant:
        item.lines.append(
            BudgetLine(
                side="income",
                source="own_funds",
                description="会費と積立金",
                amount=expenses - grant,
            )
        )
    item.totals = {
        "expenses": expenses,
        "eligible": counted,
        "other_income": expenses - grant,
        "grant": grant,
    }


def _history(world: dict[str, Any], item: Made, end: datetime.datetime) -> None:
    """When it was sent (and sent again), returned, scored and decided."""
    rng = world["rng"]
    application = item.application
    state = application.state
    if state == "draft" or (state == "withdrawn" and rng.random() < 0.4):
        return
    first = min(application.created_at + datetime.timedelta(days=rng.randint(1, 20)), end)
    item.sent.append(first)
    application.requested = item.totals["grant"]
    if state in ("submitted", "in_review", "adopted", "not_adopted") and rng.random() < 0.12:
        again = first + datetime.timedelta(days=rng.randint(3, 14))
        if again < world["now"]:
            item.sent.append(again)  # corrected after being returned
    application.submitted_at = item.sent[-1]
    application.updated_at = item.sent[-1]
    if state == "returned":
        application.return_reason = rng.choice(RETURN_REASONS)
    if state in ("in_review", "adopted", "not_adopted"):
        _screened(world, item)


def _screened(world: dict[str, Any], item: Made) -> None:
    rng = world["rng"]
    application = item.application
    spec = world["programmes"][(application.programme.code, application.programme.fiscal_year)]
    reviewers = len(world["reviewers"]) if spec["criteria"] else 0
    if application.state == "in_review":
        item.scored = rng.randint(0, reviewers)
        return
    decided = _decision_time(world, item)
    if decided is None:  # the committee has not met yet
        application.state = "in_review"
        item.scored = rng.randint(0, reviewers)
        return
    item.scored = reviewers
    application.decided_at = decided
    application.updated_at = decided
    application.decided_by = world["staff"]
    if application.state == "adopted":
        requested = application.requested
        unit = application.programme.rounding_unit
        amount = requested
        if rng.random() < 0.2 and requested > unit:
            amount = max(unit, requested * rng.randint(60, 95) // 100 // unit * unit)
            application.decision_note = rng.choice(LESS_NOTES)
        application.decided_amount = amount
        application.conditions = rng.choice(CONDITIONS)
    else:
        application.refusal = rng.choice(REFUSALS)
        application.decision_note = REFUSAL_NOTES[application.refusal]


def _decision_time(world: dict[str, Any], item: Made) -> datetime.datetime | None:
    """After the round's screening day (or a few weeks after sending); None if not yet."""
    rng = world["rng"]
    round_ = item.application.round
    if round_ is not None:
        day = round_.review_on or round_.deadline + datetime.timedelta(days=14)
        decided = _at(day + datetime.timedelta(days=rng.randint(1, 14)), 10)
    else:
        decided = item.sent[-1] + datetime.timedelta(days=rng.randint(14, 60))
    decided = max(decided, item.sent[-1] + datetime.timedelta(days=1))
    return decided if decided < world["now"] else None


def _first_times(made: list[Made]) -> None:
    """The first sent application of each group, in the order they were first sent."""
    first: dict[int, Made] = {}
    for item in made:
        if not item.sent:
            continue
        group = item.application.organisation_id
        if group not in first or item.sent[0] < first[group].sent[0]:
            first[group] = item
    for item in first.values():
        item.application.first_time = True


def _save(world: dict[str, Any], made: list[Made]) -> dict[str, int]:
    from tsunagaru.grants.models import Application, ApplicationVersion, BudgetLine, Score

    with _times_as_set(Application, ApplicationVersion, Score):
        Application.objects.bulk_create([m.application for m in made], batch_size=1000)
        lines = []
        for item in made:
            for line in item.lines:
                line.application = item.application
                lines.append(line)
        BudgetLine.objects.bulk_create(lines, batch_size=2000)
        versions = [v for item in made for v in _versions(world, item)]
        ApplicationVersion.objects.bulk_create(versions, batch_size=1000)
        scores = [s for item in made for s in _scores(world, item)]
        Score.objects.bulk_create(scores, batch_size=2000)
    return {"lines": len(lines), "versions": len(versions), "scores": len(scores)}


def _versions(world: dict[str, Any], item: Made) -> list[Any]:
    from tsunagaru.grants.models import ApplicationVersion

    application = item.application
    snapshot = {
        **{name: getattr(application, name) for name in TEXT_FIELDS},
        "starts_on": None,
        "ends_on": None,
        "plan_action": "",
        "course": application.course.name if application.course else "",
        "organisation": world["names"][application.organisation_id],
        "lines": [
            {
                "side": line.side,
                "category": line.category.name if line.category else "",
                "eligible": bool(line.category and line.category.eligible),
                "source": line.source,
                "description": line.description,
                "amount": line.amount,
            }
            for line in item.lines
        ],
        "totals": item.totals,
        "files": [],
    }
    speaker = world["speakers"][application.organisation_id]
    return [
        ApplicationVersion(
            application=application,
            number=number,
            snapshot=snapshot,
            requested=application.requested,
            submitted_by_id=speaker,
            created_at=at,
            updated_at=at,
        )
        for number, at in enumerate(item.sent, start=1)
    ]


def _scores(world: dict[str, Any], item: Made) -> list[Any]:
    from tsunagaru.grants.models import Score

    rng = world["rng"]
    application = item.application
    if not item.scored:
        return []
    spec = world["programmes"][(application.programme.code, application.programme.fiscal_year)]
    good = application.state == "adopted"
    low, high = (60, 95) if good else (30, 75)
    until = application.decided_at or world["now"]
    rows = []
    for reviewer in world["reviewers"][: item.scored]:
        points = {str(c.pk): c.points * rng.randint(low, high) // 100 for c in spec["criteria"]}
        at = _between(rng, item.sent[-1], until)
        rows.append(
            Score(
                application=application,
                reviewer_id=reviewer,
                points=points,
                total=sum(points.values()),
                comment=rng.choice(COMMENTS),
                created_at=at,
                updated_at=at,
            )
        )
    return rows


# After the decision, for adopted applications of past years: (state, weight); "adopted"
# here is a results report never sent (overdue).
AFTER_PAST = [("paid", 70), ("confirmed", 8), ("reported", 7), ("adopted", 15)]


def _after_decision(world: dict[str, Any], made: list[Made]) -> dict[str, int]:
    """What follows an adoption: results reports with a receipt per cost, the confirmed amount
    and its payment for most of the past years' projects (some still adopted, overdue); change
    requests, progress and first halves of the 交付金 in this 年度."""
    from tsunagaru.core.dates import fiscal_year_end
    from tsunagaru.grants import amounts
    from tsunagaru.grants.models import (
        ActualCost,
        Application,
        ChangeRequest,
        Payment,
        ProgressNote,
        ResultsReport,
    )

    rng, now = world["rng"], world["now"]
    reports, costs, payments, changes, notes, changed = [], [], [], [], [], []
    for item in made:
        application = item.application
        if application.state != "adopted":
            continue
        programme = application.programme
        due = fiscal_year_end(programme.fiscal_year) + datetime.timedelta(
            days=programme.report_days
        )
        application.report_due = due
        changed.append(application)
        decided = application.decided_amount
        if programme.fiscal_year == world["year"]:
            if rng.random() < 0.1:
                changes.append(
                    ChangeRequest(
                        application=application,
                        kind="schedule",
                        details="最終回を翌月に移す",
                        reason="会場の都合",
                        new_starts_on=fiscal_year_end(programme.fiscal_year)
                        - datetime.timedelta(days=200),
                        new_ends_on=fiscal_year_end(programme.fiscal_year),
                        requested_by=world["staff"],
                    )
                )
            if rng.random() < 0.15:
                notes.append(
                    ProgressNote(
                        application=application,
                        text="予定どおり進んでいる。",
                        written_by=world["staff"],
                    )
                )
            if programme.payment == "halves":
                payments.append(
                    Payment(
                        application=application,
                        kind="first_half",
                        amount=decided // 2,
                        paid_on=world["today"],
                    )
                )
                application.paid_amount = decided // 2
            continue
        state = rng.choices([s for s, _w in AFTER_PAST], [w for _s, w in AFTER_PAST])[0]
        if state == "adopted":
            continue
        sent = min(now, _at(due - datetime.timedelta(days=rng.randint(1, 25)), 11))
        reports.append(
            ResultsReport(
                application=application,
                done="計画どおり実施した。",
                participants=rng.randint(10, 400),
                submitted_at=sent,
                created_at=sent,
                updated_at=sent,
            )
        )
        spent = [line.amount for line in item.lines if line.side == "expense"]
        category = next((line.category for line in item.lines if line.side == "expense"), None)
        actual = [amount * rng.randint(85, 105) // 100 for amount in spent] or [decided]
        costs.append((application, category, actual))
        application.state = state
        if state in ("confirmed", "paid"):
            rule = amounts.Rule(
                programme.rate_numerator,
                programme.rate_denominator,
                application.course.cap if application.course else programme.cap,
                programme.rounding_unit,
            )
            application.confirmed_amount = amounts.confirmed(decided, sum(actual), rule)
            application.confirmed_at = sent + datetime.timedelta(days=10)
        if state == "paid":
            payments.append(
                Payment(
                    application=application,
                    kind="final",
                    amount=application.confirmed_amount,
                    paid_on=(sent + datetime.timedelta(days=30)).date(),
                )
            )
            application.paid_amount = application.confirmed_amount
    with _times_as_set(ResultsReport):
        ResultsReport.objects.bulk_create(reports, batch_size=1000)
    by_application = {r.application_id: r for r in reports}
    ActualCost.objects.bulk_create(
        [
            ActualCost(
                report=by_application[application.pk],
                category=category,
                description=f"経費{n + 1}",
                amount=amount,
                receipt="grants/receipts/bench.pdf",
                receipt_name=f"領収書{n + 1}.pdf",
                receipt_size=2048,
                receipt_type="application/pdf",
            )
            for application, category, actual in costs
            if category is not None
            for n, amount in enumerate(actual)
        ],
        batch_size=2000,
    )
    Payment.objects.bulk_create(payments, batch_size=1000)
    ChangeRequest.objects.bulk_create(changes, batch_size=1000)
    ProgressNote.objects.bulk_create(notes, batch_size=1000)
    Application.objects.bulk_update(
        changed,
        ["state", "report_due", "confirmed_amount", "confirmed_at", "paid_amount"],
        batch_size=1000,
    )
    return {"reports": len(reports), "payments": len(payments), "changes": len(changes)}


def _budgets(world: dict[str, Any], made: list[Made]) -> int:
    """Each programme's committed and paid sums, and a budget that holds them with some left
    (at least the demo's)."""
    from tsunagaru.grants.models import Programme

    committed: dict[int, int] = defaultdict(int)
    paid: dict[int, int] = defaultdict(int)
    for item in made:
        application = item.application
        if application.state in ("adopted", "reported"):
            committed[application.programme_id] += application.decided_amount
        elif application.state in ("confirmed", "paid"):
            committed[application.programme_id] += application.confirmed_amount
        paid[application.programme_id] += application.paid_amount
    for spec in world["programmes"].values():
        programme = spec["programme"]
        total = committed.get(programme.pk, 0)
        budget = max(programme.budget, (total * 5 // 4 // 1_000_000 + 1) * 1_000_000)
        Programme.objects.filter(pk=programme.pk).update(
            budget=budget, committed=total, paid=paid.get(programme.pk, 0)
        )
    return sum(committed.values())
