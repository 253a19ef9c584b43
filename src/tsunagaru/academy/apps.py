from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AcademyConfig(AppConfig):
    name = "tsunagaru.academy"
    label = "academy"
    verbose_name = _("Academy")

    def ready(self) -> None:
        from django.db.models import Q

        from tsunagaru.academy import selectors
        from tsunagaru.info import series_owners
        from tsunagaru.partners import profile_facts

        # Matching shows a graduate's courses with their profile, if they chose so.
        profile_facts.register("academy", _("Courses completed"), selectors.courses_shown)
        # A cohort's sessions are added on its page, which registers everyone accepted.
        series_owners.register("academy", lambda: Q(cohort__isnull=False))
