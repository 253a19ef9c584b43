"""Forms of the support centre: validate and normalise input only."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from typing import Any, TypeVar, cast

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from tsunagaru.academy.models import Course
from tsunagaru.core.forms import DJANGO_DASHES, DesignedForm, FilterForm
from tsunagaru.core.inputs import validate_single_line
from tsunagaru.core.lists import join_list
from tsunagaru.guideline.models import Program
from tsunagaru.knowledge.models import Article
from tsunagaru.partners.models import Organisation
from tsunagaru.proposals.models import Proposal
from tsunagaru.support import antispam, selectors
from tsunagaru.support.models import Consultation, Referral, Topic

_DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
_PHONE = re.compile(r"[0-9][0-9-]{8,14}")
HONEYPOT = "homepage"
T = TypeVar("T")


def _choices(form: forms.Form, name: str, queryset: Any) -> None:
    """Give a model choice field its choices when the form is made (not at import)."""
    cast(forms.ModelChoiceField, form.fields[name]).queryset = queryset  # type: ignore[type-arg]


def clean_phone(value: str) -> str:
    """A phone number as half-width digits with hyphens (０１９７ー２４ → 0197-24)."""
    value = unicodedata.normalize("NFKC", value).strip()
    value = re.sub(r"[‐‑‒–—―ー−]", "-", value).replace(" ", "")
    if value and not _PHONE.fullmatch(value):
        raise forms.ValidationError(
            _("Write the phone number in digits, e.g. 0197-24-2111."), code="bad_phone"
        )
    return value


class AskForm(DesignedForm):
    """A question to the centre. Guests also give their name and a way to answer."""

    topic = forms.ModelChoiceField(label=_("What is it about?"), queryset=Topic.objects.none())
    subject = forms.CharField(
        label=_("Your question in one line"), max_length=200, validators=[validate_single_line]
    )
    question = forms.CharField(
        label=_("Your question"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("What are you trying to do, and where are you stuck?"),
    )
    # The asker's own details carry their purpose (WCAG 1.3.5), so browsers can fill them.
    name = forms.CharField(
        label=_("Your name"),
        max_length=100,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = forms.EmailField(
        label=_("E-mail address"),
        required=False,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    phone = forms.CharField(
        label=_("Phone number"),
        max_length=30,
        required=False,
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
    )
    # When the form was shown, signed (antispam); and a field people never see (honeypot).
    started = forms.CharField(widget=forms.HiddenInput, required=False)
    homepage = forms.CharField(required=False, label=_("Leave this field empty"))

    def __init__(
        self, *args: Any, guest: bool, groups: Sequence[Organisation] = (), **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        _choices(self, "topic", selectors.topics_active())
        self.guest = guest
        if groups:
            # A member may ask for one of their listed groups (the group is then the asker).
            self.fields["organisation"] = forms.ModelChoiceField(
                label=_("Asking for a group? (optional)"),
                queryset=Organisation.objects.filter(pk__in=[g.pk for g in groups]),
                required=False,
            )
            self.order_fields(["topic", "organisation"])
        if guest:
            self.fields["name"].required = True
            self.fields["email"].help_text = _(
                "Give an e-mail address or a phone number (or both), so that we can answer you."
            )
        else:
            for name in ("name", "email", "phone"):
                del self.fields[name]
        self.fields[HONEYPOT].widget.attrs.update({"tabindex": "-1", "autocomplete": "off"})

    def honeypot_field(self) -> forms.BoundField:
        return self[HONEYPOT]

    def visible_fields(self) -> list[forms.BoundField]:
        # The honeypot is rendered apart, out of sight (templates/support/ask.html).
        return [f for f in super().visible_fields() if f.name != HONEYPOT]

    def clean_phone(self) -> str:
        return clean_phone(self.cleaned_data.get("phone", ""))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get(HONEYPOT):
            raise forms.ValidationError(
                _("The question could not be sent. Leave the last field empty."), code="honeypot"
            )
        antispam.check_form_token(str(data.get("started") or ""))
        if self.guest and not (data.get("email") or data.get("phone")):
            self.add_error(
                "email",
                forms.ValidationError(
                    _("Give an e-mail address or a phone number, so that we can answer you."),
                    code="no_contact",
                ),
            )
        return data


class QueueFilterForm(FilterForm):
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[("", DJANGO_DASHES), *Consultation.Status.choices],
        required=False,
    )
    topic = forms.ModelChoiceField(label=_("Topic"), queryset=Topic.objects.all(), required=False)
    channel = forms.ChoiceField(
        label=_("Channel"),
        choices=[("", DJANGO_DASHES), *Consultation.Channel.choices],
        required=False,
    )
    due = forms.BooleanField(label=_("Follow-up due"), required=False)
    q = forms.CharField(label=_("Words"), max_length=100, required=False)

    def to_filters(self) -> selectors.QueueFilter:
        data = self.cleaned_data if self.is_valid() else {}
        return selectors.QueueFilter(
            status=data.get("status") or "",
            topic=data.get("topic"),
            channel=data.get("channel") or "",
            due=bool(data.get("due")),
            query=data.get("q") or "",
        )


def _one_group(text: str) -> Organisation | None:
    """The one listed group (or department) named by `text`; None for an empty text."""
    text = text.strip()
    if not text:
        return None
    return _one(
        selectors.organisations_matching(text),
        gettext("No listed group or department has this name."),
        gettext("Several groups match: %(names)s. Write more of the name."),
    )


def _one(found: Sequence[T], none: str, several: str) -> T:
    # A list of thousands of groups in a select would make every page heavy; a name typed
    # and resolved here works without JavaScript and says what to do when it is not one.
    if not found:
        raise forms.ValidationError(none, code="not_found")
    if len(found) > 1:
        names = join_list(found[:5])
        raise forms.ValidationError(several % {"names": names}, code="several")
    return found[0]


class LogForm(DesignedForm):
    """A consultation entered by staff for someone who phoned, came in or was visited."""

    channel = forms.ChoiceField(
        label=_("How did it come?"), choices=Consultation.Channel.choices, widget=forms.RadioSelect
    )
    topic = forms.ModelChoiceField(label=_("Topic"), queryset=Topic.objects.none())
    subject = forms.CharField(label=_("Subject"), max_length=200, validators=[validate_single_line])
    question = forms.CharField(
        label=_("What was asked"), max_length=8000, widget=forms.Textarea(attrs={"rows": 6})
    )
    organisation = forms.CharField(
        label=_("Group (if asked for a group)"),
        max_length=200,
        required=False,
        help_text=_("Its name, or part of it."),
    )
    asker_name = forms.CharField(label=_("Name of the person"), max_length=100, required=False)
    asker_email = forms.EmailField(label=_("Their e-mail address"), required=False)
    asker_phone = forms.CharField(label=_("Their phone number"), max_length=30, required=False)
    answer = forms.CharField(
        label=_("What was advised"),
        max_length=8000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("If you advised them already, it is logged as answered. Nothing is mailed."),
    )
    notes = forms.CharField(
        label=_("Notes for the centre"),
        max_length=8000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    follow_up_on = forms.DateField(label=_("Follow-up date"), required=False, widget=_DATE)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choices(self, "topic", selectors.topics_active())

    def clean_organisation(self) -> Organisation | None:
        return _one_group(self.cleaned_data.get("organisation", ""))

    def clean_asker_phone(self) -> str:
        return clean_phone(self.cleaned_data.get("asker_phone", ""))


class AnswerForm(DesignedForm):
    answer = forms.CharField(
        label=_("Answer"), max_length=8000, widget=forms.Textarea(attrs={"rows": 8})
    )
    notify = forms.BooleanField(label=_("Send the answer by e-mail"), required=False, initial=True)


class FollowUpForm(DesignedForm):
    follow_up_on = forms.DateField(label=_("Follow-up date"), required=False, widget=_DATE)
    notes = forms.CharField(
        label=_("Notes for the centre"),
        max_length=8000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ReferralForm(DesignedForm):
    """Where the person was referred: pick the kind and the one record of that kind."""

    kind = forms.ChoiceField(
        label=_("Referred to"), choices=Referral.Kind.choices, widget=forms.RadioSelect
    )
    organisation = forms.CharField(
        label=_("Department or group"),
        max_length=200,
        required=False,
        help_text=_("Its name, or part of it."),
    )
    program = forms.ModelChoiceField(
        label=_("Grant or program"), queryset=Program.objects.none(), required=False
    )
    proposal = forms.CharField(
        label=_("Proposal"),
        max_length=200,
        required=False,
        help_text=_("Its title, or part of it."),
    )
    course = forms.ModelChoiceField(
        label=_("Course of the academy"), queryset=Course.objects.none(), required=False
    )
    note = forms.CharField(label=_("Note"), max_length=300, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choices(
            self, "program", Program.objects.select_related("measure").order_by("measure", "order")
        )
        _choices(self, "course", Course.objects.filter(is_active=True).order_by("order", "pk"))

    def clean_organisation(self) -> Organisation | None:
        return _one_group(self.cleaned_data.get("organisation", ""))

    def clean_proposal(self) -> Proposal | None:
        text = self.cleaned_data.get("proposal", "").strip()
        if not text:
            return None
        return _one(
            selectors.proposals_matching(text),
            gettext("No proposal has this title."),
            gettext("Several proposals match: %(names)s. Write more of the title."),
        )


class ApplyRegistrationForm(DesignedForm):
    """A group's application, with the conditions of 条例 第3条 declared by the group."""

    activities = forms.CharField(
        label=_("What the group does (activity record)"),
        max_length=8000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Its aims, its main activities of the last year and who takes part."),
    )
    members_in_city = forms.BooleanField(
        label=_("More than half of our members live or work in the city.")
    )
    has_rules = forms.BooleanField(
        label=_("We act under our own rules (規約), a budget and a plan of activities.")
    )
    adult_representative = forms.BooleanField(label=_("Our representative is an adult."))


class DecideRegistrationForm(DesignedForm):
    registered_on = forms.DateField(label=_("Registered on"), required=False, widget=_DATE)
    valid_until = forms.DateField(label=_("Valid until"), required=False, widget=_DATE)
    reason = forms.CharField(
        label=_("Reason (if not registered)"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ArticleUsedForm(DesignedForm):
    """A know-how article that helped answer this consultation (ノウハウ集 → この回答に使った)."""

    article = forms.CharField(
        label=_("Know-how article used in the answer"),
        max_length=200,
        help_text=_("Its title, or part of it."),
    )

    def clean_article(self) -> Article:
        return _one(
            selectors.articles_matching(self.cleaned_data.get("article", "")),
            gettext("No published know-how article has this title."),
            gettext("Several articles match: %(names)s. Write more of the title."),
        )
