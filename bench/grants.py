"""Benchmark grants: the staff's screening list, application pages, the public pages and
results (issue 17), and adoptions racing for the last of a budget.

    DATABASE_URL=sqlite:///var/bench-grants.sqlite3 python bench/generate.py \\
        --orgs 3000 --grants 20000
    DATABASE_URL=sqlite:///var/bench-grants.sqlite3 python bench/grants.py --requests 40
    DATABASE_URL=sqlite:///var/bench-grants.sqlite3 python bench/grants.py --race 20 --budget-for 8

Server time per request (Django's test client, in process, DEBUG off): the staff's list of what
waits after the decisions (overdue reports first), a paid application's page with its report
and receipts (staff and its group), the results report page of an adopted one; the screening
list of
city staff (this 年度's first programme, 市民提案型, unfiltered; that programme's round 2; round
2 being screened; page 3 unfiltered); an application's page for staff (an adopted one with the
committee's scores, a submitted one) and for its group's representative; the public grants
page, a programme's page, the results of this 年度 and of last year and the results CSV
(anonymous); "our applications" of the group with the most. Median and p95 in ms with the
query count. Target (issue 17): p95 ≤ 100 ms on SQLite and PostgreSQL at 20,000 applications.

`--http` instead times the same pages through gunicorn (3 workers, --preload, DEBUG off; the
first request after the start on its own: the staff's follow-up list).

`--race N --budget-for M` instead starts gunicorn (4 workers, DEBUG off) on the same database,
makes N applications being screened under this 年度's 地域運営交付金 (a programme without a
rubric, so no scores are needed), sets its budget so that what is left pays exactly M of them
(the budget is given back afterwards; the N applications stay, M of them adopted), and sends
the N adoptions at once from N threads, each with its own city staff session and CSRF
token; it then counts the adopted and the refused and checks committed ≤ budget (expected:
exactly M adopted, never more).
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import threading
import time
from collections import Counter
from pathlib import Path
from typing import Any

from _django import ROOT, setup

RACE_AMOUNT = 1_000_000


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=40)
    parser.add_argument("--race", type=int, default=0, help="instead: N adoptions at once")
    parser.add_argument(
        "--budget-for", type=int, default=8, help="with --race: the budget left pays this many"
    )
    parser.add_argument("--port", type=int, default=8717)
    parser.add_argument("--http", action="store_true", help="instead: through gunicorn")
    args = parser.parse_args()
    setup()
    if args.race:
        race(args)
        return
    if args.http:
        from _http import time_pages

        people, pages = _pages()
        time_pages(
            people,
            pages,
            first=("city staff", "/grants/follow-up/"),
            port=args.port,
            requests=args.requests,
        )
        return
    from django.conf import settings
    from django.db import connection

    from tsunagaru.grants.models import Application, Programme

    settings.DEBUG = False
    print(
        f"{connection.vendor}: {Programme.objects.count()} programmes, "
        f"{Application.objects.count()} applications; "
        f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}"
    )
    people, pages = _pages()
    print(f"{'page':48} {'median ms':>10} {'p95 ms':>8} {'queries':>8}")
    for label, (who, path) in pages.items():
        _time(label, people[who], path, args.requests)
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


def city_staff() -> Any:
    """A city staff member who can sign in (staff must have an authenticator: without one every
    page sends them to set it up)."""
    from allauth.mfa.models import Authenticator
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
    from support_data import staff_user

    from tsunagaru.accounts.models import Role

    staff = staff_user(Role.CITY_STAFF, "bench-city@example.jp", "地域づくり推進課")
    if not Authenticator.objects.filter(user=staff, type=Authenticator.Type.TOTP).exists():
        TOTP.activate(staff, generate_totp_secret())
    return staff


def representative(organisation_id: int) -> Any:
    from tsunagaru.partners.models import Membership

    return (
        Membership.objects.filter(organisation=organisation_id, role="representative")
        .select_related("user")
        .order_by("pk")
        .first()
        .user
    )


def _pages() -> tuple[dict[str, Any], dict[str, tuple[str, str]]]:
    """The people (None: anonymous) and the pages they look at, by label."""
    from django.db.models import Count
    from django.utils import timezone

    from tsunagaru.core.dates import fiscal_year
    from tsunagaru.grants.models import Application, Programme

    year = fiscal_year(timezone.localdate())
    proposal = Programme.objects.filter(code="citizen-proposal", fiscal_year=year).first()
    if proposal is None:
        raise SystemExit("no programmes for this 年度: generate with --grants 20000 first")
    mine = proposal.applications
    adopted = (
        mine.filter(state="adopted")
        .annotate(n=Count("scores"))
        .filter(n__gt=0)
        .order_by("-n", "pk")
        .first()
    )
    submitted = mine.filter(state="submitted").order_by("pk").first()
    busiest = (
        Application.objects.values("organisation")
        .annotate(n=Count("pk"))
        .order_by("-n", "organisation")
        .first()
    )
    paid = (
        Application.objects.filter(state="paid", programme__code="citizen-proposal")
        .order_by("pk")
        .first()
    )
    if adopted is None or submitted is None or busiest is None or paid is None:
        raise SystemExit("no adopted and scored, submitted or paid application")
    people = {
        "anonymous": None,
        "city staff": city_staff(),
        "adopted's representative": representative(adopted.organisation_id),
        "paid's representative": representative(paid.organisation_id),
        "busiest's representative": representative(busiest["organisation"]),
    }
    screening = "/grants/screening/"
    round_2 = f"{screening}?programme={proposal.pk}&round=2"
    pages = {
        "screening, unfiltered": ("city staff", screening),
        "screening, 市民提案型 round 2": ("city staff", round_2),
        "screening, round 2 in review": ("city staff", f"{round_2}&state=in_review"),
        "screening, page 3": ("city staff", f"{screening}?page=3"),
        "application, adopted + scores, staff": (
            "city staff",
            f"/grants/applications/{adopted.pk}/",
        ),
        "application, submitted, staff": ("city staff", f"/grants/applications/{submitted.pk}/"),
        "application, adopted, its representative": (
            "adopted's representative",
            f"/grants/applications/{adopted.pk}/",
        ),
        "application, paid (report, receipts), staff": (
            "city staff",
            f"/grants/applications/{paid.pk}/",
        ),
        "application, paid, its representative": (
            "paid's representative",
            f"/grants/applications/{paid.pk}/",
        ),
        "results report page (adopted, its repr.)": (
            "adopted's representative",
            f"/grants/applications/{adopted.pk}/report/",
        ),
        "after the decision (staff's follow-up list)": ("city staff", "/grants/follow-up/"),
        "grants of the year": ("anonymous", "/grants/"),
        "programme page (市民提案型)": ("anonymous", f"/grants/programmes/{proposal.pk}/"),
        "results, this year": ("anonymous", f"/grants/results/?year={year}"),
        "results, last year": ("anonymous", f"/grants/results/?year={year - 1}"),
        "results.csv, this year": ("anonymous", f"/grants/results.csv?year={year}"),
        f"our applications ({busiest['n']})": ("busiest's representative", "/grants/mine/"),
    }
    return people, pages


def _time(label: str, user: Any, path: str, requests: int) -> None:
    from django.test import Client
    from partners import measure

    client = Client(HTTP_HOST="localhost")
    if user is not None:
        client.force_login(user)
    median, p95, queries = measure(client, path, requests)
    flag = "  > 100 ms" if p95 > 100 else ""
    print(f"{label:48} {median:10.1f} {p95:8.1f} {queries:8d}{flag}")


def race(args: argparse.Namespace) -> None:
    """N adoptions at once under a programme whose budget left pays exactly M, through
    gunicorn."""
    import subprocess

    from django.conf import settings
    from info import _server_env, _wait

    from tsunagaru.grants.models import Programme

    if args.budget_for > args.race:
        raise SystemExit("--budget-for is at most --race")
    # Sessions are signed: made here with the secret the server will check them with.
    secret = "bench-only-" + "x" * 40
    settings.SECRET_KEY = secret
    programme, applications = _race_applications(args.race)
    budget = programme.budget
    Programme.objects.filter(pk=programme.pk).update(
        budget=programme.committed + args.budget_for * RACE_AMOUNT
    )
    programme.refresh_from_db()
    print(
        f"{programme} (pk {programme.pk}): budget ¥{programme.budget:,}, committed "
        f"¥{programme.committed:,}, left ¥{programme.left:,} = {args.budget_for} × "
        f"¥{RACE_AMOUNT:,}; {args.race} applications in review"
    )
    staff = city_staff()
    cookies = [_session(staff) for _n in applications]
    env = _server_env(secret)
    gunicorn = str(Path(sys.executable).parent / "gunicorn")
    command = [gunicorn, "tsunagaru.wsgi", "-w", "4", "-b", f"127.0.0.1:{args.port}"]
    master = subprocess.Popen(command, env=env, cwd=ROOT, stderr=subprocess.DEVNULL)  # noqa: S603
    try:
        _wait(args.port)
        tokens = [_csrf(args.port, a.pk, key) for a, key in zip(applications, cookies, strict=True)]
        statuses, elapsed = _send(args.port, applications, cookies, tokens)
    finally:
        master.terminate()
        master.wait(timeout=30)
    exact = _report(args, programme, applications, statuses, elapsed)
    # The year's budget as it was (the race's adoptions stay committed under it).
    Programme.objects.filter(pk=programme.pk).update(budget=max(budget, programme.committed))
    if not exact:
        sys.exit("the budget was not shared out exactly")


def _race_applications(count: int) -> tuple[Any, list[Any]]:
    """N applications being screened under this 年度's 地域運営交付金, each asking
    RACE_AMOUNT, as the services leave them."""
    from django.db import transaction
    from django.utils import timezone

    from tsunagaru.core.dates import fiscal_year
    from tsunagaru.grants.models import Application, ApplicationVersion, BudgetLine, Programme

    year = fiscal_year(timezone.localdate())
    programme = Programme.objects.filter(code="district-operation", fiscal_year=year).first()
    if programme is None:
        raise SystemExit("no 地域運営交付金 for this 年度: generate with --grants first")
    if programme.criteria.exists():
        raise SystemExit(f"{programme} has a rubric: the race needs one decided without scores")
    category = programme.cost_categories.filter(eligible=True).order_by("order", "pk").first()
    groups = _race_groups(programme, count)
    stamp = timezone.now()
    made = []
    with transaction.atomic():
        for n in range(count):
            organisation, user, first_time = groups[n % len(groups)]
            application = Application.objects.create(
                programme=programme,
                organisation_id=organisation,
                state=Application.State.IN_REVIEW,
                title=f"地区の地域運営と生涯学習（競争{stamp:%H%M%S}-{n}）",
                purpose="地区センターを拠点に、地区の運営と生涯学習を続ける。",
                requested=RACE_AMOUNT,
                first_time=first_time and n < len(groups),
                created_by_id=user,
            )
            application.submitted_at = application.created_at
            application.save(update_fields=["submitted_at"])
            BudgetLine.objects.create(
                application=application,
                side="expense",
                category=category,
                description="地区センター職員",
                amount=RACE_AMOUNT,
            )
            ApplicationVersion.objects.create(
                application=application,
                number=1,
                snapshot={"title": application.title, "lines": [], "files": []},
                requested=RACE_AMOUNT,
                submitted_by_id=user,
            )
            made.append(application)
    return programme, made


def _race_groups(programme: Any, count: int) -> list[tuple[int, int, bool]]:
    """(group, its representative, never sent an application) for up to N verified groups
    without an application under the programme (one a year): district associations first."""
    from django.db.models import Case, Value, When

    from tsunagaru.grants.models import Application
    from tsunagaru.partners.models import Membership

    speakers = list(
        Membership.objects.filter(organisation__status="verified", role="representative")
        .exclude(organisation__grant_applications__programme=programme)
        .annotate(
            first=Case(
                When(organisation__kind__code="district_association", then=Value(0)),
                default=Value(1),
            )
        )
        .order_by("first", "organisation_id", "pk")
        .values_list("organisation_id", "user_id")[: count * 4]
    )
    groups = list(dict(speakers).items())[:count]
    if not groups:
        raise SystemExit("no verified group with a representative and no 地域運営交付金 yet")
    sent = set(
        Application.objects.filter(
            organisation__in=[g for g, _u in groups], versions__isnull=False
        ).values_list("organisation_id", flat=True)
    )
    return [(group, user, group not in sent) for group, user in groups]


def _session(user: Any) -> str:
    from django.contrib.sessions.backends.db import SessionStore

    session = SessionStore()
    session["_auth_user_id"] = str(user.pk)
    session["_auth_user_backend"] = "django.contrib.auth.backends.ModelBackend"
    session["_auth_user_hash"] = user.get_session_auth_hash()
    session.create()
    return str(session.session_key)


def _csrf(port: int, pk: int, session: str) -> tuple[str, str]:
    """The CSRF cookie and the decision form's token from the application's page, as the
    browser gets them."""
    import http.client

    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    path = f"/grants/applications/{pk}/"
    connection.request("GET", path, headers={"Cookie": f"sessionid={session}"})
    response = connection.getresponse()
    body = response.read().decode()
    if response.status != 200:
        sys.exit(f"{path}: {response.status} {response.getheader('Location')}")
    cookie = next(
        c.split(";")[0].split("=", 1)[1]
        for c in response.headers.get_all("Set-Cookie") or []
        if c.startswith("csrftoken=")
    )
    decide = body.find(f'action="/grants/applications/{pk}/decide/"')
    if decide < 0:
        sys.exit(f"{path}: no decision form on the application's page")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', body[decide:])
    assert token, "no CSRF token in the decision form"
    return cookie, token.group(1)


def _send(
    port: int, applications: list[Any], cookies: list[str], tokens: list[tuple[str, str]]
) -> tuple[list[int], float]:
    """All the adoptions at once, one thread each, released together."""
    start = threading.Barrier(len(applications))
    statuses: list[int] = []

    def decide(pk: int, key: str, token: tuple[str, str]) -> None:
        start.wait()
        statuses.append(_post(port, f"/grants/applications/{pk}/decide/", key, token))

    threads = [
        threading.Thread(target=decide, args=(a.pk, k, t))
        for a, k, t in zip(applications, cookies, tokens, strict=True)
    ]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return statuses, time.perf_counter() - started


def _post(port: int, path: str, session: str, token: tuple[str, str]) -> int:
    """POST the decision: 302 back to the application when recorded, 400 with the form's
    error when refused."""
    import http.client
    from urllib.parse import urlencode

    cookie, form_token = token
    body = urlencode(
        {
            "csrfmiddlewaretoken": form_token,
            "outcome": "adopt",
            "amount": str(RACE_AMOUNT),
            "conditions": "4月と10月に半額ずつ請求してください。",
        }
    )
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    connection.request(
        "POST",
        path,
        body=body,
        headers={
            "Cookie": f"sessionid={session}; csrftoken={cookie}",
            "Content-Type": "application/x-www-form-urlencoded",
            "Referer": f"http://127.0.0.1:{port}{path}",
        },
    )
    response = connection.getresponse()
    response.read()
    if response.status not in (302, 400):
        print("unexpected answer:", response.status, response.getheader("Location"))
    return response.status


def _report(
    args: argparse.Namespace,
    programme: Any,
    applications: list[Any],
    statuses: list[int],
    elapsed: float,
) -> bool:
    """Print what happened; True if exactly M were adopted and the budget held."""
    from tsunagaru.grants.models import Application

    before = programme.committed
    programme.refresh_from_db()
    states = Counter(
        Application.objects.filter(pk__in=[a.pk for a in applications]).values_list(
            "state", flat=True
        )
    )
    adopted, waiting = states.get("adopted", 0), states.get("in_review", 0)
    within = programme.committed <= programme.budget
    print(
        f"{args.race} adoptions at once for a budget left of {args.budget_for} in "
        f"{elapsed:.1f} s: {adopted} adopted, {waiting} refused (still in review), answers "
        f"{dict(sorted(Counter(statuses).items()))}; committed ¥{programme.committed:,} of "
        f"¥{programme.budget:,} ({'≤' if within else '>'} budget; "
        f"+¥{programme.committed - before:,})"
    )
    return (
        adopted == args.budget_for
        and within
        and programme.committed - before == adopted * RACE_AMOUNT
    )


if __name__ == "__main__":
    main()
