"""Paging for every list of the API: a bounded page size and offset."""

from __future__ import annotations

from ninja import Field, Schema
from ninja.pagination import LimitOffsetPagination

MAX_LIMIT = 100
# Far past any real list, and small enough for every database's integer (a 20-digit offset
# overflowed SQLite's and gave a 500).
MAX_OFFSET = 1_000_000


class BoundedLimitOffset(LimitOffsetPagination):
    """`limit` 1–100 (default 100) and `offset` 0–1,000,000; anything else is a 422 naming the
    parameter and its bound, never a 500 or a page of the whole table."""

    class Input(Schema):
        limit: int = Field(MAX_LIMIT, ge=1, le=MAX_LIMIT, description="Items per page (1–100).")
        offset: int = Field(0, ge=0, le=MAX_OFFSET, description="Items to skip.")

    def __init__(self, **kwargs: object) -> None:
        super().__init__(max_limit=MAX_LIMIT, **kwargs)
