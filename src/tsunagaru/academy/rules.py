"""The completion rule (修了要件) of a course, evaluated from a person's record.

A course asks for `min_sessions` attended out of its curriculum's sessions (a make-up counts
as attending the session it replaces) and, when `requires_assignment`, the assignment handed
in. Pure functions: the selectors gather the record, the services and pages ask these.
"""

from __future__ import annotations

from tsunagaru.academy.models import Course


def meets_rule(*, course: Course, attended: int, assignment_done: bool) -> bool:
    """Has the person done what the course asks for completion?"""
    if attended < course.min_sessions:
        return False
    return assignment_done or not course.requires_assignment


def needs_makeup(*, course: Course, missed: int, total: int) -> bool:
    """Has the person missed more sessions than the rule allows, so that only a make-up
    (補講) can bring them to completion? `total` is the number of sessions of the cohort."""
    allowed = max(0, total - course.min_sessions)
    return missed > allowed
