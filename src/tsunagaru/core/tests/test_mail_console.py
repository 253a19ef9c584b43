"""In the demo, each mail shows on the console in short: to whom, the subject, the links."""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

import pytest
from django.core import mail
from django.core.management import call_command

from tsunagaru.core.tests.test_settings import run_manage

ROOT = Path(__file__).resolve().parents[4]


def test_a_mail_is_printed_as_recipient_subject_and_links():
    stream = io.StringIO()
    connection = mail.get_connection("tsunagaru.core.mail.ShortConsoleBackend", stream=stream)
    body = "招待されました。\nhttp://127.0.0.1:8123/partners/invitations/abc/\n期限は7日です。"

    sent = mail.EmailMessage(
        "[つながる] 招待", body, "noreply@localhost", ["a@example.jp"], connection=connection
    ).send()

    assert sent == 1
    assert stream.getvalue() == (
        "✉ a@example.jp: [つながる] 招待\n    http://127.0.0.1:8123/partners/invitations/abc/\n"
    )


def test_debug_without_a_mail_server_prints_mail_in_short():
    result = run_manage(
        "shell",
        "-c",
        "from django.conf import settings; print(settings.EMAIL_BACKEND)",
        DEBUG="true",
    )

    assert result.stdout.strip().splitlines()[-1] == "tsunagaru.core.mail.ShortConsoleBackend"


@pytest.mark.django_db
def test_the_demo_says_where_mail_goes_and_that_debug_is_on(demo_data, settings, capsys):
    # The demo is loaded already (once for the module): the command's second run is quicker
    # and says the same.
    settings.EMAIL_BACKEND = "tsunagaru.core.mail.ShortConsoleBackend"
    settings.SITE_URL = "http://127.0.0.1:8123"
    settings.DEBUG = True

    call_command("demo")

    out = capsys.readouterr().out
    assert "Mail is printed in this terminal" in out
    assert "links in mail open http://127.0.0.1:8123/" in out
    assert "DEBUG is on" in out


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
def test_make_demo_links_mail_to_the_port_it_serves():
    result = subprocess.run(
        ["make", "-n", "demo", "PORT=8123"],  # noqa: S607
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )

    lines = [line for line in result.stdout.splitlines() if "manage.py" in line]
    served = [
        line for line in lines if " demo" in line or "runserver" in line or "db_worker" in line
    ]
    assert len(served) == 3
    assert all("SITE_URL=http://127.0.0.1:8123" in line for line in served)
