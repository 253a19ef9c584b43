"""Benchmark the case library on generated data (bench/generate.py --cases 20000).

    DATABASE_URL=sqlite:///var/bench.sqlite3 python bench/cases.py --requests 60
    DATABASE_URL=sqlite:///var/bench.sqlite3 python bench/cases.py --booklet 100

Server time per request (Django's test client, in process): the case list with facets, a word
search, facets combined, and case pages; median and p95 in ms with the query count. `--booklet N`
instead typesets N cases as the PDF booklet and prints its time and the peak memory.
Targets (issue 6): faceted search p95 < 100 ms, case page p95 < 50 ms at 20,000 cases;
a 100-case booklet in < 60 s.
"""

from __future__ import annotations

import argparse
import random
import resource
import statistics
import time
from urllib.parse import quote

from _django import setup


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=60)
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--booklet", type=int, default=0, help="instead: a booklet of N cases")
    args = parser.parse_args()
    setup()
    if args.booklet:
        bench_booklet(args.booklet, args.seed)
        return
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from partners import measure  # the same timing loop as the registry's benchmark

    from tsunagaru.cases.models import Case
    from tsunagaru.guideline.models import Form

    settings.DEBUG = False
    client = Client(HTTP_HOST="localhost")
    count = Case.objects.filter(status="published").count()
    form = Form.objects.get(name="事業協力")
    cases = {
        "case list (first page, facets)": "/cases/",
        "facet: form": f"/cases/?form={form.pk}",
        "facets: form + fiscal year": f"/cases/?form={form.pk}&fiscal_year=2020",
        "search: 花火": "/cases/?q=" + quote("花火"),
        "search + facet: 見守り + form": "/cases/?q=" + quote("見守り") + f"&form={form.pk}",
    }
    print(f"{connection.vendor}: {count} published cases, {args.requests} requests each")
    print(f"{'case':34} {'median ms':>10} {'p95 ms':>8} {'queries':>8}")
    for label, path in cases.items():
        median, p95, queries = measure(client, path, args.requests)
        print(f"{label:34} {median:10.1f} {p95:8.1f} {queries:8d}")
    rng = random.Random(args.seed)
    ids = list(Case.objects.filter(status="published").values_list("pk", flat=True))
    times = []
    for pk in rng.sample(ids, args.requests):
        started = time.perf_counter()
        assert client.get(f"/cases/{pk}/").status_code == 200
        times.append((time.perf_counter() - started) * 1000)
    times.sort()
    print(
        f"{'case page (random cases)':34} {statistics.median(times):10.1f} "
        f"{times[int(0.95 * len(times)) - 1]:8.1f}"
    )


def bench_booklet(count: int, seed: int) -> None:
    from tsunagaru.cases import booklet
    from tsunagaru.cases.models import Case

    rng = random.Random(seed)
    ids = rng.sample(
        list(Case.objects.filter(status="published").values_list("pk", flat=True)), count
    )
    started = time.perf_counter()
    pdf = booklet.pdf(list(booklet.booklet_cases(ids)))
    elapsed = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"booklet of {count} cases: {elapsed:.1f} s, {len(pdf) / 1e6:.1f} MB PDF, peak memory {peak:.0f} MB"
    )


if __name__ == "__main__":
    main()
