"""Forms of the proposal table: validate and normalise only; the services decide."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from tsunagaru.core.forms import DesignedForm, DesignedFormMixin
from tsunagaru.core.inputs import validate_single_line
from tsunagaru.core.upload_fields import PictureField
from tsunagaru.guideline.models import CollaborationType, Domain, Form, Principle
from tsunagaru.partners.models import Organisation
from tsunagaru.proposals.models import (
    VERSION_FIELDS,
    AgreementVersion,
    Evaluation,
    Party,
    Proposal,
)

# The wizard's steps: each saves what it shows.
STEPS: dict[str, tuple[str, ...]] = {
    "problem": ("title", "problem"),
    "idea": ("idea", "brings", "asks"),
    "table": ("wanted_partners", "forms", "schedule", "needs_money", "money_amount"),
}
STEP_TITLES = {
    "problem": _("The problem"),
    "idea": _("The idea"),
    "table": _("Who and how"),
    "send": _("Check and send"),
}


def stepper(current: str) -> list[dict[str, Any]]:
    """The wizard's steps for its progress indicator: those before `current` are done, the
    current one is marked (aria-current="step"), the rest are still to do."""
    keys = list(STEP_TITLES)
    here = keys.index(current)
    return [
        {
            "key": key,
            "title": STEP_TITLES[key],
            "number": number,
            "state": "done" if number - 1 < here else "current" if number - 1 == here else "todo",
        }
        for number, key in enumerate(keys, start=1)
    ]


class ProposalStepForm(DesignedFormMixin, forms.ModelForm[Proposal]):
    class Meta:
        model = Proposal
        fields = [
            "title",
            "problem",
            "idea",
            "brings",
            "asks",
            "wanted_partners",
            "forms",
            "schedule",
            "needs_money",
            "money_amount",
        ]
        widgets = {
            "problem": forms.Textarea(attrs={"rows": 5}),
            "idea": forms.Textarea(attrs={"rows": 5}),
            "brings": forms.Textarea(attrs={"rows": 3}),
            "asks": forms.Textarea(attrs={"rows": 3}),
            "wanted_partners": forms.Textarea(attrs={"rows": 3}),
            "forms": forms.CheckboxSelectMultiple,
            "money_amount": forms.NumberInput(attrs={"min": 1, "inputmode": "numeric"}),
        }
        help_texts = {
            "problem": _("What is the trouble in the area, and who has it?"),
            "brings": _("People, a place, know-how, things: what your group can do."),
            "asks": _("What you would like the others (the city included) to do."),
        }

    def __init__(self, *args: Any, step: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in list(self.fields):
            if name not in STEPS[step]:
                del self.fields[name]
        if "forms" in self.fields:
            _choice(self, "forms").queryset = Form.objects.filter(retired_in__isnull=True).order_by(
                "number"
            )
        if "problem" in self.fields:
            self.fields["problem"].required = True
        for name in ("idea", "brings", "asks"):
            if name in self.fields:
                self.fields[name].required = True
        if "title" in self.fields:
            self.fields["title"].validators.append(validate_single_line)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if "needs_money" in self.fields and data.get("needs_money"):
            if not data.get("money_amount") and "money_amount" not in self.errors:
                self.add_error(
                    "money_amount",
                    forms.ValidationError(
                        _("Write about how much money is needed, in yen."), code="amount_required"
                    ),
                )
        elif "needs_money" in self.fields:
            data["money_amount"] = None
        return data


class GroupChoiceForm(DesignedForm):
    proposer = forms.ModelChoiceField(
        label=_("Proposing as"), queryset=Organisation.objects.none(), empty_label=None
    )

    def __init__(self, *args: Any, groups: list[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choice(self, "proposer").queryset = Organisation.objects.filter(
            pk__in=[g.pk for g in groups]
        )


class ReasonForm(DesignedForm):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}))


class CloseForm(DesignedForm):
    category = forms.ChoiceField(label=_("Reason category"), choices=Proposal.ClosingReason.choices)
    note = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}))


class AcceptForm(DesignedForm):
    departments = forms.ModelMultipleChoiceField(
        label=_("Responsible departments"),
        queryset=Organisation.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )
    partners = forms.ModelMultipleChoiceField(
        label=_("Invite partners"),
        queryset=Organisation.objects.none(),
        required=False,
        help_text=_("Groups registered in the directory."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        listed = Organisation.objects.filter(status=Organisation.Status.VERIFIED)
        _choice(self, "departments").queryset = listed.filter(kind__code="city_department")
        _choice(self, "partners").queryset = listed.exclude(kind__code="city_department").order_by(
            "name_sort", "name"
        )


class InviteForm(DesignedForm):
    organisation = forms.ModelChoiceField(
        label=_("Group or department"),
        queryset=Organisation.objects.filter(status=Organisation.Status.VERIFIED).order_by(
            "name_sort", "name"
        ),
    )


class AnswerForm(DesignedForm):
    accept = forms.TypedChoiceField(
        label=_("Your answer"),
        choices=[("1", _("We take part")), ("0", _("We decline"))],
        coerce=lambda v: v == "1",
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Why you decline (if you do)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class MeetingForm(DesignedForm):
    held_at = forms.DateTimeField(
        label=_("Date and time"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    place = forms.CharField(label=_("Place"), max_length=200, required=False)
    online = forms.BooleanField(label=_("Online"), required=False)
    present = forms.ModelMultipleChoiceField(
        label=_("Present"), queryset=Party.objects.none(), widget=forms.CheckboxSelectMultiple
    )
    minutes = forms.CharField(label=_("Minutes"), widget=forms.Textarea(attrs={"rows": 6}))
    decisions = forms.CharField(
        label=_("Decisions"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    next_steps = forms.CharField(
        label=_("Next steps"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args: Any, proposal: Proposal, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        present = _choice(self, "present")
        present.queryset = proposal.parties.filter(answer=Party.Answer.ACCEPTED).select_related(
            "organisation"
        )


class ReplyForm(DesignedForm):
    text = forms.CharField(
        label=_("Your group's reply to the minutes"), widget=forms.Textarea(attrs={"rows": 3})
    )


class MessageForm(DesignedForm):
    body = forms.CharField(label=_("Message"), widget=forms.Textarea(attrs={"rows": 3}))


class DocumentForm(DesignedForm):
    file = forms.FileField(
        label=_("File"), help_text=_("PDF, image, Word, Excel or PowerPoint, up to 10 MB.")
    )
    title = forms.CharField(label=_("Title"), max_length=200)


class AgreementForm(DesignedFormMixin, forms.ModelForm[AgreementVersion]):
    class Meta:
        model = AgreementVersion
        # The forms of collaboration shown right after the purpose.
        fields = [VERSION_FIELDS[0], "forms", *VERSION_FIELDS[1:]]
        widgets = {
            "purpose": forms.Textarea(attrs={"rows": 3}),
            "forms": forms.CheckboxSelectMultiple,
            "cost_sharing": forms.Textarea(attrs={"rows": 3}),
            "starts_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "ends_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "publication_text": forms.Textarea(attrs={"rows": 3}),
            "private_matters": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choice(self, "forms").queryset = Form.objects.filter(retired_in__isnull=True).order_by(
            "number"
        )
        _choice(self, "domain").queryset = Domain.objects.filter(retired_in__isnull=True).order_by(
            "code"
        )
        _choice(self, "collaboration_type").queryset = CollaborationType.objects.filter(
            retired_in__isnull=True
        ).order_by("number")
        cast(forms.IntegerField, self.fields["report_every_months"]).min_value = 1


class GoalForm(DesignedForm):
    description = forms.CharField(label=_("Goal"), max_length=300, required=False)
    unit = forms.CharField(label=_("Unit"), max_length=30, required=False)
    target_value = forms.DecimalField(
        label=_("Target value"), max_digits=12, decimal_places=2, required=False
    )
    due_on = forms.DateField(
        label=_("By"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    key = forms.IntegerField(required=False, widget=forms.HiddenInput)


class TaskForm(DesignedForm):
    description = forms.CharField(label=_("Task"), max_length=300, required=False)
    responsible = forms.ModelChoiceField(
        label=_("Responsible party"), queryset=Party.objects.none(), required=False
    )
    citizens_part = forms.CharField(
        label=_("What citizens can do"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    city_part = forms.CharField(
        label=_("What the city can do"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, parties: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = _choice(self, "responsible")
        field.queryset = parties if parties is not None else Party.objects.none()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("description") and not data.get("responsible"):
            self.add_error("responsible", _("Choose who is responsible."))
        return data


GoalFormSet = forms.formset_factory(GoalForm, extra=2)
TaskFormSet = forms.formset_factory(TaskForm, extra=2)


class ReportForm(DesignedForm):
    reported_on = forms.DateField(
        label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    note = forms.CharField(label=_("What happened"), widget=forms.Textarea(attrs={"rows": 4}))
    photo = PictureField(label=_("Photo"), required=False)
    photo_alt = forms.CharField(
        label=_("Description of the photo"),
        max_length=300,
        required=False,
        help_text=_("What the photo shows, for people who cannot see it."),
    )

    def __init__(self, *args: Any, goals: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.goals = goals
        for goal in goals:
            self.fields[f"goal_{goal.key}"] = forms.DecimalField(
                label=f"{goal.description}（{goal.unit}）" if goal.unit else goal.description,
                required=False,
                max_digits=12,
                decimal_places=2,
            )

    def values(self) -> dict[int, Any]:
        return {
            g.key: self.cleaned_data[f"goal_{g.key}"]
            for g in self.goals
            if self.cleaned_data.get(f"goal_{g.key}") is not None
        }


SCORE_CHOICES = [(n, str(n)) for n in range(1, 6)]


class EvaluationForm(DesignedFormMixin, forms.ModelForm[Evaluation]):
    goal_achievement = forms.TypedChoiceField(
        label=_("How far the goals were reached (1 = not at all, 5 = fully)"),
        choices=SCORE_CHOICES,
        coerce=int,
        widget=forms.RadioSelect,
    )

    class Meta:
        model = Evaluation
        fields = ["goal_achievement", "goal_comment", "improvements", "continue_project"]
        widgets = {
            "goal_comment": forms.Textarea(attrs={"rows": 3}),
            "improvements": forms.Textarea(attrs={"rows": 3}),
            "continue_project": forms.RadioSelect,
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.principles = list(Principle.objects.filter(retired_in__isnull=True).order_by("number"))
        for p in self.principles:
            self.fields[f"score_{p.pk}"] = forms.TypedChoiceField(
                label=str(p), choices=SCORE_CHOICES, coerce=int, widget=forms.RadioSelect
            )
            self.fields[f"comment_{p.pk}"] = forms.CharField(
                label=_("Comment on %(principle)s") % {"principle": p.name},
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
            )

    def scores(self) -> dict[int, tuple[int, str]]:
        return {
            p.pk: (self.cleaned_data[f"score_{p.pk}"], self.cleaned_data[f"comment_{p.pk}"])
            for p in self.principles
        }


def _choice(form: forms.BaseForm, name: str) -> forms.ModelChoiceField[Any]:
    return cast(forms.ModelChoiceField[Any], form.fields[name])
