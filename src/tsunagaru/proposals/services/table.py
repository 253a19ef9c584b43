"""From a proposal to a table: writing, submitting, screening, the parties, meetings, the
thread and documents; closing a proposal that is not adopted.

Rules: only a registered (verified) group or a city department proposes (条例第3条, registration
at the 市民活動支援センター is the gate); a proposal needs no money to be a full proposal; the
secretariat (city staff) accepts or returns it with reasons, and names the responsible
departments; every invited party answers for itself.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tsunagaru.accounts.models import User
from tsunagaru.audit.services import audit_record
from tsunagaru.core.dates import fiscal_year
from tsunagaru.core.inputs import require_single_line
from tsunagaru.core.lists import join_list
from tsunagaru.core.uploads import validate_document
from tsunagaru.partners.models import Organisation
from tsunagaru.proposals import permissions
from tsunagaru.proposals.models import (
    Agreement,
    AgreementVersion,
    Document,
    Meeting,
    MeetingReply,
    Message,
    Party,
    Proposal,
)
from tsunagaru.proposals.services._common import (
    move,
    tell_groups,
    tell_parties,
    tell_table_staff,
)

PROPOSAL_FIELDS = (
    "title",
    "problem",
    "idea",
    "brings",
    "asks",
    "wanted_partners",
    "schedule",
    "needs_money",
    "money_amount",
)
# What a proposal must say before the table can look at it.
REQUIRED_TO_SUBMIT = ("title", "problem", "idea", "brings", "asks")


def proposal_save(
    *,
    proposal: Proposal | None,
    data: dict[str, Any],
    by: User,
    proposer: Organisation | None = None,
) -> Proposal:
    """Write a new draft for `proposer`, or change a draft (or a returned proposal). Each
    step of the wizard saves: only a title is needed until submission."""
    if proposal is None:
        if proposer is None or not permissions.can_create(by, proposer):
            raise PermissionDenied
        proposal = Proposal(proposer=proposer, created_by=by, title="", problem="")
    elif not permissions.can_edit(by, proposal):
        raise PermissionDenied
    created = proposal.pk is None
    if not str(data.get("title", proposal.title)).strip():
        raise ValidationError(_("Give the proposal a title."), code="title_required")
    with transaction.atomic():
        for name in PROPOSAL_FIELDS:
            if name in data:
                value = data[name]
                setattr(proposal, name, value.strip() if isinstance(value, str) else value)
        require_single_line(proposal, "title")  # it goes into mail subjects
        if "needs_money" in data:
            _check_money(proposal)
        proposal.full_clean(exclude=["problem"])
        proposal.save()
        if "forms" in data:
            proposal.forms.set(data["forms"])
        if created:
            Party.objects.create(
                proposal=proposal,
                organisation=proposal.proposer,
                role=Party.Role.PROPOSER,
                answer=Party.Answer.ACCEPTED,
                answered_at=timezone.now(),
                answered_by=by,
            )
        audit_record(
            actor=by,
            action="proposal.create" if created else "proposal.update",
            target=proposal,
            after={k: str(v) for k, v in data.items() if k in PROPOSAL_FIELDS},
        )
    return proposal


def _check_money(proposal: Proposal) -> None:
    """A proposal that needs money says about how much (at least 1 yen); one that needs none
    keeps no amount (code "amount_required")."""
    if not proposal.needs_money:
        proposal.money_amount = None
    elif not proposal.money_amount:
        raise ValidationError(
            {
                "money_amount": ValidationError(
                    _("Write about how much money is needed, in yen."), code="amount_required"
                )
            }
        )


def proposal_submit(*, proposal: Proposal, by: User) -> Proposal:
    """Send the proposal to the table's secretariat. Everything in REQUIRED_TO_SUBMIT must
    be written (code "incomplete", naming the missing parts)."""
    if not permissions.can_submit(by, proposal):
        raise PermissionDenied
    missing = [
        str(getattr(Proposal._meta.get_field(name), "verbose_name", name))
        for name in REQUIRED_TO_SUBMIT
        if not str(getattr(proposal, name)).strip()
    ]
    if proposal.needs_money and not proposal.money_amount:
        missing.append(str(Proposal._meta.get_field("money_amount").verbose_name))
    if missing:
        raise ValidationError(
            _("Write these parts before sending: %(parts)s.") % {"parts": join_list(missing)},
            code="incomplete",
        )
    now = timezone.now()
    with transaction.atomic():
        move(
            proposal,
            Proposal.Status.SUBMITTED,
            by=by,
            submitted_at=now,
            fiscal_year=fiscal_year(timezone.localdate(now)),
            return_reason="",
        )
        tell_table_staff(
            proposal, _("A proposal was sent to the table: %(title)s") % {"title": proposal.title}
        )
    return proposal


def proposal_return(*, proposal: Proposal, reason: str, by: User) -> Proposal:
    """The secretariat returns the proposal with reasons; the proposer changes and resends."""
    if not permissions.can_screen(by, proposal):
        raise PermissionDenied
    if not reason.strip():
        raise ValidationError(_("Say what should change."), code="reason_required")
    with transaction.atomic():
        move(proposal, Proposal.Status.RETURNED, by=by, note=reason, return_reason=reason.strip())
        tell_groups(
            proposal,
            [proposal.proposer],
            _("Your proposal was returned for changes: %(reason)s") % {"reason": reason.strip()},
        )
    return proposal


def proposal_accept(
    *,
    proposal: Proposal,
    departments: Sequence[Organisation],
    partners: Sequence[Organisation] = (),
    by: User,
) -> Proposal:
    """Open the table: the secretariat names the responsible departments (at least one) and
    invites the partners; each answers for itself. The agreement starts as an empty draft."""
    if not permissions.can_screen(by, proposal):
        raise PermissionDenied
    if not departments:
        raise ValidationError(
            _("Name at least one responsible department."), code="department_required"
        )
    with transaction.atomic():
        move(proposal, Proposal.Status.AT_TABLE, by=by)
        for organisation in departments:
            _invite(proposal, organisation, Party.Role.DEPARTMENT, by)
        for organisation in partners:
            _invite(proposal, organisation, Party.Role.PARTNER, by)
        agreement = Agreement.objects.create(proposal=proposal)
        first = AgreementVersion.objects.create(agreement=agreement, number=1, created_by=by)
        agreement.current = first
        agreement.save(update_fields=["current"])
        tell_groups(
            proposal,
            [proposal.proposer],
            _("Your proposal is at the table. The parties have been invited."),
        )
    return proposal


def party_invite(*, proposal: Proposal, organisation: Organisation, by: User) -> Party:
    """Invite one more group or department to an open table; a city department takes part as
    a responsible department, any other group as a partner."""
    if not permissions.can_invite(by, proposal):
        raise PermissionDenied
    city = organisation.kind.code == "city_department"
    role = Party.Role.DEPARTMENT if city else Party.Role.PARTNER
    with transaction.atomic():
        return _invite(proposal, organisation, role, by)


def party_answer(*, party: Party, accept: bool, reason: str = "", by: User) -> Party:
    """The invited group (its representative or contact) takes its place or declines."""
    if not permissions.can_answer(by, party):
        raise PermissionDenied
    answer = Party.Answer.ACCEPTED if accept else Party.Answer.DECLINED
    with transaction.atomic():
        updated = Party.objects.filter(pk=party.pk, answer=Party.Answer.INVITED).update(
            answer=answer,
            answered_at=timezone.now(),
            answered_by=by,
            decline_reason="" if accept else reason.strip(),
            updated_at=timezone.now(),
        )
        if not updated:
            raise ValidationError(_("This invitation was already answered."), code="answered")
        party.refresh_from_db()
        audit_record(
            actor=by,
            action=f"party.{answer}",
            target=party.proposal,
            after={"party": party.organisation.name},
        )
        tell_parties(
            party.proposal,
            (
                _("%(group)s takes part in the table.")
                if accept
                else _("%(group)s declined the invitation.")
            )
            % {"group": party.organisation.name},
        )
    return party


def meeting_record(
    *, proposal: Proposal, data: dict[str, Any], present: Iterable[Party], by: User
) -> Meeting:
    """Record a meeting of the table: when, where or online, who was there, the minutes,
    decisions and next steps (the process up to agreement is kept: 相互理解)."""
    if not permissions.can_take_part(by, proposal):
        raise PermissionDenied
    there = list(present)
    if any(p.proposal_id != proposal.pk or p.answer != Party.Answer.ACCEPTED for p in there):
        raise ValidationError(
            _("Only parties that take part can be marked present."), code="not_a_party"
        )
    if not there:
        raise ValidationError(_("Mark who was present."), code="nobody_present")
    with transaction.atomic():
        meeting = Meeting(proposal=proposal, recorded_by=by, **data)
        meeting.full_clean()
        meeting.save()
        meeting.present.set(there)
        audit_record(
            actor=by,
            action="meeting.record",
            target=proposal,
            after={"meeting": meeting.pk, "present": [p.organisation.name for p in there]},
        )
        tell_parties(proposal, _("The minutes of a meeting were recorded."))
    return meeting


def meeting_reply(*, meeting: Meeting, party: Party, text: str, by: User) -> MeetingReply:
    """A party that was not at the meeting answers the minutes (its way of taking part)."""
    proposal = meeting.proposal
    if not permissions.can_take_part(by, proposal) or not permissions.speaks_for(
        by, party.organisation
    ):
        raise PermissionDenied
    if party.proposal_id != proposal.pk or party.answer != Party.Answer.ACCEPTED:
        raise PermissionDenied
    if not text.strip():
        raise ValidationError(_("Write your reply."), code="reply_required")
    try:
        with transaction.atomic():
            reply = MeetingReply.objects.create(
                meeting=meeting, party=party, text=text.strip(), by=by
            )
            audit_record(
                actor=by,
                action="meeting.reply",
                target=proposal,
                after={"meeting": meeting.pk, "party": party.organisation.name},
            )
    except IntegrityError:
        raise ValidationError(
            _("Your group has already replied to these minutes."), code="already_replied"
        ) from None
    return reply


def message_post(*, proposal: Proposal, body: str, by: User) -> Message:
    if not permissions.can_post(by, proposal):
        raise PermissionDenied
    if not body.strip():
        raise ValidationError(_("Write a message."), code="message_required")
    with transaction.atomic():
        message = Message.objects.create(
            proposal=proposal,
            party=permissions.at_table(by, proposal),
            author=by,
            body=body.strip(),
        )
        audit_record(
            actor=by, action="message.post", target=proposal, after={"message": message.pk}
        )
    return message


def document_add(*, proposal: Proposal, file: UploadedFile, title: str, by: User) -> Document:
    if not permissions.can_post(by, proposal):
        raise PermissionDenied
    if not title.strip():
        raise ValidationError(_("Give the file a title."), code="title_required")
    validate_document(file)
    with transaction.atomic():
        document = Document.objects.create(
            proposal=proposal, file=file, title=title.strip(), uploaded_by=by
        )
        audit_record(
            actor=by, action="document.add", target=proposal, after={"document": document.title}
        )
    return document


def proposal_close(*, proposal: Proposal, category: str, note: str, by: User) -> Proposal:
    """Close a proposal as not adopted, with a reason the proposer sees; the yearly public
    list counts the reasons by category. The proposer closes its own as withdrawn."""
    if not permissions.can_close(by, proposal):
        raise PermissionDenied
    if not permissions.is_table_staff(by):
        category = Proposal.ClosingReason.WITHDRAWN
    if category not in Proposal.ClosingReason.values:
        raise ValidationError(_("Choose a reason."), code="reason_required")
    if not note.strip():
        raise ValidationError(_("Explain the reason."), code="reason_required")
    with transaction.atomic():
        move(
            proposal,
            Proposal.Status.NOT_ADOPTED,
            by=by,
            note=note,
            closing_reason=category,
            closing_note=note.strip(),
            closed_at=timezone.now(),
        )
        tell_groups(
            proposal,
            [p.organisation for p in proposal.parties.exclude(answer=Party.Answer.DECLINED)],
            _("The proposal was closed: %(reason)s") % {"reason": note.strip()},
        )
    return proposal


def _invite(proposal: Proposal, organisation: Organisation, role: str, by: User) -> Party:
    if not organisation.is_listed:
        raise ValidationError(
            _("%(group)s is not a registered group.") % {"group": organisation.name},
            code="not_registered",
        )
    party, created = Party.objects.get_or_create(
        proposal=proposal, organisation=organisation, defaults={"role": role}
    )
    if not created:
        raise ValidationError(
            _("%(group)s is already at the table.") % {"group": organisation.name},
            code="already_party",
        )
    audit_record(
        actor=by,
        action="party.invite",
        target=proposal,
        after={"party": organisation.name, "role": role},
    )
    tell_groups(
        proposal,
        [organisation],
        _("Your group is invited to the proposal table for 「%(title)s」.")
        % {"title": proposal.title},
    )
    return party
