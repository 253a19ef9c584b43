"""Pages of the case library. Thin: selector → permission → service → page."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote_plus, urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from tsunagaru.cases import booklet, forms, permissions, selectors, services, tasks
from tsunagaru.cases.models import Case, CaseAttachment, CasePartner, CasePhoto
from tsunagaru.core import services as core_services
from tsunagaru.core.htmx import AuthenticatedRequest, HtmxRequest, render_page_or_fragment
from tsunagaru.core.inputs import whole_number
from tsunagaru.core.serving import file_response
from tsunagaru.partners.models import Membership
from tsunagaru.partners.selectors import listed_groups_of
from tsunagaru.translations import services as translation_services

PAGE_SIZE = 20
FACET_PARAMS = (
    "form",
    "domain",
    "collaboration_type",
    "suitable_field",
    "activity_field",
    "area",
    "fiscal_year",
    "partner_kind",
    "model",
)


def case_list(request: HttpRequest) -> HttpResponse:
    """Published cases: full-text search and facets (each a plain link: no JavaScript)."""
    form = forms.CaseSearchForm(request.GET or None)
    filters = form.to_filter(request.GET)
    cases, ranked = selectors.find(filters)
    if ranked is not None:
        page: Any = Paginator(ranked, PAGE_SIZE).get_page(request.GET.get("page"))
        # The ranked ids already passed the filters: fetch the page's cases by id alone.
        shown = selectors.with_cards(selectors.published().filter(pk__in=page.object_list))
        by_pk = shown.in_bulk()
        page.object_list = [by_pk[pk] for pk in page.object_list if pk in by_pk]
    else:
        ordered = selectors.with_cards(cases.order_by("-fiscal_year", "-published_at", "-pk"))
        page = Paginator(ordered, PAGE_SIZE).get_page(request.GET.get("page"))
    facets = selectors.facets_for(filters, cases)
    context = {
        "form": form,
        "page": page,
        "facets": [(f, _facet_links(request, f)) for f in facets],
        "active": _active_filters(request, facets),
        "query": _query_without(request, "page"),
        "can_make_booklet": permissions.can_make_booklet(request.user),
        "can_create": permissions.can_create(request.user),
    }
    return render(request, "cases/case_list.html", context)


def case_detail(request: HttpRequest, pk: int) -> HttpResponse:
    case = selectors.case_detail(pk)
    if case is None or not permissions.can_view(request.user, case):
        raise Http404
    user = request.user
    if case.is_published:
        translation_services.read_note(case)  # the translators' queue starts with the most-read
    confirmable = [p for p in case.partners.all() if permissions.can_confirm(user, case, p)]
    context = {
        "case": case,
        "confirmable": confirmable,
        "can_edit": permissions.can_edit(user, case),
        "can_submit": permissions.can_submit(user, case),
        "can_publish": permissions.can_publish(user, case),
        "can_unpublish": permissions.can_unpublish(user, case),
        "can_mark_model": permissions.can_mark_model(user),
        "reason_form": forms.ReasonForm(),
    }
    return render(request, "cases/case_detail.html", context)


def case_similar(request: HtmxRequest, pk: int) -> HttpResponse:
    """Cases like a published one: loaded after the case page (htmx), or as a page of its own
    when followed as a link (without JavaScript)."""
    case = get_object_or_404(Case, pk=pk, status=Case.Status.PUBLISHED)
    context = {"case": case, "similar": selectors.similar(case)}
    return render_page_or_fragment(request, "cases/similar.html", "similar", context)


@require_safe
def photo(request: HttpRequest, pk: int, size: str = "display") -> FileResponse:
    """A case's photo (or its thumbnail) for whoever may see the case: anyone once it is
    published, otherwise its authors, its partners and the support staff (404 to others)."""
    picture = get_object_or_404(CasePhoto.objects.select_related("case"), pk=pk)
    if not permissions.can_view(request.user, picture.case):
        raise Http404
    stored = picture.thumbnail if size == "thumbnail" and picture.thumbnail else picture.image
    return file_response(stored, public=picture.case.is_published, inline=True)


@require_safe
def attachment(request: HttpRequest, pk: int) -> FileResponse:
    """A case's file, as a download, for whoever may see the case (as for photos)."""
    document = get_object_or_404(CaseAttachment.objects.select_related("case"), pk=pk)
    if not permissions.can_view(request.user, document.case):
        raise Http404
    return file_response(document.file, public=document.case.is_published, title=document.title)


@login_required
def case_edit(request: AuthenticatedRequest, pk: int | None = None) -> HttpResponse:
    """Write a new case or change a draft: the story, the classification and the partners."""
    case = get_object_or_404(Case, pk=pk) if pk else None
    allowed = (
        permissions.can_edit(request.user, case) if case else permissions.can_create(request.user)
    )
    if not allowed:
        raise PermissionDenied
    groups = None if case else listed_groups_of(request.user)
    form = forms.CaseForm(request.POST or None, instance=case, groups=groups)
    initial = [{"name": p.name, "role": p.role} for p in case.partners.all()] if case else []
    partners = forms.PartnerFormSet(request.POST or None, initial=initial, prefix="partners")
    if request.method == "POST" and form.is_valid() and partners.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "author_organisation"}
        try:
            saved = services.case_save(
                case=case,
                data=data,
                partners=[row for row in partners.cleaned_data if row],
                by=request.user,
                author_organisation=form.cleaned_data.get("author_organisation"),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The case was saved."))
            return redirect(saved)
    context = {"form": form, "partners": partners, "case": case}
    return render(request, "cases/case_form.html", context)


@login_required
def case_photos(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    case = get_object_or_404(Case, pk=pk)
    if not permissions.can_edit(request.user, case):
        raise PermissionDenied
    form = forms.PhotoForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and "remove" in request.POST:
        photo = get_object_or_404(
            CasePhoto, pk=whole_number(request.POST["remove"], default=0), case=case
        )
        services.case_photo_remove(photo=photo, by=request.user)
        messages.success(request, _("The photo was removed."))
        return redirect("cases:photos", pk=case.pk)
    if request.method == "POST" and form.is_valid():
        try:
            services.case_photo_add(
                case=case,
                image=form.cleaned_data["image"],
                alt_text=form.cleaned_data["alt_text"],
                caption=form.cleaned_data["caption"],
                by=request.user,
            )
        except ValidationError as error:
            form.add_error("image", error)
        else:
            messages.success(request, _("The photo was added."))
            return redirect("cases:photos", pk=case.pk)
    return render(request, "cases/case_photos.html", {"case": case, "form": form})


@login_required
def case_files(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Documents others can reuse: add or remove, by those who may edit the case."""
    case = get_object_or_404(Case, pk=pk)
    if not permissions.can_edit(request.user, case):
        raise PermissionDenied
    form = forms.AttachmentForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and "remove" in request.POST:
        attachment = get_object_or_404(
            CaseAttachment, pk=whole_number(request.POST["remove"], default=0), case=case
        )
        services.case_attachment_remove(attachment=attachment, by=request.user)
        messages.success(request, _("The file was removed."))
        return redirect("cases:files", pk=case.pk)
    if request.method == "POST" and form.is_valid():
        try:
            services.case_attachment_add(
                case=case,
                file=form.cleaned_data["file"],
                title=form.cleaned_data["title"],
                by=request.user,
            )
        except ValidationError as error:
            form.add_error("file", error)
        else:
            messages.success(request, _("The file was added."))
            return redirect("cases:files", pk=case.pk)
    return render(request, "cases/case_files.html", {"case": case, "form": form})


@login_required
@require_POST
def case_action(request: AuthenticatedRequest, pk: int, action: str) -> HttpResponse:
    """Submit, confirm, publish, take back or mark a case; each rule is in the service."""
    case = get_object_or_404(Case, pk=pk)
    try:
        if action == "submit":
            services.case_submit(case=case, by=request.user)
            messages.success(request, _("The partners were asked to confirm the case."))
        elif action == "confirm":
            partner = get_object_or_404(CasePartner, pk=request.POST.get("partner"), case=case)
            services.case_confirm(case=case, partner=partner, by=request.user)
            messages.success(request, _("Thank you: your group's part is confirmed."))
        elif action == "publish":
            services.case_publish(case=case, by=request.user)
            messages.success(request, _("The case is published."))
        elif action == "unpublish":
            reason = forms.ReasonForm(request.POST)
            services.case_unpublish(
                case=case,
                reason=reason.data.get("reason", "") if reason.is_valid() else "",
                by=request.user,
            )
            messages.success(request, _("The case is a draft again."))
        elif action == "model":
            services.case_mark_model(
                case=case, is_model=request.POST.get("is_model") == "1", by=request.user
            )
            messages.success(request, _("Saved."))
        else:
            raise Http404
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect(case)


def booklet_preview(request: HttpRequest) -> HttpResponse:
    """The booklet of the listed cases as a print-styled page (print it from the browser)."""
    cases, ranked = selectors.find(forms.CaseSearchForm(request.GET or None).to_filter(request.GET))
    ids = ranked if ranked is not None else list(cases.values_list("pk", flat=True))
    chosen = list(booklet.booklet_cases(ids))
    return HttpResponse(booklet.html(chosen, for_pdf=False))


@login_required
def booklet_make(request: AuthenticatedRequest) -> HttpResponse:
    """Staff typeset the listed cases (the list's filters) as a PDF, in the background."""
    if not permissions.can_make_booklet(request.user):
        raise PermissionDenied
    params = request.POST if request.method == "POST" else request.GET
    cases, ranked = selectors.find(forms.CaseSearchForm(params or None).to_filter(params))
    ids = ranked if ranked is not None else list(cases.values_list("pk", flat=True))
    ids = ids[: booklet.MAX_CASES]
    if request.method == "POST" and ids:
        job = core_services.job_start(
            task=tasks.make_booklet,
            kind="cases.booklet",
            label=_("Case booklet (PDF)"),
            by=request.user,
            case_ids=ids,
        )
        return redirect(job)
    context = {"count": len(ids), "params": params, "limit": booklet.MAX_CASES}
    return render(request, "cases/booklet_make.html", context)


@login_required
def my_cases(request: AuthenticatedRequest) -> HttpResponse:
    """Cases the user wrote or whose partners ask for the user's confirmation."""
    groups = Membership.objects.filter(user=request.user).values("organisation")
    cases = (
        Case.objects.filter(created_by=request.user)
        | Case.objects.filter(author_organisation__in=groups)
        | Case.objects.filter(partners__organisation__in=groups)
    )
    cases = cases.distinct().order_by("-updated_at", "-pk")
    context = {"cases": cases, "can_create": permissions.can_create(request.user)}
    return render(request, "cases/my_cases.html", context)


def _query_without(request: HttpRequest, *names: str) -> str:
    query = request.GET.copy()
    for name in names:
        query.pop(name, None)
    return query.urlencode()


def _facet_links(request: HttpRequest, facet: selectors.Facet) -> list[dict[str, Any]]:
    """Each option as a link that sets this facet (and keeps the others)."""
    current = request.GET.get(facet.name, "")
    # The other parameters once; each link adds its own value (a page has ~100 links).
    query = request.GET.copy()
    for name in ("page", facet.name):
        query.pop(name, None)
    rest = query.urlencode()
    prefix = "?" + (rest + "&" if rest else "") + urlencode({facet.name: ""})
    return [
        {
            "label": label,
            "count": count,
            "url": prefix + quote_plus(str(value)),
            "current": current == str(value),
        }
        for value, label, count in facet.options
    ]


def _active_filters(request: HttpRequest, facets: list[selectors.Facet]) -> list[dict[str, str]]:
    """The facets in use, each with a link that removes it."""
    labels = {(f.name, str(v)): text for f in facets for v, text, _n in f.options}
    active = []
    for name in FACET_PARAMS:
        value = request.GET.get(name)
        if value:
            label = _("Model cases") if name == "model" else labels.get((name, value), value)
            active.append({"label": label, "url": "?" + _query_without(request, name, "page")})
    return active
