"""Decisions at the same moment against one budget, through a real server: several staff
adopt at once, together for more than the budget. Each request is its own transaction on its
own connection; the programme's row lock (SQLite: its write transaction, BEGIN IMMEDIATE) lets
them through one at a time, so the budget is never over-committed.

On PostgreSQL the server is pytest-django's live server. SQLite's test database lives in
memory, and the live server's threads share the test's one connection to it, which is not how
a site runs; so on SQLite the database is copied to a file and served by gunicorn (threads,
each with its own connection), as in production."""

from __future__ import annotations

import os
import secrets
import socket
import sqlite3
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client

from tsunagaru.accounts.models import Role
from tsunagaru.grants import services
from tsunagaru.grants.models import Application
from tsunagaru.grants.tests.factories import begin, citizen_proposal, complete, group

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("guideline", "oshu"),  # a transactional test flushes them
]

BUDGET = 100_000
EACH = 30_000  # five adoptions of 30,000 against 100,000: three fit, two must be refused


def _session_cookie(user: Any) -> str:
    client = Client()
    client.force_login(user)
    return client.cookies[settings.SESSION_COOKIE_NAME].value


def _post(url: str, data: dict[str, Any], session: str) -> int:
    token = secrets.token_hex(16)  # a CSRF secret of 32 characters: cookie and form agree
    cookies = f"{settings.SESSION_COOKIE_NAME}={session}; {settings.CSRF_COOKIE_NAME}={token}"
    request = urllib.request.Request(  # noqa: S310 - the test's own http:// server
        url,
        data=urllib.parse.urlencode({**data, "csrfmiddlewaretoken": token}).encode(),
        headers={
            "Cookie": cookies,
            "Content-Type": "application/x-www-form-urlencoded",
        },
        method="POST",
    )

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args: Any, **kwargs: Any) -> None:
            return None

    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(request, timeout=30) as response:
            return int(response.status)
    except urllib.error.HTTPError as error:
        return int(error.code)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def _gunicorn_on_a_copy(folder: Path) -> Iterator[tuple[str, Path]]:
    """The test's SQLite database copied to a file, served by gunicorn on 127.0.0.1."""
    path = folder / "race.sqlite3"
    connection.ensure_connection()
    copy = sqlite3.connect(path)
    connection.connection.backup(copy)
    copy.close()
    port = _free_port()
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{path}", "DEBUG": "true"}
    server = subprocess.Popen(  # noqa: S603 - our own interpreter and arguments
        [
            sys.executable,
            "-m",
            "gunicorn",
            "tsunagaru.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "1",
            "--threads",
            "8",
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _try in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.1)
        yield f"http://127.0.0.1:{port}", path
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_simultaneous_adoptions_never_commit_more_than_the_budget(request, make_user, tmp_path):
    programme = citizen_proposal(budget=BUDGET)
    staff = [make_user(Role.CITY_STAFF, email=f"staff{n}@example.jp") for n in range(5)]
    applications = []
    for _n in range(5):
        people = group()
        application = complete(begin(people, programme), people.member, expenses=EACH)
        services.application_submit(
            application=application, confirmed=True, by=people.representative
        )
        applications.append(services.application_accept(application=application, by=staff[0]))
    sessions = [_session_cookie(user) for user in staff]

    if connection.vendor == "postgresql":
        url = request.getfixturevalue("live_server").url
        statuses = _all_at_once(url, applications, sessions)
        programme.refresh_from_db()
        committed = programme.committed
        decided = list(
            Application.objects.filter(programme=programme, state="adopted").values_list(
                "decided_amount", flat=True
            )
        )
    else:
        with _gunicorn_on_a_copy(tmp_path) as (url, path):
            statuses = _all_at_once(url, applications, sessions)
        with sqlite3.connect(path) as db:
            committed = db.execute(
                "SELECT committed FROM grants_programme WHERE id = ?", (programme.pk,)
            ).fetchone()[0]
            decided = [
                row[0]
                for row in db.execute(
                    "SELECT decided_amount FROM grants_application"
                    " WHERE programme_id = ? AND state = 'adopted'",
                    (programme.pk,),
                )
            ]

    assert sorted(statuses) == [302, 302, 302, 400, 400]  # three adopted, two told it is over
    assert len(decided) == 3
    assert committed == sum(decided) == 3 * EACH <= BUDGET


def _all_at_once(url: str, applications: list[Application], sessions: list[str]) -> list[int]:
    """Every staff member presses 「決定を記録する」 at the same moment."""
    start = threading.Barrier(len(applications))
    statuses: list[int] = []

    def decide(application: Application, session: str) -> None:
        start.wait()
        statuses.append(
            _post(
                f"{url}/grants/applications/{application.pk}/decide/",
                {"outcome": "adopt", "amount": str(EACH)},
                session,
            )
        )

    threads = [
        threading.Thread(target=decide, args=(a, s))
        for a, s in zip(applications, sessions, strict=True)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return statuses
