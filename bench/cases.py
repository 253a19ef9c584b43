"""Benchmark the case library on generated data (bench/generate.py --cases 20000).

    DATABASE_URL=sqlite:///var/bench.sqlite3 python bench/cases.py --requests 60
    DATABASE_URL=sqlite:///var/bench.sqlite3 python bench/cases.py --booklet 100
    DATABASE_URL=sqlite:///var/bench.sqlite3 python bench/cases.py --furigana --requests 40

Server time per request (Django's test client, in process): the case list with facets, a word
search, facets combined, and case pages; median and p95 in ms with the query count. `--booklet N`
instead typesets N cases as the PDF booklet and prints its time and the peak memory.
Targets (issue 6): faceted search p95 < 100 ms, case page p95 < 50 ms at 20,000 cases;
a 100-case booklet in < 60 s. `--furigana` times the same pages with furigana off, on with
every text's readings made afresh, and on with them cached (issue 18: at most 20 % more server
time with readings cached).
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
    parser.add_argument("--furigana", action="store_true", help="instead: furigana off and on")
    args = parser.parse_args()
    setup()
    if args.booklet:
        bench_booklet(args.booklet, args.seed)
        return
    if args.furigana:
        bench_furigana(args.requests, args.seed)
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
    # Facet counts are kept per library state; these requests each count them afresh, as the
    # first visitor of a new filter after a publication does.
    rng = random.Random(args.seed)
    years = list(range(2015, 2026))
    filtered = [
        f"/cases/?form={form.pk}&fiscal_year={rng.choice(years)}" for _ in range(args.requests)
    ]
    report("facets counted afresh (form + year)", timed(client, filtered, clear=True))
    searches = ["/cases/?q=" + quote(rng.choice(WORDS)) for _ in range(args.requests)]
    report("search counted afresh (a word)", timed(client, searches, clear=True))
    ids = list(Case.objects.filter(status="published").values_list("pk", flat=True))
    pages = [f"/cases/{pk}/" for pk in rng.sample(ids, args.requests)]
    report("case page (random cases)", timed(client, pages))
    similar = [f"/cases/{pk}/similar/" for pk in rng.sample(ids, args.requests)]
    report("similar cases (after the page)", timed(client, similar))


# Words of the generated stories (bench/generate.py), common and rare.
WORDS = ("花火", "見守り", "除雪", "子ども", "防災", "空き家", "地域", "農業", "伝統芸能", "交流")


def timed(client, paths: list[str], *, clear: bool = False) -> list[float]:
    from django.core.cache import caches

    times = []
    for path in paths:
        if clear:
            caches["local"].clear()
        started = time.perf_counter()
        assert client.get(path).status_code == 200, path
        times.append((time.perf_counter() - started) * 1000)
    return sorted(times)


def report(label: str, times: list[float]) -> None:
    p95 = times[min(len(times) - 1, round(0.95 * len(times)) - 1)]
    print(f"{label:34} {statistics.median(times):10.1f} {p95:8.1f}")


def bench_furigana(requests: int, seed: int) -> None:
    """The case list, a search and case pages with furigana off and on (core.furigana)."""
    from django.conf import settings
    from django.test import Client

    from tsunagaru.cases.models import Case
    from tsunagaru.core import furigana

    settings.DEBUG = False
    rng = random.Random(seed)
    ids = list(Case.objects.filter(status="published").values_list("pk", flat=True))
    pages = {
        "case list (first page, facets)": ["/cases/"] * requests,
        "search: 見守り": ["/cases/?q=" + quote("見守り")] * requests,
        "case page (random cases)": [f"/cases/{pk}/" for pk in rng.sample(ids, requests)],
    }
    print(f"{len(ids)} published cases, {requests} requests each; median / p95 ms")
    print(f"{'page':34} {'off':>13} {'on, afresh':>13} {'on, cached':>13} {'cached +%':>9}")
    for label, paths in pages.items():
        client = Client(HTTP_HOST="localhost")
        timed(client, paths[:5])  # warm the page's own caches (facet counts) first
        off = timed(client, paths)
        client.cookies["reading"] = "normal.standard.on"
        afresh = []
        for path in paths:
            furigana._ruby.cache_clear()
            afresh += timed(client, [path])
        timed(client, paths)  # every text of these pages now has its readings
        cached = timed(client, paths)
        more = (statistics.median(cached) / statistics.median(off) - 1) * 100
        print(
            f"{label:34} {_pair(off):>13} {_pair(sorted(afresh)):>13} {_pair(cached):>13} {more:8.0f}%"
        )


def _pair(times: list[float]) -> str:
    p95 = times[min(len(times) - 1, round(0.95 * len(times)) - 1)]
    return f"{statistics.median(times):.0f} / {p95:.0f}"


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
