"""Forms of grants: they read and tidy what was typed; the rules are in grants.services."""

from __future__ import annotations

import unicodedata
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from tsunagaru.core.forms import DesignedForm, DesignedFormMixin, FilterForm
from tsunagaru.grants import eligibility
from tsunagaru.grants.models import (
    Application,
    Attachment,
    BudgetLine,
    ChangeRequest,
    CostCategory,
    Course,
    Programme,
    Refusal,
)
from tsunagaru.partners.models import Organisation


class WholeNumberField(forms.IntegerField):
    """A whole number as people write it: full-width digits, commas and the unit after it
    (「１２０人」, 「130,000円」) read as the number. A text box (not type=number, which refuses
    commas and full-width digits typed through a Japanese input method) that phones open with
    the number keys."""

    widget = forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"})
    units: tuple[str, ...] = ()

    def widget_attrs(self, widget: forms.Widget) -> dict[str, Any]:
        # min/max attributes belong to number inputs; the limits are checked on the server.
        return {}

    def to_python(self, value: Any) -> int | None:
        if isinstance(value, str):
            value = unicodedata.normalize("NFKC", value).strip().replace(",", "")
            for unit in self.units:
                value = value.replace(unit, "")
        return super().to_python(value)


class YenField(WholeNumberField):
    """Whole yen: 「１３０，０００」, 「130,000円」 and 「¥130000」 all read as 130000."""

    units = ("円", "¥", "￥")


class CountField(WholeNumberField):
    """A number of people: 「１２０」 and 「120人」 read as 120."""

    units = ("人", "名")


YES_NO = [("yes", _("Yes")), ("no", _("No"))]


class SelfCheckForm(DesignedForm):
    """One yes/no question per requirement of the programmes shown; none is required, an
    unanswered question leaves its programmes undecided."""

    def __init__(self, *args: Any, codes: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for code in codes:
            self.fields[code] = forms.ChoiceField(
                label=eligibility.QUESTIONS[code],
                choices=YES_NO,
                widget=forms.RadioSelect,
                required=False,
            )

    def answers(self) -> dict[str, bool | None]:
        return {
            code: {"yes": True, "no": False}.get(self.cleaned_data.get(code) or "")
            for code in self.fields
        }


class StartForm(DesignedForm):
    organisation = forms.ModelChoiceField(queryset=Organisation.objects.none(), label=_("Group"))
    course: forms.ModelChoiceField[Course] = forms.ModelChoiceField(
        queryset=Course.objects.none(),
        label=pgettext_lazy("grant course", "Course"),
        required=False,
    )

    def __init__(self, *args: Any, programme: Programme, organisations: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations  # type: ignore[attr-defined]
        if len(organisations) == 1:  # one group: nothing to choose
            self.fields["organisation"].initial = organisations[0].pk
        courses = programme.courses.all()
        if courses:
            self.fields["course"].queryset = courses  # type: ignore[attr-defined]
            self.fields["course"].required = True
        else:
            del self.fields["course"]


def _tidy(value: Any) -> Any:
    return unicodedata.normalize("NFKC", value).strip() if isinstance(value, str) else value


class ApplicationForm(DesignedFormMixin, forms.ModelForm):  # type: ignore[type-arg]
    """The application's text. Nothing is required here: a draft may be saved half written;
    what submission needs is listed by selectors.missing_items."""

    class Meta:
        model = Application
        fields = [
            "title",
            "purpose",
            "activities",
            "schedule",
            "starts_on",
            "ends_on",
            "place",
            "beneficiaries",
            "partners",
            "roles",
            "goals",
            "plan_action",
            "asked",
        ]
        widgets = {
            "starts_on": forms.DateInput(attrs={"type": "date"}),
            "ends_on": forms.DateInput(attrs={"type": "date"}),
            "purpose": forms.Textarea(attrs={"rows": 4}),
            "activities": forms.Textarea(attrs={"rows": 5}),
            "schedule": forms.Textarea(attrs={"rows": 3}),
            "beneficiaries": forms.Textarea(attrs={"rows": 3}),
            "partners": forms.Textarea(attrs={"rows": 3}),
            "roles": forms.Textarea(attrs={"rows": 4}),
            "goals": forms.Textarea(attrs={"rows": 4}),
        }
        field_classes = {"asked": YenField}
        help_texts = {
            "title": _("A short name people will understand, e.g. 地域の子ども食堂"),
            "purpose": _("What problem in the area the project takes on, and why it matters."),
            "activities": _("What you will do, step by step."),
            "schedule": _("When: dates, how often, how long."),
            "beneficiaries": _("Who takes part or benefits, and about how many people."),
            "partners": _("The groups, businesses or city sections you work with."),
            "roles": _("Who does what: your group, the partners, the city."),
            "goals": _("What will be different afterwards, and how you will count it."),
            "asked": _("Leave empty to ask for the most the rules allow."),
        }

    def __init__(
        self, *args: Any, actions: list[Any] | None = None, light: bool, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.required = False
        if actions is None:
            del self.fields["plan_action"]
        else:
            self.fields["plan_action"].queryset = self.fields["plan_action"].queryset.filter(  # type: ignore[attr-defined]
                pk__in=[a.pk for a in actions]
            )
        if light:
            for name in ("partners", "roles", "goals"):
                del self.fields[name]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        return {name: _tidy(value) for name, value in data.items()}

    def service_data(self, names: set[str] | None = None) -> dict[str, Any]:
        """The cleaned values, all or only `names` (what the autosave sent)."""
        return {
            name: value
            for name, value in self.cleaned_data.items()
            if names is None or name in names
        }


class ExpenseForm(DesignedForm):
    category = forms.ModelChoiceField(queryset=CostCategory.objects.none(), label=_("Category"))
    description = forms.CharField(label=_("What for"), max_length=200)
    amount = YenField(label=_("Amount (yen)"), min_value=1, max_value=100_000_000)

    def __init__(self, *args: Any, programme: Programme, **kwargs: Any) -> None:
        super().__init__(*args, prefix="expense", **kwargs)
        self.fields["category"].queryset = programme.cost_categories.all()  # type: ignore[attr-defined]

    def service_data(self) -> dict[str, Any]:
        return {**self.cleaned_data, "side": BudgetLine.Side.EXPENSE}


class IncomeForm(DesignedForm):
    source = forms.ChoiceField(
        label=pgettext_lazy("income", "Source"), choices=BudgetLine.Source.choices
    )
    description = forms.CharField(label=_("What"), max_length=200)
    amount = YenField(label=_("Amount (yen)"), min_value=1, max_value=100_000_000)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, prefix="income", **kwargs)

    def service_data(self) -> dict[str, Any]:
        return {**self.cleaned_data, "side": BudgetLine.Side.INCOME}


class AttachmentForm(DesignedForm):
    kind = forms.ChoiceField(label=_("What it is"), choices=Attachment.Kind.choices)
    file = forms.FileField(
        label=_("File"),
        help_text=_("PDF, picture, Word, Excel or PowerPoint; up to 10 MB."),
    )


class SubmitForm(DesignedForm):
    confirm = forms.BooleanField(
        label=_("We confirm that what this application says about our group is true."),
        required=True,
    )


class ProgrammeForm(DesignedFormMixin, forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = Programme
        fields = [
            "name",
            "summary",
            "legal_basis",
            "contact",
            "budget",
            "cap",
            "rate_numerator",
            "rate_denominator",
            "rounding_unit",
            "combinable",
            "payment",
            "report_days",
        ]


class RoundForm(DesignedForm):
    opens_on = forms.DateField(
        label=_("Applications from"), widget=forms.DateInput(attrs={"type": "date"})
    )
    deadline = forms.DateField(label=_("Deadline"), widget=forms.DateInput(attrs={"type": "date"}))
    review_on = forms.DateField(
        label=_("Screening on"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )


class CopyForm(DesignedForm):
    fiscal_year = forms.TypedChoiceField(label=_("To the year (年度)"), coerce=int)

    def __init__(self, *args: Any, years: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["fiscal_year"].choices = years  # type: ignore[attr-defined]


class ReturnForm(DesignedForm):
    reason = forms.CharField(
        label=_("What the group should correct"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
    )


class ConflictForm(DesignedForm):
    reason = forms.CharField(
        label=_("Why you take no part"),
        max_length=200,
        help_text=_("e.g. a relative is a member of the group"),
    )


class ScoreForm(DesignedForm):
    """One whole number per criterion of the rubric (0 to its points), and a comment."""

    def __init__(self, *args: Any, criteria: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.criteria = list(criteria)
        for criterion in self.criteria:
            self.fields[f"c{criterion.pk}"] = forms.IntegerField(
                label=criterion.name,
                min_value=0,
                max_value=criterion.points,
                help_text=_("%(what)s (0 to %(points)s points)")
                % {"what": criterion.description, "points": criterion.points},
            )
        self.fields["comment"] = forms.CharField(
            label=_("Comment for the committee"),
            widget=forms.Textarea(attrs={"rows": 4}),
            required=False,
            max_length=2000,
        )

    def points(self) -> dict[int, int]:
        return {c.pk: self.cleaned_data[f"c{c.pk}"] for c in self.criteria}


class DecisionForm(DesignedForm):
    outcome = forms.ChoiceField(
        label=_("Decision"),
        choices=[("adopt", _("Adopt")), ("refuse", _("Do not adopt"))],
        widget=forms.RadioSelect,
    )
    amount = YenField(
        label=_("Amount decided (yen)"),
        required=False,
        min_value=1,
        help_text=_("At most the amount asked; say why in the reasons if it is less."),
    )
    conditions = forms.CharField(
        label=_("Conditions of the grant"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    refusal = forms.ChoiceField(
        label=_("Why not adopted"),
        choices=[("", _("Choose one")), *Refusal.choices],
        required=False,
    )
    note = forms.CharField(
        label=_("Reasons given to the group"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
    )


DATE = forms.DateInput(attrs={"type": "date"})


class ChangeRequestForm(DesignedForm):
    kind = forms.ChoiceField(
        label=_("What changes"), choices=ChangeRequest.Kind.choices, widget=forms.RadioSelect
    )
    details = forms.CharField(
        label=_("The change"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )
    reason = forms.CharField(
        label=_("Why"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )
    new_starts_on = forms.DateField(label=_("New start (schedule)"), required=False, widget=DATE)
    new_ends_on = forms.DateField(label=_("New end (schedule)"), required=False, widget=DATE)
    new_eligible = YenField(
        label=_("Eligible costs after the change (budget, yen)"),
        required=False,
        min_value=0,
        max_value=100_000_000,
        help_text=_("The grant never grows by a change; it is lowered if the rules give less."),
    )


class ChangeAnswerForm(DesignedForm):
    answer = forms.CharField(
        label=_("The city's answer"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        max_length=2000,
        help_text=_("Needed when the change is not approved."),
    )


class ProgressForm(DesignedForm):
    text = forms.CharField(
        label=_("How the project is going"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=4000,
    )


class ReportForm(DesignedForm):
    done = forms.CharField(
        label=_("What was done"),
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
        max_length=8000,
        help_text=_("What you did, when and where."),
    )
    participants = CountField(
        label=_("Participants (people)"), required=False, min_value=0, max_value=1_000_000
    )
    outcome = forms.CharField(
        label=_("What it achieved, and what is left to do"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        max_length=8000,
    )
    other_income = YenField(
        label=_("Income other than the grant (yen)"),
        required=False,
        min_value=0,
        max_value=100_000_000,
        help_text=_("Own funds, fees and donations actually received."),
    )


class CostForm(DesignedForm):
    category = forms.ModelChoiceField(queryset=CostCategory.objects.none(), label=_("Category"))
    description = forms.CharField(label=_("What for"), max_length=200)
    amount = YenField(label=_("Amount paid (yen)"), min_value=1, max_value=100_000_000)
    receipt = forms.FileField(
        label=_("Receipt"),
        help_text=_("A photo or scan of the receipt (領収書): PDF or picture, up to 10 MB."),
    )

    def __init__(self, *args: Any, programme: Programme, **kwargs: Any) -> None:
        super().__init__(*args, prefix="cost", **kwargs)
        self.fields["category"].queryset = programme.cost_categories.all()  # type: ignore[attr-defined]


class PhotoForm(DesignedForm):
    image = forms.FileField(label=_("Photo"), help_text=_("JPEG, PNG or WebP; up to 10 MB."))
    alt_text = forms.CharField(
        label=_("What the photo shows"),
        max_length=300,
        help_text=_("For people who cannot see it, e.g. 子どもたちが昔遊びをしている様子"),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, prefix="photo", **kwargs)


class PaidForm(DesignedForm):
    paid_on = forms.DateField(label=_("Paid on"), widget=DATE)


class RefundForm(DesignedForm):
    received_on = forms.DateField(label=_("Received on"), widget=DATE)


class ScreeningFilter(FilterForm):
    programme = forms.ModelChoiceField(
        queryset=Programme.objects.none(), label=_("Grant"), required=False
    )
    round = forms.TypedChoiceField(
        label=_("Round"),
        coerce=int,
        required=False,
        choices=[("", _("All"))] + [(n, str(n)) for n in range(1, 7)],
    )
    state = forms.ChoiceField(
        label=_("State"),
        required=False,
        choices=[("", _("All"))]
        + [
            (value, label)
            for value, label in Application.State.choices
            if value != Application.State.DRAFT
        ],
    )

    def __init__(self, *args: Any, programmes: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["programme"].queryset = programmes  # type: ignore[attr-defined]
