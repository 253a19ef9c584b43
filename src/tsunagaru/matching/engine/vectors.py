"""Japanese word vectors, read straight from the files of the `ja-ginza` package.

ja-ginza ships 20,000 × 300 vectors (a pruned chiVe: 480,000 words, each pointing at one of the
rows) for spaCy. spaCy itself is not needed: the rows are a NumPy file, the word → row table is
MessagePack keyed by spaCy's string hash (MurmurHash64A, seed 1), which is computed here for the
few thousand words an index holds.
"""

from __future__ import annotations

import functools
import importlib.util
import struct
from pathlib import Path

import msgpack
import numpy as np
from numpy.typing import NDArray

_M = 0xC6A4A7935BD1E995
_MASK = (1 << 64) - 1


def string_hash(text: str) -> int:
    """spaCy's hash of a string: MurmurHash64A of its UTF-8 bytes with seed 1."""
    data = text.encode("utf-8")
    length = len(data)
    h = (1 ^ (length * _M)) & _MASK
    blocks = length // 8
    for (k,) in struct.iter_unpack("<Q", data[: blocks * 8]):
        k = (k * _M) & _MASK
        k ^= k >> 47
        k = (k * _M) & _MASK
        h ^= k
        h = (h * _M) & _MASK
    tail = data[blocks * 8 :]
    if tail:
        for i in range(len(tail) - 1, -1, -1):
            h ^= tail[i] << (8 * i)
        h = (h * _M) & _MASK
    h ^= h >> 47
    h = (h * _M) & _MASK
    h ^= h >> 47
    return h


class WordVectors:
    """Unit-length vectors for words (Sudachi normalised forms), or None when unknown."""

    def __init__(self, rows: NDArray[np.float32], key2row: dict[int, int]) -> None:
        norms = np.linalg.norm(rows, axis=1, keepdims=True)
        self._rows = (rows / np.where(norms == 0, 1, norms)).astype(np.float32)
        # Sorted arrays rather than a dict of 480,000 Python ints: a tenth of the memory.
        keys = np.fromiter(key2row.keys(), dtype=np.uint64, count=len(key2row))
        order = np.argsort(keys)
        self._keys = keys[order]
        self._key_rows = np.fromiter(key2row.values(), dtype=np.int32, count=len(key2row))[order]

    @classmethod
    def from_arrays(
        cls, rows: NDArray[np.float32], keys: NDArray[np.uint64], key_rows: NDArray[np.int32]
    ) -> WordVectors:
        """Vectors already normalised and sorted (`arrays()`), e.g. memory maps of a stored
        index: nothing is copied."""
        words = cls.__new__(cls)
        words._rows, words._keys, words._key_rows = rows, keys, key_rows
        return words

    def arrays(self) -> tuple[NDArray[np.float32], NDArray[np.uint64], NDArray[np.int32]]:
        """The unit rows, the sorted word hashes and each hash's row (see from_arrays)."""
        return self._rows, self._keys, self._key_rows

    @classmethod
    def from_directory(cls, directory: Path) -> WordVectors:
        rows = np.load(directory / "vectors", allow_pickle=False)
        key2row = msgpack.unpackb((directory / "key2row").read_bytes(), strict_map_key=False)
        return cls(rows, key2row)

    @property
    def dimensions(self) -> int:
        return int(self._rows.shape[1])

    def row(self, word: str) -> int | None:
        key = np.uint64(string_hash(word))
        at = int(np.searchsorted(self._keys, key))
        if at < len(self._keys) and self._keys[at] == key:
            return int(self._key_rows[at])
        return None

    def vector(self, word: str) -> NDArray[np.float32] | None:
        row = self.row(word)
        return None if row is None else self._rows[row]

    def similarity(self, a: str, b: str) -> float:
        va, vb = self.vector(a), self.vector(b)
        return 0.0 if va is None or vb is None else float(va @ vb)


def package_directory() -> Path | None:
    """Where the installed ja-ginza package keeps its vectors, if it is installed."""
    spec = importlib.util.find_spec("ja_ginza")
    if spec is None or not spec.submodule_search_locations:
        return None
    for base in spec.submodule_search_locations:
        for candidate in sorted(Path(base).glob("ja_ginza-*/vocab")):
            if (candidate / "vectors").is_file() and (candidate / "key2row").is_file():
                return candidate
    return None


@functools.cache
def installed() -> WordVectors | None:
    """The vectors of the installed ja-ginza package, loaded once; None without it."""
    directory = package_directory()
    return WordVectors.from_directory(directory) if directory is not None else None
