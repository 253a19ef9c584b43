from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from tsunagaru.accounts.models import Role, User
from tsunagaru.info.models import Event
from tsunagaru.info.tests.factories import EventFactory
from tsunagaru.partners.tests.factories import MembershipFactory


@pytest.fixture
def organiser_member(make_user: Callable[..., User]) -> User:
    return make_user(Role.PARTNER_MEMBER, email="organiser@example.jp")


@pytest.fixture
def event(organiser_member: User) -> Event:
    """A published course of 稲瀬振興会 with 2 seats; `organiser_member` belongs to it."""
    group = MembershipFactory(user=organiser_member, organisation__name="稲瀬振興会").organisation
    made: Event = EventFactory(organiser=group, capacity=2, created_by=organiser_member)
    return made


@pytest.fixture
def make_resident(make_user: Callable[..., User]) -> Callable[..., Any]:
    def make(n: int) -> User:
        return make_user(Role.RESIDENT, email=f"resident{n}@example.jp")

    return make
