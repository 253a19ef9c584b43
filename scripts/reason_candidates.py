"""List every word pair a matching reason could show for (need, partner) pairs — not the labels.

    PYTHONPATH=src .venv/bin/python scripts/reason_candidates.py --out FILE.jsonl [--rank 10]

A reason says "the need's word X ~ the partner's word Y". For each pair, every content word of
the need (`analysis.clauses`) is set against every content word of the partner's texts (name,
description, fields, strengths, needs), and a word pair is a candidate when the two share a
normalised term ("term"), a glossary concept ("glossary"), a Sudachi synonym group ("synonym"),
or the cosine of their word vectors is at least 0.45 ("vector"); the first of these that holds
is its source. The cosine is given for every candidate (0.0 when a word has no vector).

Pairs are those of src/tsunagaru/matching/tests/data/reason_labels.jsonl by default; with
`--rank N`, this engine's top N partners for every demo need and dev query instead. Data: the
demo export in that folder, the dev set in bench/matching/dev/, and the demo's glossary for
both sets. No database is needed.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from tsunagaru.matching.bench import profile_from, read_jsonl  # noqa: E402
from tsunagaru.matching.engine import Engine, Profile, analysis, vectors  # noqa: E402
from tsunagaru.matching.engine.analysis import HAVE, WANT, Glossary, Unit  # noqa: E402

DATA = ROOT / "src/tsunagaru/matching/tests/data"
DEV = ROOT / "bench/matching/dev"
SETS = ("demo", "dev")
MIN_COSINE = 0.45
PAIR_KEYS = ("set", "need_id", "asker", "partner")


def needs_of(name: str) -> dict[str, dict[str, str]]:
    """need id → {text, asker}: the demo's open needs (and free texts), or the dev queries."""
    path = DATA / "demo_needs.jsonl" if name == "demo" else DEV / "queries.jsonl"
    return {
        str(row["id"]): {"text": str(row["need_text"]), "asker": str(row.get("from_org") or "")}
        for row in read_jsonl(path)
    }


def profiles_of(name: str) -> dict[str, Profile]:
    orgs = DATA / "demo_profiles.jsonl" if name == "demo" else DEV / "orgs.jsonl"
    return {str(row["id"]): profile_from(row) for row in read_jsonl(orgs)}


def glossary_groups() -> list[list[str]]:
    data = json.loads((DATA / "demo_glossary.json").read_text(encoding="utf-8"))
    return [list(group) for group in data["groups"]]


def engine_of(profiles: dict[str, Profile], *, glossary: bool = True) -> Engine:
    """The engine as the site builds it, with the demo's regional glossary (both sets)."""
    engine = Engine(glossary=glossary_groups() if glossary else [], vectors=vectors.installed())
    for profile in profiles.values():
        engine.add(profile)
    return engine


def ranked_pairs(name: str, engine: Engine, top: int) -> Iterator[dict[str, str]]:
    for need_id, need in needs_of(name).items():
        for match in engine.rank(need["text"], from_id=need["asker"] or None, limit=top):
            yield {"set": name, "need_id": need_id, "asker": need["asker"], "partner": match.id}


def labelled_pairs(path: Path) -> list[dict[str, str]]:
    pairs: dict[tuple[str, ...], dict[str, str]] = {}
    for row in read_jsonl(path):
        pair = {k: str(row[k]) for k in PAIR_KEYS}
        pairs.setdefault(tuple(pair.values()), pair)
    return list(pairs.values())


def partner_units(profile: Profile, glossary: Glossary) -> list[Unit]:
    """Every unit of the partner's texts, as the engine indexes them."""
    found: list[Unit] = []
    for clause in analysis.clauses(profile.strengths, default=HAVE):
        found.extend(clause.units)
    for clause in analysis.clauses(profile.needs, default=WANT):
        found.extend(clause.units)
    about = " ".join([profile.name, profile.description, " ".join(profile.fields)])
    found.extend(analysis.units(about))
    return found


def source_of(ours: Unit, theirs: Unit, cosine: float, glossary: Glossary) -> str | None:
    if ours.keys[0][0] == theirs.keys[0][0]:
        return "term"
    shared = {k for k, _w in ours.keys} & {k for k, _w in theirs.keys}
    if theirs.keys[0][0][2:] in glossary.members(ours.keys[0][0][2:]):
        return "glossary"
    if any(k.startswith("s:") for k in shared):
        return "synonym"
    return "vector" if cosine >= MIN_COSINE else None


def candidates(
    pair: dict[str, str], need_text: str, profile: Profile, glossary: Glossary
) -> Iterator[dict[str, Any]]:
    """The candidate word pairs of one (need, partner) pair, each once."""
    clauses = analysis.clauses(need_text, default=WANT)
    need_units = [unit for clause in clauses for unit in clause.units]
    yield from _pairs(pair, need_units, partner_units(profile, glossary), glossary)


def mutual_candidates(
    pair: dict[str, str], asker: Profile, profile: Profile, glossary: Glossary
) -> Iterator[dict[str, Any]]:
    """Reciprocity: what the asker offers (its strengths) against the partner's needs."""
    offered = [u for c in analysis.clauses(asker.strengths, default=HAVE) for u in c.units]
    wanted = [u for c in analysis.clauses(profile.needs, default=WANT) for u in c.units]
    for row in _pairs(pair, offered, wanted, glossary):
        yield {**row, "side": "mutual"}


def _pairs(
    pair: dict[str, str], need_units: list[Unit], their_units: list[Unit], glossary: Glossary
) -> Iterator[dict[str, Any]]:
    words = vectors.installed()
    seen: set[tuple[str, str]] = set()
    for theirs in their_units:
        for ours in need_units:
            terms = (ours.keys[0][0][2:], theirs.keys[0][0][2:])
            if terms in seen:
                continue
            cosine = words.similarity(*terms) if words is not None else 0.0
            source = source_of(ours, theirs, cosine, glossary)
            if source is None:
                continue
            seen.add(terms)
            yield {
                **pair,
                "need_term": terms[0],
                "partner_term": terms[1],
                "source": source,
                "cosine": round(max(cosine, 0.0), 3),
                "need_surface": ours.surface,
            }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Candidate word pairs of matching reasons.")
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--rank", type=int, default=0, help="this engine's top N partners")
    parser.add_argument(
        "--mutual", action="store_true", help="the asker's offers against the partner's needs"
    )
    parser.add_argument(
        "--labels", type=Path, default=DATA / "reason_labels.jsonl", help="pairs from here"
    )
    args = parser.parse_args(argv)
    pairs = [] if args.rank else labelled_pairs(args.labels)
    glossary = Glossary(glossary_groups())
    count = 0
    with args.out.open("w", encoding="utf-8") as out:
        for name in SETS:
            needs, profiles = needs_of(name), profiles_of(name)
            chosen = (
                list(ranked_pairs(name, engine_of(profiles), args.rank))
                if args.rank
                else [p for p in pairs if p["set"] == name]
            )
            for pair in chosen:
                text = needs[pair["need_id"]]["text"]
                partner = profiles[pair["partner"]]
                if args.mutual:
                    asker = profiles.get(pair["asker"])
                    rows = mutual_candidates(pair, asker, partner, glossary) if asker else iter(())
                else:
                    rows = candidates(pair, text, partner, glossary)
                for row in rows:
                    out.write(json.dumps(row, ensure_ascii=False, separators=(",", ":")) + "\n")
                    count += 1
    print(f"{count} candidates written to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
