"""The kinds of event the guideline's programs hold, as data staff can edit later."""

from __future__ import annotations

from typing import Any

from django.db import migrations

# (code, name, English, published after staff review, takes exhibitors)
KINDS = [
    ("course", "講座・研修", "Course or training", False, False),
    ("forum", "フォーラム", "Forum", False, False),
    ("briefing", "説明会", "Briefing", False, False),
    ("workshop", "ワークショップ", "Workshop", False, False),
    ("social", "交流会", "Get-together", False, False),
    # A call for volunteers asks residents to come and work: the city looks at it first.
    ("volunteers", "ボランティア募集", "Call for volunteers", True, False),
    ("local", "地域行事", "Local event", False, False),
    ("festa", "つながるフェスタ", "Tsunagaru Festa", True, True),
    ("other", "その他", "Other", True, False),
]


def add_kinds(apps: Any, schema_editor: Any) -> None:
    EventKind = apps.get_model("info", "EventKind")
    for order, (code, name, name_en, review, exhibitors) in enumerate(KINDS, start=1):
        EventKind.objects.update_or_create(
            code=code,
            defaults={
                "name": name,
                "name_en": name_en,
                "order": order,
                "needs_review": review,
                "takes_exhibitors": exhibitors,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("info", "0001_initial")]

    operations = [migrations.RunPython(add_kinds, migrations.RunPython.noop)]
