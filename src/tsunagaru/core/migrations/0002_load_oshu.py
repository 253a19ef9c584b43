"""Load Oshu City, its areas and districts from core/data/oshu.json.

A fresh database has the running municipality's places without any extra command; afterwards
they are ordinary data, edited in the admin.
"""

import json
from pathlib import Path

from django.db import migrations

DATA = Path(__file__).resolve().parent.parent / "data" / "oshu.json"


def load(apps, schema_editor):
    Municipality = apps.get_model("core", "Municipality")
    Area = apps.get_model("core", "Area")
    District = apps.get_model("core", "District")
    data = json.loads(DATA.read_text(encoding="utf-8"))
    municipality, _ = Municipality.objects.get_or_create(
        code=data["municipality"]["code"], defaults=data["municipality"]
    )
    for area_order, area in enumerate(data["areas"], start=1):
        districts = area.pop("districts")
        area_obj, _ = Area.objects.get_or_create(
            municipality=municipality,
            slug=area["slug"],
            defaults={**area, "order": area_order},
        )
        for order, district in enumerate(districts, start=1):
            District.objects.get_or_create(
                area=area_obj, slug=district["slug"], defaults={**district, "order": order}
            )


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
