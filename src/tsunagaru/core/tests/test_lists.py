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


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("ja", "講座 ・ 水沢（奥州市）"),
        ("ja-easy", "講座 ・ 水沢（奥州市）"),
        ("en", "講座 · 水沢 (奥州市)"),
    ],
)
def test_facts_on_one_line_and_remarks_in_brackets_read_in_the_readers_language(language, expected):
    template = Template("{% load lists %}講座 {% dot %} 水沢{{ city|parens }}")
    with translation.override(language):
        assert template.render(Context({"city": "奥州市"})) == expected


def test_a_japanese_term_in_an_english_label_is_marked_for_screen_readers():
    template = Template("{% load language_parts %}{{ label|mark_japanese }}")
    label = "Meeting halls (自治集会施設) <b>"
    with translation.override("en"):
        assert template.render(Context({"label": label})) == (
            'Meeting halls (<span lang="ja">自治集会施設</span>) &lt;b&gt;'
        )
    with translation.override("ja"):
        assert (
            template.render(Context({"label": label})) == "Meeting halls (自治集会施設) &lt;b&gt;"
        )
