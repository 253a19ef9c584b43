"""Forms of news articles: validate and normalise input only (the rules are in services)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any, cast

from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tsunagaru.cases.models import Case, CasePartner
from tsunagaru.core.forms import DesignedForm, DesignedFormMixin, EasyTextarea, FilterForm
from tsunagaru.core.upload_fields import PictureField
from tsunagaru.info.models import Event
from tsunagaru.info.news_models import NewsArticle
from tsunagaru.partners.models import Organisation

# Events a news article may point to: from a year ago on (older ones are not news any more).
EVENT_DAYS_BACK = 365


class NewsForm(DesignedFormMixin, forms.ModelForm):  # type: ignore[type-arg]
    author = forms.ModelChoiceField(
        label=_("Group"), queryset=Organisation.objects.none(), required=False
    )
    picture = PictureField(
        label=_("Picture"),
        required=False,
        help_text=_("PNG, JPEG, GIF or WebP, up to 10 MB."),
    )
    remove_picture = forms.BooleanField(label=_("Remove the picture"), required=False)

    class Meta:
        model = NewsArticle
        fields = ["kind", "title", "body", "alt_text", "event", "case"]
        widgets = {"body": EasyTextarea(attrs={"rows": 10})}

    def __init__(self, *args: Any, groups: list[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        article = self.instance if self.instance.pk else None
        owners = [article.author] if article else groups
        if article is None:
            author = cast(forms.ModelChoiceField, self.fields["author"])  # type: ignore[type-arg]
            author.queryset = Organisation.objects.filter(pk__in=[g.pk for g in groups]).order_by(
                "name"
            )
            author.required = True
            self.order_fields(["author"])
        else:
            del self.fields["author"]
        ids = [g.pk for g in owners]
        since = timezone.now() - timedelta(days=EVENT_DAYS_BACK)
        ours = Q(organiser_id__in=ids) | Q(co_organisers__id__in=ids)
        event = cast(forms.ModelChoiceField, self.fields["event"])  # type: ignore[type-arg]
        event.queryset = (
            Event.objects.filter(ours, ends_at__gte=since).distinct().order_by("-starts_at")
        )
        taking_part = CasePartner.objects.filter(organisation_id__in=ids).values("case_id")
        case = cast(forms.ModelChoiceField, self.fields["case"])  # type: ignore[type-arg]
        case.queryset = Case.objects.filter(
            pk__in=taking_part, status=Case.Status.PUBLISHED
        ).order_by("title")
        if not (article and article.image):
            del self.fields["remove_picture"]

    def content(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self._meta.fields or ()}


class HideForm(DesignedForm):
    reason = forms.CharField(
        label=_("Reason"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Shown to everyone in place of the article."),
    )


class ReturnForm(DesignedForm):
    reason = forms.CharField(
        label=_("Reason"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The group reads it with its draft."),
    )


class KindFilterForm(FilterForm):
    kind = forms.ChoiceField(
        label=_("Kind"), choices=[("", _("All")), *NewsArticle.Kind.choices], required=False
    )
