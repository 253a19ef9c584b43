import pytest
from django.core.management import call_command

from tsunagaru.accounts.models import Role, User
from tsunagaru.core import demo

pytestmark = pytest.mark.django_db


def test_demo_gives_an_account_for_every_role_and_can_run_twice(capsys):
    call_command("demo")
    call_command("demo")

    assert sorted(User.objects.values_list("role", flat=True)) == sorted(Role.values)
    out = capsys.readouterr().out
    assert "admin@example.jp" in out
    assert "Created this run: 0 records." in out


def test_demo_staff_have_two_factor_and_can_log_in(client):
    demo.load()
    staff = User.objects.get(email="staff@example.jp")

    assert staff.check_password(demo.DEMO_PASSWORD)
    assert staff.authenticator_set.filter(type="totp").exists()
