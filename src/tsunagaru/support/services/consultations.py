"""Questions and consultations: asked online, logged by staff, answered, referred, closed.

Whether the caller may do each of these is asked before, in support.permissions.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, override

from tsunagaru.academy.models import Course
from tsunagaru.accounts.models import User
from tsunagaru.audit.services import audit_record, snapshot
from tsunagaru.core.mail import mail_subject
from tsunagaru.guideline.models import Program
from tsunagaru.partners import permissions as partner_permissions
from tsunagaru.partners.models import Organisation
from tsunagaru.proposals.models import Proposal
from tsunagaru.search.services import index_object
from tsunagaru.support import links
from tsunagaru.support.models import Consultation, Referral, Topic


def consultation_ask(
    *,
    topic: Topic,
    subject: str,
    question: str,
    user: User | None,
    name: str = "",
    email: str = "",
    phone: str = "",
    organisation: Organisation | None = None,
) -> Consultation:
    """Put a question asked on the site into the centre's queue and confirm it by mail.

    A signed-in person is linked to the question (their account's address answers), and may
    ask for one of their groups (`organisation`: the caller offers only the user's groups); a
    guest gives a name and at least one way to answer, an e-mail address or a phone number.
    Raises ValidationError with code "no_name" or "no_contact".
    """
    name = " ".join(name.split())
    email = email.strip().lower()
    phone = phone.strip()
    if user is not None:
        email = email or user.email
    elif not name:
        raise ValidationError(_("Write your name."), code="no_name")
    if not (email or phone):
        raise ValidationError(
            _("Give an e-mail address or a phone number, so that the centre can answer you."),
            code="no_contact",
        )
    consultation = Consultation(
        channel=Consultation.Channel.ONLINE,
        topic=topic,
        subject=" ".join(subject.split()),
        question=question.strip(),
        asker=user,
        asker_name=name,
        asker_email=email,
        asker_phone=phone,
        organisation=organisation if user is not None else None,
    )
    consultation.full_clean()
    with transaction.atomic():
        consultation.save()
        audit_record(actor=user, action="consultation.ask", target=consultation)
        consultation_index(consultation)
    _mail(
        consultation,
        "support/email/question_received.txt",
        gettext_lazy("We received your question: 「%(subject)s」"),
    )
    return consultation


def consultation_log(*, data: dict[str, Any], by: User) -> Consultation:
    """Log a consultation that came by phone, at the counter or on a visit (or one asked in
    another way) on the asker's behalf: it is marked as entered by `by`.

    `data` holds the form's fields: channel, topic, subject, question, organisation,
    asker_name, asker_email, asker_phone, answer, notes, follow_up_on. With an answer it is
    logged as answered (nothing is mailed: the person was advised there and then).
    Raises ValidationError with code "no_asker".
    """
    name = " ".join(str(data.get("asker_name") or "").split())
    organisation = data.get("organisation")
    if not (name or organisation):
        raise ValidationError(
            _("Say who asked: a person's name, a group, or both."), code="no_asker"
        )
    answer = str(data.get("answer") or "").strip()
    now = timezone.now()
    consultation = Consultation(
        channel=data["channel"],
        topic=data["topic"],
        subject=" ".join(str(data["subject"]).split()),
        question=str(data["question"]).strip(),
        organisation=organisation,
        asker_name=name,
        asker_email=str(data.get("asker_email") or "").strip().lower(),
        asker_phone=str(data.get("asker_phone") or "").strip(),
        entered_by=by,
        answer=answer,
        notes=str(data.get("notes") or "").strip(),
        follow_up_on=data.get("follow_up_on"),
        status=Consultation.Status.ANSWERED if answer else Consultation.Status.OPEN,
        answered_at=now if answer else None,
        answered_by=by if answer else None,
    )
    consultation.full_clean()
    with transaction.atomic():
        consultation.save()
        consultation_index(consultation)
        audit_record(
            actor=by,
            action="consultation.log",
            target=consultation,
            after={"channel": consultation.channel, "status": consultation.status},
        )
    return consultation


def consultation_answer(
    *, consultation: Consultation, answer: str, by: User, notify: bool = True
) -> Consultation:
    """Answer an open consultation; the answer shows on the asker's page and, with `notify`
    and an e-mail address, is mailed to them.

    Raises ValidationError with code "empty", "invalid_transition" or "stale".
    """
    answer = answer.strip()
    if not answer:
        raise ValidationError(_("Write the answer."), code="empty")
    with transaction.atomic():
        _move(
            consultation,
            to=Consultation.Status.ANSWERED,
            answer=answer,
            answered_at=timezone.now(),
            answered_by=by,
        )
        audit_record(
            actor=by,
            action="consultation.answer",
            target=consultation,
            before={"status": Consultation.Status.OPEN},
            after={"status": Consultation.Status.ANSWERED, "mailed": notify},
        )
        consultation_index(consultation)
    if notify:
        _mail(
            consultation,
            "support/email/question_answered.txt",
            gettext_lazy("The support centre answered: 「%(subject)s」"),
        )
    return consultation


def consultation_close(*, consultation: Consultation, by: User) -> Consultation:
    """Close a consultation (nothing more to do). Raises "invalid_transition" or "stale"."""
    before = consultation.status
    with transaction.atomic():
        _move(consultation, to=Consultation.Status.CLOSED, closed_at=timezone.now())
        audit_record(
            actor=by,
            action="consultation.close",
            target=consultation,
            before={"status": before},
            after={"status": Consultation.Status.CLOSED},
        )
    return consultation


def consultation_reopen(*, consultation: Consultation, by: User) -> Consultation:
    """Open an answered or closed consultation again (the person came back).

    Raises ValidationError with code "invalid_transition" or "stale".
    """
    before = consultation.status
    with transaction.atomic():
        _move(consultation, to=Consultation.Status.OPEN, closed_at=None)
        audit_record(
            actor=by,
            action="consultation.reopen",
            target=consultation,
            before={"status": before},
            after={"status": Consultation.Status.OPEN},
        )
    return consultation


def consultation_follow_up(
    *,
    consultation: Consultation,
    follow_up_on: datetime.date | None,
    notes: str,
    by: User,
) -> Consultation:
    """Set (or clear) the follow-up date and the centre's notes."""
    fields = ("follow_up_on", "notes")
    before = snapshot(consultation, fields)
    consultation.follow_up_on = follow_up_on
    consultation.notes = notes.strip()
    with transaction.atomic():
        consultation.save(update_fields=[*fields, "updated_at"])
        audit_record(
            actor=by,
            action="consultation.follow_up",
            target=consultation,
            before=before,
            after=snapshot(consultation, fields),
        )
        consultation_index(consultation)
    return consultation


def referral_add(
    *,
    consultation: Consultation,
    kind: str,
    organisation: Organisation | None = None,
    program: Program | None = None,
    proposal: Proposal | None = None,
    course: Course | None = None,
    note: str = "",
    by: User,
) -> Referral:
    """Record that the asker was referred to a department, a group, a program, a proposal or a
    course of the academy.

    Raises ValidationError with code "no_target" (the record for `kind` is missing) or
    "not_a_department" / "a_department" (a group given as a department, or the reverse).
    """
    targets = {
        Referral.Kind.DEPARTMENT: organisation,
        Referral.Kind.GROUP: organisation,
        Referral.Kind.PROGRAM: program,
        Referral.Kind.PROPOSAL: proposal,
        Referral.Kind.ACADEMY: course,
    }
    target = targets.get(kind)  # type: ignore[call-overload]
    if target is None:
        raise ValidationError(_("Choose the record you referred the person to."), code="no_target")
    _check_organisation_kind(kind, organisation)
    referral = Referral(
        consultation=consultation,
        kind=kind,
        organisation=organisation
        if kind in (Referral.Kind.DEPARTMENT, Referral.Kind.GROUP)
        else None,
        program=program if kind == Referral.Kind.PROGRAM else None,
        proposal=proposal if kind == Referral.Kind.PROPOSAL else None,
        course=course if kind == Referral.Kind.ACADEMY else None,
        note=note.strip(),
        created_by=by,
    )
    referral.full_clean()
    with transaction.atomic():
        referral.save()
        audit_record(
            actor=by,
            action="consultation.refer",
            target=consultation,
            after={"kind": kind, "to": target},
        )
    return referral


def _check_organisation_kind(kind: str, organisation: Organisation | None) -> None:
    if organisation is None:
        return
    is_department = partner_permissions.is_city_department(organisation)
    if kind == Referral.Kind.DEPARTMENT and not is_department:
        raise ValidationError(
            _("%(name)s is not a city department.") % {"name": organisation.name},
            code="not_a_department",
        )
    if kind == Referral.Kind.GROUP and is_department:
        raise ValidationError(
            _("%(name)s is a city department: refer to it as a department.")
            % {"name": organisation.name},
            code="a_department",
        )


def consultation_index(consultation: Consultation) -> None:
    """Keep the queue's word search current (the site's Japanese search index).

    Never public: the entry holds the asker's name and words, found only by the queue,
    which only the centre's staff open."""
    organisation = consultation.organisation
    index_object(
        obj=consultation,
        name=consultation.subject,
        texts=[
            consultation.question,
            consultation.answer,
            consultation.notes,
            consultation.asker_name,
            organisation.name if organisation is not None else "",
        ],
        is_public=False,
    )


def consultation_viewed(*, consultation: Consultation, by: User) -> None:
    """Record that `by` was shown a consultation with the asker's personal data."""
    audit_record(actor=by, action="consultation.personal_data_view", target=consultation)


def consultations_listed(*, count: int, by: User) -> None:
    """Record that `by` was shown a page of the queue (askers' names: personal data)."""
    audit_record(actor=by, action="consultation.list_view", note=str(count))


def _move(consultation: Consultation, *, to: str, **fields: Any) -> None:
    """Change the status with a compare-and-set UPDATE: a second answer sent at the same time
    (two staff, a double click) matches no row and is refused instead of overwriting."""
    if not consultation.can_move_to(to):
        raise ValidationError(
            _("This consultation can no longer be changed this way."),
            code="invalid_transition",
        )
    values = {"status": to, "updated_at": timezone.now(), **fields}
    updated = Consultation.objects.filter(pk=consultation.pk, status=consultation.status).update(
        **values
    )
    if updated != 1:
        raise ValidationError(
            _("Someone else changed this consultation. Reload the page and try again."),
            code="stale",
        )
    for name, value in values.items():
        setattr(consultation, name, value)


def _mail(consultation: Consultation, template: str, subject: Any) -> None:
    """Mail the asker (if there is an address) with the private link to their question."""
    if not consultation.asker_email:
        return
    context = {
        "consultation": consultation,
        "name": consultation.asker_name
        or (consultation.asker.display_name if consultation.asker else ""),
        "link": links.question_url(consultation.pk, absolute=True),
    }
    with override(settings.LANGUAGE_CODE):
        body = render_to_string(template, context)
        subject_text = mail_subject(str(subject) % {"subject": consultation.subject})
    EmailMessage(subject_text, body, settings.DEFAULT_FROM_EMAIL, [consultation.asker_email]).send()
