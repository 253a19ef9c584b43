from __future__ import annotations

import pytest

from tsunagaru.accounts.models import Role
from tsunagaru.partners.tests.factories import MembershipFactory


@pytest.fixture
def partners(make_user):
    author = make_user(Role.PARTNER_MEMBER, email="inase@example.jp")
    other = make_user(Role.PARTNER_MEMBER, email="fireworks@example.jp")
    inase = MembershipFactory(user=author, organisation__name="稲瀬振興会").organisation
    fireworks = MembershipFactory(
        user=other, organisation__name="江刺藤里ファイヤーワークス"
    ).organisation
    return inase, fireworks, author, other
