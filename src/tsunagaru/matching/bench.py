"""Rank partners for every query of a benchmark set, and score the rankings.

    python -m tsunagaru.matching.bench --orgs ORGS.jsonl --queries QUERIES.jsonl \\
        --top 10 --out RANKINGS.jsonl

Reads the format of the public matching sample (one organisation or query per JSON line;
unknown fields ignored, optional ones may be missing). The `relevant` field of a query is
never given to the engine: it is read only afterwards, to print recall@5, MRR and nDCG@10.
Also prints the index build time, p50/p95 query time and the peak memory of the process.
Needs no database and no Django settings.
"""

from __future__ import annotations

import argparse
import json
import math
import resource
import statistics
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from tsunagaru.matching.engine import Engine, Profile, vectors


def read_jsonl(path: Path) -> Iterator[dict[str, Any]]:
    with path.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, start=1):
            if line.strip():
                try:
                    yield json.loads(line)
                except json.JSONDecodeError as error:
                    raise SystemExit(f"{path}:{number}: not JSON: {error}") from error


def profile_from(row: dict[str, Any]) -> Profile:
    fields = row.get("fields") or ()
    if isinstance(fields, str):
        fields = [f for f in fields.replace("、", ",").split(",") if f.strip()]
    return Profile(
        id=str(row["id"]),
        name=str(row.get("name") or ""),
        kind=str(row.get("kind") or ""),
        area=str(row.get("area") or ""),
        district=str(row.get("district") or ""),
        fields=tuple(str(f).strip() for f in fields),
        strengths=str(row.get("strengths") or ""),
        needs=str(row.get("needs") or ""),
        description=str(row.get("description") or ""),
    )


def metrics(ranked: list[str], relevant: dict[str, int], asker: str) -> tuple[float, float, float]:
    """recall@5, reciprocal rank and nDCG@10, as the sample's evaluator computes them."""
    ranking = [i for i in dict.fromkeys(ranked) if i != asker]
    judged = {k: int(v) for k, v in relevant.items() if int(v) > 0 and k != asker}
    if not judged:
        return 0.0, 0.0, 0.0
    recall = sum(1 for i in ranking[:5] if i in judged) / len(judged)
    rr = next((1 / (n + 1) for n, i in enumerate(ranking) if i in judged), 0.0)
    dcg = sum((2 ** judged.get(i, 0) - 1) / math.log2(n + 2) for n, i in enumerate(ranking[:10]))
    ideal = sorted(judged.values(), reverse=True)[:10]
    idcg = sum((2**g - 1) / math.log2(n + 2) for n, g in enumerate(ideal))
    return recall, rr, dcg / idcg


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tsunagaru.matching.bench")
    parser.add_argument("--orgs", type=Path, required=True)
    parser.add_argument("--queries", type=Path, required=True)
    parser.add_argument("--top", type=int, default=10)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument(
        "--glossary", type=Path, help="regional glossary: one group of words a line, tab-separated"
    )
    parser.add_argument("--per-query", action="store_true", help="print each query's scores")
    parser.add_argument("--no-vectors", action="store_true", help="without word vectors")
    args = parser.parse_args(argv)

    glossary = []
    if args.glossary:
        for line in args.glossary.read_text(encoding="utf-8").splitlines():
            if line.strip() and not line.startswith("#"):
                glossary.append([w for w in line.split("\t") if w.strip()])
    started = time.perf_counter()
    words = None if args.no_vectors else vectors.installed()
    engine = Engine(glossary=glossary, vectors=words)
    for row in read_jsonl(args.orgs):
        engine.add(profile_from(row))
    build = time.perf_counter() - started

    queries = list(read_jsonl(args.queries))
    judgements = {str(q["id"]): q.pop("relevant", None) for q in queries}  # never to the engine
    times = []
    with args.out.open("w", encoding="utf-8") as out:
        for query in queries:
            started = time.perf_counter()
            matches = engine.rank(
                str(query.get("need_text") or ""),
                from_id=str(query.get("from_org") or ""),
                limit=max(args.top, 1),
                fill=True,
                # An offer looking for a recipient (「軽トラを使ってほしい」): needs come first.
                offer=query.get("direction") == "offer",
            )
            times.append((time.perf_counter() - started) * 1000)
            line = {"query_id": str(query["id"]), "ranked": [m.id for m in matches]}
            out.write(json.dumps(line, ensure_ascii=False) + "\n")
            query["_ranked"] = line["ranked"]

    times.sort()
    p95 = times[max(0, math.ceil(0.95 * len(times)) - 1)] if times else 0.0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"organisations: {len(engine)}  queries: {len(queries)}")
    if words is None:
        print("word vectors: none (install them: pip install --no-deps ja-ginza==5.3.0)")
    else:
        print(f"word vectors: ja-ginza, {words.dimensions} dimensions")
    print(f"index build: {build:.2f} s")
    print(f"query time: p50 {statistics.median(times) if times else 0:.1f} ms, p95 {p95:.1f} ms")
    print(f"peak memory: {peak:.0f} MB")
    judged = [q for q in queries if judgements.get(str(q["id"]))]
    if judged:
        rows = []
        for q in judged:
            asker = str(q.get("from_org") or "")
            rows.append(metrics(q["_ranked"], judgements[str(q["id"])], asker))
            if args.per_query:
                recall, rr, ndcg = rows[-1]
                print(f"  {q['id']}: recall@5 {recall:.3f}  RR {rr:.3f}  nDCG@10 {ndcg:.3f}")
        print(f"recall@5: {statistics.mean(r[0] for r in rows):.3f}")
        print(f"MRR: {statistics.mean(r[1] for r in rows):.3f}")
        print(f"nDCG@10: {statistics.mean(r[2] for r in rows):.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
