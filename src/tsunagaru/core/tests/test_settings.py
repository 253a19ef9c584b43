"""Production mode is checked in a separate process, since settings are read once at start."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command

MANAGE = Path(__file__).resolve().parents[4] / "manage.py"


def run_manage(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    unset = {"DEBUG", "SECRET_KEY", "DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    clean = {k: v for k, v in os.environ.items() if k not in unset}
    return subprocess.run(  # noqa: S603 - our own manage.py with fixed arguments
        [sys.executable, str(MANAGE), *args],
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_production_mode_refuses_to_start_without_a_secret_key():
    result = run_manage("check", DEBUG="false")

    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_mode_refuses_the_development_placeholder_key():
    result = run_manage(
        "check", DEBUG="false", SECRET_KEY="insecure-development-key-never-use-in-production"
    )

    assert result.returncode != 0
    assert "placeholder" in result.stderr


def test_a_misspelt_boolean_stops_the_server_instead_of_guessing():
    result = run_manage("check", DEBUG="ture")

    assert result.returncode != 0
    assert "DEBUG must be true or false" in result.stderr


def test_deploy_check_is_clean_in_production_mode():
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DEBUG="false",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="tsunagaru.example.jp",
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.django_db
def test_models_and_migrations_agree():
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)
