"""Every change to the guideline data goes through this module.

The rule that keeps old records meaningful: a row that records may point at is never renamed or
deleted. A new edition renames an item by adding a new row that `replaces` it, and retires an
item by setting `retired_in`. Corrections of wording within the same edition (a typo, an English
name) are the only in-place edits, and are audited like everything else.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from tsunagaru.accounts.models import User
from tsunagaru.audit.services import audit_record, snapshot
from tsunagaru.guideline.models import ActivityField, Edition, Measure, Pillar, Program, Versioned

# Fields an administrator may correct in place; anything else changes meaning (a new row).
CORRECTABLE = ("name_en", "description", "description_en", "heading_name", "order")


def edition_create(
    *,
    code: str,
    number: int,
    name: str,
    title: str,
    published_on: datetime.date,
    published_label: str,
    by: User,
    **extra: Any,
) -> Edition:
    """Add a new edition (not yet current). Its number must follow every existing edition.

    Raises ValidationError with code "edition_order".
    """
    latest = Edition.objects.order_by("-number").first()
    if latest is not None and number <= latest.number:
        raise ValidationError(
            _("A new edition must come after edition %(number)s.") % {"number": latest.number},
            code="edition_order",
        )
    edition = Edition(
        code=code,
        number=number,
        name=name,
        title=title,
        published_on=published_on,
        published_label=published_label,
        **extra,
    )
    with transaction.atomic():
        edition.full_clean()
        edition.save()
        audit_record(
            actor=by,
            action="edition.create",
            target=edition,
            after=snapshot(edition, ("code", "number", "name")),
        )
    return edition


def edition_make_current(*, edition: Edition, by: User) -> Edition:
    """Make `edition` the one the site shows by default."""
    with transaction.atomic():
        previous = Edition.objects.select_for_update().filter(is_current=True).first()
        if previous == edition:
            return edition
        if previous is not None:
            Edition.objects.filter(pk=previous.pk).update(is_current=False)
        Edition.objects.filter(pk=edition.pk).update(is_current=True)
        edition.is_current = True
        audit_record(
            actor=by,
            action="edition.make_current",
            target=edition,
            before={"current": previous.code if previous else None},
            after={"current": edition.code},
        )
    return edition


def measure_add(
    *, pillar: Pillar, code: str, name: str, edition: Edition, by: User, **fields: Any
) -> Measure:
    """Add a measure from `edition` on. Raises ValidationError "not_in_force" or "edition_order"."""
    _check_editable_edition(edition)
    _check_in_force(pillar, edition)
    measure = Measure(pillar=pillar, code=code, name=name, introduced_in=edition, **fields)
    _add(measure, by=by)
    return measure


def program_add(
    *, measure: Measure, name: str, status: str, edition: Edition, by: User, **fields: Any
) -> Program:
    """Add a program under `measure` from `edition` on (status 新規/継続/見直し in that edition)."""
    _check_editable_edition(edition)
    _check_in_force(measure, edition)
    program = Program(measure=measure, name=name, status=status, introduced_in=edition, **fields)
    _add(program, by=by)
    return program


def item_rename(*, item: Measure | Program, name: str, edition: Edition, by: User) -> Any:
    """Rename a measure or program from `edition` on, keeping the old row for old records.

    The old row is retired in `edition` and a new row `replaces` it. A measure's programs in
    force are carried over to the new measure the same way, with status 継続 (continued).
    Raises ValidationError "edition_order", "not_in_force" or "unchanged".
    """
    if name == item.name:
        raise ValidationError(_("The new name is the same as the old one."), code="unchanged")
    _check_editable_edition(edition)
    _check_later_edition(item, edition)
    _check_in_force(item, edition)
    with transaction.atomic():
        successor = _successor(item, edition, name=name)
        if isinstance(item, Measure):
            for program in Program.objects.in_edition(edition).filter(measure=item):
                carried = _successor(program, edition, measure=successor)
                carried.status = Program.Status.CONTINUED
                carried.save(update_fields=["status"])
        audit_record(
            actor=by,
            action=f"{item._meta.model_name}.rename",
            target=successor,
            before={"id": item.pk, "name": item.name},
            after={"name": name, "edition": edition.code},
        )
    return successor


def item_retire(*, item: Measure | Program, edition: Edition, by: User) -> Measure | Program:
    """Retire a measure (with its programs) or a program from `edition` on.

    Records filed under it keep pointing at it. Raises "edition_order" or "not_in_force".
    """
    _check_editable_edition(edition)
    _check_later_edition(item, edition)
    _check_in_force(item, edition)
    with transaction.atomic():
        _retire(item, edition)
        if isinstance(item, Measure):
            for program in Program.objects.in_edition(edition).filter(measure=item):
                _retire(program, edition)
        audit_record(
            actor=by,
            action=f"{item._meta.model_name}.retire",
            target=item,
            after={"retired_in": edition.code},
        )
    return item


def item_correct(*, item: Versioned, data: dict[str, Any], by: User) -> Versioned:
    """Correct wording in place (English names, descriptions, order). Names and codes are not
    corrected here: a new name is a rename in a new edition (item_rename)."""
    fields = [f for f in CORRECTABLE if f in data and hasattr(item, f)]
    before = snapshot(item, fields)
    for field in fields:
        setattr(item, field, data[field])
    after = snapshot(item, fields)
    if before == after:
        return item
    with transaction.atomic():
        item.full_clean()
        item.save(update_fields=[*fields, "updated_at"])
        audit_record(
            actor=by,
            action=f"{item._meta.model_name}.correct",
            target=item,
            before=before,
            after=after,
        )
    return item


def _add(item: Measure | Program, *, by: User) -> None:
    with transaction.atomic():
        item.full_clean()
        item.save()
        audit_record(
            actor=by,
            action=f"{item._meta.model_name}.add",
            target=item,
            after={"name": item.name, "edition": item.introduced_in.code},
        )


def _successor(item: Any, edition: Edition, **changes: Any) -> Any:
    new = type(item).objects.get(pk=item.pk)
    new.pk = None
    new.id = None
    new._state.adding = True
    for field, value in changes.items():
        setattr(new, field, value)
    new.introduced_in = edition
    new.retired_in = None
    new.replaces = item
    new.full_clean()
    new.save()
    _retire(item, edition)
    return new


def _retire(item: Any, edition: Edition) -> None:
    item.retired_in = edition
    item.save(update_fields=["retired_in", "updated_at"])


def _check_editable_edition(edition: Edition) -> None:
    # Past editions are history: change only the current one or one being prepared.
    current = Edition.objects.filter(is_current=True).first()
    if current is not None and edition.number < current.number:
        raise ValidationError(
            _("Past editions cannot be changed; choose the current or a newer edition."),
            code="edition_order",
        )


def _check_later_edition(item: Versioned, edition: Edition) -> None:
    if edition.number <= item.introduced_in.number:
        raise ValidationError(
            _(
                "Renaming or retiring takes effect in a later edition than the one the item "
                "was introduced in."
            ),
            code="edition_order",
        )


def _check_in_force(item: Versioned, edition: Edition) -> None:
    if not item.is_in_force(edition):
        raise ValidationError(
            _("“%(item)s” is not in force in %(edition)s.")
            % {"item": item, "edition": edition.name},
            code="not_in_force",
        )


def activity_field_save(*, field: ActivityField, by: User) -> ActivityField:
    """Add or change an activity field (防災, 福祉, …); retire one by making it inactive."""
    names = ("code", "name", "name_en", "order", "is_active")
    old = ActivityField.objects.filter(pk=field.pk).first() if field.pk else None
    before = snapshot(old, names) if old is not None else None
    with transaction.atomic():
        field.full_clean()
        field.save()
        audit_record(
            actor=by,
            action="activityfield.update" if old else "activityfield.add",
            target=field,
            before=before,
            after=snapshot(field, names),
        )
    return field
