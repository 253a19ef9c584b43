from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from tsunagaru.core.forms import DesignedForm, DesignedFormMixin
from tsunagaru.matching.models import GlossaryGroup
from tsunagaru.partners.models import Organisation


class GroupChoiceMixin:
    """A choice of the user's own listed groups, as the side that asks."""

    def set_groups(self, groups: list[Organisation]) -> None:
        field = self.fields["organisation"]  # type: ignore[attr-defined]
        field.choices = [(o.pk, o.name) for o in groups]
        if len(groups) == 1:
            field.initial = groups[0].pk


class IntroductionRequestForm(GroupChoiceMixin, DesignedForm):
    organisation = forms.TypedChoiceField(label=_("On behalf of"), coerce=int)
    message = forms.CharField(
        label=_("Message"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=2000,
        help_text=_("Say who you are and what you would like to do together."),
    )


class CoordinatorIntroductionForm(DesignedForm):
    message = forms.CharField(
        label=_("Message to both groups"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=2000,
    )


class AnswerForm(DesignedForm):
    answer = forms.ChoiceField(
        label=_("Your answer"),
        choices=[("accept", _("Yes, we would like to meet")), ("decline", _("No, thank you"))],
        widget=forms.RadioSelect,
    )
    response = forms.CharField(
        label=_("Message (optional)"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
        required=False,
    )


class HelpSearchForm(GroupChoiceMixin, DesignedForm):
    text = forms.CharField(
        label=_("What is your group struggling with?"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=1000,
        help_text=_(
            "Write it in your own words, e.g. 「大雪の日、お年寄りの家の雪かきが追いつかない」."
        ),
    )
    organisation = forms.TypedChoiceField(label=_("Asking for"), coerce=int, required=False)


class GiveSearchForm(GroupChoiceMixin, DesignedForm):
    text = forms.CharField(
        label=_("What can you or your group offer?"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=1000,
        help_text=_(
            "Write it in your own words, e.g. 「平日の昼間に車を出せます」 or "
            "「使っていない集会所の部屋があります」."
        ),
    )
    organisation = forms.TypedChoiceField(label=_("Offering as"), coerce=int, required=False)

    def set_groups(self, groups: list[Organisation]) -> None:
        super().set_groups(groups)
        # An individual can offer too: "as myself" is the first choice.
        field: Any = self.fields["organisation"]
        field.choices = [("", _("Myself (as an individual)")), *[(o.pk, o.name) for o in groups]]


class GlossaryForm(DesignedFormMixin, forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = GlossaryGroup
        fields = ["words", "note", "is_active"]
        widgets = {"words": forms.TextInput()}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["words"].help_text = _(
            "Words that mean the same here, separated by commas: 雪はね, 雪かき, 除雪"
        )


class PersonRequestForm(DesignedForm):
    message = forms.CharField(
        label=_("Message"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=2000,
        help_text=_(
            "Say who you are, what you would like help with, and when. The person sees this "
            "and decides whether to share their contact details with your group."
        ),
    )


class PersonAnswerForm(DesignedForm):
    answer = forms.ChoiceField(
        label=_("Your answer"),
        choices=[
            ("accept", _("Yes, share my contact details with this group")),
            ("decline", _("No, thank you")),
        ],
        widget=forms.RadioSelect,
    )
    response = forms.CharField(
        label=_("Message (optional)"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
        required=False,
    )
