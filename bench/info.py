"""Benchmark events on generated data.

    DATABASE_URL=sqlite:///var/bench.sqlite3 python bench/generate.py --cases-only \\
        --events 20000 --registrations 200000
    DATABASE_URL=sqlite:///var/bench.sqlite3 python bench/info.py --requests 60
    DATABASE_URL=sqlite:///var/bench.sqlite3 python bench/info.py --race 200 --seats 50

Server time per request (Django's test client, in process): the month calendar, the list with
filters, an event page, the open-data CSV of all events, the kiosk; median and p95 in ms with
the query count. Target (issue 14): p95 ≤ 100 ms on SQLite and PostgreSQL at 20,000 events and
200,000 registrations.

`--race N --seats S` instead starts gunicorn (4 workers, DEBUG off) on the same database, makes
an event of S seats and N signed-in people, and sends their N registrations at once from N
threads through HTTP (each with its own session and CSRF token); it then counts who has a seat
and who waits (expected: exactly S and N − S).
"""

from __future__ import annotations

import argparse
import http.client
import os
import random
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from datetime import timedelta
from pathlib import Path
from typing import Any

from _django import ROOT, setup

TITLES = [
    "地域づくり講座",
    "防災ワークショップ",
    "子ども食堂ボランティア説明会",
    "多文化交流サロン",
    "地区一斉清掃",
    "そば打ち交流会",
    "健康体操教室",
    "スマホ相談会",
    "郷土芸能発表会",
    "協働のまちづくりフォーラム",
]


def generate_events(*, count: int, registrations: int, seed: int) -> None:
    """Public events over the past and the next year across the generated groups (a few
    drafts and cancelled), and registrations spread over those that take them."""
    from django.db import transaction
    from django.utils import timezone

    from tsunagaru.accounts.models import User
    from tsunagaru.guideline.models import ActivityField
    from tsunagaru.info.models import Event, EventKind, Registration
    from tsunagaru.partners.models import Organisation

    rng = random.Random(seed + 14)
    groups = list(Organisation.objects.filter(status="verified").select_related("area"))
    kinds = list(EventKind.objects.all())
    fields = list(ActivityField.objects.all())
    by = User.objects.filter(role="coordinator").first() or User.objects.first()
    people = list(User.objects.values_list("pk", flat=True)[:50_000])
    now = timezone.now().replace(minute=0, second=0, microsecond=0)
    states = ["published"] * 90 + ["draft"] * 5 + ["cancelled"] * 3 + ["postponed"] * 2
    with transaction.atomic():
        rows = []
        for n in range(count):
            group = rng.choice(groups)
            starts = now + timedelta(days=rng.randint(-365, 365), hours=rng.randint(-6, 6))
            rows.append(
                Event(
                    title=f"{rng.choice(TITLES)}（{n}）",
                    description="地域の皆さんと一緒に取り組みます。どなたでも参加できます。",
                    organiser=group,
                    kind=rng.choice(kinds),
                    place_name=f"{group.area.name if group.area else ''}地区センター",
                    area=group.area,
                    starts_at=starts,
                    ends_at=starts + timedelta(hours=rng.choice([1, 2, 3])),
                    fee=rng.choice([0, 0, 0, 300, 500, 1000]),
                    capacity=rng.choice([None, 20, 30, 50, 100]),
                    wheelchair=rng.random() < 0.3,
                    registration_required=rng.random() < 0.7,
                    status=rng.choice(states),
                    published_at=now,
                    created_by=by,
                )
            )
        events = Event.objects.bulk_create(rows, batch_size=1000)
        Event.activity_fields.through.objects.bulk_create(
            [
                Event.activity_fields.through(event_id=e.pk, activityfield_id=rng.choice(fields).pk)
                for e in events
            ],
            batch_size=2000,
        )
        open_events = [e for e in events if e.registration_required and e.status == "published"]
        taken: set[tuple[int, int]] = set()
        regs = []
        while len(regs) < registrations and open_events:
            event, person = rng.choice(open_events), rng.choice(people)
            if (event.pk, person) in taken:
                continue
            taken.add((event.pk, person))
            regs.append(
                Registration(
                    event=event,
                    user_id=person,
                    name=f"参加者{len(regs)}",
                    email=f"p{len(regs)}@example.jp",
                    status="registered" if rng.random() < 0.9 else "waitlisted",
                    waitlisted_at=now,
                    token=f"bench-{len(regs)}",
                )
            )
        Registration.objects.bulk_create(regs, batch_size=2000)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=60)
    parser.add_argument("--seed", type=int, default=14)
    parser.add_argument("--race", type=int, default=0, help="instead: N registrations at once")
    parser.add_argument("--seats", type=int, default=50)
    parser.add_argument("--port", type=int, default=8714)
    parser.add_argument("--http", action="store_true", help="instead: through gunicorn")
    args = parser.parse_args()
    setup()
    if args.race:
        race(args)
        return
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.utils import timezone
    from partners import measure

    from tsunagaru.info.models import Event

    settings.DEBUG = False
    settings.OPENDATA_DIR = Path(tempfile.mkdtemp(prefix="bench-opendata-"))
    client = Client(HTTP_HOST="localhost")
    paths = _paths(args.seed)
    if args.http:
        http_pages(args, paths)
        return
    busiest = int(paths["event page (busiest)"].strip("/").split("/")[-1])
    print(f"{connection.vendor}: {Event.objects.count()} events")
    for label, path in paths.items():
        median, p95, queries = measure(client, path, args.requests)
        print(f"  {label:34s} median {median:7.1f} ms  p95 {p95:7.1f} ms  queries {queries}")
    # The open data: the first download after a change writes the file; the rest send it.
    # Both timed until the last byte.
    for path in ("/events/opendata.csv", "/events/opendata.json"):
        Event.objects.filter(pk=busiest).update(updated_at=timezone.now())
        first, size = _download(client, path)
        times = [_download(client, path)[0] for _n in range(args.requests)]
        print(
            f"  {path:34s} median {statistics.median(times):7.1f} ms  p95 {_p95(times):7.1f} ms"
            f"  first after a change {first:7.1f} ms  ({size / 1e6:.1f} MB, whole file)"
        )


def _paths(seed: int) -> dict[str, str]:
    """The pages timed, on this database's events."""
    from django.utils import timezone

    from tsunagaru.info.models import Event

    today = timezone.localdate()
    rng = random.Random(seed)
    events = list(Event.objects.filter(status="published").values_list("pk", flat=True)[:5000])
    busiest = (
        Event.objects.filter(status="published", registration_required=True)
        .order_by("-capacity", "pk")
        .values_list("pk", flat=True)
        .first()
    )
    month = f"year={today.year}&month={today.month}"
    return {
        "calendar (this month)": f"/events/calendar/?{month}",
        "calendar, area + free": f"/events/calendar/?area=1&free=1&{month}",
        "list (upcoming)": "/events/",
        "list, kind + area + accessible": "/events/?kind=1&area=1&accessible=1",
        "list, date range, page 3": f"/events/?start={today}&end={today + timedelta(days=90)}&page=3",
        "event page": f"/events/{rng.choice(events)}/",
        "kiosk": "/kiosk/",
        "event page (busiest)": f"/events/{busiest}/",
    }


def http_pages(args: argparse.Namespace, paths: dict[str, str]) -> None:
    """The same pages as a browser meets them: gunicorn (3 workers, DEBUG off), timed at the
    client, the first page right after the start included."""
    env = {**_server_env("bench-only-" + "x" * 40), "OPENDATA_DIR": tempfile.mkdtemp()}
    # As a deployment does: static files collected (pages name them by their hashed names).
    manage = [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"]
    subprocess.run(manage, env=env, cwd=ROOT, check=True)  # noqa: S603
    gunicorn = str(Path(sys.executable).parent / "gunicorn")
    command = [gunicorn, "tsunagaru.wsgi", "--preload", "-w", "3", "-b", f"127.0.0.1:{args.port}"]
    launched = time.perf_counter()
    master = subprocess.Popen(command, env=env, cwd=ROOT, stderr=subprocess.DEVNULL)  # noqa: S603
    try:
        _wait_for_port(args.port)
        asked = time.perf_counter()
        _get(args.port, "/events/")
        done = time.perf_counter()
        print(
            f"first /events/ after the start: {(done - launched) * 1000:.0f} ms from launch, "
            f"{(done - asked) * 1000:.0f} ms the request"
        )
        for label, path in [*paths.items(), ("open data CSV", "/events/opendata.csv")]:
            _get(args.port, path)  # each worker's first look is in the line above
            times = []
            for _n in range(args.requests):
                started = time.perf_counter()
                _get(args.port, path)
                times.append((time.perf_counter() - started) * 1000)
            print(
                f"  {label:34s} median {statistics.median(times):7.1f} ms  p95 {_p95(times):7.1f} ms"
            )
    finally:
        master.terminate()
        master.wait(timeout=30)


def _wait_for_port(port: int) -> None:
    deadline = time.time() + 60
    while True:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            if time.time() > deadline:
                sys.exit("gunicorn did not start")
            time.sleep(0.02)


def _get(port: int, path: str) -> None:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    connection.request("GET", path)
    response = connection.getresponse()
    response.read()
    if response.status != 200:
        sys.exit(f"{path}: {response.status}")


def _p95(times: list[float]) -> float:
    return statistics.quantiles(times, n=20)[-1]


def _download(client: Any, path: str) -> tuple[float, int]:
    started = time.perf_counter()
    response = client.get(path)
    size = sum(len(chunk) for chunk in response.streaming_content)
    return (time.perf_counter() - started) * 1000, size


def race(args: argparse.Namespace) -> None:
    """N signed-in people register for S seats at the same moment, through gunicorn."""
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.contrib.sessions.backends.db import SessionStore
    from django.utils import timezone

    from tsunagaru.info.models import Event, EventKind
    from tsunagaru.partners.models import Organisation

    # Sessions are signed: made here with the secret the server will check them with.
    secret = "bench-only-" + "x" * 40
    settings.SECRET_KEY = secret
    user_model = get_user_model()
    stamp = int(time.time())
    people = user_model.objects.bulk_create(
        [
            user_model(
                email=f"race{stamp}-{n}@example.jp", family_name="競争", display_name=f"r{n}"
            )
            for n in range(args.race)
        ]
    )
    starts = timezone.now() + timedelta(days=7)
    event = Event.objects.create(
        title=f"定員{args.seats}の講座（{stamp}）",
        description="先着順です。",
        organiser=Organisation.objects.filter(status="verified").first(),
        kind=EventKind.objects.get(code="course"),
        place_name="水沢地区センター",
        starts_at=starts,
        ends_at=starts + timedelta(hours=2),
        capacity=args.seats,
        registration_required=True,
        status="published",
        created_by=people[0],
    )
    cookies = []
    for person in people:
        session = SessionStore()
        session["_auth_user_id"] = str(person.pk)
        session["_auth_user_backend"] = "django.contrib.auth.backends.ModelBackend"
        session["_auth_user_hash"] = person.get_session_auth_hash()
        session.create()
        cookies.append(session.session_key)
    env = _server_env(secret)
    gunicorn = str(Path(sys.executable).parent / "gunicorn")
    command = [gunicorn, "tsunagaru.wsgi", "-w", "4", "-b", f"127.0.0.1:{args.port}"]
    master = subprocess.Popen(command, env=env, cwd=ROOT, stderr=subprocess.DEVNULL)  # noqa: S603
    try:
        _wait(args.port)
        tokens = [_csrf(args.port, event.pk, key) for key in cookies]
        start = threading.Barrier(len(cookies))
        statuses: list[int] = []

        def register(key: str, token: tuple[str, str]) -> None:
            start.wait()
            statuses.append(_post(args.port, f"/events/{event.pk}/register/", key, token))

        threads = [
            threading.Thread(target=register, args=(k, t))
            for k, t in zip(cookies, tokens, strict=True)
        ]
        started = time.perf_counter()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        elapsed = time.perf_counter() - started
    finally:
        master.terminate()
        master.wait(timeout=30)
    seated = event.registrations.filter(status="registered").count()
    waiting = event.registrations.filter(status="waitlisted").count()
    print(
        f"{args.race} registrations at once for {args.seats} seats in {elapsed:.1f} s: "
        f"{seated} registered, {waiting} waitlisted, answers {sorted(set(statuses))}"
    )
    if (seated, waiting) != (args.seats, args.race - args.seats):
        sys.exit("the seats were not shared out exactly")


def _server_env(secret: str) -> dict[str, str]:
    return {
        **os.environ,
        "PYTHONPATH": str(ROOT / "src"),
        "DEBUG": "false",
        "SECRET_KEY": secret,
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "false",
        "SESSION_COOKIE_SECURE": "false",
        "CSRF_COOKIE_SECURE": "false",
        # Nothing is mailed anywhere: this measures pages and seats, not a mail server.
        "EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend",
    }


def _wait(port: int) -> None:
    deadline = time.time() + 60
    while True:
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            connection.request("GET", "/healthz")
            connection.getresponse().read()
            return
        except OSError:
            if time.time() > deadline:
                sys.exit("gunicorn did not start")
            time.sleep(0.1)


def _csrf(port: int, pk: int, session: str) -> tuple[str, str]:
    """The CSRF cookie and the form's token from the event page, as the browser gets them."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    connection.request("GET", f"/events/{pk}/", headers={"Cookie": f"sessionid={session}"})
    response = connection.getresponse()
    body = response.read().decode()
    cookie = next(
        c.split(";")[0].split("=", 1)[1]
        for c in response.headers.get_all("Set-Cookie") or []
        if c.startswith("csrftoken=")
    )
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', body)
    assert token, "no CSRF token on the event page"
    return cookie, token.group(1)


def _post(port: int, path: str, session: str, token: tuple[str, str]) -> int:
    cookie, form_token = token
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    connection.request(
        "POST",
        path,
        body=f"csrfmiddlewaretoken={form_token}",
        headers={
            "Cookie": f"sessionid={session}; csrftoken={cookie}",
            "Content-Type": "application/x-www-form-urlencoded",
            "Referer": f"http://127.0.0.1:{port}{path}",
        },
    )
    response = connection.getresponse()
    response.read()
    if response.status != 302 or "/events/" not in (response.getheader("Location") or ""):
        print("unexpected answer:", response.status, response.getheader("Location"))
    return response.status


if __name__ == "__main__":
    main()
