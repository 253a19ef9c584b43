"""Demo inventories of recurring work: 稲瀬振興会 over three 年度 with every kind of decision
(its snow clearing published as a need to hand over), 伊手振興会 over one. Written for the demo.

Run by community.demo after the groups exist."""

from __future__ import annotations

from typing import Any

from tsunagaru.community import inventory_services as services
from tsunagaru.community.inventory_models import Activity
from tsunagaru.partners.models import Membership, Organisation

# ruff: noqa: E501 - inventories read best as data
# name, purpose, who it is for, {year: (hours, helpers, spending, income, took part, decision, reason)}
INVENTORIES: dict[str, list[tuple[str, str, str, dict[int, tuple[Any, ...]]]]] = {
    "稲瀬振興会": [
        (
            "稲瀬ふるさとまつり",
            "地区の交流と伝統芸能の継承",
            "地区の住民と帰省する家族",
            {
                2023: (900, 60, 420000, 150000, 800, "continue", ""),
                2024: (880, 58, 430000, 160000, 850, "continue", ""),
                2025: (860, 55, 440000, 170000, 900, "continue", ""),
            },
        ),
        (
            "地区民運動会",
            "世代をこえた交流と健康づくり",
            "地区の住民",
            {
                2023: (500, 45, 150000, 0, 300, "continue", ""),
                2024: (
                    480,
                    40,
                    150000,
                    0,
                    240,
                    "review",
                    "参加者が減り、準備の負担が大きい。競技を減らして半日にする。",
                ),
                2025: (
                    300,
                    30,
                    90000,
                    0,
                    220,
                    "merge",
                    "来年度からふるさとまつりの中で「ふれあい競技」として行う。",
                ),
            },
        ),
        (
            "敬老会",
            "長寿を祝い、高齢者の交流の場をつくる",
            "75歳以上の住民",
            {
                2023: (250, 30, 380000, 0, 210, "continue", ""),
                2024: (
                    240,
                    28,
                    390000,
                    0,
                    190,
                    "review",
                    "式典をやめ、記念品の配布と地区センターでの茶話会にする。",
                ),
                2025: (150, 20, 250000, 0, 200, "continue", ""),
            },
        ),
        (
            "冬の除雪（高齢者世帯の玄関先）",
            "一人暮らしの高齢者世帯の冬の安全",
            "高齢者だけの世帯（約40世帯）",
            {
                2023: (600, 15, 80000, 0, 40, "continue", ""),
                2024: (650, 12, 90000, 0, 42, "continue", ""),
                2025: (
                    700,
                    9,
                    95000,
                    0,
                    45,
                    "hand_over",
                    "担い手が9人に減り高齢になった。除雪機を持つ事業者やボランティア団体に引き継ぎたい。",
                ),
            },
        ),
        (
            "地区広報誌「いなせ」",
            "地区の行事とお知らせを届ける",
            "全世帯",
            {
                2023: (120, 5, 180000, 0, None, "continue", ""),
                2024: (
                    110,
                    4,
                    185000,
                    0,
                    None,
                    "end",
                    "市の広報と回覧板、つながるのお知らせで足りるため、紙の広報誌は終える。",
                ),
            },
        ),
    ],
    "伊手振興会": [
        (
            "伊手地区運動会",
            "地区の交流",
            "地区の住民",
            {
                2025: (
                    300,
                    30,
                    100000,
                    0,
                    150,
                    "review",
                    "夏まつりを始めるため、運動会は隔年にする。",
                ),
            },
        ),
    ],
}


# 物 of 人・物・金, by activity.
GOODS = {
    "稲瀬ふるさとまつり": "テント10張、発電機、地区センターの駐車場",
    "地区民運動会": "小学校の校庭、テント、放送設備",
    "冬の除雪（高齢者世帯の玄関先）": "スコップ、スノーダンプ、小型除雪機1台（老朽化）",
    "地区広報誌「いなせ」": "印刷機、用紙",
}


def load(report: Any) -> None:
    for name, activities in INVENTORIES.items():
        organisation = Organisation.objects.filter(name=name).first()
        if organisation is None or Activity.objects.filter(organisation=organisation).exists():
            continue
        membership = (
            Membership.objects.filter(
                organisation=organisation, role=Membership.Role.REPRESENTATIVE
            )
            .select_related("user")
            .first()
        )
        if membership is None:
            continue
        by = membership.user
        for title, purpose, people, years in activities:
            activity = services.activity_save(
                organisation=organisation,
                data={
                    "name": title,
                    "purpose": purpose,
                    "beneficiaries": people,
                    "goods": GOODS.get(title, ""),
                },
                by=by,
            )
            for year, (hours, helpers, cost, income, took_part, decision, reason) in years.items():
                record = services.activity_review(
                    activity=activity,
                    year=year,
                    data={
                        "hours": hours,
                        "volunteers": helpers,
                        "cost": cost,
                        "income": income,
                        "participants": took_part,
                        "decision": decision,
                        "reason": reason,
                    },
                    by=by,
                )
                if decision == "hand_over":
                    services.activity_seek_partner(record=record, by=by)
            report.created += 1
