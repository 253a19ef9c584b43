"""Public pages of grants — the year's programmes, one programme's rules, the self-check — and
the staff's pages that keep the programmes. Thin: selector → permission → service → page."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from tsunagaru.core.dates import fiscal_year
from tsunagaru.core.forms import add_service_errors
from tsunagaru.core.htmx import AuthenticatedRequest
from tsunagaru.core.templatetags.japanese_dates import fiscal_year_choices
from tsunagaru.grants import eligibility, forms, permissions, selectors, services
from tsunagaru.grants.models import Programme, Requirement, Round
from tsunagaru.partners.models import Organisation


def _year(request: HttpRequest) -> int:
    years = selectors.programme_years()
    try:
        year = int(request.GET.get("year", ""))
    except ValueError:
        year = fiscal_year(selectors.today())
    if years and year not in years:
        year = (
            years[0]
            if fiscal_year(selectors.today()) not in years
            else fiscal_year(selectors.today())
        )
    return year


def index(request: HttpRequest) -> HttpResponse:
    """The year's grants, each with whether it takes applications now."""
    year = _year(request)
    today = selectors.today()
    programmes = list(selectors.programmes_of_year(year))
    rows = [
        {
            "programme": p,
            "open_round": next(
                (r for r in p.rounds.all() if r.opens_on <= today <= r.deadline), None
            ),
            "next_round": next((r for r in p.rounds.all() if r.opens_on > today), None),
        }
        for p in programmes
    ]
    context: dict[str, Any] = {
        "year": year,
        "years": selectors.programme_years(),
        "rows": rows,
        "can_manage": permissions.can_manage_programmes(request.user),
    }
    return render(request, "grants/index.html", context)


def programme_detail(request: HttpRequest, pk: int) -> HttpResponse:
    programme = selectors.programme_get(pk)
    if programme is None:
        raise Http404
    groups = _my_groups(request, programme)
    context: dict[str, Any] = {
        "programme": programme,
        "open_round": selectors.open_round(programme),
        "is_open": selectors.is_open(programme),
        "can_manage": permissions.can_manage_programmes(request.user),
        "start_form": forms.StartForm(programme=programme, organisations=groups)
        if groups
        else None,
        "requirement_labels": [Requirement(code).label for code in programme.requirements],
    }
    return render(request, "grants/programme_detail.html", context)


def _my_groups(request: HttpRequest, programme: Programme) -> Any:
    if not request.user.is_authenticated:
        return None
    groups = Organisation.objects.filter(
        memberships__user=request.user, status=Organisation.Status.VERIFIED
    ).order_by("name_sort", "pk")
    return groups if groups.exists() else None


def self_check(request: HttpRequest) -> HttpResponse:
    """A few yes/no questions that say which programmes and courses fit, and why not."""
    year = _year(request)
    offers = [
        eligibility.Offer(
            key=str(p.pk),
            name=p.name,
            requirements=p.requirements,
            courses=[
                eligibility.Offer(key=c.code, name=c.name, requirements=c.requirements)
                for c in p.courses.all()
            ],
        )
        for p in selectors.programmes_of_year(year)
    ]
    codes = eligibility.questions_for(offers)
    form = forms.SelfCheckForm(request.GET if "check" in request.GET else None, codes=codes)
    results = None
    if form.is_bound and form.is_valid():
        results = eligibility.check(offers, form.answers())
    programmes = {str(p.pk): p for p in selectors.programmes_of_year(year)}
    context = {
        "form": form,
        "year": year,
        "results": [(programmes[r.offer.key], r) for r in results] if results else None,
    }
    return render(request, "grants/self_check.html", context)


def _managed(request: HttpRequest, pk: int) -> Programme:
    if not permissions.can_manage_programmes(request.user):
        raise PermissionDenied
    programme = selectors.programme_get(pk)
    if programme is None:
        raise Http404
    return programme


@login_required
def programme_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Staff change a programme: its rules only while no application was made under them."""
    programme = _managed(request, pk)
    form = forms.ProgrammeForm(request.POST or None, instance=programme)
    if request.method == "POST" and form.is_valid():
        try:
            services.programme_update(
                programme=Programme.objects.get(pk=pk), data=form.cleaned_data, by=request.user
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The programme is saved."))
            return redirect("grants:programme", pk=pk)
    in_use = programme.applications.exists()
    return render(
        request,
        "grants/programme_form.html",
        {"form": form, "programme": programme, "in_use": in_use},
    )


@login_required
def round_add(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    programme = _managed(request, pk)
    form = forms.RoundForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.round_save(programme=programme, data=form.cleaned_data, by=request.user)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The round is saved."))
            return redirect("grants:programme", pk=pk)
    return render(request, "grants/round_form.html", {"form": form, "programme": programme})


@login_required
def round_edit(request: AuthenticatedRequest, pk: int, number: int) -> HttpResponse:
    programme = _managed(request, pk)
    target = get_object_or_404(Round, programme=programme, number=number)
    form = forms.RoundForm(
        request.POST or None,
        initial={
            "opens_on": target.opens_on,
            "deadline": target.deadline,
            "review_on": target.review_on,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.round_save(
                programme=programme, round=target, data=form.cleaned_data, by=request.user
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The round is saved."))
            return redirect("grants:programme", pk=pk)
    return render(
        request, "grants/round_form.html", {"form": form, "programme": programme, "round": target}
    )


@login_required
def programme_copy(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Staff begin next year's programme as a copy of this one."""
    programme = _managed(request, pk)
    years = list(
        reversed(fiscal_year_choices(programme.fiscal_year + 1, programme.fiscal_year + 3))
    )
    form = forms.CopyForm(request.POST or None, years=years)
    if request.method == "POST" and form.is_valid():
        try:
            copy = services.programme_copy(
                programme=programme, fiscal_year=form.cleaned_data["fiscal_year"], by=request.user
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The programme is copied. Check its rounds and budget."))
            return redirect("grants:programme", pk=copy.pk)
    return render(request, "grants/programme_copy.html", {"form": form, "programme": programme})


def results(request: HttpRequest) -> HttpResponse:
    """The year's results, public: per grant the applications, adoptions and amount, the
    not-adopted counts by reason and the applications from groups applying for the first
    time; then one grant's adopted groups and projects, 100 to a page."""
    from django.core.paginator import Paginator

    from tsunagaru.grants import results as grant_results

    year = _year(request)
    rows = [r for r in grant_results.year_results(year) if r.applied]
    chosen = next(
        (r for r in rows if str(r.programme.pk) == request.GET.get("programme")),
        next((r for r in rows if r.adopted), None),
    )
    page = None
    if chosen:
        paginator = Paginator(grant_results.adopted_lines(chosen.programme), 100)
        paginator.__dict__["count"] = chosen.adopted  # counted already with the summary
        page = paginator.get_page(request.GET.get("page"))
    context = {
        "year": year,
        "years": selectors.programme_years(),
        "results": rows,
        "chosen": chosen,
        "page": page,
        "query": f"year={year}&programme={chosen.programme.pk}" if chosen else "",
        "totals": grant_results.totals(rows),
    }
    return render(request, "grants/results.html", context)


def results_csv(request: HttpRequest) -> HttpResponse:
    """The year's adopted applications as open data (UTF-8 with BOM, or cp932 for old Excel)."""
    from tsunagaru.grants import results as grant_results
    from tsunagaru.info.tabular import write_csv

    year = _year(request)
    encoding = "cp932" if request.GET.get("format") == "csv-cp932" else "utf-8"
    response = HttpResponse(
        write_csv(grant_results.csv_rows(year), encoding=encoding),
        content_type=f"text/csv; charset={'shift_jis' if encoding == 'cp932' else 'utf-8'}",
    )
    response["Content-Disposition"] = f'attachment; filename="grants-{year}.csv"'
    return response
