"""Groups taking part in an event: booths at つながるフェスタ and case presentations at forums
(相互交流 ウ). A group applies; the organiser accepts, or declines with a reason; the group may
withdraw. Accepted contributions are listed on the event's page."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from tsunagaru.accounts.models import User
from tsunagaru.audit.services import audit_record
from tsunagaru.cases.models import Case
from tsunagaru.core.inputs import require_single_line
from tsunagaru.core.mail import mail_subject
from tsunagaru.info.models import Contribution, Event
from tsunagaru.partners.models import Organisation
from tsunagaru.partners.selectors import speakers_of


def accepts(event: Event, kind: str) -> bool:
    """Does the event take this kind of contribution now (published, not yet started)?"""
    if event.status != Event.Status.PUBLISHED or event.starts_at <= timezone.now():
        return False
    if kind == Contribution.Kind.EXHIBITOR:
        return event.kind.takes_exhibitors
    return event.calls_for_presentations


def contribution_apply(
    *,
    event: Event,
    organisation: Organisation,
    kind: str,
    title: str,
    needs: str = "",
    case: Case | None = None,
    by: User,
) -> Contribution:
    """A group offers a booth or a case presentation.

    Raises ValidationError "not_accepted", "no_case", "case_not_published", "already_applied".
    Whether `by` speaks for `organisation` is the caller's question (permissions).
    """
    if not accepts(event, kind):
        raise ValidationError(
            _("This event does not take such applications now."), code="not_accepted"
        )
    if kind == Contribution.Kind.PRESENTATION:
        if case is None:
            raise ValidationError(_("Choose the case you will present."), code="no_case")
        if case.status != Case.Status.PUBLISHED:
            raise ValidationError(
                _("Only a published case can be presented."), code="case_not_published"
            )
    contribution = Contribution(
        event=event,
        kind=kind,
        organisation=organisation,
        case=case if kind == Contribution.Kind.PRESENTATION else None,
        title=" ".join((title or "").split()),
        needs=(needs or "").strip(),
        created_by=by,
    )
    require_single_line(contribution, "title")
    contribution.full_clean(exclude=["event", "organisation", "created_by", "case"])
    try:
        with transaction.atomic():
            contribution.save()
            audit_record(
                actor=by,
                action=f"contribution.apply_{kind}",
                target=event,
                after={"contribution": contribution.pk, "organisation": organisation.pk},
            )
    except IntegrityError as error:
        raise ValidationError(
            _("Your group has applied already."), code="already_applied"
        ) from error
    return contribution


def contribution_decide(
    *, contribution: Contribution, accept: bool, reason: str = "", by: User
) -> Contribution:
    """The organiser accepts, or declines with a reason the group reads."""
    reason = (reason or "").strip()
    if not accept and not reason:
        raise ValidationError(_("Write the reason: the group will read it."), code="no_reason")
    to = Contribution.Status.ACCEPTED if accept else Contribution.Status.DECLINED
    with transaction.atomic():
        _move(contribution, to=to, reason=reason)
        audit_record(
            actor=by,
            action=f"contribution.{'accept' if accept else 'decline'}",
            target=contribution.event,
            after={"contribution": contribution.pk},
            note=reason,
        )
    _tell_group(contribution)
    return contribution


def contribution_withdraw(*, contribution: Contribution, by: User) -> Contribution:
    with transaction.atomic():
        _move(contribution, to=Contribution.Status.WITHDRAWN, reason="")
        audit_record(
            actor=by,
            action="contribution.withdraw",
            target=contribution.event,
            after={"contribution": contribution.pk},
        )
    return contribution


def _move(contribution: Contribution, *, to: str, reason: str) -> None:
    if not contribution.can_move_to(to):
        raise ValidationError(
            _("This application can no longer be changed this way."), code="invalid_transition"
        )
    updated = Contribution.objects.filter(pk=contribution.pk, status=contribution.status).update(
        status=to, reason=reason, updated_at=timezone.now()
    )
    if updated != 1:
        raise ValidationError(
            _("Someone else changed this application. Reload the page and try again."),
            code="stale",
        )
    contribution.status = to
    contribution.reason = reason


def _tell_group(contribution: Contribution) -> None:
    addresses = sorted({u.email for u in speakers_of(contribution.organisation) if u.email})
    if not addresses:
        return
    event = contribution.event
    link = str(settings.SITE_URL) + reverse("info:event", args=[event.pk])
    with override(settings.LANGUAGE_CODE):
        body = render_to_string(
            "info/email/contribution_decided.txt",
            {"contribution": contribution, "event": event, "link": link},
        )
        subject = mail_subject(_("Your application for 「%(title)s」") % {"title": event.title})
    EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, addresses).send()
