"""Demo facilities and own income: 稲瀬地区センター run by 稲瀬振興会 (指定管理) with its rooms and
a yearly report, 稲瀬公民館 with a repair planned, and 稲瀬振興会's own income over three 年度.
Written for the demo.

Run by community.demo after the groups and the centre exist."""

from __future__ import annotations

import datetime
from typing import Any

from tsunagaru.accounts.models import User
from tsunagaru.community import facility_services, income_services, services
from tsunagaru.community.facility_models import MeetingHall
from tsunagaru.community.models import DistrictCentre
from tsunagaru.partners.models import Membership, Organisation

ROOMS = [("大広間", 80, "舞台あり"), ("和室", 20, ""), ("調理室", 15, "調理器具あり")]
# 年度: (source, what it is, yen)
INCOME = {
    2023: [
        ("fees", "会費（1世帯 年1,000円）", 1_150_000),
        ("business", "ふるさとまつりの出店", 150_000),
    ],
    2024: [
        ("fees", "会費（1世帯 年1,000円）", 1_140_000),
        ("business", "ふるさとまつりの出店", 160_000),
        ("contracts", "地区センターの指定管理料", 2_400_000),
    ],
    2025: [
        ("fees", "会費（1世帯 年1,000円）", 1_130_000),
        ("business", "ふるさとまつりの出店", 170_000),
        ("contracts", "地区センターの指定管理料", 2_400_000),
        ("donations", "地元企業の協賛", 80_000),
    ],
}


def load(report: Any) -> None:
    group = Organisation.objects.filter(name="稲瀬振興会").first()
    centre = DistrictCentre.objects.filter(district__slug="inase").first()
    if group is None or centre is None or centre.manager_id is not None:
        return
    staff = User.objects.get(email="staff@example.jp")
    member = Membership.objects.filter(organisation=group).select_related("user").first()
    if member is None:
        return
    by = member.user
    centre = services.centre_save(
        district=centre.district,
        data={
            "name": centre.name,
            "address": centre.address,
            "phone": centre.phone,
            "hours": centre.hours,
            "manager": group,
            "managed_from": datetime.date(2024, 4, 1),
            "managed_until": datetime.date(2029, 3, 31),
        },
        by=staff,
    )
    for name, capacity, notes in ROOMS:
        facility_services.room_add(
            centre=centre, data={"name": name, "capacity": capacity, "notes": notes}, by=staff
        )
    facility_services.report_save(
        centre=centre,
        year=2024,
        data={
            "summary": "地区行事と各団体の会合で利用された。冬季は除雪ボランティアの拠点とした。",
            "users": 5120,
        },
        by=by,
    )
    if not MeetingHall.objects.filter(owner=group).exists():
        hall = facility_services.hall_save(
            district=centre.district,
            owner=group,
            data={
                "name": "稲瀬公民館（下門岡）",
                "address": "奥州市江刺稲瀬",
                "built_year": 1982,
                "condition": "needs_repair",
                "notes": "雨漏りがある。トイレが和式のみ。",
            },
            by=by,
        )
        facility_services.repair_add(
            hall=hall,
            data={
                "work": "屋根の張り替えとトイレの洋式化",
                "planned_year": 2026,
                "estimated_cost": 3_200_000,
                "funding": "hall_grant",
            },
            by=by,
        )
    for year, lines in INCOME.items():
        for source, what, amount in lines:
            income_services.income_add(
                organisation=group,
                data={"year": year, "source": source, "description": what, "amount": amount},
                by=by,
            )
    report.created += 1
