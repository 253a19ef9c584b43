"""Forms of a community plan: they read and tidy what was typed; the rules are in
plan_services."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tsunagaru.community.plan_models import (
    ActionProgress,
    CommunityPlan,
    PlanAction,
    PlanGoal,
    PlanIndicator,
    PlanIssue,
)
from tsunagaru.core.dates import fiscal_year
from tsunagaru.core.forms import DesignedForm, DesignedFormMixin
from tsunagaru.core.templatetags.japanese_dates import fiscal_year_choices
from tsunagaru.info.models import Event
from tsunagaru.partners.models import Need, Organisation
from tsunagaru.proposals.models import Proposal


def _years(first: int, last: int) -> list[tuple[int, str]]:
    # Oldest first: a period reads from its first year.
    return list(reversed(fiscal_year_choices(first, last)))


class PlanForm(DesignedFormMixin, forms.ModelForm):  # type: ignore[type-arg]
    first_year = forms.TypedChoiceField(label=_("First year (年度)"), coerce=int)
    last_year = forms.TypedChoiceField(label=_("Last year (年度)"), coerce=int)

    class Meta:
        model = CommunityPlan
        fields = ["title", "first_year", "last_year", "vision"]
        help_texts = {
            "title": _("e.g. 稲瀬地区まちづくり計画"),
            "vision": _("What the district wants to be at the end of the plan, in a few lines."),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        this_year = fiscal_year(timezone.localdate())
        choices = _years(this_year - 5, this_year + 5)
        _year_field(self, "first_year").choices = choices
        _year_field(self, "last_year").choices = choices
        self.fields["vision"].required = False


class IssueForm(DesignedFormMixin, forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = PlanIssue
        fields = ["text", "found_by"]


class GoalForm(DesignedFormMixin, forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = PlanGoal
        fields = ["text"]


class IndicatorForm(DesignedFormMixin, forms.ModelForm):  # type: ignore[type-arg]
    target_year = forms.TypedChoiceField(label=_("Target year (年度)"), coerce=int)

    class Meta:
        model = PlanIndicator
        fields = ["name", "unit", "baseline", "target", "target_year"]
        help_texts = {"name": _("e.g. 防災訓練の参加者"), "unit": _("e.g. 人, 回, %")}

    def __init__(self, *args: Any, plan: CommunityPlan, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _year_field(self, "target_year").choices = _years(plan.first_year, plan.last_year)
        self.fields["target_year"].initial = plan.last_year


class ActionForm(DesignedFormMixin, forms.ModelForm):  # type: ignore[type-arg]
    first_year = forms.TypedChoiceField(label=_("From (年度)"), coerce=int)
    last_year = forms.TypedChoiceField(label=_("Until (年度)"), coerce=int)

    class Meta:
        model = PlanAction
        fields = [
            "title",
            "goal",
            "first_year",
            "last_year",
            "lead",
            "partners",
            "city_role",
            "cost",
            "proposal",
            "event",
            "need",
        ]
        help_texts = {
            "partners": _("Other groups, businesses or volunteers who take part."),
            "city_role": _("e.g. 地区担当職員が会場の手配を手伝う"),
        }

    def __init__(self, *args: Any, plan: CommunityPlan, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        organisation: Organisation = plan.organisation
        years = _years(plan.first_year, plan.last_year)
        _year_field(self, "first_year").choices = years
        _year_field(self, "last_year").choices = years
        _choice(self, "goal").queryset = PlanGoal.objects.filter(plan=plan).order_by("pk")
        _choice(self, "proposal").queryset = (
            Proposal.objects.filter(
                Q(proposer=organisation) | Q(parties__organisation=organisation)
            )
            .distinct()
            .order_by("-pk")
        )
        _choice(self, "event").queryset = (
            Event.objects.filter(Q(organiser=organisation) | Q(co_organisers=organisation))
            .distinct()
            .order_by("-starts_at")
        )
        _choice(self, "need").queryset = Need.objects.filter(organisation=organisation).order_by(
            "-pk"
        )
        self.fields["cost"].widget.attrs.update({"min": 0, "inputmode": "numeric"})


def _year_field(form: forms.BaseForm, name: str) -> forms.TypedChoiceField:
    return cast(forms.TypedChoiceField, form.fields[name])


def _choice(form: forms.BaseForm, name: str) -> forms.ModelChoiceField[Any]:
    return cast(forms.ModelChoiceField[Any], form.fields[name])


class AdoptForm(DesignedForm):
    general_meeting_on = forms.DateField(
        label=_("Date of the general meeting (総会) that adopted it"),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    changes = forms.CharField(
        label=_("What changed and why"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        help_text=_("Needed for a revision: the general meeting's reasons, in a few lines."),
    )


class ProgressForm(DesignedFormMixin, forms.ModelForm):  # type: ignore[type-arg]
    year = forms.TypedChoiceField(label=_("Year (年度)"), coerce=int)

    class Meta:
        model = ActionProgress
        fields = ["year", "result", "figure", "note"]
        widgets = {
            "result": forms.RadioSelect,
            "note": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args: Any, action: PlanAction, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # The years of the action that have begun, the latest first.
        last = min(action.last_year, fiscal_year(timezone.localdate()))
        _year_field(self, "year").choices = fiscal_year_choices(action.first_year, last)
