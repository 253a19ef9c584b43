"""Load the guideline (editions, principles, domains, types, forms, fields, measures, programs)
from guideline/data/guideline.json, so a fresh database has it."""

from django.db import migrations


def load(apps, schema_editor):
    from tsunagaru.guideline import loader

    loader.load(apps)


class Migration(migrations.Migration):
    dependencies = [("guideline", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
