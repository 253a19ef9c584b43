from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from tsunagaru.core.forms import (
    DesignedForm,
    DesignedFormMixin,
    EasyTextarea,
    FilterForm,
    check_district_in_area,
)
from tsunagaru.core.inputs import validate_single_line, whole_number
from tsunagaru.core.models import Area
from tsunagaru.core.upload_fields import PictureField
from tsunagaru.guideline.models import ActivityField, Domain, Form, Program
from tsunagaru.info import series_owners
from tsunagaru.info.models import Contribution, Event, EventKind, EventSeries
from tsunagaru.info.selectors import EventFilters
from tsunagaru.partners.models import Organisation

_WHEN = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
MANY = ("co_organisers", "activity_fields", "forms", "domains")
PICTURE = ("picture", "remove_picture")


class EventForm(DesignedFormMixin, forms.ModelForm):  # type: ignore[type-arg]
    organiser = forms.ModelChoiceField(
        label=_("Organiser"), queryset=Organisation.objects.none(), required=False
    )
    online_url = forms.URLField(
        label=_("Online meeting link"), required=False, assume_scheme="https"
    )
    questions_text = forms.CharField(
        label=_("Questions for people registering"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One question a line, e.g. 託児を希望しますか."),
    )
    picture = PictureField(
        label=_("Picture"),
        required=False,
        help_text=_("PNG, JPEG, GIF or WebP, up to 10 MB."),
    )
    remove_picture = forms.BooleanField(label=_("Remove the picture"), required=False)

    class Meta:
        model = Event
        fields = [
            "title",
            "kind",
            "program",
            "series",
            "description",
            "alt_text",
            "starts_at",
            "ends_at",
            "all_day",
            "place_name",
            "address",
            "area",
            "district",
            "online_url",
            "fee",
            "fee_note",
            "capacity",
            "audience",
            "wheelchair",
            "sign_language",
            "childcare",
            "easy_japanese",
            "accessibility_note",
            "contact",
            "co_organisers",
            "activity_fields",
            "forms",
            "domains",
            "registration_required",
            "registration_opens_at",
            "registration_closes_at",
            "allow_guests",
            "calls_for_presentations",
        ]
        widgets = {
            "starts_at": _WHEN,
            "ends_at": _WHEN,
            "registration_opens_at": _WHEN,
            "registration_closes_at": _WHEN,
            "description": EasyTextarea(attrs={"rows": 6}),
            "activity_fields": forms.CheckboxSelectMultiple,
            "forms": forms.CheckboxSelectMultiple,
            "domains": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args: Any, groups: list[Organisation] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        fields = self.fields
        fields["kind"].queryset = EventKind.objects.all()  # type: ignore[attr-defined]
        fields["program"].queryset = Program.objects.order_by("pk")  # type: ignore[attr-defined]
        fields["activity_fields"].queryset = ActivityField.objects.filter(is_active=True)  # type: ignore[attr-defined]
        fields["forms"].queryset = Form.objects.order_by("number")  # type: ignore[attr-defined]
        fields["domains"].queryset = Domain.objects.order_by("code")  # type: ignore[attr-defined]
        fields["co_organisers"].queryset = Organisation.objects.filter(  # type: ignore[attr-defined]
            status=Organisation.Status.VERIFIED
        )
        fields["co_organisers"].help_text = _("Hold Ctrl (or ⌘) to choose more than one.")
        fields["title"].validators.append(validate_single_line)
        if self.instance.pk:
            del fields["organiser"]
            owner = self.instance.organiser
            self.initial["questions_text"] = "\n".join(self.instance.questions or [])
        else:
            field = fields["organiser"]
            field.required = True
            field.queryset = Organisation.objects.filter(pk__in=[g.pk for g in groups or []])  # type: ignore[attr-defined]
            if groups and len(groups) == 1:
                field.initial = groups[0].pk
            owner = groups[0] if groups else None
        # A series another app runs (an academy cohort) takes its sessions on its own page;
        # an event already in one keeps it.
        series = EventSeries.objects.filter(organiser=owner)
        owned = series_owners.owned()
        if owned is not None:
            kept = Q(pk=self.instance.series_id) if self.instance.series_id else Q(pk__in=[])
            series = series.exclude(owned & ~kept)
        fields["series"].queryset = series  # type: ignore[attr-defined]
        if not self.instance.image:
            del fields["remove_picture"]
        # The upload next to its description (and the box to take it away), after the text.
        names = [n for n in fields if n not in PICTURE]
        at = names.index("alt_text")
        self.order_fields([*names[:at], *[n for n in PICTURE if n in fields], *names[at:]])

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        check_district_in_area(self, data)
        data["questions"] = [
            line.strip()
            for line in str(data.get("questions_text") or "").splitlines()
            if line.strip()
        ]
        return data

    def content(self) -> dict[str, Any]:
        """What the service saves, without the many-to-many choices."""
        data = self.cleaned_data
        left_out = (*MANY, *PICTURE, "organiser", "questions_text")
        return {k: v for k, v in data.items() if k not in left_out}

    def many(self) -> dict[str, Any]:
        return {k: self.cleaned_data.get(k) or [] for k in MANY}


class ReasonForm(DesignedForm):
    reason = forms.CharField(
        label=_("Reason"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Everyone registered is told this."),
    )


class RescheduleForm(DesignedForm):
    starts_at = forms.DateTimeField(label=_("New start"), widget=_WHEN)
    ends_at = forms.DateTimeField(label=_("New end"), widget=_WHEN)


class RegistrationForm(DesignedForm):
    """Name and e-mail only for guests; the event's own questions for everyone."""

    name = forms.CharField(label=_("Name"), max_length=100, required=False)
    email = forms.EmailField(label=_("E-mail address"), required=False)
    phone = forms.CharField(label=_("Phone"), max_length=30, required=False)

    def __init__(
        self, *args: Any, event: Event, guest: bool, counter: bool = False, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.questions = list(event.questions or [])
        for number, question in enumerate(self.questions):
            self.fields[f"q{number}"] = forms.CharField(
                label=question, max_length=500, required=False
            )
        if guest or counter:
            self.fields["name"].required = True
        if guest:
            self.fields["email"].required = True
        if not (guest or counter):
            for name in ("name", "email", "phone"):
                del self.fields[name]
        elif not counter:
            del self.fields["phone"]

    def answers(self) -> dict[str, str]:
        return {q: self.cleaned_data.get(f"q{n}", "") for n, q in enumerate(self.questions)}


class EventFilterForm(FilterForm):
    area = forms.ModelChoiceField(label=_("Area"), queryset=Area.objects.all(), required=False)
    kind = forms.ModelChoiceField(label=_("Kind"), queryset=EventKind.objects.all(), required=False)
    field = forms.ModelChoiceField(
        label=_("Field"), queryset=ActivityField.objects.filter(is_active=True), required=False
    )
    start = forms.DateField(
        label=pgettext_lazy("date range", "From"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    end = forms.DateField(
        label=pgettext_lazy("date range", "To"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    free = forms.BooleanField(label=_("Free of charge"), required=False)
    accessible = forms.BooleanField(
        label=_("With support (wheelchair, sign language, childcare, easy Japanese)"),
        required=False,
    )

    def to_filters(self) -> EventFilters:
        data = self.cleaned_data if self.is_valid() else {}

        def pk(name: str) -> int | None:
            value = data.get(name)
            return whole_number(value.pk) if value is not None else None

        start: date | None = data.get("start")
        end: date | None = data.get("end")
        if start and end and end < start:
            start, end = end, start
        return EventFilters(
            area=pk("area"),
            kind=pk("kind"),
            field=pk("field"),
            start=start,
            end=end,
            free=bool(data.get("free")),
            accessible=bool(data.get("accessible")),
        )


class AttendanceForm(DesignedForm):
    attended = forms.TypedMultipleChoiceField(coerce=int, required=False, choices=())

    def __init__(self, *args: Any, choices: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["attended"].choices = choices  # type: ignore[attr-defined]


class ContributionForm(DesignedForm):
    organisation = forms.ModelChoiceField(label=_("Group"), queryset=Organisation.objects.none())
    case = forms.ModelChoiceField(
        label=_("Case to present"), queryset=Organisation.objects.none(), required=False
    )
    title = forms.CharField(label=_("What you will show or present"), max_length=200)
    needs = forms.CharField(
        label=_("What you need"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Tables, chairs, power, space for a panel…"),
    )

    def __init__(
        self, *args: Any, kind: str, groups: list[Organisation], cases: Any, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.filter(  # type: ignore[attr-defined]
            pk__in=[g.pk for g in groups]
        )
        if len(groups) == 1:
            self.fields["organisation"].initial = groups[0].pk
        if kind == Contribution.Kind.PRESENTATION:
            self.fields["case"].queryset = cases  # type: ignore[attr-defined]
            self.fields["case"].required = True
        else:
            del self.fields["case"]


class SeriesForm(DesignedForm):
    organiser = forms.ModelChoiceField(label=_("Organiser"), queryset=Organisation.objects.none())
    title = forms.CharField(label=_("Title"), max_length=200)
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    program = forms.ModelChoiceField(
        label=_("Programme of the guideline"),
        queryset=Program.objects.order_by("pk"),
        required=False,
        help_text=_(
            "For the guideline's named trainings, e.g. 地域づくり活動推進スキルアップ研修."
        ),
    )

    def __init__(self, *args: Any, groups: list[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organiser"].queryset = Organisation.objects.filter(  # type: ignore[attr-defined]
            pk__in=[g.pk for g in groups]
        )
        if len(groups) == 1:
            self.fields["organiser"].initial = groups[0].pk


class MaterialForm(DesignedForm):
    title = forms.CharField(label=_("Title"), max_length=200)
    file = forms.FileField(
        label=_("File"), help_text=_("PDF, image, Word, Excel or PowerPoint, up to 10 MB.")
    )
    public = forms.BooleanField(
        label=_("Anyone may download it"),
        required=False,
        help_text=_("Otherwise only people registered for a session and the organisers."),
    )
