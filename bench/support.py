"""Benchmark the support centre, the coordinator workspace and the academy (issue 15).

    DATABASE_URL=sqlite:///var/bench-support.sqlite3 python bench/generate.py \\
        --consultations 50000 --knowledge 2000 --graduates 3000
    DATABASE_URL=sqlite:///var/bench-support.sqlite3 python bench/support.py --requests 40

Server time per request (Django's test client, in process, DEBUG off) as a coordinator: the
consultation queue unfiltered and with each filter (status, topic, channel, follow-up due,
words), page 3; the knowledge base (bench/knowledge.py); /workspace/ for a coordinator and a
city staff member; /academy/graduates/ (a coordinator, and a 振興会 member: their own area
first) and /academy/cohorts/. Median and p95 in ms with the query count.

Then the workspace's query count on small data (a throw-away test database with a few
hundred rows of each, made by the same generators), beside the count here: it must not grow
with what waits. Target (issue 15): p95 ≤ 100 ms on both databases.

`--http` instead times the workspace and the queue through gunicorn (3 workers, DEBUG off),
signed in by a session cookie, the first workspace after the start included.
"""

from __future__ import annotations

import argparse
import os
from typing import Any
from urllib.parse import quote

from _django import setup


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=40)
    parser.add_argument("--seed", type=int, default=15)
    parser.add_argument("--skip-knowledge", action="store_true")
    parser.add_argument("--skip-small", action="store_true", help="no small-data query count")
    parser.add_argument("--http", action="store_true", help="instead: through gunicorn")
    parser.add_argument("--port", type=int, default=8765)
    args = parser.parse_args()
    setup()
    if args.http:
        http_pages(args)
        return
    from django.conf import settings
    from django.db import connection

    from tsunagaru.support.models import Consultation

    settings.DEBUG = False
    print(
        f"{connection.vendor}: {Consultation.objects.count()} consultations, "
        f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}"
    )
    people = _people()
    print(f"{'page':44} {'median ms':>10} {'p95 ms':>8} {'queries':>8}")
    for label, (who, path) in _pages(people).items():
        _time(label, people[who], path, args.requests)
    large = workspace_queries(people)
    if not args.skip_knowledge:
        from knowledge import run

        print("knowledge base:")
        run(requests=args.requests, seed=args.seed)
    if not args.skip_small:
        small = small_data_workspace_queries()
        for role in ("coordinator", "city staff"):
            verdict = "same" if small[role] == large[role] else "DIFFERENT"
            print(
                f"workspace queries, {role}: {large[role]} here, {small[role]} on small data "
                f"({verdict})"
            )
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


def _people() -> dict[str, Any]:
    """A coordinator, a city staff member and a member of a listed 振興会 with an area."""
    from allauth.mfa.models import Authenticator
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
    from support_data import staff_user

    from tsunagaru.accounts.models import Role
    from tsunagaru.partners.models import Membership

    member = (
        Membership.objects.filter(
            organisation__status="verified",
            organisation__kind__code="district_association",
            organisation__area__isnull=False,
        )
        .select_related("user")
        .order_by("pk")
        .first()
    )
    city = staff_user(Role.CITY_STAFF, "bench-city@example.jp", "地域づくり推進課")
    if not Authenticator.objects.filter(user=city, type=Authenticator.Type.TOTP).exists():
        # City staff must sign in with two factors: without an authenticator every page
        # sends them to set one up.
        TOTP.activate(city, generate_totp_secret())
    return {
        "coordinator": staff_user(Role.COORDINATOR, "bench-coordinator@example.jp", "支援センター"),
        "city staff": city,
        "district member": member.user if member else None,
    }


def _pages(people: dict[str, Any]) -> dict[str, tuple[str, str]]:
    from tsunagaru.support.models import Topic

    grants = Topic.objects.get(code="grants").pk
    queue = "/support/consultations/"
    pages = {
        "queue (first page)": ("coordinator", queue),
        "queue, page 3": ("coordinator", f"{queue}?page=3"),
        "queue, status open": ("coordinator", f"{queue}?status=open"),
        "queue, topic grants": ("coordinator", f"{queue}?topic={grants}"),
        "queue, channel phone": ("coordinator", f"{queue}?channel=phone"),
        "queue, follow-up due": ("coordinator", f"{queue}?due=on"),
        "queue, follow-up due, page 3": ("coordinator", f"{queue}?due=on&page=3"),
        "queue, words 補助金": ("coordinator", f"{queue}?q={quote('補助金')}"),
        "queue, words 子ども食堂 総会": ("coordinator", f"{queue}?q={quote('子ども食堂 総会')}"),
        "queue, words 菅原 (a name)": ("coordinator", f"{queue}?q={quote('菅原')}"),
        "queue, all filters + words": (
            "coordinator",
            f"{queue}?status=answered&topic={grants}&channel=online&q={quote('申請')}",
        ),
        "workspace, coordinator": ("coordinator", "/workspace/"),
        "workspace, city staff": ("city staff", "/workspace/"),
        "academy graduates, coordinator": ("coordinator", "/academy/graduates/"),
        "academy cohorts, coordinator": ("coordinator", "/academy/cohorts/"),
    }
    if people["district member"] is not None:
        pages["academy graduates, 振興会 member"] = ("district member", "/academy/graduates/")
    return pages


def _time(label: str, user: Any, path: str, requests: int) -> None:
    from django.test import Client
    from partners import measure

    client = Client(HTTP_HOST="localhost")
    client.force_login(user)
    median, p95, queries = measure(client, path, requests)
    flag = "  > 100 ms" if p95 > 100 else ""
    print(f"{label:44} {median:10.1f} {p95:8.1f} {queries:8d}{flag}")


def workspace_queries(people: dict[str, Any]) -> dict[str, int]:
    """The queries of /workspace/ for the coordinator and the city staff member."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    counts = {}
    for role in ("coordinator", "city staff"):
        client = Client(HTTP_HOST="localhost")
        client.force_login(people[role])
        client.get("/workspace/")  # caches (content types, the menu) warm, as when timed
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/workspace/").status_code == 200
        counts[role] = len(captured.captured_queries)
    return counts


def small_data_workspace_queries() -> dict[str, int]:
    """The workspace's queries on a throw-away test database with little of everything."""
    from academy_data import generate_graduates
    from django.db import connection
    from generate import generate_partners
    from knowledge import generate_knowledge
    from support_data import generate_consultations

    old_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
    try:
        generate_partners(orgs=100, seed=1)
        generate_consultations(count=300, seed=1)
        generate_knowledge(count=30, seed=1)
        generate_graduates(count=60, seed=1)
        return workspace_queries(_people())
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


def http_pages(args: argparse.Namespace) -> None:
    """The workspace and the queue as staff meet them: gunicorn (3 workers, --preload, DEBUG
    off) on the same database, signed in by a session cookie, timed at the client; the first
    workspace right after the start included."""
    import statistics
    import subprocess
    import sys
    import time
    from pathlib import Path

    from _django import ROOT
    from django.conf import settings
    from django.contrib.sessions.backends.db import SessionStore
    from info import _p95, _server_env, _wait_for_port

    # Sessions are signed: made here with the secret the server checks them with.
    secret = "bench-only-" + "x" * 40
    settings.SECRET_KEY = secret
    people = _people()
    cookies = {}
    for role in ("coordinator", "city staff"):
        session = SessionStore()
        session["_auth_user_id"] = str(people[role].pk)
        session["_auth_user_backend"] = "django.contrib.auth.backends.ModelBackend"
        session["_auth_user_hash"] = people[role].get_session_auth_hash()
        session.create()
        cookies[role] = f"sessionid={session.session_key}"
    env = _server_env(secret)
    manage = [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"]
    subprocess.run(manage, env=env, cwd=ROOT, check=True)  # noqa: S603
    gunicorn = str(Path(sys.executable).parent / "gunicorn")
    command = [gunicorn, "tsunagaru.wsgi", "--preload", "-w", "3", "-b", f"127.0.0.1:{args.port}"]
    launched = time.perf_counter()
    master = subprocess.Popen(command, env=env, cwd=ROOT, stderr=subprocess.DEVNULL)  # noqa: S603
    pages = {
        "workspace, coordinator": ("coordinator", "/workspace/"),
        "workspace, city staff": ("city staff", "/workspace/"),
        "queue (first page)": ("coordinator", "/support/consultations/"),
        "queue, words 補助金": ("coordinator", f"/support/consultations/?q={quote('補助金')}"),
    }
    try:
        _wait_for_port(args.port)
        asked = time.perf_counter()
        _get(args.port, "/workspace/", cookies["city staff"])
        done = time.perf_counter()
        print(
            f"first /workspace/ after the start: {(done - launched) * 1000:.0f} ms from launch, "
            f"{(done - asked) * 1000:.0f} ms the request"
        )
        for label, (role, path) in pages.items():
            for _n in range(9):  # each worker's first look (requests go to any worker)
                _get(args.port, path, cookies[role])
            times = []
            for _n in range(args.requests):
                started = time.perf_counter()
                _get(args.port, path, cookies[role])
                times.append((time.perf_counter() - started) * 1000)
            print(
                f"  {label:34s} median {statistics.median(times):7.1f} ms  p95 {_p95(times):7.1f} ms"
            )
    finally:
        master.terminate()
        master.wait(timeout=30)


def _get(port: int, path: str, cookie: str) -> None:
    import http.client
    import sys

    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    connection.request("GET", path, headers={"Cookie": cookie})
    response = connection.getresponse()
    response.read()
    if response.status != 200:
        sys.exit(f"{path}: {response.status} {response.getheader('Location')}")


if __name__ == "__main__":
    main()
