"""Refuse UPDATE of audit entries in the database itself, on SQLite and PostgreSQL."""

from django.db import migrations

SQLITE_UP = [
    """CREATE TRIGGER audit_auditevent_no_update BEFORE UPDATE ON audit_auditevent
    BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END"""
]
SQLITE_DOWN = ["DROP TRIGGER IF EXISTS audit_auditevent_no_update"]

# One statement per execute: psycopg's extended protocol refuses several at once.
POSTGRES_UP = [
    """CREATE FUNCTION audit_auditevent_refuse_update() RETURNS trigger AS $$
    BEGIN RAISE EXCEPTION 'the audit log is append-only'; END;
    $$ LANGUAGE plpgsql""",
    """CREATE TRIGGER audit_auditevent_no_update BEFORE UPDATE ON audit_auditevent
    FOR EACH ROW EXECUTE FUNCTION audit_auditevent_refuse_update()""",
]
POSTGRES_DOWN = [
    "DROP TRIGGER IF EXISTS audit_auditevent_no_update ON audit_auditevent",
    "DROP FUNCTION IF EXISTS audit_auditevent_refuse_update()",
]


def up(apps, schema_editor):
    _run(schema_editor, SQLITE_UP if schema_editor.connection.vendor == "sqlite" else POSTGRES_UP)


def down(apps, schema_editor):
    _run(
        schema_editor, SQLITE_DOWN if schema_editor.connection.vendor == "sqlite" else POSTGRES_DOWN
    )


def _run(schema_editor, statements):
    if schema_editor.connection.vendor not in ("sqlite", "postgresql"):
        return
    for sql in statements:
        schema_editor.execute(sql, params=None)


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_initial")]

    operations = [migrations.RunPython(up, down)]
