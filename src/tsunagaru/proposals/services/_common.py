"""What every step of the table shares: moving along TRANSITIONS, telling the parties."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from tsunagaru.accounts.models import Role, User
from tsunagaru.audit.services import audit_record
from tsunagaru.notices.services import notice_send
from tsunagaru.partners.models import Organisation
from tsunagaru.partners.selectors import speakers_of
from tsunagaru.proposals.models import TRANSITIONS, Party, Proposal


def move(proposal: Proposal, to: str, *, by: User, note: str = "", **fields: Any) -> None:
    """Move along TRANSITIONS, compare-and-set: of two people acting at once, one wins and
    the other is told the proposal has moved on (code "stale_state")."""
    source = proposal.status
    if to not in TRANSITIONS[source]:
        raise ValidationError(
            _("This step is not possible now: the proposal is %(status)s.")
            % {"status": proposal.get_status_display()},
            code="invalid_transition",
        )
    values = {"status": to, "updated_at": timezone.now(), **fields}
    if not Proposal.objects.filter(pk=proposal.pk, status=source).update(**values):
        raise ValidationError(
            _("Someone else has just moved this proposal on. Reload the page."),
            code="stale_state",
        )
    for name, value in values.items():
        setattr(proposal, name, value)
    audit_record(
        actor=by,
        action=f"proposal.{to}",
        target=proposal,
        before={"status": source},
        after={"status": to},
        note=note,
    )


def accepted_parties(proposal: Proposal) -> list[Party]:
    return list(
        proposal.parties.filter(answer=Party.Answer.ACCEPTED).select_related("organisation")
    )


def tell_groups(
    proposal: Proposal, organisations: Iterable[Organisation], message: str, url: str = ""
) -> None:
    """A notice and an e-mail to the people who speak for each group (代表者・担当者)."""
    people = {u.pk: u for o in organisations for u in speakers_of(o)}
    _send(proposal, people.values(), message, url)


def tell_parties(proposal: Proposal, message: str, url: str = "") -> None:
    tell_groups(proposal, [p.organisation for p in accepted_parties(proposal)], message, url)


def tell_table_staff(proposal: Proposal, message: str) -> None:
    staff = User.objects.filter(role=Role.CITY_STAFF, is_active=True)
    _send(proposal, staff, message, proposal.get_absolute_url())


def _send(proposal: Proposal, users: Iterable[User], message: str, url: str) -> None:
    subject = _("Proposal 「%(title)s」") % {"title": proposal.title}
    notice_send(
        users=users, subject=subject, message=message, url=url or proposal.get_absolute_url()
    )
