"""Who may do what at the proposal table. Plain bool answers, one condition per line.

The table's secretariat is city staff (地域づくり推進課, 運営要綱); coordinators of the support
centre see every proposal to help, but do not screen. Each party acts through its members;
approving the agreement is its representative's (代表者) alone.
"""

from __future__ import annotations

from typing import Any

from tsunagaru.accounts.permissions import has_role
from tsunagaru.partners.models import Membership, Organisation
from tsunagaru.partners.permissions import SPEAKING_ROLES, STAFF_ROLES, SUPPORT_ROLES, role_in
from tsunagaru.proposals.models import Party, Proposal


def is_table_staff(user: Any) -> bool:
    return has_role(user, *STAFF_ROLES)


def is_member(user: Any, organisation: Organisation) -> bool:
    return role_in(user, organisation) is not None


def speaks_for(user: Any, organisation: Organisation) -> bool:
    return role_in(user, organisation) in SPEAKING_ROLES


def party_of(user: Any, proposal: Proposal) -> Party | None:
    """The user's party at this table (accepted or invited), if any."""
    for party in proposal.parties.all():
        if party.answer != Party.Answer.DECLINED and is_member(user, party.organisation):
            return party
    return None


def at_table(user: Any, proposal: Proposal) -> Party | None:
    """The user's party if it has accepted its place at the table."""
    party = party_of(user, proposal)
    return party if party is not None and party.answer == Party.Answer.ACCEPTED else None


def can_create(user: Any, proposer: Organisation) -> bool:
    """Any member of a registered (verified) group or department may write a proposal."""
    if not proposer.is_listed:
        return False
    return is_member(user, proposer)


def can_view(user: Any, proposal: Proposal) -> bool:
    """Drafts are the proposer's; after submission the parties and the support staff see all;
    agreed projects are public within what the agreement made public."""
    if is_member(user, proposal.proposer):
        return True
    if proposal.status == Proposal.Status.DRAFT:
        return False
    if has_role(user, *SUPPORT_ROLES) or party_of(user, proposal) is not None:
        return True
    return proposal.is_public


def can_view_table(user: Any, proposal: Proposal) -> bool:
    """The meetings, messages, documents and agreement drafts: parties and support staff."""
    if proposal.status == Proposal.Status.DRAFT:
        return is_member(user, proposal.proposer)
    return has_role(user, *SUPPORT_ROLES) or party_of(user, proposal) is not None


def can_edit(user: Any, proposal: Proposal) -> bool:
    if proposal.status not in (Proposal.Status.DRAFT, Proposal.Status.RETURNED):
        return False
    return is_member(user, proposal.proposer)


def can_submit(user: Any, proposal: Proposal) -> bool:
    if proposal.status not in (Proposal.Status.DRAFT, Proposal.Status.RETURNED):
        return False
    return speaks_for(user, proposal.proposer)


def can_screen(user: Any, proposal: Proposal) -> bool:
    return proposal.status == Proposal.Status.SUBMITTED and is_table_staff(user)


def can_close(user: Any, proposal: Proposal) -> bool:
    """Staff close a proposal as not adopted; the proposer may withdraw its own."""
    if proposal.status not in (
        Proposal.Status.SUBMITTED,
        Proposal.Status.RETURNED,
        Proposal.Status.AT_TABLE,
    ):
        return False
    return is_table_staff(user) or speaks_for(user, proposal.proposer)


def can_invite(user: Any, proposal: Proposal) -> bool:
    return proposal.status == Proposal.Status.AT_TABLE and is_table_staff(user)


def can_answer(user: Any, party: Party) -> bool:
    if party.answer != Party.Answer.INVITED:
        return False
    if party.proposal.status != Proposal.Status.AT_TABLE:
        return False
    return speaks_for(user, party.organisation)


def can_take_part(user: Any, proposal: Proposal) -> bool:
    """Record meetings, write messages, attach documents, draft the agreement: the accepted
    parties' speakers and the table staff, while the project is open."""
    if proposal.status not in (Proposal.Status.AT_TABLE, Proposal.Status.AGREED):
        return False
    if is_table_staff(user):
        return True
    party = at_table(user, proposal)
    return party is not None and speaks_for(user, party.organisation)


def can_post(user: Any, proposal: Proposal) -> bool:
    """Any member of an accepted party (and the staff) writes in the thread."""
    if proposal.status not in (
        Proposal.Status.AT_TABLE,
        Proposal.Status.AGREED,
        Proposal.Status.FINISHED,
    ):
        return False
    return is_table_staff(user) or at_table(user, proposal) is not None


def can_approve(user: Any, party: Party) -> bool:
    """Only a party's representative approves the agreement for it."""
    if party.answer != Party.Answer.ACCEPTED:
        return False
    if party.proposal.status not in (Proposal.Status.AT_TABLE, Proposal.Status.AGREED):
        return False
    return role_in(user, party.organisation) == Membership.Role.REPRESENTATIVE


def can_report(user: Any, proposal: Proposal) -> bool:
    return proposal.status == Proposal.Status.AGREED and at_table(user, proposal) is not None


def can_finish(user: Any, proposal: Proposal) -> bool:
    if proposal.status != Proposal.Status.AGREED:
        return False
    if is_table_staff(user):
        return True
    party = at_table(user, proposal)
    return party is not None and speaks_for(user, party.organisation)


def can_evaluate(user: Any, party: Party) -> bool:
    if party.proposal.status != Proposal.Status.FINISHED:
        return False
    if party.answer != Party.Answer.ACCEPTED:
        return False
    return speaks_for(user, party.organisation)


def can_make_case(user: Any, proposal: Proposal) -> bool:
    if proposal.status != Proposal.Status.EVALUATED or proposal.case_id is not None:
        return False
    if is_table_staff(user):
        return True
    party = at_table(user, proposal)
    return party is not None and speaks_for(user, party.organisation)


def can_view_dashboard(user: Any) -> bool:
    return has_role(user, *SUPPORT_ROLES)
