"""Demo proposals: one in each state, one taken all the way to a published evaluation, each
moved by the real services as the parties' representatives."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from tsunagaru.accounts.models import User
from tsunagaru.guideline.models import CollaborationType, Domain, Form, Principle
from tsunagaru.partners import services as partner_services
from tsunagaru.partners.models import Membership, Organisation
from tsunagaru.proposals import services
from tsunagaru.proposals.models import Party, Proposal

# ruff: noqa: E501 - one proposal per entry reads best as data
DEPARTMENT = "奥州市 協働まちづくり部 地域づくり推進課"
TZ = datetime.timezone(datetime.timedelta(hours=9))

# title, proposer, partners, state to reach, the proposal's text
PROPOSALS: list[dict[str, Any]] = [
    {
        "title": "地区の将来像を住民と描くワークショップ",
        "proposer": "白山地区振興会",
        "partners": ["NPO法人いわて地域づくり支援センター"],
        "state": "evaluated",
        "problem": "地区コミュニティ計画の見直しの時期ですが、若い世代の声が計画に入っていません。",
        "idea": "中間支援のNPOの進行でワークショップを開き、出た意見を計画の改訂に生かします。",
        "brings": "会場（地区センター）と住民への呼びかけ",
        "asks": "ワークショップの進行役と、市の計画・統計の情報",
        "form": "企画・計画立案への参画",
    },
    {
        "title": "花火大会の安全な運営の仕組みづくり",
        "proposer": "稲瀬振興会",
        "partners": ["江刺藤里ファイヤーワークス"],
        "state": "finished",
        "problem": "地区の花火を続けたいが、許可申請と安全管理の経験が地区にありません。",
        "idea": "経験のある団体と手順書をつくり、地区の担い手が安全に運営できるようにします。",
        "brings": "会場の調整と当日の運営ボランティア",
        "asks": "許可申請と安全管理の助言、消防との調整の窓口",
        "form": "事業協力",
    },
    {
        "title": "二つの地区の出会い支援事業",
        "proposer": "伊手振興会",
        "partners": ["姉体町振興会"],
        "state": "agreed",
        "problem": "どちらの地区も結婚を望む若い世代の出会いの場が少ない。",
        "idea": "両地区の資源を合わせて交流イベントを年2回開きます。",
        "brings": "会場と地元の食材",
        "asks": "広報への掲載と、市の結婚支援事業との連携",
        "form": "共催",
    },
    {
        "title": "大学生と集落の暮らしを支える",
        "proposer": "北股地区振興会",
        "partners": ["岩手県立大学"],
        "state": "at_table",
        "problem": "高齢化で集落の草刈りや行事の担い手が足りません。",
        "idea": "大学生のワークキャンプを受け入れ、集落の作業と交流を続けます。",
        "brings": "宿泊場所と食事、作業の段取り",
        "asks": "学生の派遣と、活動の記録",
        "form": "事業協力",
    },
    {
        "title": "温泉前の花壇を地域の誇りに",
        "proposer": "ひめかゆ協力会",
        "partners": [],
        "state": "submitted",
        "problem": "温泉前の花壇が荒れ、訪れる人の印象が悪くなっています。",
        "idea": "地域住民と事業者で花壇を再生し、季節の花で迎えます。",
        "brings": "植え付けと水やりの人手",
        "asks": "苗と土の購入の相談、道路沿いの作業の許可",
        "form": "事業協力",
        "money": True,
        "money_amount": 80000,
    },
    {
        "title": "元気な高齢者の集いの場づくり",
        "proposer": "もたい元気の会",
        "partners": [],
        "state": "returned",
        "problem": "外出の機会が減った高齢者が増えています。",
        "idea": "週1回の集いを開きます。",
        "brings": "集いの運営",
        "asks": "会場の確保",
        "form": "事業協力",
    },
    {
        "title": "外国人住民向けの生活ガイドの配布",
        "proposer": "水沢国際交流の会",
        "partners": [],
        "state": "not_adopted",
        "problem": "転入した外国人住民が生活の情報を得にくい。",
        "idea": "やさしい日本語の生活ガイドを作り配ります。",
        "brings": "翻訳と配布",
        "asks": "市の情報の提供",
        "form": "情報提供・情報交換",
    },
    {
        "title": "除雪ボランティアの登録制度（下書き）",
        "proposer": "稲瀬振興会",
        "partners": [],
        "state": "draft",
        "problem": "ひとり暮らしの高齢者の家の前の除雪が追いつきません。",
        "idea": "",
        "brings": "",
        "asks": "",
        "form": "事業協力",
    },
]

ORDER = ["draft", "submitted", "returned", "at_table", "agreed", "finished", "evaluated"]


def load(report: Any) -> None:
    if Proposal.objects.exists() or not Organisation.objects.filter(name=DEPARTMENT).exists():
        return
    staff = User.objects.get(email="staff@example.jp")
    coordinator = User.objects.get(email="coordinator@example.jp")
    department = Organisation.objects.get(name=DEPARTMENT)
    if not Membership.objects.filter(organisation=department, user=staff).exists():
        partner_services.membership_add(
            organisation=department,
            user=staff,
            role=Membership.Role.REPRESENTATIVE,
            by=coordinator,
        )
    for entry in PROPOSALS:
        _walk(entry, department, staff)
        report.created += 1


def _walk(entry: dict[str, Any], department: Organisation, staff: User) -> None:
    proposer = Organisation.objects.get(name=entry["proposer"])
    rep = _representative(proposer)
    proposal = services.proposal_save(
        proposal=None,
        data={
            "title": entry["title"],
            "problem": entry["problem"],
            "idea": entry["idea"],
            "brings": entry["brings"],
            "asks": entry["asks"],
            "needs_money": entry.get("money", False),
            "money_amount": entry.get("money_amount"),
            "forms": [Form.objects.get(name=entry["form"])],
        },
        by=rep,
        proposer=proposer,
    )
    state = entry["state"]
    if not _screen(proposal, state, rep, staff):
        return
    partners = [Organisation.objects.get(name=n) for n in entry["partners"]]
    services.proposal_accept(
        proposal=proposal, departments=[department], partners=partners, by=staff
    )
    for party in proposal.parties.exclude(role=Party.Role.PROPOSER):
        services.party_answer(party=party, accept=True, by=_representative(party.organisation))
    services.meeting_record(
        proposal=proposal,
        data={
            "held_at": datetime.datetime(2026, 5, 20, 18, 30, tzinfo=TZ),
            "place": "地区センター",
            "minutes": "提案の説明のあと、協働事業としてふさわしいか、それぞれのできること・できないことを話し合いました。",
            "decisions": "役割分担の案をつくり、次回までに協働事業合意書の案を共有する。",
            "next_steps": "事務局が合意書の案を作成する。",
        },
        present=list(proposal.parties.filter(answer=Party.Answer.ACCEPTED)),
        by=staff,
    )
    version = _agreement(proposal, entry, rep)
    if state == "at_table":
        services.agreement_approve(
            proposal=proposal, version=version, party=proposal.parties.get(role="proposer"), by=rep
        )
        return
    for party in proposal.parties.filter(answer=Party.Answer.ACCEPTED):
        services.agreement_approve(
            proposal=proposal,
            version=version,
            party=party,
            by=_representative(party.organisation),
        )
    proposal.refresh_from_db()
    _deliver(proposal, state, rep, staff)


def _deliver(proposal: Proposal, state: str, rep: User, staff: User) -> None:
    """Progress, the end of the project, and each party's evaluation."""
    approved = proposal.agreement.approved
    goal = approved.goals.first() if approved else None
    services.report_add(
        proposal=proposal,
        data={"reported_on": datetime.date(2026, 8, 31), "note": "1回目を実施しました。"},
        values={goal.key: Decimal(25)} if goal else {},
        by=rep,
    )
    if state == "agreed":
        return
    services.proposal_finish(proposal=proposal, by=staff)
    if state == "finished":
        return
    principles = list(Principle.objects.filter(retired_in__isnull=True))
    comments = {
        "proposer": ("若い世代の声が計画に入った。", "周知をもっと早く。"),
        "partner": ("話し合いの進め方を地区に残せた。", "記録の共有方法を決めておく。"),
        "department": ("統計の説明が議論の土台になった。", "庁内の他課にも早めに声をかける。"),
    }
    for party in proposal.parties.filter(answer=Party.Answer.ACCEPTED):
        goal_comment, improvement = comments[party.role]
        services.evaluation_submit(
            proposal=proposal,
            party=party,
            data={
                "goal_achievement": 4,
                "goal_comment": goal_comment,
                "improvements": improvement,
                "continue_project": "yes",
            },
            scores={p.pk: (4 if p.number != 6 else 5, "") for p in principles},
            by=_representative(party.organisation),
        )


def _screen(proposal: Proposal, state: str, rep: User, staff: User) -> bool:
    """Send and screen; whether the proposal goes on to the table."""
    if state == "draft":
        return False
    services.proposal_submit(proposal=proposal, by=rep)
    if state == "returned":
        services.proposal_return(
            proposal=proposal,
            reason="誰に何を期待するか（会場の提供者、参加の呼びかけ先）を具体的に書いてください。",
            by=staff,
        )
    elif state == "not_adopted":
        services.proposal_close(
            proposal=proposal,
            category=Proposal.ClosingReason.EXISTING,
            note="市の多文化共生の事業で同じ内容のガイドを作成中のため、その作成に参加していただく形を提案しました。",
            by=staff,
        )
    return state not in ("submitted", "returned", "not_adopted")


def _agreement(proposal: Proposal, entry: dict[str, Any], rep: User) -> Any:
    parties = list(proposal.parties.filter(answer=Party.Answer.ACCEPTED))
    tasks = []
    for party in parties:
        city = party.role == Party.Role.DEPARTMENT
        tasks.append(
            {
                "description": "市の情報の提供と庁内の調整"
                if city
                else f"{party.organisation.name}の担当",
                "responsible": party,
                "citizens_part": "" if city else "地域のつながりを生かした呼びかけと運営",
                "city_part": "計画・統計の提供、関係課との調整" if city else "",
            }
        )
    return services.agreement_save(
        proposal=proposal,
        data={
            "purpose": proposal.idea,
            "forms": [Form.objects.get(name=entry["form"])],
            "domain": Domain.objects.get(code="C"),
            "collaboration_type": CollaborationType.objects.get(number=2),
            "cost_sharing": "会場は地区センターを使い、費用は発生しない。資料の印刷は市が行う。",
            "starts_on": datetime.date(2026, 6, 1),
            "ends_on": datetime.date(2027, 3, 31),
            "report_every_months": 3,
            "publication_text": f"{proposal.title}：取組みの内容と参加者数、各団体の評価を公開します。",
            "private_matters": "参加者の氏名と連絡先",
        },
        goals=[
            {
                "description": "参加者数",
                "unit": "人",
                "target_value": Decimal(40),
                "due_on": datetime.date(2026, 12, 31),
            }
        ],
        tasks=tasks,
        by=rep,
    )


def _representative(organisation: Organisation) -> User:
    membership = (
        Membership.objects.filter(organisation=organisation, role=Membership.Role.REPRESENTATIVE)
        .select_related("user")
        .order_by("pk")
        .first()
    )
    if membership is None:
        raise LookupError(organisation.name)
    return membership.user
