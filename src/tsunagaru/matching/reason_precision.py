"""How often a shown reason is true, on the labelled pairs of `tests/data/reason_labels.jsonl`.

    python -m tsunagaru.matching.reason_precision

For every labelled (need, partner) the engine ranks the need; each word reason it shows for that
partner — (the need's word, the partner's word) — is looked up in the labels, judged by meaning
before any engine output was read ("same" and "includes" are true). A shown pair missing from the
labels counts as not judged, and is reported apart. Needs no database.
"""

from __future__ import annotations

import json
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from tsunagaru.matching.bench import profile_from, read_jsonl
from tsunagaru.matching.engine import Engine, vectors

_HERE = Path(__file__).resolve().parent
DATA = _HERE / "tests" / "data"
DEV = _HERE.parents[2] / "bench" / "matching" / "dev"
TRUE = frozenset({"same", "includes"})


@dataclass
class Precision:
    shown: int = 0
    true: int = 0
    unjudged: int = 0
    wrong: list[tuple[str, str, str]] = field(default_factory=list)  # (need id, ours, theirs)

    @property
    def value(self) -> float:
        judged = self.shown - self.unjudged
        return self.true / judged if judged else 0.0

    @property
    def coverage(self) -> float:
        return (self.shown - self.unjudged) / self.shown if self.shown else 0.0


def measure() -> Precision:
    labels: dict[tuple[str, str, str, str, str], str] = {}
    partners: dict[str, set[str]] = defaultdict(set)
    sets: dict[str, str] = {}
    for row in read_jsonl(DATA / "reason_labels.jsonl"):
        side = row.get("side", "need")
        key = (row["need_id"], row["partner"], row["need_term"], row["partner_term"], side)
        labels[key] = row["relation"]
        partners[row["need_id"]].add(row["partner"])
        sets[row["need_id"]] = row["set"]
    glossary = json.loads((DATA / "demo_glossary.json").read_text(encoding="utf-8"))["groups"]
    needs = {
        "demo": list(read_jsonl(DATA / "demo_needs.jsonl")),
        "dev": list(read_jsonl(DEV / "queries.jsonl")),
    }
    profiles = {"demo": DATA / "demo_profiles.jsonl", "dev": DEV / "orgs.jsonl"}
    result = Precision()
    for name, path in profiles.items():
        engine = Engine(glossary=glossary, vectors=vectors.installed())
        for row in read_jsonl(path):
            engine.add(profile_from(row))
        for need in needs[name]:
            need_id = str(need["id"])
            wanted = partners.get(need_id)
            if not wanted or sets.get(need_id) != name:
                continue
            asker = str(need.get("from_org") or "") or None
            for match in engine.rank(str(need["need_text"]), from_id=asker, limit=len(engine)):
                if match.id not in wanted:
                    continue
                for reason in match.reasons:
                    # Reciprocity pairs the asker's offers with the partner's needs.
                    side = "mutual" if reason.kind == "mutual" else "need"
                    for ours, theirs in reason.pairs:
                        relation = labels.get((need_id, match.id, ours, theirs, side))
                        _count(result, relation, need_id, ours, theirs)
    return result


def _count(result: Precision, relation: str | None, need_id: str, ours: str, theirs: str) -> None:
    result.shown += 1
    if relation is None:
        result.unjudged += 1
    elif relation in TRUE:
        result.true += 1
    else:
        result.wrong.append((need_id, ours, theirs))


def main() -> int:
    result = measure()
    print(f"shown word reasons: {result.shown}  judged: {result.shown - result.unjudged}")
    print(f"precision: {result.value:.3f}  coverage of the labels: {result.coverage:.3f}")
    for need_id, ours, theirs in result.wrong:
        print(f"  wrong: {need_id}: {ours} ~ {theirs}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
