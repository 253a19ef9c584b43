"""Demo districts: population figures over three years for three districts, one 地区センター
with the city's staff for it, the community plans (plan_demo), the inventories of recurring
work (inventory_demo), facilities and own income (facility_demo). The figures are made up for
the demo and say so in their source — a district's real numbers come from the city's
published tables.

Run by core.demo after the accounts (it needs the city's staff).
"""

from __future__ import annotations

import datetime
from typing import Any

from tsunagaru.accounts.models import User
from tsunagaru.community import facility_demo, inventory_demo, plan_demo, services
from tsunagaru.community.models import DistrictCentre, PopulationFigure
from tsunagaru.core.models import District

SOURCE = "デモ用の架空の数値（実際の人口ではありません）"
# district slug: (population, households, aged 65+, under 15) on 31 March 2023, 2024, 2025
FIGURES = {
    "inase": [(3480, 1190, 1330, 350), (3430, 1185, 1345, 338), (3371, 1180, 1357, 327)],
    "ide": [(1402, 520, 655, 118), (1376, 515, 660, 112), (1349, 511, 664, 105)],
    "yonesato": [(1187, 440, 590, 88), (1160, 436, 594, 83), (1131, 431, 597, 79)],
}


def load(report: Any) -> None:
    staff = User.objects.get(email="staff@example.jp")
    for slug, years in FIGURES.items():
        district = District.objects.get(slug=slug)
        if PopulationFigure.objects.filter(district=district).exists():
            continue
        for year, (total, households, aged, young) in zip((2023, 2024, 2025), years, strict=True):
            services.figure_save(
                district=district,
                data={
                    "as_of": datetime.date(year, 3, 31),
                    "total": total,
                    "households": households,
                    "aged_65_over": aged,
                    "under_15": young,
                    "source": SOURCE,
                },
                by=staff,
            )
            report.created += 1
    inase = District.objects.get(slug="inase")
    if not DistrictCentre.objects.filter(district=inase).exists():
        services.centre_save(
            district=inase,
            data={"name": "稲瀬地区センター", "address": "奥州市江刺稲瀬", "hours": "9時〜17時"},
            by=staff,
        )
        services.contact_add(
            district=inase, name="（デモ）奥州 一郎", department="地域づくり推進課", by=staff
        )
        report.created += 2
    plan_demo.load(report)
    inventory_demo.load(report)
    facility_demo.load(report)
