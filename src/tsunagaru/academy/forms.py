"""Forms of the academy: they validate and normalise input; the services decide."""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any, cast

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tsunagaru.academy.models import Course, CourseSession
from tsunagaru.academy.services.cohorts import MOTIVATION_MAX
from tsunagaru.academy.services.progress import TEXT_MAX
from tsunagaru.core.dates import fiscal_year
from tsunagaru.core.forms import DesignedForm, FilterForm
from tsunagaru.core.models import Area
from tsunagaru.core.templatetags.japanese_dates import fiscal_year_choices
from tsunagaru.info.models import Event
from tsunagaru.partners.models import Organisation
from tsunagaru.partners.permissions import CITY_DEPARTMENT

_DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
_TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


class ApplicationForm(DesignedForm):
    motivation = forms.CharField(
        label=_("Why do you want to take part?"),
        max_length=MOTIVATION_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("A few sentences: what you do now, what you want to do in your district."),
    )


class DecisionForm(DesignedForm):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("accept", _("Accept")), ("decline", _("Decline"))],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Needed when you decline; the applicant reads it."),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("decision") == "decline" and not (data.get("reason") or "").strip():
            self.add_error("reason", _("Give the reason for declining."))
        return data


class AssignmentForm(DesignedForm):
    text = forms.CharField(
        label=_("Your assignment"),
        required=False,
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    file = forms.FileField(
        label=_("Or attach a file"),
        required=False,
        help_text=_("PDF, image, Word, Excel or PowerPoint, up to 10 MB."),
    )


class FeedbackForm(DesignedForm):
    text = forms.CharField(label=_("Feedback"), widget=forms.Textarea(attrs={"rows": 3}))


class MakeupForm(DesignedForm):
    event = forms.ModelChoiceField(label=_("Session made up"), queryset=Event.objects.none())
    note = forms.CharField(label=_("Note"), required=False, max_length=200)

    def __init__(self, *args: Any, sessions: list[Event], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["event"].queryset = Event.objects.filter(  # type: ignore[attr-defined]
            pk__in=[s.pk for s in sessions]
        )


class ConsentForm(DesignedForm):
    show_name = forms.BooleanField(
        label=_("Show my name on the verification page"),
        required=False,
        help_text=_("Anyone with the code then sees your name. You can change this any time."),
    )
    on_profile = forms.BooleanField(
        label=_("Show this course with my volunteer profile"),
        required=False,
        help_text=_(
            "Groups and districts that can see your volunteer profile then see that you "
            "completed this course."
        ),
    )


class CohortForm(DesignedForm):
    course = forms.ModelChoiceField(label=_("Course"), queryset=Course.objects.none())
    fiscal_year = forms.TypedChoiceField(label=_("Fiscal year"), coerce=int, choices=())
    organiser = forms.ModelChoiceField(
        label=_("Department holding it"), queryset=Organisation.objects.none()
    )
    capacity = forms.IntegerField(label=_("Places"), min_value=1, max_value=1000)
    closes_on = forms.DateField(
        label=_("Applications close on"),
        widget=_DATE,
        help_text=_("Applications are taken until the end of this day."),
    )
    note = forms.CharField(
        label=_("Note for applicants"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        this_year = fiscal_year(timezone.localdate())
        self.fields["course"].queryset = Course.objects.filter(is_active=True)  # type: ignore[attr-defined]
        self.fields["fiscal_year"].choices = fiscal_year_choices(this_year - 1, this_year + 1)  # type: ignore[attr-defined]
        self.fields["fiscal_year"].initial = this_year
        self.fields["organiser"].queryset = Organisation.objects.filter(  # type: ignore[attr-defined]
            kind__code=CITY_DEPARTMENT
        ).order_by("name")

    @property
    def closes_at(self) -> datetime:
        day: date = self.cleaned_data["closes_on"]
        # The end of that day in Japan: an application at 23:59 still counts.
        return timezone.make_aware(datetime.combine(day, time(23, 59, 59)))


class SessionForm(DesignedForm):
    session = forms.ModelChoiceField(
        label=_("Session of the curriculum"), queryset=CourseSession.objects.none()
    )
    day = forms.DateField(label=_("Date"), widget=_DATE)
    starts = forms.TimeField(label=_("Starts"), widget=_TIME)
    ends = forms.TimeField(label=_("Ends"), widget=_TIME)
    place_name = forms.CharField(label=_("Place"), max_length=200)
    address = forms.CharField(label=_("Address"), max_length=300, required=False)

    def __init__(self, *args: Any, course: Course | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["session"].queryset = CourseSession.objects.filter(course=course)  # type: ignore[attr-defined]

    def moments(self) -> tuple[datetime, datetime]:
        data = self.cleaned_data
        start = timezone.make_aware(datetime.combine(data["day"], data["starts"]))
        end = timezone.make_aware(datetime.combine(data["day"], data["ends"]))
        return start, end


class GraduateFilterForm(FilterForm):
    area = forms.ModelChoiceField(label=_("Area"), queryset=Area.objects.none(), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        area = cast("forms.ModelChoiceField[Area]", self.fields["area"])
        area.queryset = Area.objects.order_by("order", "pk")
