"""Benchmark the proposal table on generated data.

    DATABASE_URL=sqlite:///var/bench.sqlite3 python bench/generate.py --cases-only --proposals 5000
    DATABASE_URL=sqlite:///var/bench.sqlite3 python bench/proposals.py --requests 40

Server time per request (Django's test client, in process): the public list of projects, a
project's public page, the secretariat's dashboard, a party's agreement page and "my
proposals", the API's first page; median and p95 in ms with the query count.
"""

from __future__ import annotations

import argparse
import datetime
import random
from decimal import Decimal
from typing import Any

from _django import setup

STATES = [
    ("draft", 5),
    ("submitted", 8),
    ("returned", 3),
    ("at_table", 12),
    ("agreed", 30),
    ("finished", 12),
    ("evaluated", 20),
    ("not_adopted", 10),
]
TOPICS = [
    "子ども食堂",
    "高齢者の見守り",
    "防災訓練",
    "花火大会",
    "空き家の活用",
    "除雪の手伝い",
    "移動販売",
    "郷土芸能の継承",
    "多文化共生の日本語教室",
    "河川の清掃",
]


def generate_proposals(*, count: int, seed: int) -> None:
    """Proposals between the generated groups, spread over every state, with parties,
    meetings, agreements approved by all, reports and evaluations where the state has them."""
    from django.db import transaction
    from django.utils import timezone

    from tsunagaru.accounts.models import User
    from tsunagaru.guideline.models import CollaborationType, Domain, Form, Principle
    from tsunagaru.partners.models import Organisation
    from tsunagaru.proposals import models as m

    rng = random.Random(seed + 7)
    groups = list(
        Organisation.objects.filter(status="verified").exclude(kind__code="city_department")
    )
    departments = list(Organisation.objects.filter(status="verified", kind__code="city_department"))
    by = User.objects.filter(role="coordinator").first() or User.objects.first()
    forms, domains = list(Form.objects.all()), list(Domain.objects.all())
    types, principles = list(CollaborationType.objects.all()), list(Principle.objects.all())
    states = [s for s, weight in STATES for _ in range(weight)]
    now = timezone.now()
    with transaction.atomic():
        proposals = m.Proposal.objects.bulk_create(
            [
                m.Proposal(
                    title=f"{rng.choice(TOPICS)}の協働事業（提案{n}）",
                    problem="地域の担い手が足りず、活動を続けるのが難しくなっています。",
                    idea="団体と市が役割を分担して取り組みます。",
                    brings="人手と会場",
                    asks="情報提供と広報",
                    proposer=rng.choice(groups),
                    status=rng.choice(states),
                    fiscal_year=rng.randint(2021, 2026),
                    submitted_at=now,
                    needs_money=rng.random() < 0.4,
                    created_by=by,
                )
                for n in range(count)
            ],
            batch_size=1000,
        )
        parties = _parties(proposals, groups, departments, rng)
        by_proposal: dict[int, list[Any]] = {}
        for party in parties:
            by_proposal.setdefault(party.proposal_id, []).append(party)
        tabled = [p for p in proposals if len(by_proposal[p.pk]) > 1]
        meetings = m.Meeting.objects.bulk_create(
            [
                m.Meeting(
                    proposal=p,
                    held_at=now,
                    place="地区センター",
                    minutes="協議しました。",
                    recorded_by=by,
                )
                for p in tabled
            ],
            batch_size=1000,
        )
        m.Meeting.present.through.objects.bulk_create(
            [
                m.Meeting.present.through(meeting_id=mt.pk, party_id=party.pk)
                for mt in meetings
                for party in by_proposal[mt.proposal_id]
            ],
            batch_size=2000,
        )
        agreements = m.Agreement.objects.bulk_create([m.Agreement(proposal=p) for p in tabled])
        versions = m.AgreementVersion.objects.bulk_create(
            [
                m.AgreementVersion(
                    agreement=a,
                    number=1,
                    purpose="地域課題の解決",
                    domain=rng.choice(domains),
                    collaboration_type=rng.choice(types),
                    cost_sharing="費用なし",
                    starts_on=datetime.date(2026, 4, 1),
                    ends_on=datetime.date(2027, 3, 31),
                    publication_text="取組みの内容を公開します。",
                    private_matters="個人名",
                    created_by=by,
                )
                for a in agreements
            ],
            batch_size=1000,
        )
        for a, v in zip(agreements, versions, strict=True):
            a.current = v
            if a.proposal.status != "at_table":
                a.approved = v
        m.Agreement.objects.bulk_update(agreements, ["current", "approved"], batch_size=1000)
        m.AgreementVersion.forms.through.objects.bulk_create(
            [
                m.AgreementVersion.forms.through(
                    agreementversion_id=v.pk, form_id=rng.choice(forms).pk
                )
                for v in versions
            ],
            batch_size=2000,
        )
        m.Goal.objects.bulk_create(
            [
                m.Goal(
                    version=v,
                    description="参加者数",
                    unit="人",
                    target_value=Decimal(50),
                    due_on=datetime.date(2027, 3, 31),
                    key=1,
                )
                for v in versions
            ],
            batch_size=2000,
        )
        tasks, approvals, reports, evaluations = _work(agreements, versions, by_proposal, by, rng)
        m.Task.objects.bulk_create(tasks, batch_size=2000)
        m.Approval.objects.bulk_create(approvals, batch_size=2000)
        reports = m.ProgressReport.objects.bulk_create(reports, batch_size=2000)
        m.GoalValue.objects.bulk_create(
            [m.GoalValue(report=r, goal_key=1, value=Decimal(rng.randint(5, 60))) for r in reports],
            batch_size=2000,
        )
        evaluations = m.Evaluation.objects.bulk_create(evaluations, batch_size=2000)
        m.PrincipleScore.objects.bulk_create(
            [
                m.PrincipleScore(evaluation=e, principle=p, score=rng.randint(2, 5))
                for e in evaluations
                for p in principles
            ],
            batch_size=5000,
        )


def _parties(
    proposals: list[Any], groups: list[Any], departments: list[Any], rng: Any
) -> list[Any]:
    """The proposer of each; a partner and a department for those that reached the table."""
    from tsunagaru.proposals import models as m

    parties: list[Any] = []
    for p in proposals:
        if p.status == "not_adopted":
            p.closing_reason = rng.choice(m.Proposal.ClosingReason.values)
            p.closing_note = "既存の事業で対応します。"
        joined = p.status not in ("draft", "submitted", "returned", "not_adopted")
        parties.append(
            m.Party(proposal=p, organisation=p.proposer, role="proposer", answer="accepted")
        )
        if joined:
            partner = rng.choice(groups)
            while partner.pk == p.proposer_id:
                partner = rng.choice(groups)
            parties.append(
                m.Party(proposal=p, organisation=partner, role="partner", answer="accepted")
            )
            parties.append(
                m.Party(
                    proposal=p,
                    organisation=rng.choice(departments),
                    role="department",
                    answer="accepted",
                )
            )
    m.Proposal.objects.bulk_update(
        [p for p in proposals if p.status == "not_adopted"], ["closing_reason", "closing_note"]
    )
    m.Proposal.objects.bulk_update(
        [p for p in proposals if p.status == "not_adopted"], ["closing_reason", "closing_note"]
    )
    return m.Party.objects.bulk_create(parties, batch_size=2000)


def _work(
    agreements: list[Any], versions: list[Any], by_proposal: dict[int, list[Any]], by: Any, rng: Any
) -> tuple[list[Any], ...]:
    """Role tables, approvals, reports and evaluations, by each agreement's state."""
    from tsunagaru.proposals import models as m

    tasks, approvals, reports, evaluations = [], [], [], []
    for a, v in zip(agreements, versions, strict=True):
        for party in by_proposal[a.proposal_id]:
            tasks.append(
                m.Task(
                    version=v,
                    description="担当",
                    responsible=party,
                    citizens_part="運営" if party.role != "department" else "",
                    city_part="広報" if party.role == "department" else "",
                )
            )
            if a.approved_id:
                approvals.append(m.Approval(version=v, party=party, approved_by=by))
            if a.proposal.status == "evaluated":
                evaluations.append(
                    m.Evaluation(
                        proposal=a.proposal,
                        party=party,
                        goal_achievement=rng.randint(2, 5),
                        continue_project="yes",
                        submitted_by=by,
                    )
                )
        if a.approved_id:
            for month in range(rng.randint(0, 4)):
                reports.append(
                    m.ProgressReport(
                        proposal=a.proposal,
                        party=by_proposal[a.proposal_id][0],
                        reported_on=datetime.date(2026, 5 + month, 1),
                        note="実施しました。",
                        author=by,
                    )
                )
    return tasks, approvals, reports, evaluations


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=40)
    parser.add_argument("--seed", type=int, default=12)
    args = parser.parse_args()
    setup()
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from partners import measure

    from tsunagaru.accounts.models import User
    from tsunagaru.partners.models import Membership
    from tsunagaru.proposals.models import PUBLIC_STATES, Party, Proposal

    settings.DEBUG = False
    rng = random.Random(args.seed)
    public = list(Proposal.objects.filter(status__in=PUBLIC_STATES).values_list("pk", flat=True))
    total = Proposal.objects.count()
    anonymous = Client(HTTP_HOST="localhost")
    staff = Client(HTTP_HOST="localhost")
    coordinator, _new = User.objects.get_or_create(
        email="bench-coordinator@example.jp",
        defaults={"role": "coordinator", "family_name": "支援"},
    )
    staff.force_login(coordinator)
    member = Client(HTTP_HOST="localhost")
    busy = (
        Party.objects.values("organisation_id")
        .order_by()
        .annotate(n=__import__("django").db.models.Count("pk"))
        .order_by("-n")
        .first()
    )
    speaker = Membership.objects.filter(organisation_id=busy["organisation_id"]).first()
    member.force_login(speaker.user)
    project = rng.choice(public)
    cases = {
        "public list of projects": (anonymous, "/proposals/"),
        "public list, page 50": (anonymous, "/proposals/?page=50"),
        "a project's public page": (anonymous, f"/proposals/{project}/"),
        "the secretariat's dashboard": (staff, "/proposals/table/"),
        "agreement page (staff)": (staff, f"/proposals/{project}/agreement/"),
        "my proposals (busiest group)": (member, "/proposals/mine/"),
        "API: projects, 50": (anonymous, "/api/projects?limit=50"),
        "not adopted, one year": (anonymous, "/proposals/not-adopted/?year=2024"),
    }
    print(
        f"{connection.vendor}: {total} proposals, {len(public)} public, {args.requests} requests each"
    )
    print(f"{'case':34} {'median ms':>10} {'p95 ms':>8} {'queries':>8}")
    for label, (client, path) in cases.items():
        median, p95, queries = measure(client, path, args.requests)
        print(f"{label:34} {median:10.1f} {p95:8.1f} {queries:8d}")


if __name__ == "__main__":
    main()
