from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class Entry(models.Model):
    """One searchable object: its pre-tokenised terms (see text.analyser) and a name key.

    The full-text index over `terms` is database-specific and made by migration 0002: an FTS5
    table kept in step by triggers on SQLite, a generated tsvector column with a GIN index on
    PostgreSQL. Only search.services writes here.
    """

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    terms = models.TextField(_("terms"))
    # Normalised name (and its reading) for substring matches on names: 「ファイヤーワー」.
    name_key = models.CharField(_("name key"), max_length=500)
    is_public = models.BooleanField(_("public"), default=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("search entry")
        verbose_name_plural = _("search entries")
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id"], name="search_entry_unique_object"
            ),
        ]
        indexes = [
            # Covers the substring scan over names (selectors._name_contains): reading this
            # narrow index is several times cheaper than reading every entry's terms.
            models.Index(
                fields=["content_type", "name_key", "object_id", "is_public"],
                name="search_entry_name_scan",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.content_type_id}:{self.object_id}"
