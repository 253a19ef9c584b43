"""A stored index mapped from files, and the two views that join it to what changed since.

The stored part (the base) is read through numpy memory maps, so every process on the machine
shares one copy of its pages; what changed after it was written (the overlay) lives in each
process's memory and is small. `Docs` and `Postings` are what the engine sees: the base and
the overlay together, with the base's profiles that were removed or replaced masked out.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterator, MutableMapping
from pathlib import Path
from typing import Any, Literal, TypeVar

import msgpack
import numpy as np
from numpy.typing import NDArray

D = TypeVar("D")


def open_array(path: Path, mode: Literal["r", "c"]) -> Any:
    """The array in `path` as a memory map (mode "r" or copy-on-write "c"); an empty array,
    which cannot be mapped, is read."""
    try:
        mapped = np.load(path, mmap_mode=mode, allow_pickle=False)
    except ValueError:
        return np.load(path, allow_pickle=False)
    # A plain array over the same pages: np.memmap's own indexing costs microseconds a call.
    return mapped.view(np.ndarray)


class Base:
    """The stored profiles 1..count: postings by key (sorted key table, offsets, documents,
    counts per section) and, per profile, its keys and record (profile fields, resources)."""

    def __init__(self, directory: Path, count: int) -> None:
        def mapped(name: str) -> Any:
            return open_array(directory / f"{name}.npy", "r")

        self.count = count
        self._keys: NDArray[np.str_] = mapped("keys")
        self._key_offsets: NDArray[np.int64] = mapped("key_offsets")
        self._post_docs: NDArray[np.int64] = mapped("post_docs")
        self._post_tf: NDArray[np.float32] = mapped("post_tf")
        self._doc_offsets: NDArray[np.int64] = mapped("doc_offsets")
        self._doc_keys: NDArray[np.int32] = mapped("doc_keys")
        self._doc_tf: NDArray[np.int32] = mapped("doc_tf")
        self._records: NDArray[np.uint8] = mapped("records")
        self._record_offsets: NDArray[np.int64] = mapped("record_offsets")

    def key_id(self, key: str) -> int | None:
        at = int(np.searchsorted(self._keys, key))
        if at < len(self._keys) and str(self._keys[at]) == key:
            return at
        return None

    def df(self, key: str) -> int:
        """How many stored profiles hold `key` (removed ones included)."""
        at = self.key_id(key)
        return 0 if at is None else int(self._key_offsets[at + 1] - self._key_offsets[at])

    def postings(self, key: str) -> tuple[NDArray[np.int64], NDArray[np.float32]]:
        """The profiles holding `key` and its count in each section: views of the files."""
        at = self.key_id(key)
        if at is None:
            return np.zeros(0, dtype=np.int64), self._post_tf[:0]
        start, end = int(self._key_offsets[at]), int(self._key_offsets[at + 1])
        return self._post_docs[start:end], self._post_tf[start:end]

    def sections(self, number: int) -> dict[str, tuple[int, ...]]:
        """Profile `number`'s keys, sorted, with their counts per section."""
        start, end = int(self._doc_offsets[number]), int(self._doc_offsets[number + 1])
        keys = self._keys[self._doc_keys[start:end]].tolist()
        counts = self._doc_tf[start:end].tolist()
        return {str(k): tuple(c) for k, c in zip(keys, counts, strict=True)}

    def record(self, number: int) -> dict[str, Any]:
        start, end = int(self._record_offsets[number]), int(self._record_offsets[number + 1])
        record: dict[str, Any] = msgpack.unpackb(self._records[start:end].tobytes())
        return record


class Docs(MutableMapping[int, D]):
    """Profiles by number: the base's 1..count (read when asked, a few kept) and the overlay's.

    A profile added after the base gets a number above count; a stored one that is removed or
    replaced is masked, never rewritten.
    """

    _CACHE = 16384  # stored profiles are read lazily (store._StoredDoc): a few hundred bytes

    def __init__(self, count: int = 0, load: Callable[[int], D] | None = None) -> None:
        self._count = count
        self._load = load
        self._overlay: dict[int, D] = {}
        self._removed: set[int] = set()
        self._cache: dict[int, D] = {}

    def is_stored(self, number: int) -> bool:
        return number <= self._count

    def _in_base(self, number: int) -> bool:
        return 1 <= number <= self._count and number not in self._removed

    def __getitem__(self, number: int) -> D:
        doc = self._overlay.get(number)
        if doc is not None:
            return doc
        if self._load is None or not self._in_base(number):
            raise KeyError(number)
        doc = self._cache.get(number)
        if doc is None:
            if len(self._cache) >= self._CACHE:
                self._cache.clear()  # a bound on memory; rankings read a few hundred at most
            doc = self._cache[number] = self._load(number)
        return doc

    def __contains__(self, number: object) -> bool:
        return number in self._overlay or (isinstance(number, int) and self._in_base(number))

    def __setitem__(self, number: int, doc: D) -> None:
        if number <= self._count:
            raise ValueError("a stored profile is replaced under a new number")
        self._overlay[number] = doc

    def __delitem__(self, number: int) -> None:
        if number in self._overlay:
            del self._overlay[number]
        elif self._in_base(number):
            self._removed.add(number)
            self._cache.pop(number, None)
        else:
            raise KeyError(number)

    def __iter__(self) -> Iterator[int]:
        yield from (n for n in range(1, self._count + 1) if n not in self._removed)
        yield from self._overlay

    def __len__(self) -> int:
        return self._count - len(self._removed) + len(self._overlay)


class Postings(defaultdict[str, dict[int, tuple[int, ...]]]):
    """Postings of the profiles added since the base, by key; `in` also sees the base's keys."""

    def __init__(self, base: Base | None = None) -> None:
        super().__init__(dict)
        self.base = base

    def __contains__(self, key: object) -> bool:
        if super().__contains__(key):
            return True
        return self.base is not None and isinstance(key, str) and self.base.key_id(key) is not None
