"""Deterministic, realistic Japanese data at scale, for benchmarks.

    DATABASE_URL=sqlite:///var/bench.sqlite3 python bench/generate.py --orgs 10000 --seed 1

Migrates the database named by DATABASE_URL (SQLite under var/ by default), then adds
organisations with offers, needs and members, and indexes them for search. The same seed gives
the same data. Later capabilities add their records here (cases, events, …).
"""

from __future__ import annotations

import argparse
import random
import time
from collections.abc import Iterator
from typing import Any

from _django import setup

GROUP_STEMS = [
    "ふれあい",
    "ひまわり",
    "さくら",
    "あおば",
    "みどり",
    "こもれび",
    "つばさ",
    "なかよし",
    "いきいき",
    "すこやか",
    "ゆめ",
    "ほのぼの",
    "かがやき",
    "やまびこ",
    "せせらぎ",
    "わかば",
]
GROUP_TAILS = {
    "district_association": ["振興会", "地区振興会", "地区連合振興会"],
    "neighbourhood_association": ["町内会", "自治会", "自主防災会"],
    "npo": ["の会", "ネット", "サポートセンター", "クラブ"],
    "volunteer_group": ["ボランティアの会", "サークル", "応援隊", "の会"],
    "business": ["商店", "工務店", "農園", "(株)", "運輸", "食品"],
    "education": ["高校", "小学校", "専門学校"],
    "city_department": ["課"],
}
KIND_WEIGHTS = {
    "district_association": 6,
    "neighbourhood_association": 20,
    "npo": 15,
    "volunteer_group": 30,
    "business": 22,
    "education": 4,
    "city_department": 3,
}
TOPICS = [
    ("子ども食堂", "子育て"),
    ("高齢者の見守り", "高齢者"),
    ("防災訓練", "防災"),
    ("花火大会", "地域活性化"),
    ("夏まつり", "地域活性化"),
    ("障がい児のスポーツ教室", "障がい者支援"),
    ("外国人住民の日本語教室", "多文化共生"),
    ("河川の清掃", "環境"),
    ("通学路の見守り", "交通安全"),
    ("郷土芸能の継承", "歴史・伝統芸能"),
    ("移動販売", "高齢者"),
    ("空き家の活用", "まちづくり"),
    ("農産物の直売", "農業・食"),
    ("健康体操教室", "健康づくり"),
    ("読み聞かせ", "教育"),
    ("除雪の手伝い", "福祉"),
    ("フラワーガーデン", "環境"),
    ("ワークキャンプ", "青少年健全育成"),
    ("観光ガイド", "観光"),
    ("手話サークル", "障がい者支援"),
    ("フードバンク", "福祉"),
    ("防犯パトロール", "防犯"),
]
OFFER_TEMPLATES = [
    "{t}の運営ノウハウがあります",
    "{t}に使える会場を貸せます",
    "{t}の経験がある会員が手伝えます",
    "{t}に必要な設備を持っています",
]
NEED_TEMPLATES = [
    "{t}を始めたいが人手が足りない",
    "{t}の進め方を教えてほしい",
    "{t}の会場を探しています",
    "{t}の資金が足りません",
]
FAMILY = [
    "佐藤",
    "菊池",
    "千葉",
    "及川",
    "高橋",
    "阿部",
    "小野寺",
    "鈴木",
    "菅原",
    "佐々木",
    "伊藤",
    "渡辺",
]


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--orgs", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--cases", type=int, default=0, help="also this many published cases (issue 6: 20000)"
    )
    parser.add_argument(
        "--cases-only", action="store_true", help="add cases to the groups already there"
    )
    parser.add_argument(
        "--proposals",
        type=int,
        default=0,
        help="also this many proposals in every state (with --cases-only: to existing groups)",
    )
    parser.add_argument("--events", type=int, default=0, help="also this many events (issue 14)")
    parser.add_argument(
        "--registrations", type=int, default=0, help="with --events: this many registrations"
    )
    parser.add_argument(
        "--knowledge", type=int, default=0, help="also this many knowledge articles (issue 15)"
    )
    parser.add_argument(
        "--consultations",
        type=int,
        default=0,
        help="also this many consultations with referrals (issue 15; adds 200 proposals if none)",
    )
    parser.add_argument(
        "--graduates",
        type=int,
        default=0,
        help="also this many academy graduates in cohorts over eight 年度 (issue 15)",
    )
    parser.add_argument(
        "--plans",
        type=int,
        default=0,
        help="also districts up to this many (e.g. 1000), each with its 振興会, figures and "
        "inventory, four in five with a community plan (issue 16)",
    )
    parser.add_argument(
        "--grants",
        type=int,
        default=0,
        help="also the grant programmes of three 年度 and this many applications in every "
        "state from the verified groups, with budgets, versions, decisions and scores (issue 17)",
    )
    args = parser.parse_args()
    setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)
    started = time.perf_counter()
    if not args.cases_only:
        generate_partners(orgs=args.orgs, seed=args.seed)
        print(f"generated {args.orgs} organisations in {time.perf_counter() - started:.1f} s")
    if args.cases:
        started = time.perf_counter()
        generate_cases(count=args.cases, seed=args.seed)
        print(f"generated {args.cases} cases in {time.perf_counter() - started:.1f} s")
    if args.proposals:
        from proposals import generate_proposals

        started = time.perf_counter()
        generate_proposals(count=args.proposals, seed=args.seed)
        print(f"generated {args.proposals} proposals in {time.perf_counter() - started:.1f} s")
    if args.events:
        from info import generate_events

        started = time.perf_counter()
        generate_events(count=args.events, registrations=args.registrations, seed=args.seed)
        print(
            f"generated {args.events} events and {args.registrations} registrations "
            f"in {time.perf_counter() - started:.1f} s"
        )
    if args.knowledge:
        from knowledge import generate_knowledge

        started = time.perf_counter()
        generate_knowledge(count=args.knowledge, seed=args.seed)
        print(
            f"generated {args.knowledge} knowledge articles in {time.perf_counter() - started:.1f} s"
        )
    if args.consultations:
        generate_support(count=args.consultations, seed=args.seed)
    if args.graduates:
        from academy_data import generate_graduates

        started = time.perf_counter()
        generate_graduates(count=args.graduates, seed=args.seed)
        print(f"generated {args.graduates} graduates in {time.perf_counter() - started:.1f} s")
    if args.plans:
        from community_data import generate_plans

        started = time.perf_counter()
        generate_plans(districts=args.plans, seed=args.seed)
        print(
            f"generated plans for {args.plans} districts in {time.perf_counter() - started:.1f} s"
        )
    if args.grants:
        from grants_data import generate_grants

        started = time.perf_counter()
        generate_grants(applications=args.grants, seed=args.seed)
        print(
            f"generated {args.grants} grant applications in {time.perf_counter() - started:.1f} s"
        )


def generate_support(*, count: int, seed: int) -> None:
    """Consultations; first a few proposals when there are none, for referrals to them."""
    from support_data import generate_consultations

    from tsunagaru.proposals.models import Proposal

    if not Proposal.objects.exists():
        from proposals import generate_proposals

        generate_proposals(count=200, seed=seed)
    started = time.perf_counter()
    generate_consultations(count=count, seed=seed)
    print(f"generated {count} consultations in {time.perf_counter() - started:.1f} s")


def generate_partners(*, orgs: int, seed: int) -> None:
    """Organisations (verified, a few pending), 0–3 offers and needs each, 1–3 members."""
    from django.db import transaction

    from tsunagaru.accounts.models import User
    from tsunagaru.core.models import District
    from tsunagaru.guideline.models import ActivityField, OrganisationKind
    from tsunagaru.partners.models import Membership, Need, Offer, Organisation

    rng = random.Random(seed)
    kinds = {k.code: k for k in OrganisationKind.objects.all()}
    districts = list(District.objects.select_related("area"))
    fields = {f.name: f for f in ActivityField.objects.all()}
    kind_codes = list(KIND_WEIGHTS)
    weights = [KIND_WEIGHTS[k] for k in kind_codes]

    with transaction.atomic():
        users = User.objects.bulk_create(
            [
                User(
                    email=f"bench{seed}-{n}@example.jp",
                    family_name=rng.choice(FAMILY),
                    display_name=f"会員{n}",
                    role="partner_member",
                    password="!",
                )
                for n in range(orgs * 2)
            ],
            batch_size=1000,
        )
        rows = []
        for n in range(orgs):
            code = rng.choices(kind_codes, weights)[0]
            district = rng.choice(districts)
            topic, _field = rng.choice(TOPICS)
            name = f"{district.name}{rng.choice(GROUP_STEMS)}{rng.choice(GROUP_TAILS[code])}{n}"
            rows.append(
                Organisation(
                    kind=kinds[code],
                    name=name,
                    name_kana="",
                    district=district,
                    area=district.area,
                    description=f"{district.area.name}{district.name}で{topic}に取り組んでいます。地域の皆さんと一緒に活動しています。",
                    status="pending" if n % 50 == 0 else "verified",
                    created_by=users[n],
                    founded_year=rng.randint(1980, 2025),
                    member_count=rng.randint(3, 300),
                )
            )
        organisations = Organisation.objects.bulk_create(rows, batch_size=1000)
        through = Organisation.activity_fields.through
        links, offers, needs, members = [], [], [], []
        for n, organisation in enumerate(organisations):
            chosen = rng.sample(TOPICS, 3)
            for field in {fields[f] for _, f in chosen if f in fields}:
                links.append(through(organisation_id=organisation.pk, activityfield_id=field.pk))
            for topic, _f in chosen[: rng.randint(0, 3)]:
                offers.append(
                    Offer(
                        organisation=organisation,
                        category=rng.choice(["knowhow", "place", "skill", "equipment"]),
                        title=rng.choice(OFFER_TEMPLATES).format(t=topic),
                    )
                )
            for topic, _f in chosen[: rng.randint(0, 3)]:
                needs.append(
                    Need(
                        organisation=organisation,
                        category=rng.choice(["local_issue", "want_to_do", "trouble"]),
                        title=rng.choice(NEED_TEMPLATES).format(t=topic),
                        status="closed" if rng.random() < 0.2 else "open",
                    )
                )
            members.append(
                Membership(organisation=organisation, user=users[n], role="representative")
            )
            members.append(
                Membership(organisation=organisation, user=users[orgs + n], role="member")
            )
        through.objects.bulk_create(links, batch_size=2000)
        Offer.objects.bulk_create(offers, batch_size=2000)
        Need.objects.bulk_create(needs, batch_size=2000)
        Membership.objects.bulk_create(members, batch_size=2000)
        index_partners(organisations)


CASE_RESULTS = [
    "当日は{n}人が参加し、地区の新しい恒例行事になりました。",
    "参加者アンケートでは{n}割が「また参加したい」と答えました。",
    "活動は{n}年続き、ほかの地区にも広がっています。",
]
CASE_LESSONS = [
    "早めに市民活動支援センターへ相談すると、つながる相手が見つかります。",
    "役割分担を最初に紙に書いて、全員で確認しておくと安心です。",
    "経験のある団体の行事を見学するのが一番の近道でした。",
]


def generate_cases(*, count: int, seed: int) -> None:
    """Published cases between the generated groups, classified and indexed for search."""
    from django.db import transaction
    from django.utils import timezone

    from tsunagaru.accounts.models import User
    from tsunagaru.cases.models import Case, CasePartner
    from tsunagaru.guideline.models import (
        ActivityField,
        CollaborationType,
        Domain,
        Form,
        SuitableField,
    )
    from tsunagaru.partners.models import Organisation
    from tsunagaru.search.services import index_many

    rng = random.Random(seed + 6)
    organisations = list(
        Organisation.objects.filter(status="verified").select_related("district", "area", "kind")
    )
    forms = list(Form.objects.all())
    domains = list(Domain.objects.all())
    types = list(CollaborationType.objects.all())
    suitable = list(SuitableField.objects.all())
    fields = {f.name: f for f in ActivityField.objects.all()}
    by = User.objects.filter(role="coordinator").first() or User.objects.first()
    now = timezone.now()
    with transaction.atomic():
        rows, pairs = [], []
        for n in range(count):
            topic, field = rng.choice(TOPICS)
            first, second = rng.sample(organisations, 2)
            rows.append(
                Case(
                    title=f"{first.district.name if first.district else ''}の{topic}（事例{n}）",
                    summary=f"{first.name}と{second.name}がつながり、{topic}に取り組みました。",
                    actions=f"{topic}の準備を二つの団体で分担し、地域の人に参加を呼びかけました。",
                    roles=f"{first.name}は会場と地域の調整、{second.name}は運営の経験を生かして当日を支えました。",
                    results=rng.choice(CASE_RESULTS).format(n=rng.randint(2, 300)),
                    lessons=rng.choice(CASE_LESSONS),
                    fiscal_year=rng.randint(2016, 2026),
                    area=first.area,
                    district=first.district,
                    domain=rng.choice(domains),
                    collaboration_type=rng.choice(types),
                    status="published",
                    published_at=now,
                    created_by=by,
                    is_model=rng.random() < 0.05,
                )
            )
            pairs.append((first, second, field))
        cases = Case.objects.bulk_create(rows, batch_size=1000)
        partners, form_links, field_links, suitable_links, kind_links = [], [], [], [], []
        for case, (first, second, field) in zip(cases, pairs, strict=True):
            partners += [
                CasePartner(
                    case=case, organisation=first, name=first.name, role="会場と地域の調整", order=0
                ),
                CasePartner(case=case, organisation=second, name=second.name, role="運営", order=1),
            ]
            for form in rng.sample(forms, rng.randint(1, 2)):
                form_links.append(Case.forms.through(case_id=case.pk, form_id=form.pk))
            if field in fields:
                field_links.append(
                    Case.activity_fields.through(case_id=case.pk, activityfield_id=fields[field].pk)
                )
            for kind_id in sorted({first.kind.partner_kind_id, second.kind.partner_kind_id}):
                kind_links.append(
                    Case.partner_kinds.through(case_id=case.pk, partnerkind_id=kind_id)
                )
            suitable_links.append(
                Case.suitable_fields.through(
                    case_id=case.pk, suitablefield_id=rng.choice(suitable).pk
                )
            )
        CasePartner.objects.bulk_create(partners, batch_size=2000)
        Case.forms.through.objects.bulk_create(form_links, batch_size=2000)
        Case.activity_fields.through.objects.bulk_create(field_links, batch_size=2000)
        Case.suitable_fields.through.objects.bulk_create(suitable_links, batch_size=2000)
        Case.partner_kinds.through.objects.bulk_create(kind_links, batch_size=2000)
        index_many(
            model=Case,
            items=(
                (c.pk, c.title, [c.summary, c.actions, c.roles, c.results, c.lessons], True)
                for c in cases
            ),
        )


def index_partners(organisations: list[Any]) -> None:
    from tsunagaru.partners.models import Organisation
    from tsunagaru.search.services import index_many

    index_many(model=Organisation, items=_index_items([o.pk for o in organisations]))


def _index_items(pks: list[int]) -> Iterator[tuple[int, str, list[str], bool]]:
    from tsunagaru.partners.models import Organisation

    for start in range(0, len(pks), 500):
        batch = (
            Organisation.objects.filter(pk__in=pks[start : start + 500])
            .select_related("kind", "district", "area")
            .prefetch_related("activity_fields", "offers", "needs")
        )
        for o in batch:
            texts = [
                o.kind.name,
                o.district.name if o.district else "",
                o.description,
                *(f.name for f in o.activity_fields.all()),
                *(x.title for x in o.offers.all()),
                *(x.title for x in o.needs.all() if x.status == "open"),
            ]
            yield o.pk, o.name, texts, o.status == "verified"


if __name__ == "__main__":
    main()
