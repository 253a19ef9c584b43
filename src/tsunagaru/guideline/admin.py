"""Admin for the guideline data, for administrators. Every save goes through
guideline.services: names and codes change only by renaming in a new edition (an action
below), never by editing a row that records may point at."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _

from tsunagaru.accounts import permissions
from tsunagaru.core.forms import DesignedForm
from tsunagaru.guideline import services
from tsunagaru.guideline.models import (
    ActivityField,
    CollaborationType,
    Domain,
    Edition,
    Form,
    Measure,
    NpoCategory,
    OrganisationKind,
    PartnerKind,
    Pillar,
    Principle,
    Program,
    SuitableField,
)

_VERSION_FIELDS = ("introduced_in", "retired_in", "replaces")


class GuidelineAdmin(admin.ModelAdmin[Any]):
    """Read-only except the wording that services.item_correct may change."""

    list_filter = ("introduced_in", "retired_in")

    def has_module_permission(self, request: HttpRequest) -> bool:
        return permissions.can_use_admin_site(request.user)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        names = [f.name for f in self.model._meta.concrete_fields]
        return [n for n in names if n not in services.CORRECTABLE]

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        current = type(obj).objects.get(pk=obj.pk)
        data = {f: form.cleaned_data[f] for f in services.CORRECTABLE if f in form.cleaned_data}
        services.item_correct(item=current, data=data, by=request.user)  # type: ignore[arg-type]


class EditionChoiceForm(DesignedForm):
    edition = forms.ModelChoiceField(
        label=_("From edition"), queryset=Edition.objects.order_by("-number")
    )
    name = forms.CharField(label=_("New name"), max_length=200, required=False)


def _edition_action(
    modeladmin: admin.ModelAdmin[Any], request: HttpRequest, queryset: QuerySet[Any], rename: bool
) -> HttpResponse | None:
    """Ask for the edition (and new name), then rename or retire through the services."""
    if "apply" in request.POST:
        form = EditionChoiceForm(request.POST)
        if form.is_valid():
            edition = form.cleaned_data["edition"]
            for item in queryset:
                try:
                    if rename:
                        services.item_rename(
                            item=item,
                            name=form.cleaned_data["name"],
                            edition=edition,
                            by=request.user,  # type: ignore[arg-type]
                        )
                    else:
                        services.item_retire(item=item, edition=edition, by=request.user)  # type: ignore[arg-type]
                except ValidationError as error:
                    modeladmin.message_user(request, f"{item}: {error.messages[0]}", messages.ERROR)
                else:
                    modeladmin.message_user(request, str(item), messages.SUCCESS)
            return None
    else:
        form = EditionChoiceForm()
    context = {
        **modeladmin.admin_site.each_context(request),
        "title": _("Rename in an edition") if rename else _("Retire in an edition"),
        "form": form,
        "items": queryset,
        "rename": rename,
        "action": request.POST.get("action"),
        "opts": modeladmin.model._meta,
    }
    return TemplateResponse(request, "admin/guideline/edition_action.html", context)


@admin.action(description=_("Rename from an edition on…"))
def rename_in_edition(modeladmin: Any, request: HttpRequest, queryset: QuerySet[Any]) -> Any:
    if queryset.count() != 1:
        modeladmin.message_user(request, _("Rename one item at a time."), messages.ERROR)
        return None
    return _edition_action(modeladmin, request, queryset, rename=True)


@admin.action(description=_("Retire from an edition on…"))
def retire_in_edition(modeladmin: Any, request: HttpRequest, queryset: QuerySet[Any]) -> Any:
    return _edition_action(modeladmin, request, queryset, rename=False)


@admin.register(Measure)
class MeasureAdmin(GuidelineAdmin):
    list_display = ("code", "name", "pillar", "introduced_in", "retired_in")
    actions = [rename_in_edition, retire_in_edition]


@admin.register(Program)
class ProgramAdmin(GuidelineAdmin):
    list_display = ("name", "status", "measure", "introduced_in", "retired_in")

    def get_list_filter(self, request: HttpRequest) -> Any:
        return ("status", "introduced_in", "retired_in")

    actions = [rename_in_edition, retire_in_edition]


for model in (
    PartnerKind,
    OrganisationKind,
    Principle,
    Domain,
    CollaborationType,
    Form,
    SuitableField,
    Pillar,
):
    admin.site.register(model, GuidelineAdmin)


@admin.register(Edition)
class EditionAdmin(admin.ModelAdmin[Edition]):
    list_display = ("number", "name", "title", "published_label", "is_current")
    actions = ["make_current"]

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        # An existing edition is history; a new one is created through the service.
        if obj is None:
            return ["is_current"]
        return [f.name for f in Edition._meta.concrete_fields]

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def save_model(self, request: HttpRequest, obj: Edition, form: Any, change: bool) -> None:
        data = {k: v for k, v in form.cleaned_data.items() if k != "is_current"}
        created = services.edition_create(by=request.user, **data)  # type: ignore[arg-type]
        obj.pk = created.pk

    @admin.action(description=_("Make this the current edition"))
    def make_current(self, request: HttpRequest, queryset: QuerySet[Edition]) -> None:
        if queryset.count() != 1:
            self.message_user(request, _("Choose exactly one edition."), messages.ERROR)
            return
        services.edition_make_current(edition=queryset.get(), by=request.user)  # type: ignore[arg-type]


@admin.register(ActivityField)
class ActivityFieldAdmin(admin.ModelAdmin[ActivityField]):
    list_display = ("order", "name", "name_en", "code", "is_active")
    list_display_links = ("name",)
    filter_horizontal = ("npo_categories",)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def save_model(self, request: HttpRequest, obj: ActivityField, form: Any, change: bool) -> None:
        services.activity_field_save(field=obj, by=request.user)  # type: ignore[arg-type]


@admin.register(NpoCategory)
class NpoCategoryAdmin(admin.ModelAdmin[NpoCategory]):
    list_display = ("number", "short_name", "name")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
