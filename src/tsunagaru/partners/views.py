"""Pages of the partner registry. Thin: selector → permission → service → page."""

from __future__ import annotations

import uuid
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tsunagaru.audit.services import audit_record
from tsunagaru.community import panels as community_panels
from tsunagaru.core import services as core_services
from tsunagaru.core.forms import FILL_ADDRESS, add_service_errors, initial_with_address
from tsunagaru.core.htmx import AuthenticatedRequest, HtmxRequest, render_page_or_fragment
from tsunagaru.core.http import private_download
from tsunagaru.core.ratelimits import rate_limit_consume
from tsunagaru.core.serving import file_response
from tsunagaru.info import selectors as info_selectors
from tsunagaru.matching import permissions as matching_permissions
from tsunagaru.partners import forms, importer, permissions, selectors, services, tabular, tasks
from tsunagaru.partners.models import Membership, Need, Offer, Organisation
from tsunagaru.translations import selectors as translation_selectors
from tsunagaru.translations import services as translation_services

PAGE_SIZE = 20


def directory(request: HtmxRequest) -> HttpResponse:
    """The public list of verified groups, with filters and Japanese full-text search."""
    form = forms.DirectoryForm(request.GET or None)
    if request.htmx and request.htmx.target == "id_district":
        # The area changed: only the district select, narrowed to that area.
        response = render(request, "_filter_select.html", {"field": form["district"]})
        patch_vary_headers(response, ["HX-Request"])
        return response
    filters = form.to_filter()
    organisations, ranked = selectors.directory(filters=filters)
    if ranked is not None and filters.sort == "relevance":
        # Page through the ranked ids, then load only that page's groups.
        page: Any = Paginator(ranked, PAGE_SIZE).get_page(request.GET.get("page"))
        by_pk = organisations.in_bulk(list(page.object_list))
        page.object_list = [by_pk[pk] for pk in page.object_list if pk in by_pk]
    else:
        page = Paginator(organisations, PAGE_SIZE).get_page(request.GET.get("page"))
        page.object_list = list(page.object_list)
    selectors.mark_open_needs(page.object_list)
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "page": page,
        "query": query.urlencode(),
        "filters": filters,
        "truncated": ranked is not None and len(ranked) >= selectors.SEARCH_LIMIT,
        "can_import": permissions.can_import(request.user),
    }
    return render_page_or_fragment(request, "partners/directory.html", "results", context)


def detail(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = selectors.organisation_detail(pk=pk)
    if organisation is None or not permissions.can_view(request.user, organisation):
        raise Http404
    user = request.user
    if organisation.status == Organisation.Status.VERIFIED:
        translation_services.read_note(organisation)  # the translators' queue, most-read first
    # What the group offers and needs, in the reader's language: one query for each list.
    translation_selectors.prefetch(organisation.offers.all(), get_language() or "ja")
    translation_selectors.prefetch(organisation.needs.all(), get_language() or "ja")
    context = {
        "organisation": organisation,
        "can_edit": permissions.can_edit(user, organisation),
        "can_manage_members": permissions.can_manage_members(user, organisation),
        "can_see_members": permissions.can_see_members(user, organisation),
        "can_verify": permissions.can_verify(user, organisation),
        "can_suspend": permissions.can_suspend(user, organisation),
        "can_reinstate": permissions.can_reinstate(user, organisation),
        "can_resubmit": permissions.can_resubmit(user, organisation),
        "can_contact": permissions.can_contact(user, organisation),
        "can_ask_to_meet": matching_permissions.can_ask_to_meet(user, organisation),
        # Signed in but in no listed group: the way to 「つながりたい」 is to register one.
        "without_group": user.is_authenticated and not permissions.is_partner_or_support(user),
        "reason_form": forms.ReasonForm(),
        # Its public events (as organiser or co-organiser) and published news; never drafts.
        "events": info_selectors.events_of_organisation(organisation.pk),
        "news": info_selectors.news_of_organisation(organisation.pk),
        # A 地区振興会's community plans (None for other groups).
        "plans": community_panels.organisation_plans(user, organisation),
    }
    return render(request, "partners/organisation_detail.html", context)


@login_required
def register(request: AuthenticatedRequest) -> HttpResponse:
    if not permissions.can_register(request.user):
        raise PermissionDenied
    form = forms.OrganisationForm(request.POST or None, request.FILES or None, user=request.user)
    if FILL_ADDRESS in request.POST:
        form = forms.OrganisationForm(initial=_with_address(request, form), user=request.user)
    elif request.method == "POST" and form.is_valid():
        try:
            organisation = services.organisation_register(data=form.cleaned_data, by=request.user)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("Your group is registered. A coordinator will verify it before it is listed."),
            )
            return redirect(organisation)
    return render(request, "partners/organisation_form.html", {"form": form, "organisation": None})


@login_required
def edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    organisation = get_object_or_404(Organisation, pk=pk)
    if not permissions.can_edit(request.user, organisation):
        raise PermissionDenied
    form = forms.OrganisationForm(
        request.POST or None, request.FILES or None, instance=organisation, user=request.user
    )
    if FILL_ADDRESS in request.POST:
        initial = _with_address(request, form)
        form = forms.OrganisationForm(initial=initial, instance=organisation, user=request.user)
    elif request.method == "POST" and form.is_valid():
        was_listed = organisation.is_listed
        try:
            services.organisation_update(
                organisation=organisation, data=form.cleaned_data, by=request.user
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The profile was saved."))
            if was_listed and not organisation.is_listed:
                messages.warning(
                    request,
                    _(
                        "Because the name, kind or parent group changed, a coordinator checks "
                        "the group again. It is not listed until then."
                    ),
                )
            return redirect(organisation)
    return render(
        request, "partners/organisation_form.html", {"form": form, "organisation": organisation}
    )


def _with_address(request: HttpRequest, form: forms.OrganisationForm) -> dict[str, Any]:
    """「住所を入力」 pressed without JavaScript: the form again, as typed, with the address
    of its postcode (nothing is saved)."""
    initial, message = initial_with_address(form)
    messages.info(request, message)
    return initial


@require_POST
@login_required
def change_status(request: AuthenticatedRequest, pk: int, action: str) -> HttpResponse:
    """Verify, reject, suspend, reinstate or resubmit a group (each with its own permission)."""
    organisation = get_object_or_404(Organisation, pk=pk)
    checks: dict[str, tuple[Any, Any, bool]] = {
        "verify": (permissions.can_verify, services.organisation_verify, False),
        "reject": (permissions.can_verify, services.organisation_reject, True),
        "suspend": (permissions.can_suspend, services.organisation_suspend, True),
        "reinstate": (permissions.can_reinstate, services.organisation_reinstate, False),
        "resubmit": (permissions.can_resubmit, services.organisation_resubmit, False),
    }
    if action not in checks:
        raise Http404
    allowed, service, needs_reason = checks[action]
    if not allowed(request.user, organisation):
        raise PermissionDenied
    kwargs: dict[str, Any] = {"organisation": organisation, "by": request.user}
    if needs_reason:
        kwargs["reason"] = request.POST.get("reason", "")
    try:
        service(**kwargs)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(
            request,
            _("The group's status is now: %(status)s.")
            % {"status": organisation.get_status_display()},
        )
    return redirect(organisation)


@login_required
def item_edit(
    request: AuthenticatedRequest, pk: int, kind: str, item_pk: int | None = None
) -> HttpResponse:
    """Add or change an offer or a need of a group."""
    if kind not in ("offers", "needs"):
        raise Http404
    organisation = get_object_or_404(Organisation, pk=pk)
    if not permissions.can_edit(request.user, organisation):
        raise PermissionDenied
    item: Offer | Need
    form: forms.OfferForm | forms.NeedForm
    if kind == "offers":
        item = (
            get_object_or_404(Offer, pk=item_pk, organisation=organisation)
            if item_pk
            else Offer(organisation=organisation)
        )
        form = forms.OfferForm(request.POST or None, instance=item)
        if request.method == "POST" and form.is_valid():
            services.offer_save(offer=item, data=form.cleaned_data, by=request.user)
            messages.success(request, _("Saved."))
            return redirect(organisation)
    else:
        item = (
            get_object_or_404(Need, pk=item_pk, organisation=organisation)
            if item_pk
            else Need(organisation=organisation)
        )
        form = forms.NeedForm(request.POST or None, instance=item)
        if request.method == "POST" and form.is_valid():
            services.need_save(need=item, data=form.cleaned_data, by=request.user)
            messages.success(request, _("Saved."))
            return redirect(organisation)
    return render(
        request,
        "partners/item_form.html",
        {"form": form, "organisation": organisation, "kind": kind, "item": item},
    )


@require_POST
@login_required
def need_status(request: AuthenticatedRequest, pk: int, need_pk: int) -> HttpResponse:
    need = get_object_or_404(
        Need.objects.select_related("organisation"), pk=need_pk, organisation_id=pk
    )
    if not permissions.can_edit(request.user, need.organisation):
        raise PermissionDenied
    try:
        services.need_set_status(need=need, status=request.POST.get("status", ""), by=request.user)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    return redirect(need.organisation)


@login_required
def members(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    organisation = get_object_or_404(Organisation, pk=pk)
    if not permissions.can_see_members(request.user, organisation):
        raise PermissionDenied
    can_manage = permissions.can_manage_members(request.user, organisation)
    form = forms.InvitationForm(request.POST or None)
    if request.method == "POST":
        if not can_manage:
            raise PermissionDenied
        if form.is_valid():
            try:
                services.invitation_create(
                    organisation=organisation,
                    email=form.cleaned_data["email"],
                    role=form.cleaned_data["role"],
                    by=request.user,
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("The invitation was sent."))
                return redirect("partners:members", pk=pk)
    memberships = organisation.memberships.select_related("user").order_by("role", "pk")
    pending = organisation.invitations.filter(accepted_at__isnull=True).order_by("-created_at")
    context = {
        "organisation": organisation,
        "memberships": memberships,
        "invitations": pending,
        "form": form,
        "can_manage": can_manage,
        "roles": Membership.Role.choices,
    }
    return render(request, "partners/members.html", context)


@require_POST
@login_required
def member_change(request: AuthenticatedRequest, pk: int, membership_pk: int) -> HttpResponse:
    """Change a member's role, or remove them (a member may also leave by themselves)."""
    membership = get_object_or_404(
        Membership.objects.select_related("organisation", "user"),
        pk=membership_pk,
        organisation_id=pk,
    )
    leaving = membership.user_id == request.user.pk and request.POST.get("remove")
    if not (leaving or permissions.can_manage_members(request.user, membership.organisation)):
        raise PermissionDenied
    try:
        if request.POST.get("remove"):
            services.membership_remove(membership=membership, by=request.user)
        else:
            services.membership_change_role(
                membership=membership, role=request.POST.get("role", ""), by=request.user
            )
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, _("Saved."))
    if leaving:
        return redirect(membership.organisation)
    return redirect("partners:members", pk=pk)


@login_required
def invitation_accept(request: AuthenticatedRequest, token: str) -> HttpResponse:
    if request.method == "POST":
        try:
            membership = services.invitation_accept(token=token, user=request.user)
        except ValidationError as error:
            messages.error(request, error.messages[0])
            return redirect("core:home")
        messages.success(
            request, _("You joined %(name)s.") % {"name": membership.organisation.name}
        )
        return redirect(membership.organisation)
    invitation = selectors.invitation_pending(token=token)
    if invitation is None:
        raise Http404
    context = {
        "invitation": invitation,
        "for_someone_else": not services.invitation_is_for(invitation, request.user),
        "wrong_address": services.WRONG_ADDRESS,
    }
    return render(request, "partners/invitation_accept.html", context)


def contact(request: HttpRequest, pk: int) -> HttpResponse:
    """Write to a group without seeing its address; the group replies to the sender."""
    organisation = get_object_or_404(Organisation, pk=pk)
    if not permissions.can_contact(request.user, organisation):
        raise Http404
    form = forms.ContactForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        # Per client and per group (settings.RATE_LIMITS["contact"]): the form mails a group
        # with a Reply-To anyone can choose.
        if not rate_limit_consume(request, action="contact", key=str(organisation.pk)):
            form.add_error(
                None,
                ValidationError(
                    _(
                        "Too many messages were sent from here or to this group. "
                        "Try again later, or write to the support centre."
                    ),
                    code="rate_limited",
                ),
            )
            status = 429
        else:
            user = request.user if request.user.is_authenticated else None
            services.contact_send(organisation=organisation, by=user, **form.cleaned_data)
            messages.success(request, _("Your message was sent to the group."))
            return redirect(organisation)
    context = {"form": form, "organisation": organisation}
    return render(request, "partners/contact.html", context, status=status)


@login_required
def review(request: AuthenticatedRequest) -> HttpResponse:
    """The coordinators' queue of groups waiting for verification."""
    if not permissions.can_review(request.user):
        raise PermissionDenied
    return render(
        request,
        "partners/review.html",
        {"organisations": selectors.review_queue(), "reason_form": forms.ReasonForm()},
    )


def district(request: HttpRequest, pk: int) -> HttpResponse:
    """A district's page moved to the community app: old links keep working."""
    return redirect("community:district", pk=pk, permanent=True)


def logo(request: HttpRequest, pk: int) -> FileResponse:
    """A group's logo, served only while the group itself may be seen (core.serving)."""
    organisation = get_object_or_404(Organisation, pk=pk)
    if not organisation.logo or not permissions.can_view(request.user, organisation):
        raise Http404
    return file_response(organisation.logo, public=organisation.is_listed, inline=True)


@login_required
def my_groups(request: AuthenticatedRequest) -> HttpResponse:
    context = {
        "memberships": selectors.my_organisations(user=request.user),
        "can_view_volunteers": permissions.can_view_volunteers(request.user),
        "can_search_help": matching_permissions.can_search_help(request.user),
    }
    return render(request, "partners/my_groups.html", context)


@login_required
def volunteer(request: AuthenticatedRequest) -> HttpResponse:
    """A person's own volunteer profile (shown to groups only if they opt in)."""
    profile = getattr(request.user, "volunteer_profile", None)
    form = forms.VolunteerForm(request.POST or None, instance=profile)
    if request.method == "POST" and form.is_valid():
        services.volunteer_profile_save(user=request.user, data=form.cleaned_data)
        messages.success(request, _("Your volunteer profile was saved."))
        return redirect("partners:volunteer")
    return render(request, "partners/volunteer_form.html", {"form": form})


@login_required
def import_upload(request: AuthenticatedRequest) -> HttpResponse:
    """Upload → a preview of the rows, or the exact list of errors; nothing is saved yet."""
    if not permissions.can_import(request.user):
        raise PermissionDenied
    form = forms.ImportForm(request.POST or None, request.FILES or None)
    context: dict[str, Any] = {"form": form}
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            rows = tabular.read(upload.read(), upload.name)
        except tabular.TableError as error:
            form.add_error("file", str(error))
        else:
            checked = importer.check(rows)
            context.update(checked=checked, preview=checked.rows[:20], total=len(rows))
            if not checked.errors:
                suffix = ".xlsx" if upload.name.lower().endswith(".xlsx") else ".csv"
                upload.seek(0)
                path = default_storage.save(f"imports/{uuid.uuid4().hex}{suffix}", upload)
                request.session["partners_import"] = {
                    "path": path,
                    "list_now": form.cleaned_data["list_now"],
                }
    return render(request, "partners/import.html", context)


@require_POST
@login_required
def import_confirm(request: AuthenticatedRequest) -> HttpResponse:
    if not permissions.can_import(request.user):
        raise PermissionDenied
    pending = request.session.pop("partners_import", None)
    if not pending:
        messages.error(request, _("Upload the file again: the preview has expired."))
        return redirect("partners:import")
    job = core_services.job_start(
        task=tasks.import_organisations,
        kind="partners.import",
        label=_("Import of groups"),
        by=request.user,
        path=pending["path"],
        list_now=pending["list_now"],
    )
    return redirect(job)


def export(request: HttpRequest) -> HttpResponse:
    """The directory, or the filtered part of it, as CSV (UTF-8 or Shift_JIS) or XLSX."""
    filters = forms.DirectoryForm(request.GET or None).to_filter()
    organisations, ranked = selectors.directory(filters=filters)
    if ranked is not None:
        organisations = organisations.filter(pk__in=ranked)
    rows = services.directory_rows(organisations.iterator(chunk_size=1000))
    chosen = request.GET.get("format", "csv")
    stamp = timezone.localdate().strftime("%Y%m%d")
    if chosen == "xlsx":
        content = tabular.write_xlsx(rows)
        response = HttpResponse(
            content,
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        name = f"partners-{stamp}.xlsx"
    else:
        encoding = "cp932" if chosen == "csv-cp932" else "utf-8"
        content, replaced = tabular.write_csv(rows, encoding=encoding)
        response = HttpResponse(
            content,
            content_type=f"text/csv; charset={'shift_jis' if encoding == 'cp932' else 'utf-8'}",
        )
        response["X-Replaced-Characters"] = str(replaced)
        name = f"partners-{stamp}.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    # Public fields only, yet made for whoever asked (staff filter and export their lists).
    return private_download(response)


@login_required
def volunteers(request: AuthenticatedRequest) -> HttpResponse:
    """Individuals who offered to help and chose to be seen. Each viewing is logged."""
    if not permissions.can_view_volunteers(request.user):
        raise PermissionDenied
    profiles = list(selectors.volunteer_list()[:200])
    audit_record(actor=request.user, action="volunteer.list_view", note=f"{len(profiles)} shown")
    return render(request, "partners/volunteers.html", {"profiles": profiles})
