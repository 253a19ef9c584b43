"""Introductions, connections, feedback and the glossary: every write of the matching app.

The rules hold for every caller (pages, API, admin, commands):
- only a member of a listed group asks for an introduction on its behalf, and only to
  another listed group; a coordinator may introduce two groups (仲介);
- one open request at a time between the same two groups, whoever asked whom (A→B and B→A
  are one pair; a database constraint holds it when two requests come at once);
- only the recipient's representative or contact person answers, once;
- contact details pass only on acceptance; an accepted introduction is a connection;
- every change is in the audit log;
- whatever the matcher must learn of (a group's profile, evidence, the glossary) is recorded
  as an IndexChange in the same transaction (index_change_record), for every process's index.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, override

from tsunagaru.accounts.models import User
from tsunagaru.audit.services import audit_record
from tsunagaru.core.mail import mail_subject
from tsunagaru.matching import permissions
from tsunagaru.matching.models import (
    Connection,
    Feedback,
    GlossaryGroup,
    IndexChange,
    Introduction,
)
from tsunagaru.partners.models import Need, Organisation
from tsunagaru.partners.selectors import speakers_of

# A request unanswered this long gets one reminder to the recipient.
REMIND_AFTER = datetime.timedelta(days=7)


def introduction_request(
    *,
    requester: Organisation,
    recipient: Organisation,
    message: str,
    by: User,
    need: Need | None = None,
    via: str = Introduction.Via.DIRECT,
) -> Introduction:
    """Ask to be introduced (つながりたい). `via` coordinator: `by` introduces the two."""
    if via == Introduction.Via.COORDINATOR:
        allowed = permissions.can_introduce(by) and requester.pk != recipient.pk
        allowed = allowed and requester.is_listed and recipient.is_listed
    else:
        allowed = permissions.can_request(by, requester, recipient)
    if not allowed:
        raise PermissionDenied
    if not message.strip():
        raise ValidationError(
            _("Write a few words about why you want to meet."), code="message_required"
        )
    if need is not None and need.organisation_id not in (requester.pk, recipient.pk):
        raise ValidationError(_("This need belongs to neither group."), code="need_mismatch")
    try:
        with transaction.atomic():
            introduction = Introduction.objects.create(
                requester=requester,
                recipient=recipient,
                need=need,
                via=via,
                message=message.strip(),
                requested_by=by,
            )
            audit_record(
                actor=by,
                action="introduction.request",
                target=introduction,
                after={"requester": requester.pk, "recipient": recipient.pk, "via": via},
            )
    except IntegrityError as error:
        # The constraint matching_intro_one_open_pair: an open request between the two
        # already exists, also when it came in a moment ago (two clicks, both sides asking).
        raise _already_open(requester, recipient, via) from error
    _notify(
        introduction,
        speakers_of(recipient),
        "matching/email/request.txt",
        gettext_lazy("%(name)s would like to meet you"),
        requester.name,
    )
    return introduction


def _open_between(first: Organisation, second: Organisation) -> Introduction | None:
    """The open request between two groups, whoever asked whom (one per pair)."""
    return (
        Introduction.objects.filter(status=Introduction.Status.REQUESTED)
        .filter(Q(requester=first, recipient=second) | Q(requester=second, recipient=first))
        .select_related("requester")
        .first()
    )


def _already_open(requester: Organisation, recipient: Organisation, via: str) -> ValidationError:
    """Why a second open request between the same two groups is refused (code "duplicate",
    or "asked_by_them" when the other group asked first: answering that one connects them)."""
    existing = _open_between(requester, recipient)
    if via == Introduction.Via.COORDINATOR:
        return ValidationError(
            _("These two groups already have an open request between them."), code="duplicate"
        )
    if existing is not None and existing.requester_id == recipient.pk:
        return ValidationError(
            _("%(name)s has already asked to meet your group. Answer their request instead.")
            % {"name": recipient.name},
            code="asked_by_them",
        )
    return ValidationError(
        _("You have already asked this group. Wait for their answer."), code="duplicate"
    )


def introduction_answer(
    *, introduction: Introduction, accept: bool, response: str, by: User
) -> Introduction:
    """The recipient accepts or declines; on acceptance the two groups are connected."""
    if not permissions.can_answer(by, introduction):
        raise PermissionDenied
    status = Introduction.Status.ACCEPTED if accept else Introduction.Status.DECLINED
    now = timezone.now()
    with transaction.atomic():
        # Compare-and-set: two people of the group answering at once, one answer counts.
        updated = Introduction.objects.filter(
            pk=introduction.pk, status=Introduction.Status.REQUESTED
        ).update(
            status=status,
            response=response.strip(),
            answered_by=by,
            answered_at=now,
            updated_at=now,
        )
        if updated != 1:
            raise ValidationError(
                _("This request has already been answered."), code="already_answered"
            )
        introduction.refresh_from_db()
        audit_record(
            actor=by,
            action=f"introduction.{'accept' if accept else 'decline'}",
            target=introduction,
            before={"status": Introduction.Status.REQUESTED},
            after={"status": status},
        )
        if accept:
            _record_introduction_evidence(introduction)
            source = (
                Connection.Source.COORDINATOR
                if introduction.via == Introduction.Via.COORDINATOR
                else Connection.Source.MATCHING
            )
            connection_record(
                first=introduction.requester,
                second=introduction.recipient,
                source=source,
                by=by,
                introduction=introduction,
            )
    recipients = [*speakers_of(introduction.requester), introduction.requested_by]
    subject = (
        gettext_lazy("%(name)s accepted your request")
        if accept
        else gettext_lazy("%(name)s answered your request")
    )
    _notify(
        introduction, recipients, "matching/email/answer.txt", subject, introduction.recipient.name
    )
    return introduction


def introduction_withdraw(*, introduction: Introduction, by: User) -> Introduction:
    if not permissions.can_withdraw(by, introduction):
        raise PermissionDenied
    with transaction.atomic():
        updated = Introduction.objects.filter(
            pk=introduction.pk, status=Introduction.Status.REQUESTED
        ).update(status=Introduction.Status.WITHDRAWN, updated_at=timezone.now())
        if updated != 1:
            raise ValidationError(
                _("This request has already been answered."), code="already_answered"
            )
        introduction.status = Introduction.Status.WITHDRAWN
        audit_record(
            actor=by,
            action="introduction.withdraw",
            target=introduction,
            before={"status": Introduction.Status.REQUESTED},
            after={"status": Introduction.Status.WITHDRAWN},
        )
    return introduction


def introduction_contacts_viewed(*, introduction: Introduction, by: User) -> None:
    """Record that `by` was shown the other side's contact details (personal data)."""
    audit_record(actor=by, action="introduction.contacts_view", target=introduction)


def introductions_remind(*, now: datetime.datetime | None = None) -> int:
    """Remind recipients of requests unanswered for REMIND_AFTER, once each. Returns the count."""
    now = now or timezone.now()
    due = Introduction.objects.filter(
        status=Introduction.Status.REQUESTED,
        reminded_at__isnull=True,
        created_at__lte=now - REMIND_AFTER,
    ).select_related("requester", "recipient")
    count = 0
    for introduction in due:
        # Claim it first, so two runs at once send one reminder.
        claimed = Introduction.objects.filter(pk=introduction.pk, reminded_at__isnull=True).update(
            reminded_at=now
        )
        if not claimed:
            continue
        audit_record(actor=None, action="introduction.remind", target=introduction)
        _notify(
            introduction,
            speakers_of(introduction.recipient),
            "matching/email/reminder.txt",
            gettext_lazy("Reminder: %(name)s is waiting for your answer"),
            introduction.requester.name,
        )
        count += 1
    return count


def connection_record(
    *,
    first: Organisation,
    second: Organisation,
    source: str,
    by: User | None,
    on: datetime.date | None = None,
    note: str = "",
    introduction: Introduction | None = None,
    by_agreement: bool = False,
) -> Connection:
    """Record that two groups are connected. The same pair and source is recorded once.
    Support staff record one by hand; an accepted introduction or an agreement every party
    approved (`by_agreement`, from the proposal table) records its own."""
    if first.pk == second.pk:
        raise ValidationError(_("A group cannot be connected to itself."), code="self")
    allowed = introduction is not None or by_agreement
    if not allowed and not (by is not None and permissions.can_record_connection(by)):
        raise PermissionDenied
    low, high = sorted([first, second], key=lambda o: o.pk)
    existing = Connection.objects.filter(first=low, second=high, source=source).first()
    if existing is not None:
        return existing
    connection = Connection.objects.create(
        first=low,
        second=high,
        source=source,
        introduction=introduction,
        connected_on=on or timezone.localdate(),
        note=note,
    )
    audit_record(
        actor=by,
        action="connection.record",
        target=connection,
        after={"first": low.pk, "second": high.pk, "source": source},
    )
    return connection


def feedback_record(*, need: Need, organisation: Organisation, helpful: bool, by: User) -> Feedback:
    """A user's word on a suggestion; a second word from the same user replaces the first."""
    if not permissions.can_give_feedback(by, need):
        raise PermissionDenied
    with transaction.atomic():
        before = (
            Feedback.objects.filter(need=need, organisation=organisation, user=by)
            .values_list("helpful", flat=True)
            .first()
        )
        feedback, _created = Feedback.objects.update_or_create(
            need=need, organisation=organisation, user=by, defaults={"helpful": helpful}
        )
        audit_record(
            actor=by,
            action="suggestion.feedback",
            target=feedback,
            after={"need": need.pk, "organisation": organisation.pk, "helpful": helpful},
        )
        # A suggestion marked helpful is evidence (weaker than an accepted introduction);
        # taking that back withdraws it.
        if helpful and before is not True:
            index_change_record(
                kind=IndexChange.Kind.EVIDENCE,
                payload=evidence(need_text=_need_text(need), helper=organisation.pk, weight=0.5),
            )
        elif not helpful and before is True:
            index_change_record(kind=IndexChange.Kind.EVIDENCE_REVISED)
    return feedback


def glossary_save(
    *, group: GlossaryGroup | None, words: str, note: str, is_active: bool, by: User
) -> GlossaryGroup:
    """Add or change a glossary entry: two or more words that mean the same here."""
    if not permissions.can_manage_glossary(by):
        raise PermissionDenied
    entry = group or GlossaryGroup()
    before = None if entry.pk is None else {"words": entry.words, "is_active": entry.is_active}
    entry.words, entry.note, entry.is_active = words.strip(), note.strip(), is_active
    entry.clean()
    with transaction.atomic():
        entry.save()
        audit_record(
            actor=by,
            action="glossary.save",
            target=entry,
            before=before,
            after={"words": entry.words, "is_active": entry.is_active},
        )
        index_change_record(kind=IndexChange.Kind.GLOSSARY)
    return entry


def index_change_record(
    *, kind: str, organisation_id: int | None = None, payload: dict[str, Any] | None = None
) -> IndexChange:
    """Tell every process's matching index that something changed (see models.IndexChange).

    Call it inside the transaction of the change itself: a change that is rolled back must
    not be applied, and one that is committed must not be missed.
    """
    return IndexChange.objects.create(
        kind=kind, organisation_id=organisation_id, payload=payload or {}
    )


def evidence(*, need_text: str, helper: int, weight: float) -> dict[str, Any]:
    """The payload of an evidence change: `helper` answered a need worded `need_text`."""
    return {"text": need_text, "helper": helper, "weight": weight}


def _need_text(need: Need) -> str:
    return f"{need.title}。{need.description}"


def _record_introduction_evidence(introduction: Introduction) -> None:
    need = introduction.need
    if need is None:
        return
    helper = (
        introduction.recipient_id
        if introduction.requester_id == need.organisation_id
        else introduction.requester_id
    )
    index_change_record(
        kind=IndexChange.Kind.EVIDENCE,
        payload=evidence(need_text=_need_text(need), helper=helper, weight=1.0),
    )


def _notify(
    introduction: Introduction, users: Iterable[User], template: str, subject: Promise, name: str
) -> None:
    # Mail goes out in the site's language (Japanese), whatever page the sender was on.
    link = str(settings.SITE_URL) + reverse("matching:introduction", args=[introduction.pk])
    addresses = sorted({u.email for u in users if u.email})
    if not addresses:
        return
    with override(settings.LANGUAGE_CODE):
        body = render_to_string(template, {"introduction": introduction, "link": link})
        text = mail_subject(str(subject) % {"name": name})
    EmailMessage(text, body, settings.DEFAULT_FROM_EMAIL, addresses).send()
