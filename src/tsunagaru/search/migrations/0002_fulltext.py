"""The full-text index over search_entry.terms, one way per database.

SQLite: an external-content FTS5 table with triggers that keep it in step with search_entry.
The tokenizer splits on spaces only (`unicode61` with separators left as is), because the terms
are already tokenised in Python. PostgreSQL: a generated tsvector over the same space-separated
terms with the 'simple' configuration, and a GIN index.
"""

from django.db import migrations

SQLITE_UP = [
    """CREATE VIRTUAL TABLE search_entry_fts USING fts5(
        terms, content='search_entry', content_rowid='id',
        tokenize="unicode61 remove_diacritics 0 tokenchars '-_.:'")""",
    """CREATE TRIGGER search_entry_ai AFTER INSERT ON search_entry BEGIN
        INSERT INTO search_entry_fts(rowid, terms) VALUES (new.id, new.terms); END""",
    """CREATE TRIGGER search_entry_ad AFTER DELETE ON search_entry BEGIN
        INSERT INTO search_entry_fts(search_entry_fts, rowid, terms)
        VALUES ('delete', old.id, old.terms); END""",
    """CREATE TRIGGER search_entry_au AFTER UPDATE ON search_entry BEGIN
        INSERT INTO search_entry_fts(search_entry_fts, rowid, terms)
        VALUES ('delete', old.id, old.terms);
        INSERT INTO search_entry_fts(rowid, terms) VALUES (new.id, new.terms); END""",
]
SQLITE_DOWN = [
    "DROP TRIGGER IF EXISTS search_entry_au",
    "DROP TRIGGER IF EXISTS search_entry_ad",
    "DROP TRIGGER IF EXISTS search_entry_ai",
    "DROP TABLE IF EXISTS search_entry_fts",
]
POSTGRES_UP = [
    """ALTER TABLE search_entry ADD COLUMN terms_tsv tsvector
        GENERATED ALWAYS AS (to_tsvector('simple', terms)) STORED""",
    "CREATE INDEX search_entry_terms_tsv ON search_entry USING GIN (terms_tsv)",
]
POSTGRES_DOWN = [
    "DROP INDEX IF EXISTS search_entry_terms_tsv",
    "ALTER TABLE search_entry DROP COLUMN IF EXISTS terms_tsv",
]


def up(apps, schema_editor):
    _run(schema_editor, SQLITE_UP, POSTGRES_UP)


def down(apps, schema_editor):
    _run(schema_editor, SQLITE_DOWN, POSTGRES_DOWN)


def _run(schema_editor, sqlite, postgres):
    vendor = schema_editor.connection.vendor
    statements = {"sqlite": sqlite, "postgresql": postgres}.get(vendor)
    if statements is None:
        raise RuntimeError(f"search needs SQLite or PostgreSQL, not {vendor}")
    for sql in statements:
        schema_editor.execute(sql, params=None)


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [migrations.RunPython(up, down)]
