"""Who may do what to a news article, as role × state tables (same setup for every cell)."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser

from tsunagaru.accounts.models import Role
from tsunagaru.info import news_permissions as permissions
from tsunagaru.info.news_models import NewsArticle
from tsunagaru.info.tests.news_factories import NewsArticleFactory
from tsunagaru.partners.models import Organisation
from tsunagaru.partners.tests.factories import MembershipFactory, OrganisationFactory

pytestmark = pytest.mark.django_db

PERSONAS = ("anonymous", "resident", "member", "other_group", "coordinator", "city_staff")
SUPPORT = {"coordinator", "city_staff"}
GROUP_AND_SUPPORT = {"member"} | SUPPORT
EVERYONE = set(PERSONAS)


@pytest.fixture
def people(make_user):
    """Each persona once, and the group whose article is asked about ("member" belongs to it)."""
    group = OrganisationFactory(name="稲瀬地区振興会")
    member = make_user(Role.PARTNER_MEMBER)
    MembershipFactory(user=member, organisation=group)
    other = make_user(Role.PARTNER_MEMBER)
    MembershipFactory(user=other)
    users = {
        "anonymous": AnonymousUser(),
        "resident": make_user(Role.RESIDENT),
        "member": member,
        "other_group": other,
        "coordinator": make_user(Role.COORDINATOR),
        "city_staff": make_user(Role.CITY_STAFF),
    }
    return group, users


S = NewsArticle.Status
TABLE = [
    # (permission, state, personas allowed)
    ("can_view", S.DRAFT, GROUP_AND_SUPPORT),
    ("can_view", S.IN_REVIEW, GROUP_AND_SUPPORT),
    ("can_view", S.PUBLISHED, EVERYONE),
    ("can_view", S.HIDDEN, EVERYONE),
    ("can_read_hidden", S.HIDDEN, GROUP_AND_SUPPORT),
    ("can_edit", S.DRAFT, GROUP_AND_SUPPORT),
    ("can_edit", S.IN_REVIEW, set()),
    ("can_edit", S.PUBLISHED, set()),
    ("can_edit", S.HIDDEN, set()),
    ("can_submit", S.DRAFT, GROUP_AND_SUPPORT),
    ("can_submit", S.IN_REVIEW, set()),
    ("can_review", S.DRAFT, set()),
    ("can_review", S.IN_REVIEW, SUPPORT),
    ("can_review", S.PUBLISHED, set()),
    ("can_hide", S.IN_REVIEW, set()),
    ("can_hide", S.PUBLISHED, SUPPORT),
    ("can_hide", S.HIDDEN, set()),
    ("can_restore", S.PUBLISHED, set()),
    ("can_restore", S.HIDDEN, SUPPORT),
]


@pytest.mark.parametrize(("permission", "state", "allowed"), TABLE)
def test_role_by_state(people, permission, state, allowed):
    group, users = people
    article = NewsArticleFactory(author=group, status=state)
    check = getattr(permissions, permission)
    answers = {name: check(user, article) for name, user in users.items()}
    assert {name for name, ok in answers.items() if ok} == allowed


def test_nobody_reviews_their_own_groups_article(people, make_user):
    group, _users = people
    staff_in_group = make_user(Role.CITY_STAFF)
    MembershipFactory(user=staff_in_group, organisation=group)
    article = NewsArticleFactory(author=group, status=S.IN_REVIEW)
    assert not permissions.can_review(staff_in_group, article)


def test_only_city_staff_set_trust_and_only_for_listed_groups(people, make_user):
    group, users = people
    allowed = {name for name, user in users.items() if permissions.can_set_trust(user, group)}
    assert allowed == {"city_staff"}
    assert permissions.can_set_trust(make_user(Role.ADMINISTRATOR), group)
    pending = OrganisationFactory(status=Organisation.Status.PENDING)
    assert not permissions.can_set_trust(users["city_staff"], pending)


def test_members_write_only_for_a_listed_group(people):
    group, users = people
    assert permissions.can_write_for(users["member"], group)
    assert not permissions.can_write_for(users["other_group"], group)
    assert not permissions.can_write_for(users["resident"], group)
    group.status = Organisation.Status.PENDING
    assert not permissions.can_write_for(users["member"], group)
