"""The first version of every service page for Oshu City, from legal/data/pages/.

A fresh installation answers /terms/, /privacy/, /accessibility/, /contact/ and /operator/ in
three languages; staff then publish new versions on the site.
"""

from pathlib import Path

from django.db import migrations

PAGES = Path(__file__).resolve().parent.parent / "data" / "pages"
CONSENT_PAGES = {"terms", "privacy"}


def load(apps, schema_editor):
    PageVersion = apps.get_model("legal", "PageVersion")
    for page in ("terms", "privacy", "accessibility", "contact", "operator"):
        if PageVersion.objects.filter(page=page).exists():
            continue
        body = {
            field: (PAGES / f"{page}.{suffix}.txt").read_text(encoding="utf-8").strip()
            for field, suffix in (("body_ja", "ja"), ("body_en", "en"), ("body_ja_easy", "ja-easy"))
        }
        PageVersion.objects.create(
            page=page,
            number=1,
            needs_consent=page in CONSENT_PAGES,
            reason="初版",
            **body,
        )


class Migration(migrations.Migration):
    dependencies = [("legal", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
