"""Every write of the case library. The workflow (相互理解・公開性):

draft ──submit──▶ confirming ──every registered partner confirms──▶ ready ──staff publish──▶
published. A change to the content after a partner confirmed clears the confirmations: each
partner confirms the text that will be published. Staff may take a published case back to
draft with a reason. Every change is audited; the search index follows.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from tsunagaru.accounts.models import User
from tsunagaru.audit.services import audit_record, snapshot
from tsunagaru.cases import permissions
from tsunagaru.cases.models import Case, CaseAttachment, CasePartner, CasePhoto
from tsunagaru.core import images
from tsunagaru.core.inputs import require_single_line
from tsunagaru.core.mail import mail_subject
from tsunagaru.core.uploads import PHOTO_MAX_BYTES, validate_document, validate_image
from tsunagaru.matching import services as matching
from tsunagaru.partners.models import Membership, Organisation
from tsunagaru.partners.selectors import speakers_of
from tsunagaru.search import services as search

CONTENT_FIELDS = (
    "title",
    "summary",
    "background",
    "actions",
    "roles",
    "results",
    "lessons",
    "departments",
    "domain",
    "collaboration_type",
    "area",
    "district",
    "fiscal_year",
    "cost_total",
    "cost_note",
    "program",
)
MANY_FIELDS = ("forms", "suitable_fields", "activity_fields")


def case_save(
    *,
    case: Case | None,
    data: dict[str, Any],
    partners: Sequence[dict[str, Any]],
    by: User,
    author_organisation: Organisation | None = None,
) -> Case:
    """Create a draft, or change a case that is not published.

    `partners`: dicts with `name`, `role` and optionally `organisation`; a name that is a
    listed group's exact name is linked to it. A change after any confirmation clears them.
    """
    creating = case is None
    case = _new_case(by, author_organisation) if case is None else case
    if not creating and not permissions.can_edit(by, case):
        raise PermissionDenied
    if not any(str(p.get("name") or "").strip() or p.get("organisation") for p in partners):
        raise ValidationError(_("Name at least one partner."), code="no_partner")
    before = None if creating else _content(case)
    with transaction.atomic():
        for name in CONTENT_FIELDS:
            if name in data:
                setattr(case, name, data[name])
        if case.district is not None and case.area is None:
            case.area = case.district.area
        require_single_line(case, "title")  # it goes into mail subjects
        case.full_clean(exclude=["created_by"])
        case.save()
        for name in MANY_FIELDS:
            if name in data:
                getattr(case, name).set(data[name])
        _set_partners(case, partners, by)
        after = _content(case)
        changed = creating or after != before
        if not creating and changed and case.status in (Case.Status.CONFIRMING, Case.Status.READY):
            _clear_confirmations(case, by)
        if changed:
            audit_record(
                actor=by,
                action="case.create" if creating else "case.update",
                target=case,
                before=None if creating else {"content": before},
                after={"title": case.title, "status": case.status},
            )
        reindex(case)
    return case


def case_submit(*, case: Case, by: User) -> Case:
    """Send a draft to its registered partners to confirm their part."""
    if not permissions.can_submit(by, case):
        raise PermissionDenied
    with transaction.atomic():
        _move(case, Case.Status.DRAFT, Case.Status.CONFIRMING, by=by)
        # The author's own group confirms by submitting.
        if case.author_organisation_id:
            case.partners.filter(organisation_id=case.author_organisation_id).update(
                confirmed_at=timezone.now(), confirmed_by=by
            )
        _ready_if_confirmed(case, by)
    waiting = case.partners.filter(organisation__isnull=False, confirmed_at__isnull=True)
    for partner in waiting.select_related("organisation"):
        if partner.organisation is not None:
            _notify(case, partner.organisation, "cases/email/confirm.txt")
    return case


def case_confirm(*, case: Case, partner: CasePartner, by: User) -> Case:
    """A partner's representative or contact person confirms its part of the case."""
    if not permissions.can_confirm(by, case, partner):
        raise PermissionDenied
    with transaction.atomic():
        updated = CasePartner.objects.filter(
            pk=partner.pk, confirmed_at__isnull=True, case__status=Case.Status.CONFIRMING
        ).update(confirmed_at=timezone.now(), confirmed_by=by)
        if updated != 1:
            raise ValidationError(
                _("This case changed. Reload the page and check it again."), code="stale"
            )
        audit_record(actor=by, action="case.confirm", target=case, after={"partner": partner.name})
        _ready_if_confirmed(case, by)
    return case


def case_publish(*, case: Case, by: User) -> Case:
    if not permissions.can_publish(by, case):
        raise PermissionDenied
    with transaction.atomic():
        _move(case, Case.Status.READY, Case.Status.PUBLISHED, by=by, published_at=timezone.now())
        reindex(case)
        # Each published case is evidence for the matcher that its partners answer such needs.
        for partner in case.partners.filter(organisation__isnull=False):
            matching.index_change_record(
                kind="evidence",
                payload=matching.evidence(
                    need_text=f"{case.title}。{case.summary}",
                    helper=int(partner.organisation_id or 0),
                    weight=0.5,
                ),
            )
    return case


def case_unpublish(*, case: Case, reason: str, by: User) -> Case:
    """Take a published case back to draft (a partner asked, or it needs correcting)."""
    if not permissions.can_unpublish(by, case):
        raise PermissionDenied
    if not reason.strip():
        raise ValidationError(_("Write the reason."), code="reason_required")
    with transaction.atomic():
        _move(case, Case.Status.PUBLISHED, Case.Status.DRAFT, by=by, note=reason)
        case.partners.update(confirmed_at=None, confirmed_by=None)
        reindex(case)
        matching.index_change_record(kind="evidence_revised")
    return case


def case_mark_model(*, case: Case, is_model: bool, by: User) -> Case:
    """Staff mark a case as a model case (手本事例), or take the mark away."""
    if not permissions.can_mark_model(by):
        raise PermissionDenied
    if case.is_model != is_model:
        with transaction.atomic():
            # updated_at too: it keys the cached facet counts (selectors.facets_for).
            Case.objects.filter(pk=case.pk).update(is_model=is_model, updated_at=timezone.now())
            case.is_model = is_model
            audit_record(
                actor=by,
                action="case.model",
                target=case,
                before={"is_model": not is_model},
                after={"is_model": is_model},
            )
    return case


def case_photo_add(
    *, case: Case, image: UploadedFile, alt_text: str, caption: str, by: User
) -> CasePhoto:
    """A photo needs a description for people who cannot see it. It is checked by content,
    bytes and pixels (core.uploads) and kept only as a display copy and a thumbnail without
    metadata (core.images): the upload itself, with its GPS position, is never stored."""
    if not permissions.can_edit(by, case):
        raise PermissionDenied
    if not alt_text.strip():
        raise ValidationError(
            _("Describe what the photo shows, for people who cannot see it."), code="alt_required"
        )
    validate_image(image, max_bytes=PHOTO_MAX_BYTES)
    display, thumbnail = images.copies(image, images.DISPLAY_LONG_SIDE, images.THUMBNAIL_LONG_SIDE)
    with transaction.atomic():
        photo = CasePhoto.objects.create(
            case=case,
            **images.picture_fields(display, thumbnail),
            alt_text=alt_text.strip(),
            caption=caption.strip(),
            order=case.photos.count(),
        )
        audit_record(actor=by, action="case.photo_add", target=case, after={"photo": photo.pk})
    return photo


def case_photo_remove(*, photo: CasePhoto, by: User) -> None:
    case = photo.case
    if not permissions.can_edit(by, case):
        raise PermissionDenied
    with transaction.atomic():
        audit_record(actor=by, action="case.photo_remove", target=case, before={"photo": photo.pk})
        # The files go once the row is gone for good (a rollback would keep both).
        storage, names = photo.image.storage, [photo.image.name, photo.thumbnail.name]
        transaction.on_commit(lambda: [storage.delete(name) for name in names if name])
        photo.delete()


def case_attachment_add(*, case: Case, file: UploadedFile, title: str, by: User) -> CaseAttachment:
    """A document for others to reuse (a plan, a budget, a leaflet): a PDF, an image or an
    Office file, checked by its content; a title says what it is."""
    if not permissions.can_edit(by, case):
        raise PermissionDenied
    if not title.strip():
        raise ValidationError(_("Give the file a title."), code="title_required")
    validate_document(file)
    with transaction.atomic():
        attachment = CaseAttachment.objects.create(case=case, file=file, title=title.strip())
        audit_record(
            actor=by, action="case.attachment_add", target=case, after={"file": attachment.title}
        )
    return attachment


def case_attachment_remove(*, attachment: CaseAttachment, by: User) -> None:
    case = attachment.case
    if not permissions.can_edit(by, case):
        raise PermissionDenied
    with transaction.atomic():
        audit_record(
            actor=by,
            action="case.attachment_remove",
            target=case,
            before={"file": attachment.title},
        )
        # The file goes once the row is gone for good (a rollback would keep both).
        name, storage = attachment.file.name, attachment.file.storage
        transaction.on_commit(lambda: storage.delete(name))
        attachment.delete()


def reindex(case: Case) -> None:
    """Put the case in the shared search index; only published cases are public."""
    texts = [
        case.summary,
        case.background,
        case.actions,
        case.roles,
        case.results,
        case.lessons,
        case.departments,
        *(p.name for p in case.partners.all()),
        *(p.role for p in case.partners.all()),
        *(f.name for f in case.forms.all()),
        *(f.name for f in case.activity_fields.all()),
    ]
    search.index_object(obj=case, name=case.title, texts=texts, is_public=case.is_published)


def _new_case(by: User, author_organisation: Organisation | None) -> Case:
    if not permissions.can_create(by):
        raise PermissionDenied
    if author_organisation is not None and not _is_member(by, author_organisation):
        raise PermissionDenied
    return Case(created_by=by, author_organisation=author_organisation)


def _is_member(user: User, organisation: Organisation) -> bool:
    return Membership.objects.filter(user=user, organisation=organisation).exists()


def _content(case: Case) -> dict[str, Any]:
    content = snapshot(case, CONTENT_FIELDS)
    for name in MANY_FIELDS:
        content[name] = sorted(getattr(case, name).values_list("pk", flat=True))
    content["partners"] = [
        (p.organisation_id, p.name, p.role) for p in case.partners.order_by("order", "pk")
    ]
    return content


def _set_partners(case: Case, partners: Iterable[dict[str, Any]], by: User) -> None:
    wanted: list[tuple[Organisation | None, str, str, int]] = []
    for order, row in enumerate(partners):
        organisation = row.get("organisation")
        name = str(row.get("name") or "").strip()
        if organisation is None and name:
            organisation = Organisation.objects.filter(
                name=name, status=Organisation.Status.VERIFIED
            ).first()
        if organisation is None:
            if not name:
                continue
            wanted.append((None, name, str(row.get("role") or ""), order))
        else:
            wanted.append(
                (organisation, name or organisation.name, str(row.get("role") or ""), order)
            )
    kept: list[int] = []
    for organisation, name, role, order in wanted:
        existing = (
            case.partners.filter(organisation=organisation).first()
            if organisation is not None
            else case.partners.filter(organisation__isnull=True, name=name).first()
        )
        if existing is None:
            existing = CasePartner(case=case, organisation=organisation)
        existing.name, existing.role, existing.order = name, role.strip(), order
        existing.save()
        kept.append(existing.pk)
    case.partners.exclude(pk__in=kept).delete()
    organisations = [o for o, _name, _role, _order in wanted if o is not None]
    case.partner_kinds.set(sorted({o.kind.partner_kind_id for o in organisations}))


def _clear_confirmations(case: Case, by: User) -> None:
    case.partners.update(confirmed_at=None, confirmed_by=None)
    if case.status == Case.Status.READY:
        _move(case, Case.Status.READY, Case.Status.CONFIRMING, by=by)
    if case.author_organisation_id:
        case.partners.filter(organisation_id=case.author_organisation_id).update(
            confirmed_at=timezone.now(), confirmed_by=by
        )
    _ready_if_confirmed(case, by)


def _ready_if_confirmed(case: Case, by: User) -> None:
    if case.status != Case.Status.CONFIRMING:
        return
    waiting = case.partners.filter(organisation__isnull=False, confirmed_at__isnull=True)
    if not waiting.exists():
        _move(case, Case.Status.CONFIRMING, Case.Status.READY, by=by)


def _move(case: Case, source: str, to: str, *, by: User, note: str = "", **fields: Any) -> None:
    values = {"status": to, "updated_at": timezone.now(), **fields}
    updated = Case.objects.filter(pk=case.pk, status=source).update(**values)
    if updated != 1:
        raise ValidationError(
            _("This case's status has changed. Reload the page."), code="invalid_transition"
        )
    for name, value in values.items():
        setattr(case, name, value)
    audit_record(
        actor=by,
        action=f"case.{to}",
        target=case,
        before={"status": source},
        after={"status": to},
        note=note,
    )


def _notify(case: Case, organisation: Organisation, template: str) -> None:
    addresses = sorted({u.email for u in speakers_of(organisation) if u.email})
    if not addresses:
        return
    link = str(settings.SITE_URL) + reverse("cases:detail", args=[case.pk])
    with override(settings.LANGUAGE_CODE):
        body = render_to_string(
            template, {"case": case, "organisation": organisation, "link": link}
        )
        subject = mail_subject(
            _("Please confirm your part in the case 「%(title)s」") % {"title": case.title}
        )
    EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, addresses).send()
