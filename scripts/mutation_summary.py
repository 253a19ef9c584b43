"""Summarise a cosmic-ray session: the score per module and where each survivor is.

python scripts/mutation_summary.py var/mutation/<app>/session.sqlite
"""

from __future__ import annotations

import sys
from collections import Counter, defaultdict

from cosmic_ray.work_db import WorkDB, use_db
from cosmic_ray.work_item import TestOutcome, WorkerOutcome


def main(path: str) -> None:
    with use_db(path, WorkDB.Mode.open) as db:
        items = {item.job_id: item for item in db.work_items}
        results = dict(db.results)
    outcome: dict[str, Counter[str]] = defaultdict(Counter)
    survivors = []
    for job_id, item in items.items():
        spec = item.mutations[0]
        module = str(spec.module_path)
        result = results.get(job_id)
        if result is None:
            outcome[module]["pending"] += 1
        elif result.worker_outcome == WorkerOutcome.SKIPPED:
            outcome[module]["filtered"] += 1
        elif result.test_outcome == TestOutcome.SURVIVED:
            outcome[module]["survived"] += 1
            survivors.append(f"{module}:{spec.start_pos[0]} {spec.operator_name}")
        elif result.test_outcome == TestOutcome.INCOMPETENT:
            outcome[module]["incompetent"] += 1
        else:
            outcome[module]["killed"] += 1
    total: Counter[str] = Counter()
    for module, counts in sorted(outcome.items()):
        total.update(counts)
        print(_line(module, counts))
    print(_line("all", total))
    for survivor in sorted(survivors):
        print("  survived:", survivor)


def _line(name: str, c: Counter[str]) -> str:
    tested = c["killed"] + c["survived"]
    score = f"{100 * c['killed'] / tested:.0f} %" if tested else "—"
    return (
        f"{name}: killed {c['killed']} / {tested} tested ({score}); pending {c['pending']}, "
        f"not compilable {c['incompetent']}, filtered out {c['filtered']}"
    )


if __name__ == "__main__":
    main(sys.argv[1])
