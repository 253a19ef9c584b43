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
