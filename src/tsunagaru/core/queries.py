"""Query pieces the ORM lacks."""

from __future__ import annotations

import json
from collections.abc import Collection
from typing import Any

from django.db import models
from django.db.models import F, Func


class InIds(Func):
    """A filter `field IN ids` with all the ids as one parameter (a JSON array on SQLite, an
    array on PostgreSQL). `pk__in=ids` binds one parameter per id, and compiling a thousand of
    them costs Django ~9 ms each time a query is built; a search's ranked ids are reused by
    several queries on one page. Usable in subqueries (the field follows Django's aliases)."""

    output_field = models.BooleanField()

    def __init__(self, field: str, ids: Collection[int]) -> None:
        super().__init__(F(field))
        self.ids = [int(i) for i in ids]

    def as_sql(  # type: ignore[override]  # no template: the SQL depends on the database
        self, compiler: Any, connection: Any, **extra: Any
    ) -> tuple[str, list[Any]]:
        column, params = compiler.compile(self.source_expressions[0])
        if connection.vendor == "sqlite":
            # `column` is Django's own compiled column name; the ids are a parameter.
            return f"{column} IN (SELECT value FROM json_each(%s))", [  # noqa: S608
                *params,
                json.dumps(self.ids),
            ]
        return f"{column} = ANY(%s)", [*params, self.ids]
