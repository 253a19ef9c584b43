"""Who may do what to a knowledge article, role by state. The same article (made by the same
coordinator) for every row, so a refusal can only come from the role or the state."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from tsunagaru.accounts.models import Role
from tsunagaru.knowledge import permissions, services
from tsunagaru.knowledge.models import Article
from tsunagaru.knowledge.tests.factories import draft

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", *Role.values]
WRITERS = {Role.COORDINATOR, Role.CITY_STAFF, Role.ADMINISTRATOR}
STATES = list(Article.Status.values)

# permission -> the states in which a writer may do it
RULES = {
    "can_view": {"draft", "published", "archived"},
    "can_edit": {"draft", "published"},
    "can_publish": {"draft"},
    "can_archive": {"published"},
    "can_restore": {"archived"},
    "can_mark_reviewed": {"published"},
    "can_record_use": {"published"},
}


def article_in(state: str, author) -> Article:
    article = draft(author)
    if state in ("published", "archived"):
        services.article_publish(article=article, by=author)
    if state == "archived":
        services.article_archive(article=article, by=author)
    return article


def user_for(role: str, make_user):
    return AnonymousUser() if role == "anonymous" else make_user(role)


@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("role", ROLES)
def test_role_by_state(make_user, role, state):
    article = article_in(state, make_user(Role.COORDINATOR))
    user = user_for(role, make_user)

    answers = {name: getattr(permissions, name)(user, article) for name in RULES}

    expected = {name: role in WRITERS and state in states for name, states in RULES.items()}
    # Everyone reads a published article, signed in or not.
    expected["can_view"] = state == "published" or role in WRITERS
    assert answers == expected


@pytest.mark.parametrize("role", ROLES)
def test_only_support_staff_write(make_user, role):
    assert permissions.can_write(user_for(role, make_user)) is (role in WRITERS)


def test_a_suspended_coordinator_may_do_nothing(make_user):
    coordinator = make_user(Role.COORDINATOR)
    article = article_in("published", coordinator)
    coordinator.is_active = False

    assert not permissions.can_write(coordinator)
    assert not permissions.can_archive(coordinator, article)


ACTION_STATE = {
    "publish": "draft",
    "archive": "published",
    "restore": "archived",
    "review": "published",
    "use": "published",
}


@pytest.mark.parametrize("action", ACTION_STATE)
@pytest.mark.parametrize(
    ("role", "status_code"),
    [
        (Role.RESIDENT, 403),
        (Role.PARTNER_MEMBER, 403),
        (Role.REVIEWER, 403),
        (Role.COORDINATOR, 302),
        (Role.CITY_STAFF, 302),
    ],
)
def test_each_action_page_answers_by_role(client, make_user, action, role, status_code):
    article = article_in(ACTION_STATE[action], make_user(Role.COORDINATOR))
    client.force_login(make_user(role))

    response = client.post(reverse("knowledge:action", args=[article.pk, action]))

    assert response.status_code == status_code


@pytest.mark.parametrize("action", ACTION_STATE)
def test_an_action_in_the_wrong_state_is_refused_and_changes_nothing(client, make_user, action):
    coordinator = make_user(Role.COORDINATOR)
    wrong = "archived" if ACTION_STATE[action] != "archived" else "draft"
    article = article_in(wrong, coordinator)
    client.force_login(coordinator)

    response = client.post(reverse("knowledge:action", args=[article.pk, action]))

    assert response.status_code == 403
    assert Article.objects.get(pk=article.pk).status == wrong
    assert not article.uses.exists()


def test_editing_an_archived_article_is_refused(client, make_user):
    coordinator = make_user(Role.COORDINATOR)
    article = article_in("archived", coordinator)
    client.force_login(coordinator)

    assert client.get(reverse("knowledge:edit", args=[article.pk])).status_code == 403
    assert client.get(reverse("knowledge:files", args=[article.pk])).status_code == 403
