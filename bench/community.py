"""Benchmark the districts' community plans, inventories and the city's overview (issue 16).

    DATABASE_URL=sqlite:///var/bench-community.sqlite3 python bench/generate.py \\
        --orgs 200 --plans 1000
    DATABASE_URL=sqlite:///var/bench-community.sqlite3 python bench/community.py --requests 40

Server time per request (Django's test client, in process, DEBUG off): a district's page and
the district with the most groups (anonymous); an adopted and a revised plan's page (anonymous;
each the one of its kind with the most progress recorded); the working copy of the revised plan
and of a plan being drafted (its representative); an association's inventory (anonymous) and
its last year's review (its representative); the city's overview of every district and its CSV
(a coordinator). Median and p95 in ms with the query count. Target (issue 16): p95 ≤ 100 ms.
`--parts` also times the overview's selector and its template apart.

`--http` instead times the same pages through gunicorn (3 workers, --preload, DEBUG off),
signed in by session cookies, timed at the client; the first overview after the start
included.
"""

from __future__ import annotations

import argparse
import os
from typing import Any

from _django import setup


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=40)
    parser.add_argument("--http", action="store_true", help="instead: through gunicorn")
    parser.add_argument("--port", type=int, default=8766)
    parser.add_argument(
        "--parts",
        action="store_true",
        help="also: the overview's selector and its template timed apart",
    )
    args = parser.parse_args()
    setup()
    if args.http:
        http_pages(args)
        return
    from django.conf import settings
    from django.db import connection

    from tsunagaru.community.inventory_models import ActivityYear
    from tsunagaru.community.plan_models import CommunityPlan, PlanAction
    from tsunagaru.core.models import District

    settings.DEBUG = False
    print(
        f"{connection.vendor}: {District.objects.filter(is_active=True).count()} districts, "
        f"{CommunityPlan.objects.count()} plans, {PlanAction.objects.count()} actions, "
        f"{ActivityYear.objects.count()} yearly reviews; "
        f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}"
    )
    people, pages = _pages()
    print(f"{'page':44} {'median ms':>10} {'p95 ms':>8} {'queries':>8}")
    for label, (who, path) in pages.items():
        _time(label, people[who], path, args.requests)
    if args.parts:
        overview_parts(people["coordinator"], args.requests)
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


def _pages() -> tuple[dict[str, Any], dict[str, tuple[str, str]]]:
    """The people (None: anonymous) and the pages they look at, by label."""
    from django.db.models import Count
    from django.utils import timezone
    from support_data import staff_user

    from tsunagaru.accounts.models import Role
    from tsunagaru.community.plan_models import CommunityPlan
    from tsunagaru.core.dates import fiscal_year
    from tsunagaru.core.models import District
    from tsunagaru.partners.models import Membership

    def most_progress(status: str) -> Any:
        found = (
            CommunityPlan.objects.filter(status=status, organisation__status="verified")
            .annotate(n=Count("actions__progress"))
            .order_by("-n", "pk")
            .select_related("organisation")
            .first()
        )
        if found is None:
            raise SystemExit(f"no {status} plan: generate with --plans 1000 first")
        return found

    def representative(plan: Any) -> Any:
        return (
            Membership.objects.filter(organisation=plan.organisation_id, role="representative")
            .select_related("user")
            .order_by("pk")
            .first()
            .user
        )

    adopted, revised = most_progress("adopted"), most_progress("revised")
    drafting = (
        CommunityPlan.objects.filter(status="drafting", organisation__status="verified")
        .order_by("pk")
        .first()
    )
    busiest = (
        District.objects.filter(is_active=True)
        .annotate(n=Count("organisation"))
        .order_by("-n", "pk")
        .first()
    )
    last_year = fiscal_year(timezone.localdate()) - 1
    people = {
        "anonymous": None,
        "adopted's representative": representative(adopted),
        "revised's representative": representative(revised),
        "drafting's representative": representative(drafting),
        "coordinator": staff_user(Role.COORDINATOR, "bench-coordinator@example.jp", "支援センター"),
    }
    group = adopted.organisation_id
    largest = _largest_area()
    pages = {
        "district page (adopted plan)": ("anonymous", f"/community/{adopted.district_id}/"),
        f"district page, most groups ({busiest.n})": (
            "anonymous",
            f"/community/{busiest.pk}/",
        ),
        "adopted plan": ("anonymous", f"/community/plans/{adopted.pk}/"),
        "revised plan (2 versions)": ("anonymous", f"/community/plans/{revised.pk}/"),
        "draft of the revised plan, member": (
            "revised's representative",
            f"/community/plans/{revised.pk}/draft/",
        ),
        "draft of a plan being drafted, member": (
            "drafting's representative",
            f"/community/plans/{drafting.pk}/draft/",
        ),
        "inventory": ("anonymous", f"/community/inventory/{group}/"),
        "year's review, member": (
            "adopted's representative",
            f"/community/inventory/{group}/{last_year}/",
        ),
        "overview, coordinator": ("coordinator", "/community/overview/"),
        f"overview, largest area ({largest[1]} districts)": (
            "coordinator",
            f"/community/overview/?area={largest[0]}",
        ),
        "overview.csv, coordinator": ("coordinator", "/community/overview.csv"),
    }
    return people, pages


def _largest_area() -> tuple[str, int]:
    """The slug and size of the area with the most districts (the longest overview page)."""
    from django.db.models import Count, Q

    from tsunagaru.core.models import Area

    area = (
        Area.objects.annotate(n=Count("districts", filter=Q(districts__is_active=True)))
        .order_by("-n", "pk")
        .first()
    )
    return (area.slug, area.n) if area else ("", 0)


def _time(label: str, user: Any, path: str, requests: int) -> None:
    from django.test import Client
    from partners import measure

    client = Client(HTTP_HOST="localhost")
    if user is not None:
        client.force_login(user)
    median, p95, queries = measure(client, path, requests)
    flag = "  > 100 ms" if p95 > 100 else ""
    print(f"{label:44} {median:10.1f} {p95:8.1f} {queries:8d}{flag}")


def overview_parts(coordinator: Any, requests: int) -> None:
    """Where the overview's time goes: community.overview.overview() (its queries and the model
    instances they make), then the page's template rendered with its result (no queries)."""
    import statistics
    import time

    from django.contrib.messages.storage.fallback import FallbackStorage
    from django.contrib.sessions.backends.db import SessionStore
    from django.template.loader import render_to_string
    from django.test import RequestFactory
    from django.utils import translation
    from info import _p95

    from tsunagaru.community import inventory_selectors, overview

    def timed(step: Any) -> tuple[list[float], Any]:
        step()  # warm
        times, result = [], None
        for _n in range(requests):
            started = time.perf_counter()
            result = step()
            times.append((time.perf_counter() - started) * 1000)
        return times, result

    request = RequestFactory().get("/community/overview/", HTTP_HOST="localhost")
    request.user = coordinator
    request.session = SessionStore()
    request._messages = FallbackStorage(request)  # as MessageMiddleware does
    with translation.override("ja"):
        largest = _largest_area()[0]
        selector, areas = timed(lambda: overview.overview(detail=largest))
        context = {
            "areas": areas,
            "shown": next(area for area in areas if area.detailed),
            "year": inventory_selectors.this_year(),
        }
        template, html = timed(
            lambda: render_to_string("community/overview.html", context, request=request)
        )
    rows = sum(area.size for area in areas)
    print(
        f"overview, {rows} districts in {len(areas)} areas (the largest shown), "
        f"page {len(html) / 1000:.0f} kB:"
    )
    for label, times in (("overview.overview()", selector), ("overview.html rendered", template)):
        print(f"  {label:42} {statistics.median(times):10.1f} {_p95(times):8.1f}")


def http_pages(args: argparse.Namespace) -> None:
    """The same pages through gunicorn (bench/_http.py); the first overview right after the
    start included."""
    from _http import time_pages

    people, pages = _pages()
    time_pages(
        people,
        pages,
        first=("coordinator", "/community/overview/"),
        port=args.port,
        requests=args.requests,
    )


if __name__ == "__main__":
    main()
