"""Which texts people write can have versions in other languages, and who writes them as the
author. Kept here as data: another kind of text is one more line. The apps' permissions are
imported lazily, so the apps may use this app's template tags and services freely."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.conf import settings
from django.db import models
from django.utils.functional import Promise
from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Kind:
    key: str  # in URLs: /translations/case/12/en/
    model: str  # app_label.Model
    fields: tuple[str, ...]  # the parts people wrote, in the order of the page
    label: Promise
    public: tuple[tuple[str, Any], ...]  # the filter of the records everyone may read
    can_edit: str  # the app's "may this person edit it" (the author's side)
    edited_through: str = ""  # the attribute can_edit is asked about (an offer's group)

    @property
    def model_class(self) -> type[models.Model]:
        return apps.get_model(self.model)

    def public_records(self) -> models.QuerySet[Any]:
        return self.model_class._default_manager.filter(**dict(self.public))

    def is_public(self, record: models.Model) -> bool:
        """The same test as public_records, on one record already read."""
        for lookup, value in self.public:
            path = lookup.split("__")
            values = tuple(value) if path[-1] == "in" else (value,)
            current: Any = record
            for name in path[:-1] if path[-1] == "in" else path:
                current = getattr(current, name)
            if current not in values:
                return False
        return True

    def is_author(self, user: Any, record: models.Model) -> bool:
        subject = getattr(record, self.edited_through) if self.edited_through else record
        return bool(import_string(self.can_edit)(user, subject))


KINDS: tuple[Kind, ...] = (
    Kind(
        "case",
        "cases.Case",
        ("title", "summary", "background", "actions", "roles", "results", "lessons"),
        _("Collaboration case"),
        (("status", "published"),),
        "tsunagaru.cases.permissions.can_edit",
    ),
    Kind(
        "event",
        "info.Event",
        ("title", "description"),
        _("Event"),
        (("status__in", ("published", "cancelled", "postponed")),),
        "tsunagaru.info.permissions.can_edit",
    ),
    Kind(
        "news",
        "info.NewsArticle",
        ("title", "body"),
        _("News"),
        (("status", "published"),),
        "tsunagaru.info.news_permissions.can_edit",
    ),
    Kind(
        "article",
        "knowledge.Article",
        ("title", "summary", "body"),
        _("Knowledge article"),
        (("status", "published"),),
        "tsunagaru.knowledge.permissions.can_edit",
    ),
    # What a group offers and what it needs, read on its page (its group edits them).
    Kind(
        "offer",
        "partners.Offer",
        ("title", "description"),
        _("What a group can offer"),
        (("is_active", True), ("organisation__status", "verified")),
        "tsunagaru.partners.permissions.can_edit",
        edited_through="organisation",
    ),
    Kind(
        "need",
        "partners.Need",
        ("title", "description"),
        _("What a group needs"),
        (("status", "open"), ("organisation__status", "verified")),
        "tsunagaru.partners.permissions.can_edit",
        edited_through="organisation",
    ),
    # A group's name is its own; what it says about itself can be read in other languages.
    Kind(
        "group",
        "partners.Organisation",
        ("description",),
        _("Group"),
        (("status", "verified"),),
        "tsunagaru.partners.permissions.can_edit",
    ),
)


def kind(key: str) -> Kind:
    """The kind named in a URL; LookupError for any other."""
    for candidate in KINDS:
        if candidate.key == key:
            return candidate
    raise LookupError(key)


def kind_of(record: models.Model) -> Kind | None:
    label = record._meta.label
    return next((candidate for candidate in KINDS if candidate.model == label), None)


def original_language() -> str:
    """What people write in: the site's own language (Japanese)."""
    return str(settings.LANGUAGE_CODE)


def target_languages() -> list[tuple[str, str]]:
    """Every language of the site but the original: versions may be written in these. A
    language added to settings.LANGUAGES (and its catalogue) is one more, without code."""
    return [(code, str(name)) for code, name in settings.LANGUAGES if code != original_language()]
