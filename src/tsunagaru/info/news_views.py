"""Pages of news (お知らせ): the list, an article, its form and actions, its picture, the review
queue with the groups trusted to publish directly. Thin: selector → permission → service."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from tsunagaru.core.forms import add_service_errors
from tsunagaru.core.htmx import AuthenticatedRequest, HtmxRequest, render_page_or_fragment
from tsunagaru.core.serving import file_response
from tsunagaru.info import news_forms, selectors, services
from tsunagaru.info import news_permissions as permissions
from tsunagaru.info.news_models import NewsArticle
from tsunagaru.partners.models import Organisation
from tsunagaru.partners.selectors import listed_groups_of
from tsunagaru.translations import services as translation_services

PAGE_SIZE = 20


def _groups_to_write_for(request: HttpRequest) -> list[Organisation]:
    return [g for g in listed_groups_of(request.user) if permissions.can_write_for(request.user, g)]


def news_list(request: HtmxRequest) -> HttpResponse:
    """Published news, newest first, by kind (a plain GET form: no JavaScript needed)."""
    form = news_forms.KindFilterForm(request.GET or None)
    kind = form.cleaned_data["kind"] if form.is_valid() else ""
    page = Paginator(selectors.news_list(kind=kind), PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "form": form,
        "page": page,
        "query": urlencode({"kind": kind} if kind else {}),
        "can_write": bool(_groups_to_write_for(request)),
        "can_review": permissions.can_view_review_queue(request.user),
    }
    return render_page_or_fragment(request, "info/news_list.html", "results", context)


def _article_or_404(request: HttpRequest, pk: int) -> NewsArticle:
    article = selectors.news_get(viewer=request.user, pk=pk)
    if article is None:
        raise Http404
    return article


def news_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """An article; a hidden one shows everyone why it was hidden, in its place."""
    article = _article_or_404(request, pk)
    user = request.user
    if article.is_public:
        translation_services.read_note(article)  # the translators' queue starts with the most-read
    can_set_trust = permissions.can_set_trust(user, article.author)
    context = {
        "article": article,
        "show_text": article.status != NewsArticle.Status.HIDDEN
        or permissions.can_read_hidden(user, article),
        "can_edit": permissions.can_edit(user, article),
        "can_submit": permissions.can_submit(user, article),
        "publishes_directly": services.news.publishes_directly(article.author),
        "can_review": permissions.can_review(user, article),
        "can_hide": permissions.can_hide(user, article),
        "can_restore": permissions.can_restore(user, article),
        "can_set_trust": can_set_trust,
        "trusted": can_set_trust and selectors.is_news_trusted(article.author_id),
        "hide_form": news_forms.HideForm(),
        "return_form": news_forms.ReturnForm(),
    }
    return render(request, "info/news_detail.html", context)


@login_required
def news_edit(request: AuthenticatedRequest, pk: int | None = None) -> HttpResponse:
    """Write a new article (a draft of one of the user's groups) or change a draft."""
    article = None
    groups: list[Organisation] = []
    if pk is not None:
        article = _article_or_404(request, pk)
        if not permissions.can_edit(request.user, article):
            raise PermissionDenied
    else:
        groups = _groups_to_write_for(request)
        if not groups:
            raise PermissionDenied
    form = news_forms.NewsForm(
        request.POST or None, request.FILES or None, instance=article, groups=groups
    )
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.news_save(
                article=article,
                data=form.content(),
                author=form.cleaned_data.get("author"),
                image=form.cleaned_data.get("picture"),
                remove_image=bool(form.cleaned_data.get("remove_picture")),
                by=request.user,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Saved as a draft."))
            return redirect(saved)
    return render(request, "info/news_form.html", {"form": form, "article": article})


ACTIONS = {
    "submit": permissions.can_submit,
    "publish": permissions.can_review,
    "return": permissions.can_review,
    "hide": permissions.can_hide,
    "restore": permissions.can_restore,
}


@require_POST
@login_required
def news_action(request: AuthenticatedRequest, pk: int, action: str) -> HttpResponse:
    """Submit, publish, send back, hide or show again; the rules are in services."""
    article = _article_or_404(request, pk)
    if action not in ACTIONS:
        raise Http404
    if not ACTIONS[action](request.user, article):
        raise PermissionDenied
    try:
        messages.success(request, _do(request, article, action))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect(article)


def _do(request: AuthenticatedRequest, article: NewsArticle, action: str) -> str:
    by = request.user
    reason = str(request.POST.get("reason", ""))
    if action == "submit":
        services.news_submit(article=article, by=by)
        if article.status == NewsArticle.Status.IN_REVIEW:
            return _("Sent to the city for review. It is published once checked.")
        return _("The article is published.")
    if action == "publish":
        services.news_publish(article=article, by=by)
        return _("The article is published.")
    if action == "return":
        services.news_return(article=article, reason=reason, by=by)
        return _("The article was sent back to its group.")
    if action == "hide":
        services.news_hide(article=article, reason=reason, by=by)
        return _("The article is hidden. Its page shows the reason.")
    services.news_restore(article=article, by=by)
    return _("The article is shown again.")


@require_safe
def news_picture(request: HttpRequest, pk: int, size: str = "display") -> FileResponse:
    """An article's picture for whoever may read its text (404 to others)."""
    article = _article_or_404(request, pk)
    if article.status != NewsArticle.Status.PUBLISHED and not permissions.can_read_hidden(
        request.user, article
    ):
        raise Http404
    stored = article.thumbnail if size == "thumbnail" and article.thumbnail else article.image
    return file_response(stored, public=article.is_public, inline=True)


@login_required
def news_review(request: AuthenticatedRequest) -> HttpResponse:
    """Support staff: articles waiting for review, and the groups trusted to publish directly."""
    if not permissions.can_view_review_queue(request.user):
        raise PermissionDenied
    context = {
        "articles": selectors.news_review_queue()[:200],
        "trusted": selectors.news_trusted_groups(),
    }
    return render(request, "info/news_review.html", context)


@require_POST
@login_required
def news_trust(request: AuthenticatedRequest, organisation_pk: int, action: str) -> HttpResponse:
    """City staff let a group publish its news without review, or take that back."""
    organisation = get_object_or_404(Organisation, pk=organisation_pk)
    if action not in ("grant", "withdraw"):
        raise Http404
    if not permissions.can_set_trust(request.user, organisation):
        raise PermissionDenied
    try:
        if action == "grant":
            services.news_trust_grant(organisation=organisation, by=request.user)
            messages.success(request, _("The group now publishes its news without review."))
        else:
            services.news_trust_withdraw(organisation=organisation, by=request.user)
            messages.success(request, _("The group's news is reviewed again before it is public."))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("news:review")


@login_required
def my_news(request: AuthenticatedRequest) -> HttpResponse:
    """My groups' articles in every state."""
    context: dict[str, Any] = {
        "articles": selectors.my_news(user=request.user)[:100],
        "can_write": bool(_groups_to_write_for(request)),
    }
    return render(request, "info/news_mine.html", context)
