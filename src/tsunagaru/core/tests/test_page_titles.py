"""Every page's <title> is plain text: a tag inside `{% block title %}` would show as text in
the browser's tab and be read out by screen readers as markup."""

from __future__ import annotations

import re
from pathlib import Path

import tsunagaru

TITLE = re.compile(r"{% block title %}(.*?){% endblock", re.S)


def templates() -> list[Path]:
    return sorted(Path(tsunagaru.__file__).parent.rglob("templates/**/*.html"))


def test_no_page_title_holds_markup():
    found = {
        str(path.relative_to(Path(tsunagaru.__file__).parent)): title
        for path in templates()
        for title in TITLE.findall(path.read_text(encoding="utf-8"))
        if "<" in title
    }

    assert len(templates()) > 100
    assert found == {}
