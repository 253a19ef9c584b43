"""The matching engine: ranks partners for a need, with reasons. No Django here.

    engine = Engine(glossary=[["雪はね", "雪かき"]])
    engine.add(Profile(id="o1", kind="NPO法人", strengths="…", needs="…"))
    engine.rank(need_text="…", from_id="o2")  # → [Match(id, score, reasons), …]

The Django app (`tsunagaru.matching`) feeds it the registry and keeps it current; the
benchmark (`python -m tsunagaru.matching.bench`) feeds it JSON lines.
"""

from tsunagaru.matching.engine.model import Engine, Match, Profile, Reason

__all__ = ["Engine", "Match", "Profile", "Reason"]
