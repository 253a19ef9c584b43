"""The guideline's courses are data, seeded by a migration."""

from __future__ import annotations

import pytest
from django.utils import translation

from tsunagaru.academy.models import Course

pytestmark = pytest.mark.django_db


def test_the_four_courses_of_the_guideline_are_seeded_with_curriculum_and_rule():
    courses = {c.code: c for c in Course.objects.all()}

    assert [c.name for c in Course.objects.all()] == [
        "協働のまちづくりアカデミー（初級編）",
        "協働のまちづくりアカデミー（『つながる』編）",
        "協働推進スキルアップ研修",
        "地区振興会長等研修会",
    ]
    beginner = courses["beginner"]
    assert (beginner.sessions.count(), beginner.min_sessions) == (6, 5)
    assert beginner.requires_assignment
    assert beginner.program is not None
    assert beginner.program.name == "協働のまちづくりアカデミー（初級編）開講事業"
    assert courses["district-chairs"].program is not None
    assert beginner.sessions.first().topic_list == [
        "協働の意義と原則",
        "奥州市協働推進ガイドライン",
    ]


def test_a_course_reads_in_english_on_english_pages():
    beginner = Course.objects.get(code="beginner")

    with translation.override("en"):
        assert beginner.label.startswith("Collaborative Community Building Academy")
        assert beginner.aim_text == beginner.aim_en
        assert beginner.sessions.first().label == "What collaboration is"
    with translation.override("ja"):
        assert beginner.aim_text == beginner.aim
