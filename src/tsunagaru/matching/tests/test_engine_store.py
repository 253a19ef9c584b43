"""A stored index, loaded by another process, ranks exactly as the index it was written from,
and keeps doing so as profiles change after it was written. No database, no Django."""

from __future__ import annotations

import dataclasses
import mmap

import numpy as np
import pytest

from tsunagaru.matching.engine import Engine, Profile, store, vectors
from tsunagaru.matching.engine.base import Docs

PROFILES = [
    Profile(
        id="asker", kind="自治会・町内会", area="衣川", district="大森", needs="冬の雪かきが大変"
    ),
    Profile(
        id="snow", kind="NPO法人", area="衣川", strengths="除雪ボランティアの派遣。屋根の雪下ろし"
    ),
    Profile(
        id="ride",
        kind="NPO法人",
        area="水沢",
        strengths="高齢者の通院の送迎",
        needs="運転手が足りない",
    ),
    Profile(
        id="food",
        kind="ボランティア団体",
        strengths="子ども食堂の運営",
        needs="食材の寄付を探している",
    ),
    Profile(
        id="wood",
        kind="企業",
        area="江刺",
        strengths="古材の提供と木工教室",
        needs="使ってくれるところを探している",
    ),
    Profile(
        id="same",
        kind="自治会・町内会",
        area="衣川",
        needs="雪かきの人手が足りない。除雪が追いつかない",
    ),
    Profile(id="shop", kind="企業", strengths="お年寄りの買い物代行と配達"),
    # ホーム is a piece of 老人ホーム here: the stored index must keep it from the reasons.
    Profile(id="visits", kind="ボランティア団体", strengths="老人ホームを訪問しています"),
]
NEEDS = [
    "お年寄りの家の雪かきが追いつかない",
    "冬の間の送迎ボランティアを探しています",
    "子どもの居場所を作りたい",
    "木材を使ってベンチを作りたい",
    "買い物に行けない高齢者がいる",
    "グループホームの訪問を受けたい。ホームの行事",
]


def rankings(engine: Engine) -> list[list[tuple[str, float, tuple[object, ...]]]]:
    return [
        [(m.id, m.score, m.reasons) for m in engine.rank(need, from_id="asker", limit=10)]
        for need in NEEDS
    ]


def edit(engine: Engine) -> None:
    """A profile changed, one left the registry, one joined."""
    snow = PROFILES[1]
    engine.add(dataclasses.replace(snow, strengths=snow.strengths + "\n冬の送迎も手伝います"))
    engine.remove("shop")
    engine.add(Profile(id="new", kind="NPO法人", strengths="買い物支援と見守り。雪かきの手伝い"))


@pytest.mark.parametrize("words", [None, vectors.installed()], ids=["plain", "vectors"])
def test_a_stored_index_ranks_as_the_index_it_was_written_from(tmp_path, words):
    built = Engine(vectors=words)
    for profile in PROFILES:
        built.add(profile)
    built.learn("お年寄りの家の雪かき", "snow")  # evidence, and who answered (told as a reason)
    built.learn("雪かきの手伝いがほしい", "snow")

    store.publish(built, tmp_path, version=7)
    loaded = store.load(store.current(tmp_path))

    assert len(loaded) == len(built)
    assert rankings(loaded) == rankings(built)
    edit(built)
    edit(loaded)
    assert rankings(loaded) == rankings(built)
    assert "shop" not in {m.id for m in loaded.rank(NEEDS[4], from_id="asker", limit=10)}


def mapped(array: np.ndarray) -> bool:
    """Whether `array` is (a view of) a memory-mapped file."""
    while array is not None:
        if isinstance(array, (np.memmap, mmap.mmap)):
            return True
        array = getattr(array, "base", None)
    return False


def test_the_big_arrays_are_mapped_from_the_files_not_read(tmp_path):
    built = Engine(vectors=vectors.installed())
    for profile in PROFILES:
        built.add(profile)
    store.publish(built, tmp_path, version=1)

    loaded = store.load(store.current(tmp_path))
    key = next(iter(loaded._docs[2].sections))
    numbers, _tf = loaded._array(key)

    assert mapped(numbers)
    assert mapped(loaded._meaning)
    assert not mapped(built._meaning)


def test_a_new_version_replaces_the_current_one_and_old_ones_are_pruned(tmp_path):
    engine = Engine()
    engine.add(PROFILES[1])
    for version in range(1, store.KEEP + 3):
        published = store.publish(engine, tmp_path, version=version)

    assert store.current(tmp_path) == published
    assert store.meta(published)["version"] == store.KEEP + 2
    assert len([p for p in tmp_path.iterdir() if p.is_dir()]) == store.KEEP


def test_a_build_that_finishes_after_a_newer_one_does_not_replace_it(tmp_path):
    engine = Engine()
    engine.add(PROFILES[1])
    newer = store.publish(engine, tmp_path, version=9)

    assert store.publish(engine, tmp_path, version=8) == newer
    assert store.current(tmp_path) == newer
    assert len([p for p in tmp_path.iterdir() if p.is_dir()]) == 1


def test_a_build_that_fails_half_way_leaves_the_current_index_alone(tmp_path, monkeypatch):
    engine = Engine()
    engine.add(PROFILES[1])
    first = store.publish(engine, tmp_path, version=1)

    save = np.save
    calls = []

    def disk_full_on_the_fifth_file(*args: object, **kwargs: object) -> None:
        calls.append(args[0])
        if len(calls) == 5:
            raise OSError("No space left on device")
        save(*args, **kwargs)

    monkeypatch.setattr(np, "save", disk_full_on_the_fifth_file)  # the outside world: the disk
    with pytest.raises(OSError, match="No space"):
        store.publish(engine, tmp_path, version=2)

    assert store.current(tmp_path) == first
    assert len(store.load(first)) == 1


def test_profiles_by_number_join_the_stored_ones_and_those_added_since():
    docs = Docs(3, load=lambda number: f"stored {number}")
    docs[4] = "added"
    del docs[2]  # a stored profile removed or replaced: masked, never rewritten

    assert list(docs) == [1, 3, 4]
    assert len(docs) == 3
    assert (docs[1], docs[4]) == ("stored 1", "added")
    assert 2 not in docs
    with pytest.raises(KeyError):
        docs[2]
    with pytest.raises(KeyError):
        del docs[9]
    with pytest.raises(ValueError, match="new number"):
        docs[3] = "replaced in place"
