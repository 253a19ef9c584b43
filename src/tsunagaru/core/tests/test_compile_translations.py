"""`compile_translations` (also run at the start of every test run) replaces each catalogue whole:
test workers, a second test run or the demo in the same checkout may be reading it meanwhile."""

from pathlib import Path

import polib

from tsunagaru.core.management.commands.compile_translations import compile_all


def _catalogue(locale_dir: Path, greeting: str) -> Path:
    po = polib.POFile()
    po.metadata = {"Content-Type": "text/plain; charset=UTF-8"}
    po.append(polib.POEntry(msgid="Hello", msgstr=greeting))
    path = locale_dir / "ja" / "LC_MESSAGES" / "django.po"
    path.parent.mkdir(parents=True, exist_ok=True)
    po.save(str(path))
    return path.with_suffix(".mo")


def test_a_reader_of_the_old_catalogue_reads_it_whole_while_the_new_one_is_written(tmp_path):
    mo = _catalogue(tmp_path, "こんにちは")
    compile_all([tmp_path])
    old = mo.read_bytes()

    with mo.open("rb") as reader:  # a process that opened the catalogue before the rewrite
        _catalogue(tmp_path, "こんにちは、奥州市")
        compile_all([tmp_path])
        assert reader.read() == old

    assert polib.mofile(str(mo)).find("Hello").msgstr == "こんにちは、奥州市"
    assert sorted(p.name for p in mo.parent.iterdir()) == ["django.mo", "django.po"]
