"""Demo community plans: 稲瀬 revised once, 伊手 adopted, 米里 still being drafted. Written for
the demo (the districts' real plans are their own), through the services as members would.

Run by community.demo after the groups exist."""

from __future__ import annotations

import datetime
from typing import Any

from tsunagaru.community import plan_services as services
from tsunagaru.community.plan_models import CommunityPlan
from tsunagaru.partners.models import Membership, Organisation

# ruff: noqa: E501 - plans read best as data
PLANS: list[dict[str, Any]] = [
    {
        "group": "稲瀬振興会",
        "plan": {
            "title": "稲瀬地区まちづくり計画",
            "first_year": 2024,
            "last_year": 2028,
            "vision": "自然と歴史を大切にし、みんなで支え合い、笑顔で暮らせる稲瀬",
        },
        "issues": [
            ("高齢者だけの世帯が増え、冬の除雪や見守りが心配", "survey"),
            ("行事の担い手が同じ人に偏っている", "workshop"),
            ("若い世代が地区の活動に参加する機会が少ない", "workshop"),
        ],
        "goals": [
            ("災害に強く、安心して暮らせる地区", [("防災訓練の参加者", "人", 180, 250, 2028)]),
            ("世代をこえて集える地区", [("行事に参加した中高生", "人", 15, 40, 2028)]),
        ],
        # title, goal index, first, last, lead, partners, city role, cost
        "actions": [
            (
                "地区合同防災訓練",
                0,
                2024,
                2028,
                "防災部会",
                "消防団、各自治会",
                "地区担当職員が計画づくりを手伝う",
                60000,
            ),
            (
                "高齢者世帯の見守り訪問",
                0,
                2024,
                2028,
                "福祉部会",
                "民生委員、社会福祉協議会",
                "",
                20000,
            ),
            ("稲瀬ふるさとまつり", 1, 2024, 2028, "文化部会", "稲瀬小学校、商工会", "", 350000),
        ],
        "meeting": datetime.date(2024, 4, 21),
        "progress": [
            (0, 2024, "done", 190, "小学校と合同で実施した"),
            (1, 2024, "partly", 42, "訪問できたのは予定の7割"),
        ],
        "revision": {
            "action": (
                "中高生の地域ボランティア体験",
                1,
                2025,
                2028,
                "青少年部会",
                "江刺第一中学校",
                "",
                15000,
            ),
            "meeting": datetime.date(2025, 4, 20),
            "changes": "ワークショップで若い世代の参加が課題とされたため、中高生のボランティア体験を加えた。",
            "progress": [
                (0, 2025, "done", 210, ""),
                (1, 2025, "done", 58, "訪問の担い手が増えた"),
                (3, 2025, "partly", 18, "初年度は夏休みのみ"),
            ],
        },
    },
    {
        "group": "伊手振興会",
        "plan": {
            "title": "伊手地区コミュニティ計画",
            "first_year": 2025,
            "last_year": 2029,
            "vision": "伊手の食と技を次の世代に伝え、人が行き交う地区",
        },
        "issues": [
            ("地区の祭りや行事が少なく、人が集まる機会がない", "meeting"),
            ("人口が毎年2%ずつ減っている", "figures"),
        ],
        "goals": [("人が集まり、にぎわう地区", [("夏まつりの来場者", "人", 0, 500, 2029)])],
        "actions": [
            (
                "地区初の夏まつり",
                0,
                2025,
                2029,
                "総務部会",
                "近隣の振興会（運営の経験を学ぶ）",
                "後援と広報",
                400000,
            ),
            ("伝統料理の教室", 0, 2026, 2029, "女性部", "食生活改善推進員", "", 30000),
        ],
        "meeting": datetime.date(2025, 5, 18),
        "progress": [(0, 2025, "not_done", None, "運営の担い手が見つからず、翌年度に延期")],
    },
    {
        "group": "米里振興会",
        "plan": {
            "title": "米里地区まちづくり計画",
            "first_year": 2026,
            "last_year": 2030,
            "vision": "",
        },
        "issues": [("空き家が増えている", "survey")],
        "goals": [("空き家を地区の資源にする", [])],
        "actions": [
            ("空き家の調査", 0, 2026, 2027, "総務部会", "", "空き家バンクの情報を提供する", 0)
        ],
    },
]


def load(report: Any) -> None:
    for data in PLANS:
        organisation = Organisation.objects.filter(name=data["group"]).first()
        if organisation is None or CommunityPlan.objects.filter(organisation=organisation).exists():
            continue
        representative = (
            Membership.objects.filter(
                organisation=organisation, role=Membership.Role.REPRESENTATIVE
            )
            .select_related("user")
            .first()
        )
        if representative is None:
            continue
        _plan(organisation, representative.user, data)
        report.created += 1


def _plan(organisation: Organisation, by: Any, data: dict[str, Any]) -> None:
    plan = services.plan_create(organisation=organisation, data=data["plan"], by=by)
    for text, how in data["issues"]:
        services.issue_add(plan=plan, text=text, found_by=how, by=by)
    goals = []
    for text, indicators in data["goals"]:
        goal = services.goal_add(plan=plan, text=text, by=by)
        goals.append(goal)
        for name, unit, now, target, year in indicators:
            services.indicator_add(
                goal=goal,
                data={
                    "name": name,
                    "unit": unit,
                    "baseline": now,
                    "target": target,
                    "target_year": year,
                },
                by=by,
            )
    actions = [_action(plan, goals, row, by) for row in data["actions"]]
    if "meeting" not in data:
        return
    services.plan_adopt(plan=plan, general_meeting_on=data["meeting"], by=by)
    _progress(actions, data["progress"], by)
    revision = data.get("revision")
    if revision:
        actions.append(_action(plan, goals, revision["action"], by))
        services.plan_adopt(
            plan=plan, general_meeting_on=revision["meeting"], changes=revision["changes"], by=by
        )
        _progress(actions, revision["progress"], by)


def _action(plan: CommunityPlan, goals: list[Any], row: tuple[Any, ...], by: Any) -> Any:
    title, goal, first, last, lead, partners, city_role, cost = row
    return services.action_save(
        plan=plan,
        data={
            "title": title,
            "goal": goals[goal],
            "first_year": first,
            "last_year": last,
            "lead": lead,
            "partners": partners,
            "city_role": city_role,
            "cost": cost or None,
        },
        by=by,
    )


def _progress(actions: list[Any], rows: list[tuple[Any, ...]], by: Any) -> None:
    for index, year, result, figure, note in rows:
        services.progress_record(
            action=actions[index],
            year=year,
            data={"result": result, "figure": figure, "note": note},
            by=by,
        )
