import pytest
from django.apps import apps
from django.core.management import call_command
from django.urls import reverse

from tsunagaru.accounts.models import Role, User
from tsunagaru.core import demo

pytestmark = pytest.mark.django_db


def _rows() -> dict[str, int]:
    return {model._meta.label: model.objects.count() for model in apps.get_models()}


def test_demo_gives_an_account_for_every_role_and_can_run_twice(capsys):
    call_command("demo")
    rows = _rows()
    call_command("demo")

    # The second run adds nothing anywhere: no app's demo makes a record twice (each app's
    # own demo test then reads a demo loaded once).
    assert _rows() == rows
    accounts = User.objects.filter(email__in=[a.email for a in demo.ACCOUNTS])
    assert set(accounts.values_list("role", flat=True)) == set(Role.values)
    # A resident who translates as a volunteer (translations/demo.py) is one more to try.
    assert accounts.get(email="translator@example.jp").translator.is_active
    # The other demo users are groups' representatives and volunteers, who cannot log in.
    others = User.objects.exclude(pk__in=accounts)
    assert others.exists()
    assert all(not u.has_usable_password() for u in others)
    assert all(u.role == Role.PARTNER_MEMBER or hasattr(u, "volunteer_profile") for u in others)
    out = capsys.readouterr().out
    assert "admin@example.jp" in out
    assert "Created this run: 0 records." in out


def test_demo_staff_have_two_factor_and_can_log_in(demo_data):
    staff = User.objects.get(email="staff@example.jp")

    assert staff.check_password(demo.DEMO_PASSWORD)
    assert staff.authenticator_set.filter(type="totp").exists()


def test_the_readmes_search_example_works_on_the_demo_data(demo_data, client):
    # README: the directory's search 「こども食堂」 finds 「子ども食堂」.
    response = client.get(reverse("partners:directory"), {"q": "こども食堂"})

    names = [o.name for o in response.context["page"].object_list]
    assert "みずさわ子ども食堂" in names
    assert "<mark>子ども食堂</mark>" in response.content.decode()
