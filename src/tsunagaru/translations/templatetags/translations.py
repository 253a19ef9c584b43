"""{% in_reader_language record as text %} gives a record's parts in the reader's language
(text.title, text.summary: the version where one exists, the original elsewhere, each with
its language for lang=""); {% language_note record text %} says which it is and offers the
people who may write a version the link to do so."""

from __future__ import annotations

from typing import Any

from django import template
from django.db import models
from django.urls import reverse
from django.utils.translation import get_language

from tsunagaru.translations import permissions, registry, selectors

register = template.Library()


@register.simple_tag
def in_reader_language(record: models.Model) -> selectors.Versions:
    return selectors.versions_in(record, get_language() or registry.original_language())


@register.inclusion_tag("translations/_note.html", takes_context=True)
def language_note(
    context: template.Context, record: models.Model, text: selectors.Versions
) -> dict[str, Any]:
    # Rows of a list (a group's offers) carry their lang only: one note a page is enough, and
    # each row's edit page has the links.
    user = context["request"].user
    kind = registry.kind_of(record)
    names = dict(registry.target_languages())
    offered = []
    if kind is not None and user.is_authenticated:
        for code, name in registry.target_languages():
            if permissions.can_write_version(user, record, code):
                url = reverse("translations:edit", args=[kind.key, record.pk, code])
                offered.append({"url": url, "name": name})
    return {
        "text": text,
        "language_name": names.get(text.language, ""),
        "links": offered,
    }
