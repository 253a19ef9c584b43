"""The demo has a 令和7年度 cohort of each course with sessions, attendance and completions."""

from __future__ import annotations

import pytest

from tsunagaru.academy import selectors
from tsunagaru.academy.models import Application, Certificate, Cohort, Course
from tsunagaru.info.models import Registration
from tsunagaru.partners.models import VolunteerProfile

pytestmark = pytest.mark.django_db


def test_the_demo_runs_a_cohort_of_each_course(demo_data):
    past = Cohort.objects.filter(fiscal_year=2025)
    assert past.count() == Course.objects.count() == 4
    for cohort in past:
        assert cohort.series.sessions.count() == cohort.course.sessions.count()
        assert Registration.objects.filter(event__series=cohort.series, attended=True).exists()
        assert cohort.applications.filter(status=Application.Status.COMPLETED).exists()
    # Someone missed too much to complete, and someone completed after a make-up.
    assert past.filter(applications__status=Application.Status.ACCEPTED).exists()
    assert Certificate.objects.filter(application__user__email="resident@example.jp").exists()
    # Two graduates accepted the invitation and published a consenting volunteer profile.
    published = VolunteerProfile.objects.filter(
        user__academy_applications__status=Application.Status.COMPLETED,
        is_public=True,
        suggest_consented_at__isnull=False,
    ).distinct()
    assert published.count() == 2
    # Both are connected with a district group within a year of their course, and their
    # certificates are dated in the cohorts' year.
    assert selectors.graduates_connected() == {2025: 2}
    assert {c.completed_on.year for c in Certificate.objects.all()} == {2025}
    open_now = Cohort.objects.get(fiscal_year=2026)
    assert open_now.applications.filter(status=Application.Status.WAITLISTED).exists()
