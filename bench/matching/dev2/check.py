#!/usr/bin/env python3
"""Consistency check for the dev2 matching set (standard library only; no engine).

Usage: python bench/matching/dev2/check.py
Checks: every line is a JSON object with the sample's fields; ids unique; kinds and areas
from the sample's lists; every query's from_org and judged ids exist; no query judges its
own asker; grades are 1 or 2; "direction", when present, is "offer". Prints a summary.
"""

import json
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
KINDS = {
    "地区振興会",
    "自治会・町内会",
    "NPO法人",
    "ボランティア団体",
    "事業者",
    "教育機関",
    "市の部署",
}
AREAS = {"水沢", "江刺", "前沢", "胆沢", "衣川"}
ORG_KEYS = {"id", "name", "kind", "area", "district", "fields", "strengths", "needs", "description"}
QUERY_KEYS = {"id", "from_org", "need_text", "relevant"}


def load(name: str) -> list[dict]:
    rows = []
    for n, line in enumerate((HERE / name).read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            sys.exit(f"{name}:{n}: empty line")
        row = json.loads(line)
        if not isinstance(row, dict):
            sys.exit(f"{name}:{n}: not an object")
        rows.append(row)
    return rows


def require(condition: object, *context: object) -> None:
    """Stop with the context when a check fails (works under python -O, unlike assert)."""
    if not condition:
        sys.exit(f"check failed: {context}")


def check_orgs(orgs: list[dict]) -> set[str]:
    ids = [o["id"] for o in orgs]
    require(len(ids) == len(set(ids)), "duplicate org ids")
    for o in orgs:
        require(set(o) == ORG_KEYS, (o["id"], set(o) ^ ORG_KEYS))
        require(o["id"].startswith("d2o"), o["id"])
        require(o["kind"] in KINDS, (o["id"], o["kind"]))
        require(o["area"] in AREAS, (o["id"], o["area"]))
        require(isinstance(o["fields"], list), o["id"], "fields")
        require(o["fields"], o["id"], "fields")
        for key in ("name", "district", "strengths", "needs", "description"):
            require(isinstance(o[key], str), o["id"], key)
            require(o[key].strip(), o["id"], key)
    return set(ids)


def check_queries(queries: list[dict], org_ids: set[str]) -> None:
    qids = [q["id"] for q in queries]
    require(len(qids) == len(set(qids)), "duplicate query ids")
    for q in queries:
        extra = set(q) - QUERY_KEYS - {"direction"}
        require(set(q) >= QUERY_KEYS, q["id"], "missing keys")
        require(not extra, q["id"], extra)
        require(q.get("direction", "offer") == "offer", q["id"])
        require(q["from_org"] in org_ids, (q["id"], q["from_org"]))
        require(q["need_text"].strip(), q["id"])
        require(q["relevant"], q["id"])
        for oid, grade in q["relevant"].items():
            require(oid in org_ids, (q["id"], oid))
            require(oid != q["from_org"], (q["id"], "judges its own asker"))
            require(grade in (1, 2), (q["id"], oid, grade))


def main() -> None:
    orgs = load("orgs.jsonl")
    queries = load("queries.jsonl")
    org_ids = check_orgs(orgs)
    check_queries(queries, org_ids)
    grades = Counter(g for q in queries for g in q["relevant"].values())
    sizes = Counter(len(q["relevant"]) for q in queries)
    offers = sum(1 for q in queries if q.get("direction") == "offer")
    print(f"orgs {len(orgs)}  kinds {dict(Counter(o['kind'] for o in orgs))}")
    print(f"areas {dict(Counter(o['area'] for o in orgs))}")
    print(f"queries {len(queries)} (offers {offers})  judgments {sum(grades.values())}", end="")
    print(
        f" (grade 2: {grades[2]}, grade 1: {grades[1]})  relevant per query {dict(sorted(sizes.items()))}"
    )
    print("OK")


if __name__ == "__main__":
    main()
