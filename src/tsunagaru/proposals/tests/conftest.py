"""Three parties at one table — a 地区振興会 that proposes, an NPO and a city department — and
the table's secretariat (city staff)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

import pytest

from tsunagaru.accounts.models import Role, User
from tsunagaru.guideline.models import CollaborationType, Domain, Form, OrganisationKind
from tsunagaru.partners.models import Membership, Organisation
from tsunagaru.partners.tests.factories import MembershipFactory, OrganisationFactory
from tsunagaru.proposals import services
from tsunagaru.proposals.models import Party, Proposal


@dataclass
class Table:
    district: Organisation
    npo: Organisation
    department: Organisation
    district_rep: User
    district_member: User
    npo_rep: User
    department_rep: User
    secretariat: User
    outsider: User

    def party(self, proposal: Proposal, organisation: Organisation) -> Party:
        return proposal.parties.get(organisation=organisation)


@pytest.fixture
def table(make_user) -> Table:
    district_rep = make_user(Role.PARTNER_MEMBER, email="shirayama@example.jp")
    district = MembershipFactory(
        user=district_rep,
        organisation__name="白山地区振興会",
        organisation__kind=OrganisationKind.objects.get(code="district_association"),
    ).organisation
    district_member = make_user(Role.PARTNER_MEMBER, email="member@example.jp")
    MembershipFactory(user=district_member, organisation=district, role=Membership.Role.MEMBER)
    npo_rep = make_user(Role.PARTNER_MEMBER, email="npo@example.jp")
    npo = MembershipFactory(
        user=npo_rep,
        organisation__name="NPO法人いわて地域づくり支援センター",
        organisation__kind=OrganisationKind.objects.get(code="npo"),
    ).organisation
    department_rep = make_user(Role.CITY_STAFF, email="chiiki@example.jp")
    department = MembershipFactory(
        user=department_rep,
        organisation=OrganisationFactory(
            name="奥州市 地域づくり推進課",
            kind=OrganisationKind.objects.get(code="city_department"),
            district=None,
            area=None,
        ),
    ).organisation
    return Table(
        district=district,
        npo=npo,
        department=department,
        district_rep=district_rep,
        district_member=district_member,
        npo_rep=npo_rep,
        department_rep=department_rep,
        secretariat=make_user(Role.CITY_STAFF, email="secretariat@example.jp"),
        outsider=make_user(Role.PARTNER_MEMBER, email="outsider@example.jp"),
    )


PROPOSAL = {
    "title": "地区の将来像を描くワークショップ",
    "problem": "若い世代が地区の行事に参加しにくく、担い手が減っています。",
    "idea": "中間支援のNPOと一緒にワークショップを開き、地区計画の改訂につなげます。",
    "brings": "会場と地区住民への呼びかけ",
    "asks": "進行役と、市の計画や統計の情報",
    "needs_money": False,
}


def submitted(t: Table) -> Proposal:
    proposal = services.proposal_save(
        proposal=None, data=PROPOSAL, by=t.district_rep, proposer=t.district
    )
    return services.proposal_submit(proposal=proposal, by=t.district_rep)


def at_table(t: Table) -> Proposal:
    proposal = submitted(t)
    services.proposal_accept(
        proposal=proposal, departments=[t.department], partners=[t.npo], by=t.secretariat
    )
    services.party_answer(party=t.party(proposal, t.npo), accept=True, by=t.npo_rep)
    services.party_answer(party=t.party(proposal, t.department), accept=True, by=t.department_rep)
    return proposal


def met(t: Table, proposal: Proposal, *, absent: Organisation | None = None):
    present = [p for p in proposal.parties.all() if p.organisation != absent]
    return services.meeting_record(
        proposal=proposal,
        data={
            "held_at": datetime.datetime(2026, 6, 1, 18, 0, tzinfo=datetime.UTC),
            "place": "白山地区センター",
            "minutes": "それぞれのできること・できないことを出し合いました。",
            "decisions": "7月にワークショップを2回開く。",
        },
        present=present,
        by=t.secretariat,
    )


def complete_agreement(t: Table, proposal: Proposal, **changes):
    parties = {p.organisation_id: p for p in proposal.parties.all()}
    data = {
        "purpose": "住民の声を地区コミュニティ計画に生かす。",
        "forms": [Form.objects.get(name="企画・計画立案への参画")],
        "domain": Domain.objects.get(code="C"),
        "collaboration_type": CollaborationType.objects.get(number=2),
        "cost_sharing": "費用は発生しない（会場は地区センター）。",
        "starts_on": datetime.date(2026, 7, 1),
        "ends_on": datetime.date(2027, 3, 31),
        "publication_text": "ワークショップの内容と参加者数を公開します。",
        "private_matters": "参加者の個人名",
        **changes,
    }
    goals = [
        {
            "description": "ワークショップの参加者",
            "unit": "人",
            "target_value": Decimal(40),
            "due_on": datetime.date(2026, 9, 30),
        }
    ]
    tasks = [
        {
            "description": "住民への呼びかけと会場",
            "responsible": parties[t.district.pk],
            "citizens_part": "地区の人のつながりで参加を呼びかける",
        },
        {
            "description": "ワークショップの進行",
            "responsible": parties[t.npo.pk],
            "citizens_part": "中立な進行と記録",
        },
        {
            "description": "市の計画と統計の提供",
            "responsible": parties[t.department.pk],
            "city_part": "総合計画と人口統計の説明",
        },
    ]
    return services.agreement_save(
        proposal=proposal, data=data, goals=goals, tasks=tasks, by=t.district_rep
    )


def approve_all(t: Table, proposal: Proposal, version):
    for organisation, rep in (
        (t.district, t.district_rep),
        (t.npo, t.npo_rep),
        (t.department, t.department_rep),
    ):
        services.agreement_approve(
            proposal=proposal, version=version, party=t.party(proposal, organisation), by=rep
        )


def agreed(t: Table) -> Proposal:
    proposal = at_table(t)
    met(t, proposal)
    approve_all(t, proposal, complete_agreement(t, proposal))
    proposal.refresh_from_db()
    return proposal
