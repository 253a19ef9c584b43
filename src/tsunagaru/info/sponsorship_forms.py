"""Forms of 後援名義 requests: validate and normalise only; the services decide."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from tsunagaru.core.forms import DesignedForm, DesignedFormMixin, FilterForm
from tsunagaru.core.inputs import validate_single_line
from tsunagaru.info.models import Event
from tsunagaru.info.sponsorship_models import SponsorshipGround, SponsorshipRequest
from tsunagaru.info.sponsorship_selectors import ALL, CITY, MINE
from tsunagaru.partners.models import Organisation
from tsunagaru.partners.permissions import CITY_DEPARTMENT

_DAY = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
YES, NO = "yes", "no"
_TEXT = forms.Textarea(attrs={"rows": 4})


class SponsorshipForm(DesignedFormMixin, forms.ModelForm):  # type: ignore[type-arg]
    applicant = forms.ModelChoiceField(
        label=_("Applying group"), queryset=Organisation.objects.none(), required=False
    )
    department = forms.ModelChoiceField(
        label=_("Department asked"),
        queryset=Organisation.objects.none(),
        required=False,
        empty_label=_("The city itself"),
    )

    class Meta:
        model = SponsorshipRequest
        fields = [
            "applicant",
            "department",
            "event",
            "title",
            "purpose",
            "organiser",
            "starts_on",
            "ends_on",
            "place",
            "fee",
            "expected_participants",
            "budget_income",
            "budget_expenses",
            "budget_note",
            "contact",
        ]
        widgets = {
            "starts_on": _DAY,
            "ends_on": _DAY,
            "purpose": _TEXT,
            "budget_note": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args: Any, groups: list[Organisation] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        fields = self.fields
        _choices(fields["department"]).queryset = Organisation.objects.filter(
            status=Organisation.Status.VERIFIED, kind__code=CITY_DEPARTMENT
        )
        for name in ("title", "organiser", "place", "contact"):
            fields[name].validators.append(validate_single_line)
        if self.instance.pk:
            del fields["applicant"]
            owners = [self.instance.applicant]
        else:
            owners = groups or []
            field = _choices(fields["applicant"])
            field.required = True
            field.queryset = Organisation.objects.filter(pk__in=[g.pk for g in owners])
            if len(owners) == 1:
                field.initial = owners[0].pk
                self.initial.setdefault("organiser", owners[0].name)
        ours = Q(organiser__in=owners) | Q(co_organisers__in=owners)
        event = _choices(fields["event"])
        event.queryset = Event.objects.filter(ours).distinct().order_by("-starts_at")
        event.help_text = _("If the event is announced on this site, the approval shows on it.")
        self.grounds = list(SponsorshipGround.objects.filter(is_active=True))
        self._add_ground_fields()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        starts, ends = data.get("starts_on"), data.get("ends_on")
        if starts and ends and ends < starts:
            self.add_error(
                "ends_on",
                forms.ValidationError(
                    _("The last day is before the first day."), code="ends_before_start"
                ),
            )
        return data

    def _add_ground_fields(self) -> None:
        answers = {a.ground_id: a for a in self.instance.answers.all()} if self.instance.pk else {}
        for ground in self.grounds:
            answer = answers.get(ground.pk)
            self.fields[f"ground_{ground.pk}"] = forms.ChoiceField(
                label=ground.label,
                choices=[(YES, _("Yes")), (NO, _("No"))],
                widget=forms.RadioSelect,
                required=False,
                initial=None if answer is None else (YES if answer.concern else NO),
            )
            self.fields[f"ground_{ground.pk}_explanation"] = forms.CharField(
                label=_("Explanation (needed for a “yes”)"),
                widget=forms.Textarea(attrs={"rows": 2}),
                required=False,
                initial=answer.explanation if answer else "",
            )

    def content(self) -> dict[str, Any]:
        """What the service saves on the request itself."""
        names = [n for n in self.Meta.fields if n != "applicant"]
        return {n: self.cleaned_data.get(n) for n in names}

    def answers(self) -> dict[int, tuple[bool | None, str]]:
        data = self.cleaned_data
        result: dict[int, tuple[bool | None, str]] = {}
        for ground in self.grounds:
            choice = data.get(f"ground_{ground.pk}") or ""
            concern = None if choice == "" else choice == YES
            result[ground.pk] = (concern, str(data.get(f"ground_{ground.pk}_explanation") or ""))
        return result


def _choices(field: forms.Field) -> forms.ModelChoiceField:  # type: ignore[type-arg]
    return cast(forms.ModelChoiceField, field)  # type: ignore[type-arg]


class ApproveForm(DesignedForm):
    sponsor = forms.CharField(
        label=_("Name lent"),
        max_length=100,
        validators=[validate_single_line],
        help_text=_("As the event shows it: 「…後援」. Usually the city's name."),
    )
    conditions = forms.CharField(
        label=_("Conditions"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Printed on the approval letter."),
    )


class RefuseForm(DesignedForm):
    reason = forms.CharField(
        label=_("Reason"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Printed on the letter: the group reads it."),
    )


class WithdrawForm(DesignedForm):
    reason = forms.CharField(
        label=_("Reason (optional)"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )


class ReportForm(DesignedForm):
    participants = forms.IntegerField(label=_("Participants"), min_value=0, max_value=10_000_000)
    income = forms.IntegerField(label=_("Income (yen)"), min_value=0, max_value=10**12)
    expenses = forms.IntegerField(label=_("Expenses (yen)"), min_value=0, max_value=10**12)
    text = forms.CharField(
        label=_("How it went"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("A few lines: what was done, how people took part, what you learned."),
    )


class QueueFilterForm(FilterForm):
    """The staff queue's filter: my departments, every department, the city as a whole, or
    one department (a plain GET form)."""

    department = forms.ChoiceField(label=_("Requests to"), required=False)

    def __init__(
        self,
        *args: Any,
        departments: list[Organisation] | None = None,
        offer_mine: bool = False,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        mine = [(MINE, _("My departments"))] if offer_mine else []
        each = [(str(d.pk), d.name) for d in departments or []]
        field = cast(forms.ChoiceField, self.fields["department"])
        field.choices = [
            *mine,
            (ALL, _("All departments")),
            (CITY, _("The city itself")),
            *each,
        ]
        field.error_messages["invalid_choice"] = _("Choose a department from the list.")
