"""Forms of the knowledge base: validate and normalise only."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from tsunagaru.core.forms import DesignedForm, DesignedFormMixin, EasyTextarea, FilterForm
from tsunagaru.core.inputs import validate_single_line
from tsunagaru.knowledge.models import Article
from tsunagaru.support.models import Topic


class ArticleForm(DesignedFormMixin, forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = Article
        fields = ["title", "summary", "body", "topics"]
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 3}),
            "body": EasyTextarea(attrs={"rows": 20}),
            "topics": forms.CheckboxSelectMultiple,
        }
        help_texts = {
            "body": _(
                "Plain text. A line starting with “## ” is a heading, “- ” a list item; "
                "[words](https://…) is a link. Other markup is shown as typed."
            ),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["topics"].queryset = Topic.objects.order_by("order", "pk")  # type: ignore[attr-defined]
        self.fields["title"].validators.append(validate_single_line)

    def content(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in ("title", "summary", "body", "topics")}


class AttachmentForm(DesignedForm):
    file = forms.FileField(
        label=_("File"),
        help_text=_("PDF, Word, Excel, or OpenDocument text or spreadsheet, up to 10 MB."),
    )
    title = forms.CharField(
        label=_("Title"),
        max_length=200,
        help_text=_("What the file is, e.g. 'Template of the rules (規約)'."),
    )


class UseForm(DesignedForm):
    reference = forms.CharField(
        label=_("Note (optional)"),
        max_length=200,
        required=False,
        help_text=_("E.g. a phone call about a grant budget. No names or contact details."),
    )


class ArticleSearchForm(FilterForm):
    q = forms.CharField(label=_("Search the knowledge base"), required=False, max_length=200)
    topic = forms.ChoiceField(label=_("Topic"), required=False, choices=[])

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = cast(forms.ChoiceField, self.fields["topic"])
        field.choices = [("", _("All")), *((t.code, t.label) for t in Topic.objects.all())]


class StaffFilterForm(FilterForm):
    q = forms.CharField(label=_("Search the knowledge base"), required=False, max_length=200)
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Drafts and published")), *Article.Status.choices],
    )
    stale = forms.BooleanField(label=_("Only those past their review"), required=False)
