"""Writes to the search index. Apps call index_object when a searchable object changes."""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.contenttypes.models import ContentType
from django.db import models

from tsunagaru.search.models import Entry
from tsunagaru.text import analyser


def index_object(
    *, obj: models.Model, name: str, texts: Iterable[str], is_public: bool = True
) -> Entry:
    """Index `obj` under its `name` and `texts` (name first: it is indexed too).

    Not audited: the index is derived data, rebuilt from the objects at any time.
    """
    content = "\n".join([name, *texts])
    terms = " ".join(analyser.index_terms(content))
    entry, _ = Entry.objects.update_or_create(
        content_type=ContentType.objects.get_for_model(obj),
        object_id=obj.pk,
        defaults={"terms": terms, "name_key": name_key(name), "is_public": is_public},
    )
    return entry


def remove_object(*, obj: models.Model) -> None:
    Entry.objects.filter(
        content_type=ContentType.objects.get_for_model(obj), object_id=obj.pk
    ).delete()


def name_key(name: str) -> str:
    """The normalised name and the readings of its words, for substring matching."""
    readings = "".join(t.reading for t in analyser.tokenise(name, mode="C"))
    return f"{analyser.normalise(name).replace(' ', '')} {readings}"[:500]


def index_many(
    *,
    model: type[models.Model],
    items: Iterable[tuple[int, str, list[str], bool]],
    batch: int = 500,
) -> int:
    """Index many objects of `model` at once: (pk, name, texts, is_public) each.

    For imports and the data generator, where one query per object would take minutes.
    Existing entries of those objects are replaced. Returns how many were indexed.
    """
    content_type = ContentType.objects.get_for_model(model)
    count = 0
    chunk: list[Entry] = []
    for pk, name, texts, is_public in items:
        content = "\n".join([name, *texts])
        chunk.append(
            Entry(
                content_type=content_type,
                object_id=pk,
                terms=" ".join(analyser.index_terms(content)),
                name_key=name_key(name),
                is_public=is_public,
            )
        )
        if len(chunk) >= batch:
            count += _replace(content_type, chunk)
            chunk = []
    if chunk:
        count += _replace(content_type, chunk)
    return count


def _replace(content_type: ContentType, entries: list[Entry]) -> int:
    Entry.objects.filter(
        content_type=content_type, object_id__in=[e.object_id for e in entries]
    ).delete()
    Entry.objects.bulk_create(entries)
    return len(entries)
