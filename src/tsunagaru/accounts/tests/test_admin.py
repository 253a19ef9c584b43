import pytest
from django.urls import reverse

from tsunagaru.accounts.models import Role
from tsunagaru.audit.models import AuditEvent

pytestmark = pytest.mark.django_db


def change_form(user, **overrides):
    data = {
        "display_name": user.display_name,
        "family_name": user.family_name,
        "given_name": user.given_name,
        "family_name_kana": user.family_name_kana,
        "given_name_kana": user.given_name_kana,
        "role": user.role,
        "is_active": "on" if user.is_active else "",
    }
    data.update(overrides)
    return data


def test_administrator_changes_a_role_in_the_admin_and_it_is_audited(
    client, administrator, resident
):
    client.force_login(administrator)
    url = reverse("admin:accounts_user_change", args=[resident.pk])

    response = client.post(url, change_form(resident, role=Role.COORDINATOR))

    assert response.status_code == 302
    resident.refresh_from_db()
    assert resident.role == Role.COORDINATOR
    event = AuditEvent.objects.get(action="user.role_change")
    assert (event.actor, event.before, event.after) == (
        administrator,
        {"role": "resident"},
        {"role": "coordinator"},
    )


def test_administrator_cannot_change_their_own_role_in_the_admin(client, administrator):
    client.force_login(administrator)
    url = reverse("admin:accounts_user_change", args=[administrator.pk])

    client.post(url, change_form(administrator, role=Role.RESIDENT))

    administrator.refresh_from_db()
    assert administrator.role == Role.ADMINISTRATOR
    assert not AuditEvent.objects.filter(action="user.role_change").exists()


@pytest.mark.parametrize("role", [Role.CITY_STAFF, Role.COORDINATOR, Role.RESIDENT])
def test_only_administrators_reach_the_admin_site(client, make_user, role):
    client.force_login(make_user(role))

    response = client.get(reverse("admin:index"))

    assert response.status_code == 302
    assert reverse("admin:login") in response["Location"]


def test_accounts_cannot_be_added_or_deleted_in_the_admin(client, administrator, resident):
    client.force_login(administrator)

    assert client.get(reverse("admin:accounts_user_add")).status_code == 403
    assert client.get(reverse("admin:accounts_user_delete", args=[resident.pk])).status_code == 403
