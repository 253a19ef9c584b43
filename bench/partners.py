"""Benchmark the partner registry on generated data (see bench/generate.py).

    DATABASE_URL=sqlite:///var/bench.sqlite3 python bench/partners.py --requests 60

Measures server time per request (Django's test client, in process, no network): the
directory, filtered lists, searches for common and rare words, and profile pages; then the
import of a 10,000-row CSV into a fresh copy of the data. Prints median and p95 in ms.
Targets (issue 4): search and filtered list p95 < 100 ms, profile p95 < 50 ms at 10,000
organisations; import of 10,000 rows < 60 s and < 500 MB.
"""

from __future__ import annotations

import argparse
import random
import statistics
import time

from _django import setup


def measure(client, path: str, n: int) -> tuple[float, float, int]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    # Queries are counted on one extra request only: capturing them slows every query down.
    with CaptureQueriesContext(connection) as captured:
        assert client.get(path).status_code == 200, path
    queries = len(captured.captured_queries)
    times = []
    for _ in range(n):
        started = time.perf_counter()
        response = client.get(path)
        times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (path, response.status_code)
    times.sort()
    p95 = times[min(len(times) - 1, round(0.95 * len(times)) - 1)]
    return statistics.median(times), p95, queries


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=60)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--import-rows",
        type=int,
        default=0,
        help="instead: time importing a generated CSV of this many rows",
    )
    args = parser.parse_args()
    setup()
    if args.import_rows:
        bench_import(args.import_rows, args.seed)
        return
    from urllib.parse import quote

    from django.conf import settings
    from django.db import connection
    from django.test import Client

    from tsunagaru.core.models import District
    from tsunagaru.guideline.models import ActivityField, OrganisationKind
    from tsunagaru.partners.models import Organisation

    settings.DEBUG = False  # as in production: no query log slowing every query down
    rng = random.Random(args.seed)
    client = Client(HTTP_HOST="localhost")
    count = Organisation.objects.filter(status="verified").count()
    district = District.objects.get(slug="inase")
    field = ActivityField.objects.get(name="防災")
    kind = OrganisationKind.objects.get(code="npo")
    rare = Organisation.objects.filter(status="verified").order_by("pk")[count // 2]
    cases = {
        "directory (first page)": "/partners/",
        "filter: district + open needs": f"/partners/?district={district.pk}&has_open_needs=on",
        "filter: kind + field": f"/partners/?kind={kind.pk}&field={field.pk}",
        "search: common word 地域": "/partners/?q=" + quote("地域"),
        "search: こども食堂": "/partners/?q=" + quote("こども食堂"),
        "search: two words 防災 訓練": "/partners/?q=" + quote("防災 訓練"),
        "search: rare name": "/partners/?q=" + quote(rare.name),
    }
    print(f"{connection.vendor}: {count} listed organisations, {args.requests} requests each")
    print(f"{'case':34} {'median ms':>10} {'p95 ms':>8} {'queries':>8}")
    for label, path in cases.items():
        median, p95, queries = measure(client, path, args.requests)
        print(f"{label:34} {median:10.1f} {p95:8.1f} {queries:8d}")
    ids = list(Organisation.objects.filter(status="verified").values_list("pk", flat=True))
    times = []
    for pk in rng.sample(ids, args.requests):
        started = time.perf_counter()
        assert client.get(f"/partners/{pk}/").status_code == 200
        times.append((time.perf_counter() - started) * 1000)
    times.sort()
    print(
        f"{'profile page (random groups)':34} {statistics.median(times):10.1f} "
        f"{times[int(0.95 * len(times)) - 1]:8.1f}"
    )


def bench_import(count: int, seed: int) -> None:
    """Read, check and import a CSV of `count` new groups, then roll it all back.

    Run in its own process, so the peak memory printed is the import's.
    """
    import csv
    import io
    import resource

    from django.db import connection, transaction

    from tsunagaru.accounts.models import User
    from tsunagaru.core.models import District
    from tsunagaru.partners import importer, services, tabular

    rng = random.Random(seed)
    districts = list(District.objects.select_related("area"))
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([ja for _key, ja, _en in tabular.COLUMNS])
    for n in range(count):
        d = rng.choice(districts)
        writer.writerow(
            [
                f"取込テスト{seed}の会{n}",
                "とりこみてすとのかい",
                "ボランティア団体",
                d.area.name,
                d.name,
                "防災・福祉",
                f"{d.name}で見守り活動と防災訓練をしています。",
                "",
                str(rng.randint(1990, 2024)),
                str(rng.randint(3, 99)),
                "",
                "",
            ]
        )
    content = buffer.getvalue().encode("utf-8-sig")
    by = User.objects.filter(role="city_staff").first() or User.objects.first()
    started = time.perf_counter()
    rows = tabular.read(content, "bench.csv")
    checked = importer.check(rows)
    checked_at = time.perf_counter()
    assert not checked.errors, checked.errors[:3]
    with transaction.atomic():
        services.organisation_import(rows=checked.rows, by=by, list_now=True)
        done = time.perf_counter()
        transaction.set_rollback(True)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"{connection.vendor}: import of {count} rows: read+check {checked_at - started:.1f} s, "
        f"save {done - checked_at:.1f} s, total {done - started:.1f} s, peak memory {peak:.0f} MB"
    )


if __name__ == "__main__":
    main()
