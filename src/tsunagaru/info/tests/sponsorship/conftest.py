"""People around a 後援 request: the group's speaker and plain member, another group's
speaker, a resident, a coordinator, city staff and an administrator."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tsunagaru.accounts.models import Role, User
from tsunagaru.info.sponsorship_models import SponsorshipRequest
from tsunagaru.info.tests.sponsorship.factories import SponsorshipRequestFactory, answer_all
from tsunagaru.partners.models import Membership, Organisation
from tsunagaru.partners.tests.factories import MembershipFactory, OrganisationFactory


@pytest.fixture
def group(db: None) -> Organisation:
    made: Organisation = OrganisationFactory(name="水沢まちづくりの会")
    return made


@pytest.fixture
def speaker(make_user: Callable[..., User], group: Organisation) -> User:
    """The group's representative (代表者)."""
    user = make_user(Role.PARTNER_MEMBER, email="daihyo@example.jp")
    MembershipFactory(user=user, organisation=group, role=Membership.Role.REPRESENTATIVE)
    return user


@pytest.fixture
def member(make_user: Callable[..., User], group: Organisation) -> User:
    """A plain member of the group: may read its requests, not act for it."""
    user = make_user(Role.PARTNER_MEMBER, email="kaiin@example.jp")
    MembershipFactory(user=user, organisation=group, role=Membership.Role.MEMBER)
    return user


@pytest.fixture
def other_speaker(make_user: Callable[..., User]) -> User:
    """The representative of another group."""
    user = make_user(Role.PARTNER_MEMBER, email="yoso@example.jp")
    MembershipFactory(user=user, organisation__name="江刺の森の会")
    return user


@pytest.fixture
def draft(group: Organisation, speaker: User) -> SponsorshipRequest:
    """A complete draft of the group, every ground answered "no"."""
    made: SponsorshipRequest = SponsorshipRequestFactory(applicant=group, created_by=speaker)
    answer_all(made)
    return made


@pytest.fixture
def personas(
    make_user: Callable[..., User],
    speaker: User,
    member: User,
    other_speaker: User,
) -> dict[str, User | None]:
    return {
        "speaker": speaker,
        "member": member,
        "other_group": other_speaker,
        "resident": make_user(Role.RESIDENT),
        "coordinator": make_user(Role.COORDINATOR),
        "city_staff": make_user(Role.CITY_STAFF),
        "administrator": make_user(Role.ADMINISTRATOR),
        "anonymous": None,
    }
