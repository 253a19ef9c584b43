"""Who may do what with a 後援 request, role × state: the same request and people for every
cell, so a refusal can only come from the role or the state."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from tsunagaru.info import sponsorship_permissions as permissions
from tsunagaru.info.sponsorship_models import SponsorshipRequest
from tsunagaru.info.tests.sponsorship.factories import SponsorshipRequestFactory
from tsunagaru.partners.models import Membership
from tsunagaru.partners.tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db
S = SponsorshipRequest.Status
ALL_STATES = list(S)
PERSONAS = [
    "speaker",
    "member",
    "other_group",
    "resident",
    "coordinator",
    "city_staff",
    "administrator",
    "anonymous",
]
GROUP = {"speaker", "member"}
STAFF = {"city_staff", "administrator"}
DECIDED = {S.APPROVED, S.REFUSED, S.REPORTED}

# For each question: in which state which personas are allowed (every other cell: refused).
EXPECTED = {
    "can_view": {
        **{state: GROUP | STAFF for state in ALL_STATES},
        S.DRAFT: GROUP,  # a draft is the group's own
    },
    "can_edit": {S.DRAFT: {"speaker"}},
    "can_submit": {S.DRAFT: {"speaker"}},
    "can_withdraw": {S.DRAFT: {"speaker"}, S.SUBMITTED: {"speaker"}},
    "can_decide": {S.SUBMITTED: STAFF},
    "can_report": {S.APPROVED: {"speaker"}},
    "can_download_letter": {state: GROUP | STAFF for state in DECIDED},
}


def _request_in(state: str, group) -> SponsorshipRequest:
    yesterday = timezone.localdate() - timedelta(days=1)
    fields: dict[str, object] = {"status": state, "starts_on": yesterday, "ends_on": yesterday}
    if state in DECIDED:
        fields |= {"letter_year": 2026, "letter_number": 7}
    made: SponsorshipRequest = SponsorshipRequestFactory(applicant=group, **fields)
    return made


@pytest.mark.parametrize("state", ALL_STATES)
@pytest.mark.parametrize("question", list(EXPECTED))
def test_role_by_state_table(question, state, group, personas):
    request = _request_in(state, group)
    check = getattr(permissions, question)
    allowed = {
        name
        for name in PERSONAS
        if check(personas[name] if personas[name] is not None else AnonymousUser(), request)
    }
    assert allowed == EXPECTED[question].get(state, set())


def test_the_report_waits_for_the_events_last_day(group, speaker):
    tomorrow = timezone.localdate() + timedelta(days=1)
    request = SponsorshipRequestFactory(
        applicant=group,
        status=S.APPROVED,
        starts_on=tomorrow,
        ends_on=tomorrow,
        letter_year=2026,
        letter_number=1,
    )
    assert not permissions.can_report(speaker, request)


def test_staff_do_not_decide_on_a_request_of_their_own_group(group, city_staff):
    MembershipFactory(user=city_staff, organisation=group, role=Membership.Role.MEMBER)
    request = _request_in(S.SUBMITTED, group)
    assert not permissions.can_decide(city_staff, request)


def test_a_contact_person_speaks_for_the_group_too(group, make_user):
    contact = make_user(email="tanto@example.jp")
    MembershipFactory(user=contact, organisation=group, role=Membership.Role.CONTACT)
    assert permissions.can_submit(contact, _request_in(S.DRAFT, group))


def test_only_speakers_of_a_listed_group_apply(group, speaker, member, other_speaker):
    assert permissions.can_apply_for(speaker, group)
    assert not permissions.can_apply_for(member, group)
    assert not permissions.can_apply_for(other_speaker, group)
    group.status = group.Status.PENDING
    assert not permissions.can_apply_for(speaker, group)


def test_a_city_department_does_not_apply_for_its_own_citys_sponsorship(group, speaker):
    from tsunagaru.guideline.models import OrganisationKind

    group.kind = OrganisationKind.objects.get(code="city_department")
    assert not permissions.can_apply_for(speaker, group)
