"""The topics people ask the support centre about, as data staff can edit later."""

from __future__ import annotations

from typing import Any

from django.db import migrations

# (code, name, English)
TOPICS = [
    ("founding", "団体の立ち上げ", "Starting a group"),
    ("npo", "NPO法人化", "Becoming an NPO corporation"),
    ("accounting", "会計・税務", "Accounts and tax"),
    ("grants", "補助金・助成金", "Grants and subsidies"),
    ("publicity", "広報", "Publicity"),
    ("people", "人材", "People and volunteers"),
    ("inventory", "事業の棚卸し", "Reviewing the group's projects (棚卸し)"),
    ("partners", "協働の相手探し", "Finding partners to work with"),
    ("other", "その他", "Other"),
]


def add_topics(apps: Any, schema_editor: Any) -> None:
    Topic = apps.get_model("support", "Topic")
    for order, (code, name, name_en) in enumerate(TOPICS, start=1):
        Topic.objects.update_or_create(
            code=code, defaults={"name": name, "name_en": name_en, "order": order}
        )


class Migration(migrations.Migration):
    dependencies = [("support", "0001_initial")]

    operations = [migrations.RunPython(add_topics, migrations.RunPython.noop)]
