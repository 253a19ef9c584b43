"""Know-how articles use the support centre's topics (support.Topic), matched by code; the
knowledge app's own copy of the list goes."""

from __future__ import annotations

from typing import Any

from django.db import migrations, models


def move_topics(apps: Any, schema_editor: Any) -> None:
    Article = apps.get_model("knowledge", "Article")
    SupportTopic = apps.get_model("support", "Topic")
    for article in Article.objects.prefetch_related("topics"):
        codes = [topic.code for topic in article.topics.all()]
        shared = []
        for topic in article.topics.all():
            found, _created = SupportTopic.objects.get_or_create(
                code=topic.code,
                defaults={"name": topic.name, "name_en": topic.name_en, "order": topic.order},
            )
            shared.append(found)
        if codes:
            article.shared_topics.set(shared)


class Migration(migrations.Migration):
    dependencies = [("knowledge", "0002_topics"), ("support", "0002_topics")]

    operations = [
        migrations.AddField(
            model_name="article",
            name="shared_topics",
            field=models.ManyToManyField(blank=True, related_name="+", to="support.topic"),
        ),
        migrations.RunPython(move_topics, migrations.RunPython.noop),
        migrations.RemoveField(model_name="article", name="topics"),
        migrations.RenameField(model_name="article", old_name="shared_topics", new_name="topics"),
        migrations.AlterField(
            model_name="article",
            name="topics",
            field=models.ManyToManyField(
                blank=True, related_name="articles", to="support.topic", verbose_name="topics"
            ),
        ),
        migrations.DeleteModel(name="Topic"),
    ]
