"""Lists in the reader's language (core.lists): the Japanese comma in Japanese, a comma and a
space in English (issue 18: 「Welfare、Older people」 on English pages)."""

from __future__ import annotations

import pytest
from django.template import Context, Template
from django.utils import translation

from tsunagaru.core.lists import join_list

TEMPLATE = Template(
    "{% load lists %}{{ names|join_list }} / "
    "{% for n in names %}<a>{{ n }}</a>{% if not forloop.last %}{% list_separator %}{% endif %}"
    "{% endfor %}"
)


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("ja", "福祉、高齢者 / <a>福祉</a>、<a>高齢者</a>"),
        ("ja-easy", "福祉、高齢者 / <a>福祉</a>、<a>高齢者</a>"),
        ("en", "福祉, 高齢者 / <a>福祉</a>, <a>高齢者</a>"),
    ],
)
def test_lists_are_joined_in_the_readers_language(language, expected):
    with translation.override(language):
        assert TEMPLATE.render(Context({"names": ["福祉", "高齢者"]})) == expected
        assert join_list(["福祉", "高齢者"]) == expected.split(" / ")[0]
