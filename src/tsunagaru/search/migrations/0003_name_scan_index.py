from django.db import migrations, models

# The single-column index on name_key never served a query: substring scans need the covering
# index below. Dropped by SQL, because changing the field through Django on SQLite rebuilds the
# table and would lose the FTS5 triggers of migration 0002.
OLD_INDEXES = ["search_entry_name_key_44c0050e", "search_entry_name_key_44c0050e_like"]


def drop_old(apps, schema_editor):
    for name in OLD_INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


def restore_old(apps, schema_editor):
    schema_editor.execute(f"CREATE INDEX {OLD_INDEXES[0]} ON search_entry (name_key)")
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX {OLD_INDEXES[1]} ON search_entry (name_key varchar_pattern_ops)"
        )


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("search", "0002_fulltext"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="entry",
                    name="name_key",
                    field=models.CharField(max_length=500, verbose_name="name key"),
                ),
            ],
            database_operations=[migrations.RunPython(drop_old, restore_old)],
        ),
        migrations.AddIndex(
            model_name="entry",
            index=models.Index(
                fields=["content_type", "name_key", "object_id", "is_public"],
                name="search_entry_name_scan",
            ),
        ),
    ]
