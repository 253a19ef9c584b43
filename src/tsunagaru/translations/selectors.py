"""Reads of the translations app: a text as the reader's language shows it, and the queue."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models

from tsunagaru.core.languages import html_lang
from tsunagaru.translations import registry
from tsunagaru.translations.models import ReadCount, TextVersion, Translator


@dataclass(frozen=True)
class Shown:
    """One part of a text as a reader sees it: the version in their language, else the
    original (with the language it is in, for the page's lang attribute)."""

    text: str
    language: str
    translated: bool = False
    out_of_date: bool = False

    def __str__(self) -> str:
        return self.text

    @property
    def lang(self) -> str:
        """For the lang attribute (やさしい日本語 is Japanese to browsers and screen readers)."""
        return html_lang(self.language)


@dataclass
class Versions:
    """Every part of one record in one language, from one query."""

    record: models.Model
    language: str
    parts: dict[str, Shown] = field(default_factory=dict)

    def __getitem__(self, name: str) -> Shown:
        return self.parts[name]

    @property
    def in_original(self) -> bool:
        """Whether the reader's language differs and nothing is translated for them."""
        return self.language != registry.original_language() and not self.translated

    @property
    def out_of_date(self) -> bool:
        return any(part.out_of_date for part in self.parts.values())

    @property
    def translated(self) -> bool:
        """Whether any part is shown in a version (the page then says so)."""
        return any(part.translated for part in self.parts.values())


def versions_in(record: models.Model, language: str) -> Versions:
    """versions_of, kept on the record for the rest of the request (the page's title, its
    body and a view that renders one part itself share one query)."""
    cached: dict[str, Versions] = record.__dict__.setdefault("_text_versions", {})
    if language not in cached:
        cached[language] = versions_of(record, language)
    return cached[language]


def prefetch(records: Iterable[models.Model], language: str) -> None:
    """Read the versions in `language` of many records of one kind in one query, so a page
    listing them asks versions_in without a query per row."""
    missing = [r for r in records if language not in r.__dict__.get("_text_versions", {})]
    if not missing:
        return
    found: dict[int, dict[str, TextVersion]] = {}
    if registry.kind_of(missing[0]) is not None and language != registry.original_language():
        rows = TextVersion.objects.filter(
            content_type=ContentType.objects.get_for_model(missing[0]),
            object_id__in=[r.pk for r in missing],
            language=language,
        )
        for version in rows:
            found.setdefault(version.object_id, {})[version.field] = version
    for record in missing:
        versions = _versions(record, language, found.get(record.pk, {}))
        record.__dict__.setdefault("_text_versions", {})[language] = versions


def versions_of(record: models.Model, language: str) -> Versions:
    """`record`'s parts in `language` where a version exists, the original elsewhere."""
    kind = registry.kind_of(record)
    found: dict[str, TextVersion] = {}
    if kind is not None and language != registry.original_language():
        rows = TextVersion.objects.filter(
            content_type=ContentType.objects.get_for_model(record),
            object_id=record.pk,
            language=language,
        )
        found = {version.field: version for version in rows}
    return _versions(record, language, found)


def _versions(record: models.Model, language: str, found: dict[str, TextVersion]) -> Versions:
    kind = registry.kind_of(record)
    parts = {}
    for name in kind.fields if kind else ():
        text = str(getattr(record, name) or "")
        version = found.get(name)
        if version is not None and text.strip():
            parts[name] = Shown(version.text, language, True, version.source != text)
        else:
            parts[name] = Shown(text, registry.original_language())
    return Versions(record, language, parts)


def version_texts(record: models.Model, language: str) -> dict[str, str]:
    """The versions written so far, for the form that edits them."""
    rows = TextVersion.objects.filter(
        content_type=ContentType.objects.get_for_model(record),
        object_id=record.pk,
        language=language,
    )
    return {version.field: version.text for version in rows}


@dataclass(frozen=True)
class QueueItem:
    kind: registry.Kind
    record: Any
    reads: int
    out_of_date: bool  # a version exists but the original has changed since


def queue(*, language: str, limit: int = 30) -> list[QueueItem]:
    """Public texts without a complete, current version in `language`: the most-read first,
    then the newest. A fixed number of queries: one per kind of text and two more."""
    kinds = {
        ContentType.objects.get_for_model(kind.model_class).pk: kind for kind in registry.KINDS
    }
    reads = dict(
        ((row.content_type_id, row.object_id), row.count)
        for row in ReadCount.objects.filter(content_type__in=kinds).order_by("-count")[:500]
    )
    candidates: list[tuple[int, Any]] = []
    for type_id, kind in kinds.items():
        read_ids = [pk for (t, pk) in reads if t == type_id]
        records = kind.public_records()
        newest = list(records.order_by("-pk")[:limit])
        read = list(records.filter(pk__in=read_ids)) if read_ids else []
        for record in {r.pk: r for r in [*read, *newest]}.values():
            candidates.append((type_id, record))
    versions: dict[tuple[int, int], dict[str, TextVersion]] = {}
    for version in TextVersion.objects.filter(
        language=language,
        content_type__in=kinds,
        object_id__in={record.pk for _type, record in candidates},
    ):
        versions.setdefault((version.content_type_id, version.object_id), {})[version.field] = (
            version
        )
    items = []
    for type_id, record in candidates:
        kind = kinds[type_id]
        written = versions.get((type_id, record.pk), {})
        missing, stale = False, False
        for name in kind.fields:
            text = str(getattr(record, name) or "")
            if not text.strip():
                continue
            if name not in written:
                missing = True
            elif written[name].source != text:
                stale = True
        if missing or stale:
            items.append(
                QueueItem(kind, record, reads.get((type_id, record.pk), 0), stale and not missing)
            )
    items.sort(key=lambda item: (-item.reads, -item.record.pk))
    return items[:limit]


def translator_list() -> models.QuerySet[Translator]:
    return Translator.objects.select_related("user").order_by("-is_active", "user__display_name")
