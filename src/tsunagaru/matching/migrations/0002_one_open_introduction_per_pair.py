"""One open introduction per pair of groups in either direction (A→B and B→A are one pair).

Before the constraint can be added, a pair with open requests both ways keeps its earlier
one; the later is withdrawn, and the audit log says so.
"""

import django.db.models.functions.comparison
from django.conf import settings
from django.db import migrations, models


def withdraw_second_open_request_of_a_pair(apps, schema_editor):
    Introduction = apps.get_model("matching", "Introduction")
    AuditEvent = apps.get_model("audit", "AuditEvent")
    ContentType = apps.get_model("contenttypes", "ContentType")
    seen = set()
    later = []
    for intro in Introduction.objects.filter(status="requested").order_by("created_at", "pk"):
        pair = tuple(sorted((intro.requester_id, intro.recipient_id)))
        if pair in seen:
            later.append(intro)
        seen.add(pair)
    if not later:
        return
    content_type, _ = ContentType.objects.get_or_create(app_label="matching", model="introduction")
    for intro in later:
        Introduction.objects.filter(pk=intro.pk).update(status="withdrawn")
        AuditEvent.objects.create(
            action="introduction.withdraw",
            target_type=content_type,
            target_id=str(intro.pk),
            target_label=f"{intro.requester_id} → {intro.recipient_id}",
            before={"status": "requested"},
            after={"status": "withdrawn"},
            note="the other group had already asked: one open request per pair",
        )


class Migration(migrations.Migration):

    dependencies = [
        ("matching", "0001_initial"),
        ("partners", "0001_initial"),
        ("audit", "0002_append_only_trigger"),
        ("contenttypes", "0002_remove_content_type_name"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RunPython(withdraw_second_open_request_of_a_pair, migrations.RunPython.noop),
        migrations.RemoveConstraint(
            model_name="introduction",
            name="matching_intro_one_open",
        ),
        migrations.AddConstraint(
            model_name="introduction",
            constraint=models.UniqueConstraint(
                django.db.models.functions.comparison.Least("requester", "recipient"),
                django.db.models.functions.comparison.Greatest("requester", "recipient"),
                condition=models.Q(("status", "requested")),
                name="matching_intro_one_open_pair",
            ),
        ),
    ]
