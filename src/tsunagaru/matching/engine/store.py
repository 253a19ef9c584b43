"""An engine written to a directory of files, and read back by any number of processes.

    store.publish(engine, root, version=42)   # root/v00000042-…/ and root/current → it
    engine = store.load(store.current(root))   # in each process, in well under a second

The big arrays are NumPy `.npy` files opened as memory maps: postings in CSR form (sorted key
table, offsets, profile numbers, counts per section), each profile's keys, its per-profile
arrays (lengths, kind, place, resources, mean word vectors), the index's word vectors and the
word-vector table itself. The operating system keeps one copy of their pages for all processes.
Per-profile arrays are mapped copy-on-write (mode "c") with spare rows: a process that adds
or removes a profile after loading copies only the pages it writes; the files never change.
A directory is written once, under a temporary name, then renamed into place, and `current`
is replaced atomically: a reader sees a whole index or the previous one, never half of one.
"""

from __future__ import annotations

import dataclasses
import functools
import itertools
import json
import os
import shutil
import time
import uuid
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any, Literal

import msgpack
import numpy as np
from numpy.typing import NDArray

from tsunagaru.matching.engine.base import Base, Docs, Postings, open_array
from tsunagaru.matching.engine.model import Engine, Profile, _Doc
from tsunagaru.matching.engine.vectors import WordVectors

FORMAT = 2  # 2: five sections, pieces of words, who answered (issue 13 §1)
POINTER = "current"
KEEP = 3  # stored versions kept (a process may still map an older one for a while)
_PER_DOC = ("_alive", "_kind", "_district", "_area", "_has", "_wants", "_lengths", "_meaning")
# Stored side first, (side, profile, dimension), and mapped back as (profile, side, dimension):
# then each side's vectors of all profiles are one contiguous block, which the dense score
# multiplies without copying it first.
_SIDE_FIRST = ("_meaning",)


def publish(
    engine: Engine, root: Path, *, version: int, extra: dict[str, Any] | None = None
) -> Path:
    """Write `engine` as stored version `version` under `root` and make it the current one,
    unless the current one is newer (then that one is returned)."""
    root.mkdir(parents=True, exist_ok=True)
    name = f"v{version:010d}-{time.strftime('%Y%m%dT%H%M%S')}-{uuid.uuid4().hex[:6]}"
    temporary = root / f".tmp-{name}"
    save(engine, temporary, version=version, extra=extra or {})
    final = root / name
    os.rename(temporary, final)
    newest = current(root)
    if newest is not None and meta(newest)["version"] > version:
        # A build that started later finished first: it holds more, so it stays current.
        shutil.rmtree(final, ignore_errors=True)
        return newest
    pointer = root / f".{POINTER}-{name}"
    pointer.write_text(name, encoding="utf-8")
    os.replace(pointer, root / POINTER)
    _prune(root, keep=name)
    return final


def current(root: Path) -> Path | None:
    """The current stored index under `root`, or None if none was published."""
    try:
        name = (root / POINTER).read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        return None
    return root / name if name and (root / name / "meta.json").is_file() else None


def meta(directory: Path) -> dict[str, Any]:
    """What a stored index says about itself: format, version, built_at, count, …"""
    data: dict[str, Any] = json.loads((directory / "meta.json").read_text(encoding="utf-8"))
    return data


def save(engine: Engine, directory: Path, *, version: int, extra: dict[str, Any]) -> None:
    """Write every live profile of `engine`, numbered 1..n in their current order."""
    directory.mkdir(parents=True)
    numbers = sorted(engine._docs)
    docs = [engine._docs[n] for n in numbers]
    keys = sorted(set().union(*(d.sections for d in docs)))
    _save_postings(directory, docs, keys, width=engine._lengths.shape[1])
    spare = max(1024, len(docs) // 10)
    old = np.asarray(numbers, dtype=np.int64)
    for name in _PER_DOC:
        array = getattr(engine, name)
        stored = np.zeros((len(docs) + 1 + spare, *array.shape[1:]), dtype=array.dtype)
        stored[1 : len(docs) + 1] = array[old]
        if name in _SIDE_FIRST:
            stored = np.ascontiguousarray(stored.swapaxes(0, 1))
        np.save(directory / f"{name[1:]}.npy", stored)
    _save_records(directory, docs)
    vocabulary: list[str] = []
    if engine.vectors is not None:
        matrix = engine._vocabulary_vectors()
        vocabulary = engine._vocabulary
        rows = np.zeros((len(matrix) + 1024, matrix.shape[1]), dtype=np.float32)
        rows[: len(matrix)] = matrix
        np.save(directory / "vocabulary.npy", rows)
        for name, array in zip(("rows", "keys", "key_rows"), engine.vectors.arrays(), strict=True):
            np.save(directory / f"vectors_{name}.npy", np.ascontiguousarray(array))
    tables = {
        "ids": [d.profile.id for d in docs],
        "names": engine._names,
        "concept_terms": {k: sorted(v) for k, v in engine._concept_terms.items()},
        "learned": {k: dict(v) for k, v in engine._learned.items()},
        "helpers": {k: sorted(v) for k, v in engine._helpers.items()},
        "vocabulary": vocabulary,
    }
    (directory / "tables.msgpack").write_bytes(msgpack.packb(tables))
    about = {
        "format": FORMAT,
        "version": version,
        "built_at": time.time(),
        "count": len(docs),
        "keys": len(keys),
        "total_lengths": list(engine._total_lengths),
        "glossary": engine._glossary_groups,
        "vectors": engine.vectors is not None,
        **extra,
    }
    (directory / "meta.json").write_text(json.dumps(about, ensure_ascii=False), encoding="utf-8")


def _save_postings(directory: Path, docs: list[_Doc], keys: list[str], *, width: int) -> None:
    ids = {key: i for i, key in enumerate(keys)}
    counts = np.array([len(d.sections) for d in docs], dtype=np.int64)
    doc_offsets = np.zeros(len(docs) + 2, dtype=np.int64)  # profile n: offsets[n]..offsets[n+1]
    doc_offsets[2:] = np.cumsum(counts)
    doc_keys = np.fromiter(
        (ids[k] for d in docs for k in sorted(d.sections)), dtype=np.int32, count=int(counts.sum())
    )
    doc_tf = np.array(
        [d.sections[k] for d in docs for k in sorted(d.sections)], dtype=np.int32
    ).reshape(-1, width)
    owners = np.repeat(np.arange(1, len(docs) + 1, dtype=np.int64), counts)
    order = np.argsort(doc_keys, kind="stable")
    key_offsets = np.zeros(len(keys) + 1, dtype=np.int64)
    key_offsets[1:] = np.cumsum(np.bincount(doc_keys, minlength=len(keys)))
    arrays: dict[str, NDArray[Any]] = {
        "keys": np.array(keys, dtype=str) if keys else np.zeros(0, dtype="<U1"),
        "key_offsets": key_offsets,
        "post_docs": owners[order],
        "post_tf": doc_tf[order].astype(np.float32),
        "doc_offsets": doc_offsets,
        "doc_keys": doc_keys,
        "doc_tf": doc_tf,
    }
    for name, array in arrays.items():
        np.save(directory / f"{name}.npy", array)


def _save_records(directory: Path, docs: list[_Doc]) -> None:
    blobs = [
        msgpack.packb(
            {
                "profile": dataclasses.asdict(d.profile),
                "resources": sorted([list(r) for r in d.resources]),
                "pieces": sorted(d.pieces),
            }
        )
        for d in docs
    ]
    offsets = np.zeros(len(docs) + 2, dtype=np.int64)
    offsets[2:] = np.cumsum([len(b) for b in blobs])
    np.save(directory / "records.npy", np.frombuffer(b"".join(blobs), dtype=np.uint8))
    np.save(directory / "record_offsets.npy", offsets)


def load(directory: Path) -> Engine:
    """The engine stored in `directory`, its big arrays mapped rather than read."""
    about = meta(directory)
    if about.get("format") != FORMAT:
        raise ValueError(f"stored index format {about.get('format')}, expected {FORMAT}")
    tables = msgpack.unpackb((directory / "tables.msgpack").read_bytes(), strict_map_key=False)
    words = None
    if about["vectors"]:
        words = WordVectors.from_arrays(
            *(_map(directory, f"vectors_{name}", "r") for name in ("rows", "keys", "key_rows"))
        )
    engine = Engine(glossary=about["glossary"], vectors=words)
    count = int(about["count"])
    base = Base(directory, count)
    engine._base = base
    engine._docs = Docs(count, load=lambda number: _StoredDoc(engine, base, number))
    engine._postings = Postings(base)
    engine._number = {profile_id: i + 1 for i, profile_id in enumerate(tables["ids"])}
    engine._numbers = itertools.count(count + 1)
    for name in _PER_DOC:
        array = _map(directory, name[1:], "c")
        setattr(engine, name, array.swapaxes(0, 1) if name in _SIDE_FIRST else array)
    engine._capacity = len(engine._alive)
    engine._total_lengths = list(about["total_lengths"])
    engine._names = tables["names"]
    engine._concept_terms = defaultdict(
        set, {k: set(v) for k, v in tables["concept_terms"].items()}
    )
    engine._learned = defaultdict(Counter, {k: Counter(v) for k, v in tables["learned"].items()})
    engine._helpers = defaultdict(set, {k: set(v) for k, v in tables["helpers"].items()})
    if words is not None:
        engine._vocabulary = list(tables["vocabulary"])
        engine._vocabulary_rows = {f"t:{w}": i for i, w in enumerate(engine._vocabulary)}
        engine._vocabulary_matrix_rows = _map(directory, "vocabulary", "c")
        engine._vocabulary_matrix = engine._vocabulary_matrix_rows[: len(engine._vocabulary)]
    return engine


def _map(directory: Path, name: str, mode: Literal["r", "c"]) -> Any:
    return open_array(directory / f"{name}.npy", mode)


class _StoredDoc(_Doc):
    """A stored profile, read from the files only as far as a ranking looks at it: most of a
    shortlist needs only its fields; its keys and resources are read for the reasons."""

    def __init__(self, engine: Engine, base: Base, number: int) -> None:
        self.number = number
        self.lengths = tuple(int(x) for x in engine._lengths[number])
        self._base = base

    @functools.cached_property
    def _record(self) -> dict[str, Any]:
        return self._base.record(self.number)

    @functools.cached_property
    def profile(self) -> Profile:  # type: ignore[override]
        fields: dict[str, Any] = {
            k: tuple(v) if isinstance(v, list) else v for k, v in self._record["profile"].items()
        }
        return Profile(**fields)

    @functools.cached_property
    def sections(self) -> dict[str, tuple[int, ...]]:  # type: ignore[override]
        return self._base.sections(self.number)

    @functools.cached_property
    def resources(self) -> frozenset[tuple[str, str]]:  # type: ignore[override]
        return frozenset((str(n), str(d)) for n, d in self._record["resources"])

    @functools.cached_property
    def fields(self) -> frozenset[str]:  # type: ignore[override]
        return frozenset(self.profile.fields)

    @functools.cached_property
    def pieces(self) -> frozenset[str]:  # type: ignore[override]
        return frozenset(str(k) for k in self._record["pieces"])


def _prune(root: Path, *, keep: str) -> None:
    """Remove all but the newest KEEP versions, and temporary directories left by a crash.

    Removing a directory a process still maps is safe on Linux and macOS: the mapping keeps
    the file's pages until the process lets go of them.
    """
    versions = sorted(p for p in root.iterdir() if p.is_dir() and p.name.startswith("v"))
    for old in versions[:-KEEP]:
        if old.name != keep:
            shutil.rmtree(old, ignore_errors=True)
    for stale in root.glob(".tmp-*"):
        if time.time() - stale.stat().st_mtime > 24 * 3600:
            shutil.rmtree(stale, ignore_errors=True)
