"""Who may ask for, answer and see introductions, and who keeps the glossary."""

from __future__ import annotations

from typing import Any

from tsunagaru.accounts.models import Role
from tsunagaru.accounts.permissions import has_role
from tsunagaru.matching.models import Introduction, PersonIntroduction
from tsunagaru.partners.models import Membership, Need, Organisation, VolunteerProfile
from tsunagaru.partners.permissions import (
    SPEAKING_ROLES,
    SUPPORT_ROLES,
    is_partner_or_support,
    role_in,
)


def can_see_suggestions(user: Any, need: Need) -> bool:
    """Suggestions for an open need of a listed group are public, like the profiles they
    are made from (公開性・透明性)."""
    return need.status == Need.Status.OPEN and need.organisation.is_listed


def can_give_feedback(user: Any, need: Need) -> bool:
    """The group with the need and the support staff say whether a suggestion helped."""
    if not can_see_suggestions(user, need):
        return False
    return role_in(user, need.organisation) is not None or has_role(user, *SUPPORT_ROLES)


def can_search_help(user: Any) -> bool:
    """「こんなことで困っています」: any logged-in member of a listed group, and support staff."""
    return is_partner_or_support(user)


def can_request(user: Any, requester: Organisation, recipient: Organisation) -> bool:
    """A member of a listed group asks to meet another listed group."""
    if requester.pk == recipient.pk or not (requester.is_listed and recipient.is_listed):
        return False
    return role_in(user, requester) is not None


def can_ask_to_meet(user: Any, recipient: Organisation) -> bool:
    """つながりたい from a group's page: the user belongs to another listed group, which asks.

    The same rule as can_request, for the page that shows the link before a side is chosen.
    """
    if not (recipient.is_listed and user.is_authenticated and user.is_active):
        return False
    return (
        Membership.objects.filter(user=user, organisation__status=Organisation.Status.VERIFIED)
        .exclude(organisation=recipient)
        .exists()
    )


def can_introduce(user: Any) -> bool:
    """Coordinators introduce two groups to each other (仲介)."""
    return has_role(user, Role.COORDINATOR, Role.CITY_STAFF, Role.ADMINISTRATOR)


def can_answer(user: Any, introduction: Introduction) -> bool:
    if introduction.status != Introduction.Status.REQUESTED:
        return False
    return role_in(user, introduction.recipient) in SPEAKING_ROLES


def can_withdraw(user: Any, introduction: Introduction) -> bool:
    if introduction.status != Introduction.Status.REQUESTED:
        return False
    return role_in(user, introduction.requester) is not None or (
        introduction.via == Introduction.Via.COORDINATOR and introduction.requested_by == user
    )


def can_view(user: Any, introduction: Introduction) -> bool:
    if has_role(user, *SUPPORT_ROLES):
        return True
    return (
        role_in(user, introduction.requester) is not None
        or role_in(user, introduction.recipient) is not None
    )


def can_see_contacts(user: Any, introduction: Introduction) -> bool:
    """Contact details pass only once the other side has accepted, and only to the two sides:
    no support staff, not even the coordinator who introduced them (personal data goes only
    where it is needed; the groups get in touch with each other)."""
    if introduction.status != Introduction.Status.ACCEPTED:
        return False
    return (
        role_in(user, introduction.requester) is not None
        or role_in(user, introduction.recipient) is not None
    )


def can_manage_glossary(user: Any) -> bool:
    return has_role(user, *SUPPORT_ROLES)


def can_view_unmatched(user: Any) -> bool:
    return has_role(user, *SUPPORT_ROLES)


def can_follow_introductions(user: Any) -> bool:
    """The support staff see every introduction still waiting for an answer (and may open
    each: see can_view), to follow up the ones left too long."""
    return has_role(user, *SUPPORT_ROLES)


def can_record_connection(user: Any) -> bool:
    return has_role(user, *SUPPORT_ROLES)


# -- individual volunteers ---------------------------------------------------------------------
# A volunteer who agreed to be suggested is shown without name or contact details, and only
# to the people who can act on the need: its group's members and the support centre.


def can_see_people(user: Any, need: Need) -> bool:
    """「個人で手伝える人」 on a need's page: its group's members and support staff only."""
    if not can_see_suggestions(user, need):
        return False
    return role_in(user, need.organisation) is not None or has_role(user, *SUPPORT_ROLES)


def can_ask_person(user: Any, need: Need, volunteer: VolunteerProfile) -> bool:
    """A member of the group with an open need asks to meet a volunteer who agreed to be
    suggested (and is not themselves)."""
    if not can_see_suggestions(user, need) or role_in(user, need.organisation) is None:
        return False
    return volunteer.suggested and volunteer.user.is_active and volunteer.user_id != user.pk


def is_the_person(user: Any, introduction: PersonIntroduction) -> bool:
    return bool(
        user.is_authenticated and user.is_active and introduction.volunteer.user_id == user.pk
    )


def is_the_group(user: Any, introduction: PersonIntroduction) -> bool:
    return role_in(user, introduction.organisation) is not None


def can_view_person_introduction(user: Any, introduction: PersonIntroduction) -> bool:
    """Only the two sides: the person, and the members of the group that asked."""
    return is_the_person(user, introduction) or is_the_group(user, introduction)


def can_answer_person(user: Any, introduction: PersonIntroduction) -> bool:
    if introduction.status != PersonIntroduction.Status.REQUESTED:
        return False
    return is_the_person(user, introduction)


def can_withdraw_person(user: Any, introduction: PersonIntroduction) -> bool:
    if introduction.status != PersonIntroduction.Status.REQUESTED:
        return False
    return is_the_group(user, introduction)


def can_see_person_contacts(user: Any, introduction: PersonIntroduction) -> bool:
    """Contact details pass only once the person has accepted, and only to the two sides:
    not to support staff (the person agreed to meet this group, nobody else)."""
    if introduction.status != PersonIntroduction.Status.ACCEPTED:
        return False
    return can_view_person_introduction(user, introduction)


def has_volunteer_side(user: Any) -> bool:
    """The menu shows 「ボランティアへの依頼」 to people with a volunteer profile (the page
    itself is every signed-in person's: it lists what their groups asked of volunteers)."""
    if not (user.is_authenticated and user.is_active):
        return False
    return VolunteerProfile.objects.filter(user=user).exists()
