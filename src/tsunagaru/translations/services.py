"""Writes of the translations app: versions of a text in another language, the translators,
and read counts. Permission is checked by the caller (translations.permissions)."""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping, Sequence
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.db.models import F
from django.utils.translation import gettext as _

from tsunagaru.accounts.models import User
from tsunagaru.audit.services import audit_record
from tsunagaru.translations import registry
from tsunagaru.translations.models import ReadCount, TextVersion, Translator


def versions_save(
    *, record: models.Model, language: str, texts: Mapping[str, str], by: User
) -> list[TextVersion]:
    """Keep the version in `language` of every part of `record` that has an original text.

    Every such part must be written: ValidationError with code "empty" on each part left
    empty (nothing is saved then), "unknown_language" for a language the site does not have,
    "not_translatable" for a record that takes no versions. The original as it is now is kept
    with each version, so a later change of the original shows the version as out of date.
    """
    kind = registry.kind_of(record)
    if kind is None:
        raise ValidationError(
            _("This text takes no versions in other languages."), code="not_translatable"
        )
    if language not in dict(registry.target_languages()):
        raise ValidationError(_("The site has no such language."), code="unknown_language")
    originals = {name: str(getattr(record, name) or "") for name in kind.fields}
    cleaned = {name: _clean(texts.get(name, "")) for name in kind.fields if originals[name].strip()}
    empty = [name for name, text in cleaned.items() if not text]
    if empty:
        raise ValidationError(
            {name: ValidationError(_("Write this part too."), code="empty") for name in empty}
        )
    content_type = ContentType.objects.get_for_model(record)
    saved = []
    with transaction.atomic():
        for name, text in cleaned.items():
            saved.append(_save_one(content_type, record, name, language, text, originals[name], by))
    return saved


def _save_one(
    content_type: ContentType,
    record: models.Model,
    name: str,
    language: str,
    text: str,
    source: str,
    by: User,
) -> TextVersion:
    key = {
        "content_type": content_type,
        "object_id": record.pk,
        "field": name,
        "language": language,
    }
    version = TextVersion.objects.select_for_update().filter(**key).first()
    before = {"text": version.text} if version else None
    if version is None:
        try:
            with transaction.atomic():
                version = TextVersion.objects.create(**key, text=text, source=source, written_by=by)
        except IntegrityError:  # written at the same moment by someone else: ours is newer
            version = TextVersion.objects.select_for_update().get(**key)
    if before is None or version.text != text or version.source != source:
        version.text, version.source, version.written_by = text, source, by
        version.save(update_fields=["text", "source", "written_by", "updated_at"])
    audit_record(
        actor=by,
        action="text_version.save",
        target=record,
        before=before,
        after={"field": name, "language": language, "text": text},
    )
    return version


def _clean(text: str) -> str:
    # Line endings as the original's (browsers send CRLF); spaces at the ends dropped.
    return unicodedata.normalize("NFC", text.replace("\r\n", "\n")).strip()


def versions_delete(*, record: models.Model, language: str, by: User) -> int:
    """Remove the versions of `record` in `language` (readers see the original again)."""
    content_type = ContentType.objects.get_for_model(record)
    with transaction.atomic():
        rows = TextVersion.objects.filter(
            content_type=content_type, object_id=record.pk, language=language
        )
        count = rows.count()
        if count:
            audit_record(
                actor=by, action="text_version.delete", target=record, before={"language": language}
            )
            rows.delete()
    return count


def translator_appoint(*, user: User, languages: Sequence[str], by: User) -> Translator:
    """Make `user` a volunteer translator for `languages` (or change their languages).
    ValidationError "no_language" when none of the site's other languages is given."""
    known = dict(registry.target_languages())
    codes = [code for code in languages if code in known]
    if not codes:
        raise ValidationError(
            {"languages": ValidationError(_("Choose at least one language."), code="no_language")}
        )
    with transaction.atomic():
        translator, created = Translator.objects.select_for_update().get_or_create(
            user=user, defaults={"languages": ",".join(codes), "appointed_by": by}
        )
        before: dict[str, Any] | None = None
        if not created:
            before = {"languages": translator.languages, "is_active": translator.is_active}
            translator.languages, translator.is_active = ",".join(codes), True
            translator.save(update_fields=["languages", "is_active", "updated_at"])
        audit_record(
            actor=by,
            action="translator.appoint",
            target=user,
            before=before,
            after={"languages": translator.languages, "is_active": True},
        )
    return translator


def translator_retire(*, translator: Translator, by: User) -> None:
    """The translator stops (their versions stay, with their name)."""
    if not translator.is_active:
        return
    with transaction.atomic():
        translator.is_active = False
        translator.save(update_fields=["is_active", "updated_at"])
        audit_record(
            actor=by,
            action="translator.retire",
            target=translator.user,
            before={"is_active": True},
            after={"is_active": False},
        )


def read_note(record: models.Model) -> None:
    """Count one reading of `record`'s page (for the translation queue's order)."""
    content_type = ContentType.objects.get_for_model(record)
    rows = ReadCount.objects.filter(content_type=content_type, object_id=record.pk)
    if rows.update(count=F("count") + 1):
        return
    try:
        with transaction.atomic():
            ReadCount.objects.create(content_type=content_type, object_id=record.pk, count=1)
    except IntegrityError:  # counted first by another request at the same moment
        rows.update(count=F("count") + 1)
