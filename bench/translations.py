"""Benchmark texts in the reader's language (issue 18) on generated data:

    DATABASE_URL=sqlite:///var/bench.sqlite3 python bench/generate.py --orgs 3000 --cases 20000
    DATABASE_URL=sqlite:///var/bench.sqlite3 python bench/translations.py --requests 40

Adds (once) English versions of every other published case, a volunteer translator and read
counts for every case (a few read often, most rarely), then times in process (DEBUG off):
a case page in English with and without a version, the same page in Japanese, and the
translator's queue (the most-read cases without a version) — median, p95, queries.
"""

from __future__ import annotations

import argparse
import random

from _django import setup


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=40)
    parser.add_argument("--seed", type=int, default=18)
    args = parser.parse_args()
    setup()
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from partners import measure  # the same timing loop as the registry's benchmark

    from tsunagaru.cases.models import Case

    settings.DEBUG = False
    rng = random.Random(args.seed)
    translator = _prepare(rng)
    ids = list(Case.objects.filter(status="published").order_by("pk").values_list("pk", flat=True))
    with_version = [pk for n, pk in enumerate(ids) if n % 2 == 0]
    without = [pk for n, pk in enumerate(ids) if n % 2 == 1]
    english = Client(HTTP_HOST="localhost")
    english.cookies["tsunagaru_language"] = "en"
    japanese = Client(HTTP_HOST="localhost")
    queue = Client(HTTP_HOST="localhost")
    queue.force_login(translator)
    print(f"{connection.vendor}: {len(ids)} published cases, {len(with_version)} in English")
    print(f"{'page':40} {'median ms':>10} {'p95 ms':>8} {'queries':>8}")
    rows = {
        "case page in English, with a version": (english, f"/cases/{rng.choice(with_version)}/"),
        "case page in English, without one": (english, f"/cases/{rng.choice(without)}/"),
        "case page in Japanese": (japanese, f"/cases/{rng.choice(with_version)}/"),
        "translation queue (English)": (queue, "/translations/?language=en"),
        "translation queue (やさしい日本語)": (queue, "/translations/?language=ja-easy"),
    }
    for label, (client, path) in rows.items():
        median, p95, queries = measure(client, path, args.requests)
        print(f"{label:40} {median:10.1f} {p95:8.1f} {queries:8d}")


def _prepare(rng: random.Random):  # type: ignore[no-untyped-def]
    """The translator, the versions and the read counts, made once (bulk) per database."""
    from django.contrib.contenttypes.models import ContentType

    from tsunagaru.accounts.models import User
    from tsunagaru.cases.models import Case
    from tsunagaru.translations import registry
    from tsunagaru.translations.models import ReadCount, TextVersion, Translator

    translator, _created = User.objects.get_or_create(
        email="bench-translator@example.jp",
        defaults={"family_name": "翻訳", "display_name": "翻訳ボランティア"},
    )
    Translator.objects.get_or_create(user=translator, defaults={"languages": "en,ja-easy"})
    if TextVersion.objects.exists():
        return translator
    kind = ContentType.objects.get_for_model(Case)
    fields = registry.kind("case").fields
    versions, counts = [], []
    cases = Case.objects.filter(status="published").order_by("pk").values_list("pk", *fields)
    for n, (pk, *texts) in enumerate(cases):
        if n % 2 == 0:
            for field, source in zip(fields, texts, strict=True):
                if not source.strip():
                    continue
                versions.append(
                    TextVersion(
                        content_type=kind,
                        object_id=pk,
                        field=field,
                        language="en",
                        text=f"English {field} of case {pk}",
                        source=source,
                        written_by=translator,
                    )
                )
        counts.append(ReadCount(content_type=kind, object_id=pk, count=int(rng.paretovariate(1.2))))
    TextVersion.objects.bulk_create(versions, batch_size=2000)
    ReadCount.objects.bulk_create(counts, batch_size=2000)
    return translator


if __name__ == "__main__":
    main()
