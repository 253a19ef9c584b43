"""Full-text queries over the search index, on SQLite (FTS5) or PostgreSQL (tsvector)."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.cache import caches
from django.db import connection, models, transaction
from django.db.models import Value
from django.db.models.functions import StrIndex

from tsunagaru.search.services import name_key
from tsunagaru.text import analyser


@dataclass(frozen=True)
class Hit:
    object_id: int
    rank: float  # higher is better; comparable only within one search


def search_ids(
    *,
    model: type[models.Model],
    query: str,
    public_only: bool = True,
    limit: int = 1000,
    newest_first: bool = False,
) -> list[Hit]:
    """Objects of `model` matching `query`, best first.

    Every content word of the query must match (kana queries may match a reading instead);
    an object whose name contains the query as typed ranks first. Same results on both
    databases, because both see the same pre-tokenised terms. For a word in more than `limit`
    entries, the first `limit` in index order are the answer — the latest indexed if
    `newest_first` (a log read newest first), else the earliest with names first.
    """
    alternatives = analyser.query_terms(query)
    content_type = ContentType.objects.get_for_model(model)
    key = _name_query(query)
    hits: dict[int, float] = {}
    match = _match(alternatives) if alternatives else ""
    # The first limit + 1 matches in index order: more than the limit means a word so common
    # (地域, 活動) that ranking every match would be most of the page's time and tell little.
    # Then those first matches are the answer (cheap on both databases), with the groups
    # named by the query put first; otherwise the matches are ranked.
    with _index_only_matches():
        first = (
            _unranked(content_type.pk, match, public_only, limit + 1, newest_first) if match else []
        )
        common = len(first) > limit
        if common:
            hits = dict.fromkeys(first[:limit], 0.0)
        elif first:
            for object_id, rank in _ranked(content_type.pk, match, key, public_only, limit):
                hits[object_id] = rank
    # Names first, also a part of a word, unless the latest are wanted of a common word (a
    # list read by date, not by rank: the newest matches are the answer).
    if key and ((common and not newest_first) or not hits):
        # Names containing the query as typed, also a part of a word (「ファイヤーワー」).
        for object_id in _name_contains(content_type.pk, key, public_only, limit, newest_first):
            hits[object_id] = hits.get(object_id, 0.0) + _NAME_BONUS
    later = -1 if newest_first else 1
    ranked = sorted(hits.items(), key=lambda item: (-item[1], later * item[0]))
    return [Hit(object_id, rank) for object_id, rank in ranked[:limit]]


# Added to the rank of a hit whose name contains the query as typed, so it comes first.
_NAME_BONUS = 1000.0


def _name_query(query: str) -> str:
    """What a name must contain to be named by `query`: the query as typed, or for a query
    in kana its reading, so that ちいき names 地域 as 地域 does (names are keyed with their
    readings too, see services.name_key)."""
    typed, _space, reading = name_key(query).partition(" ")
    return reading if reading and all(_is_kana(ch) for ch in typed) else typed


def _is_kana(ch: str) -> bool:
    return "\u3041" <= ch <= "\u30ff"  # hiragana, katakana and ー


def _match(alternatives: list[list[str]]) -> str:
    """The query in the database's own syntax: (a AND b) OR c."""
    if connection.vendor == "sqlite":
        return " OR ".join(
            "(" + " AND ".join(_fts5_quote(t) for t in terms) + ")" for terms in alternatives
        )
    return " | ".join(
        "(" + " & ".join(_tsquery_quote(t) for t in terms) + ")" for terms in alternatives
    )


def _ranked(
    content_type_id: int, match: str, key: str, public_only: bool, limit: int
) -> list[tuple[int, float]]:
    if connection.vendor == "sqlite":
        # bm25() is lower for better matches; negate it so that higher is better everywhere.
        sql = (
            "SELECT e.object_id, -bm25(search_entry_fts) "
            "+ (CASE WHEN instr(e.name_key, %s) > 0 THEN %s ELSE 0 END) AS rank "
            "FROM search_entry_fts JOIN search_entry e ON e.id = search_entry_fts.rowid "
            "WHERE search_entry_fts MATCH %s AND e.content_type_id = %s "
            "AND (e.is_public OR %s) ORDER BY rank DESC, e.object_id LIMIT %s"
        )
    else:
        sql = _PG_RANKED
    if connection.vendor == "sqlite":
        params: list[Any] = [key or "\x00", _NAME_BONUS, match, content_type_id, not public_only]
    else:
        params = [match, content_type_id, not public_only, match, key or "\x00", _NAME_BONUS]
    params.append(limit)
    return [(int(row[0]), float(row[1])) for row in _fetch(sql, params)]


def _unranked(
    content_type_id: int, match: str, public_only: bool, limit: int, newest_first: bool = False
) -> list[int]:
    """The first `limit` matches in index-entry order (the last ones if `newest_first`): the
    same entries on both databases (an SQLite FTS5 rowid is the entry's id), and cheap, since
    neither needs every match."""
    direction = "DESC" if newest_first else "ASC"
    if connection.vendor == "sqlite":
        # FTS5 as the outer loop: it yields matches in rowid order by itself (either way).
        sql = _SQLITE_LAST if newest_first else _SQLITE_FIRST
    elif _in_most_entries(match):
        # A word in most entries (地域): walking the entries in order finds the first
        # matches at once, sooner than collecting every match from the index.
        sql = f"{_PG_FIRST_WALK} {direction} LIMIT %s"
    else:
        sql = f"{_PG_FIRST} {direction} LIMIT %s"
    return [int(row[0]) for row in _fetch(sql, [match, content_type_id, not public_only, limit])]


def _in_most_entries(match: str) -> bool:
    """PostgreSQL's own estimate (its statistics of the index's words) that `match` is in
    more than half of all entries; kept ten minutes per process (statistics move slowly)."""
    key = "search:dense:" + hashlib.sha256(match.encode()).hexdigest()
    known: bool | None = caches["local"].get(key)
    if known is None:
        known = _estimate_most(match)
        caches["local"].set(key, known, 600)
    return known


def _estimate_most(match: str) -> bool:
    with connection.cursor() as cursor:
        cursor.execute(
            "EXPLAIN (FORMAT JSON) SELECT 1 FROM search_entry "
            "WHERE terms_tsv @@ to_tsquery('simple', %s)",
            [match],
        )
        plan = cursor.fetchone()[0]
        cursor.execute(
            "SELECT reltuples FROM pg_class WHERE oid = 'search_entry'::regclass",
        )
        total = float(cursor.fetchone()[0])
    plan = json.loads(plan) if isinstance(plan, str) else plan
    return total > 0 and plan[0]["Plan"]["Plan Rows"] > total / 2


# PostgreSQL prices a tsvector match as nearly free, so for a word of middling frequency it
# walks the primary key or the content-type index and tests every row's tsvector (~100 ms at
# 30,000 entries). The GIN index answers the match exactly on its own, so the matches come
# from it alone: no sequential scan (_index_only_matches), and `content_type_id + 0` keeps the
# content-type index out of it. The matches, then their order.
_PG_RANKED = (
    "WITH m AS MATERIALIZED (SELECT object_id, terms_tsv, name_key FROM search_entry "
    "WHERE terms_tsv @@ to_tsquery('simple', %s) AND content_type_id + 0 = %s "
    "AND (is_public OR %s)) "
    "SELECT m.object_id, ts_rank(m.terms_tsv, to_tsquery('simple', %s)) "
    "+ (CASE WHEN strpos(m.name_key, %s) > 0 THEN %s ELSE 0 END) AS rank "
    "FROM m ORDER BY rank DESC, m.object_id LIMIT %s"
)
_SQLITE_FIRST = (
    "SELECT e.object_id FROM (SELECT rowid AS id FROM search_entry_fts "
    "WHERE search_entry_fts MATCH %s) m JOIN search_entry e ON e.id = m.id "
    "WHERE e.content_type_id = %s AND (e.is_public OR %s) ORDER BY m.id LIMIT %s"
)
_SQLITE_LAST = _SQLITE_FIRST.replace("ORDER BY m.id", "ORDER BY m.id DESC")
_PG_FIRST_WALK = (
    "SELECT object_id FROM search_entry WHERE terms_tsv @@ to_tsquery('simple', %s) "
    "AND content_type_id = %s AND (is_public OR %s) ORDER BY id"
)
_PG_FIRST = (
    "WITH m AS MATERIALIZED (SELECT id, object_id FROM search_entry "
    "WHERE terms_tsv @@ to_tsquery('simple', %s) AND content_type_id + 0 = %s "
    "AND (is_public OR %s)) "
    "SELECT m.object_id FROM m ORDER BY m.id"
)


def _fetch(sql: str, params: list[Any]) -> list[tuple[Any, ...]]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return list(cursor.fetchall())


@contextmanager
def _index_only_matches() -> Iterator[None]:
    """On PostgreSQL, no sequential scan for the search's queries (see _PG_RANKED): set for
    this transaction, and the previous value back before the caller's transaction goes on."""
    if connection.vendor == "sqlite":
        yield
        return
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SELECT set_config('enable_seqscan', 'off', true)")
        try:
            yield
        finally:
            cursor.execute("SELECT set_config('enable_seqscan', 'on', true)")


def _name_contains(
    content_type_id: int, key: str, public_only: bool, limit: int, newest_first: bool = False
) -> list[int]:
    from tsunagaru.search.models import Entry

    # instr()/strpos() rather than LIKE: no wildcards to escape, and cheaper on PostgreSQL.
    entries = Entry.objects.annotate(at=StrIndex("name_key", Value(key))).filter(
        content_type_id=content_type_id, at__gt=0
    )
    if public_only:
        entries = entries.filter(is_public=True)
    # In any order first (the name index answers it alone); in order only when there are
    # more than `limit` and the latest are wanted.
    found = list(entries.values_list("object_id", flat=True)[: limit + 1])
    if len(found) <= limit or not newest_first:
        return found[:limit]
    return list(entries.order_by("-pk").values_list("object_id", flat=True)[:limit])


def _fts5_quote(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


def _tsquery_quote(term: str) -> str:
    return "'" + term.replace("\\", "\\\\").replace("'", "''") + "'"
