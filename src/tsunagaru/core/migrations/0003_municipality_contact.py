"""The city's contact desk on the municipality, filled for Oshu City from core/data/oshu.json."""

import json
from pathlib import Path

from django.db import migrations, models

DATA = Path(__file__).resolve().parent.parent / "data" / "oshu.json"


def load(apps, schema_editor):
    Municipality = apps.get_model("core", "Municipality")
    data = json.loads(DATA.read_text(encoding="utf-8"))
    # Only where the desk is still empty: a city that already typed its own keeps it.
    Municipality.objects.filter(code=data["municipality"]["code"], contact_desk="").update(
        **data["contact"]
    )


class Migration(migrations.Migration):
    dependencies = [("core", "0002_load_oshu")]

    operations = [
        migrations.AddField(
            model_name="municipality",
            name="contact_desk",
            field=models.CharField(blank=True, max_length=100, verbose_name="contact desk"),
        ),
        migrations.AddField(
            model_name="municipality",
            name="contact_address",
            field=models.CharField(blank=True, max_length=200, verbose_name="contact address"),
        ),
        migrations.AddField(
            model_name="municipality",
            name="contact_phone",
            field=models.CharField(blank=True, max_length=30, verbose_name="contact telephone"),
        ),
        migrations.AddField(
            model_name="municipality",
            name="contact_email",
            field=models.EmailField(blank=True, max_length=254, verbose_name="contact e-mail"),
        ),
        migrations.AddField(
            model_name="municipality",
            name="contact_hours",
            field=models.CharField(blank=True, max_length=100, verbose_name="opening hours"),
        ),
        migrations.AddField(
            model_name="municipality",
            name="contact_url",
            field=models.URLField(blank=True, verbose_name="contact page"),
        ),
        migrations.RunPython(load, migrations.RunPython.noop),
    ]
