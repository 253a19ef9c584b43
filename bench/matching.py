"""Benchmark the matching engine on the generated registry (see bench/generate.py).

    DATABASE_URL=sqlite:///var/bench.sqlite3 python bench/matching.py --queries 200

1. Exports the listed groups, as the site gives them to the engine, to var/matching/orgs.jsonl,
   and `--queries` open needs (random, seeded) to var/matching/queries.jsonl.
2. Runs the engine's own benchmark command on them in a fresh process
   (`python -m tsunagaru.matching.bench`): index build time, p50/p95 query time, peak memory.
3. Builds and stores the site's index (`matching_index`), loads it as a new process would, and
   times what an edit costs: one group's offer saved, then the next ranking (the change applied).
Targets (issue 5): build < 60 s, p95 query < 50 ms, peak < 500 MB at 10,000 groups; an edit
shows in the next ranking within a second.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import time

from _django import ROOT, setup


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--seed", type=int, default=5)
    args = parser.parse_args()
    os.environ.setdefault("MATCHING_INDEX_DIR", str(ROOT / "var" / "bench-matching-index"))
    setup()
    from tsunagaru.matching import index
    from tsunagaru.partners.models import Need

    out = ROOT / "var" / "matching"
    out.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    count = 0
    with (out / "orgs.jsonl").open("w", encoding="utf-8") as orgs:
        for organisation in index.listed_organisations().iterator(chunk_size=500):
            p = index.profile_of(organisation)
            row = {
                "id": p.id,
                "name": p.name,
                "kind": p.kind,
                "area": p.area,
                "district": p.district,
                "fields": list(p.fields),
                "strengths": p.strengths,
                "needs": p.needs,
                "description": p.description,
            }
            orgs.write(json.dumps(row, ensure_ascii=False) + "\n")
            count += 1
    rng = random.Random(args.seed)
    needs = list(
        Need.objects.filter(status=Need.Status.OPEN, organisation__status="verified").values_list(
            "pk", "organisation_id", "title", "description"
        )
    )
    with (out / "queries.jsonl").open("w", encoding="utf-8") as queries:
        for pk, organisation_id, title, description in rng.sample(needs, args.queries):
            row = {
                "id": f"n{pk}",
                "from_org": str(organisation_id),
                "need_text": f"{title}。{description}",
            }
            queries.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(
        f"exported {count} groups and {args.queries} needs in {time.perf_counter() - started:.1f} s"
    )
    command = [
        sys.executable,
        "-m",
        "tsunagaru.matching.bench",
        "--orgs",
        str(out / "orgs.jsonl"),
        "--queries",
        str(out / "queries.jsonl"),
        "--top",
        "10",
        "--out",
        str(out / "rankings.jsonl"),
    ]
    subprocess.run(  # noqa: S603 - our own interpreter and module
        command,
        check=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT / "src")},
    )
    bench_edit(rng)


def bench_edit(rng: random.Random) -> None:
    """Build and store the site's index, load it, change one group's offer, time applying the
    change and the next ranking."""
    from tsunagaru.accounts.models import User
    from tsunagaru.matching import index
    from tsunagaru.partners import services
    from tsunagaru.partners.models import Offer, Organisation

    started = time.perf_counter()
    index.build()
    built = time.perf_counter()
    index.reset()
    engine = index.engine()
    assert engine is not None
    print(
        f"site index built from the database in {built - started:.1f} s and stored; "
        f"loaded in {time.perf_counter() - built:.2f} s ({len(engine)} groups)"
    )
    organisation = rng.choice(
        list(Organisation.objects.filter(status="verified").order_by("pk")[:5000])
    )
    by = User.objects.filter(role="city_staff").first() or User.objects.first()
    word = "ドローン空撮による被災状況の記録"
    before = [m.id for m in engine.rank(word + "をしてくれるところを探しています")]
    started = time.perf_counter()
    services.offer_save(
        offer=Offer(organisation=organisation),
        data={"category": "skill", "title": word, "description": "", "activity_fields": []},
        by=by,
    )
    saved = time.perf_counter()
    after = [m.id for m in index.rank(word + "をしてくれるところを探しています")]
    done = time.perf_counter()
    if not after or after[0] != str(organisation.pk):
        raise SystemExit(f"the edit did not change the ranking: {before} → {after}")
    print(
        f"edit → next ranking: save {1000 * (saved - started):.0f} ms, "
        f"sync and rank {1000 * (done - saved):.0f} ms (group {organisation.pk} now first)"
    )
    Offer.objects.filter(organisation=organisation, title=word).delete()
    services.reindex(organisation)


if __name__ == "__main__":
    main()
