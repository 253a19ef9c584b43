"""The guideline's courses (measure ア and 地区振興会長等研修会) as data staff can edit later."""

from __future__ import annotations

from typing import Any

from django.db import migrations


def add_courses(apps: Any, schema_editor: Any) -> None:
    from tsunagaru.academy.courses_data import add_courses as add

    add(apps, schema_editor)


class Migration(migrations.Migration):
    dependencies = [("academy", "0001_initial"), ("guideline", "0002_load_guideline")]

    operations = [migrations.RunPython(add_courses, migrations.RunPython.noop)]
