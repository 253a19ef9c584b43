"""Pages of the knowledge base (ノウハウ集). Thin: selector → permission → service → page."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from tsunagaru.core.htmx import AuthenticatedRequest, HtmxRequest, render_page_or_fragment
from tsunagaru.core.inputs import whole_number
from tsunagaru.core.serving import file_response
from tsunagaru.knowledge import forms, permissions, selectors, services
from tsunagaru.knowledge.models import Article, ArticleAttachment
from tsunagaru.legal import markup
from tsunagaru.translations import selectors as translation_selectors
from tsunagaru.translations import services as translation_services

PAGE_SIZE = 20


def article_list(request: HtmxRequest) -> HttpResponse:
    """Published articles for everyone: a topic and a search (a plain GET form)."""
    form = forms.ArticleSearchForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    filters = selectors.ArticleFilter(query=data.get("q", ""), topic=data.get("topic", ""))
    articles, ranked = selectors.article_list(filters)
    page: Any
    if ranked is not None:
        page = Paginator(ranked, PAGE_SIZE).get_page(request.GET.get("page"))
        # The ranked ids already passed the filters: fetch the page's articles by id alone.
        by_pk = selectors.with_cards(selectors.published().filter(pk__in=page.object_list))
        shown = by_pk.in_bulk()
        page.object_list = [shown[pk] for pk in page.object_list if pk in shown]
    else:
        page = Paginator(selectors.with_cards(articles), PAGE_SIZE).get_page(
            request.GET.get("page")
        )
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "page": page,
        "query": query.urlencode(),
        "today": timezone.localdate(),
        "can_write": permissions.can_write(request.user),
    }
    return render_page_or_fragment(request, "knowledge/article_list.html", "results", context)


def article_detail(request: HttpRequest, pk: int) -> HttpResponse:
    article = selectors.article_get(pk)
    if article is None or not permissions.can_view(request.user, article):
        raise Http404
    user = request.user
    if article.is_published:
        translation_services.read_note(article)  # the translators' queue starts with the most-read
    text = translation_selectors.versions_in(article, get_language() or "ja")
    context = {
        "article": article,
        "body": markup.render(text["body"].text),
        "stale": article.is_stale_on(timezone.localdate()),
        "uses": selectors.use_count(article) if article.is_published else 0,
        "can_edit": permissions.can_edit(user, article),
        "can_publish": permissions.can_publish(user, article),
        "can_archive": permissions.can_archive(user, article),
        "can_restore": permissions.can_restore(user, article),
        "can_mark_reviewed": permissions.can_mark_reviewed(user, article),
        "can_record_use": permissions.can_record_use(user, article),
        "use_form": forms.UseForm(),
        # Consultations are private to the support centre: only its staff see what used this.
        "recent_uses": selectors.recent_uses(article) if permissions.can_write(user) else [],
    }
    return render(request, "knowledge/article_detail.html", context)


@login_required
def article_manage(request: AuthenticatedRequest) -> HttpResponse:
    """The staff list: every draft and published article, those past their review first."""
    if not permissions.can_write(request.user):
        raise PermissionDenied
    form = forms.StaffFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    today = timezone.localdate()
    articles = selectors.staff_list(
        status=data.get("status", ""),
        stale_only=bool(data.get("stale")),
        query=data.get("q", ""),
        today=today,
    )
    page = Paginator(articles, 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {"form": form, "page": page, "query": query.urlencode(), "today": today}
    return render(request, "knowledge/article_manage.html", context)


@login_required
def article_edit(request: AuthenticatedRequest, pk: int | None = None) -> HttpResponse:
    """Write a new article (a draft) or change a draft or a published one."""
    article = get_object_or_404(Article, pk=pk) if pk else None
    allowed = (
        permissions.can_edit(request.user, article)
        if article
        else permissions.can_write(request.user)
    )
    if not allowed:
        raise PermissionDenied
    form = forms.ArticleForm(request.POST or None, instance=article)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.article_save(article=article, data=form.content(), by=request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The article was saved."))
            return redirect(saved)
    return render(request, "knowledge/article_form.html", {"form": form, "article": article})


@login_required
def article_files(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Templates to reuse: add or remove, by those who may edit the article."""
    article = get_object_or_404(Article, pk=pk)
    if not permissions.can_edit(request.user, article):
        raise PermissionDenied
    form = forms.AttachmentForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and "remove" in request.POST:
        attachment = get_object_or_404(
            ArticleAttachment, pk=whole_number(request.POST["remove"], default=0), article=article
        )
        services.article_attachment_remove(attachment=attachment, by=request.user)
        messages.success(request, _("The file was removed."))
        return redirect("knowledge:files", pk=article.pk)
    if request.method == "POST" and form.is_valid():
        try:
            services.article_attachment_add(
                article=article,
                file=form.cleaned_data["file"],
                title=form.cleaned_data["title"],
                by=request.user,
            )
        except ValidationError as error:
            form.add_error("file", error)
        else:
            messages.success(request, _("The file was added."))
            return redirect("knowledge:files", pk=article.pk)
    context = {"article": article, "form": form, "files": article.attachments.all()}
    return render(request, "knowledge/article_files.html", context)


@require_safe
def attachment(request: HttpRequest, pk: int) -> FileResponse:
    """An article's file, as a download, for whoever may read the article (404 to others)."""
    document = get_object_or_404(ArticleAttachment.objects.select_related("article"), pk=pk)
    if not permissions.can_view(request.user, document.article):
        raise Http404
    return file_response(document.file, public=document.article.is_published, title=document.title)


ACTIONS = {
    "publish": permissions.can_publish,
    "archive": permissions.can_archive,
    "restore": permissions.can_restore,
    "review": permissions.can_mark_reviewed,
    "use": permissions.can_record_use,
}


@require_POST
@login_required
def article_action(request: AuthenticatedRequest, pk: int, action: str) -> HttpResponse:
    """Publish, archive, restore, mark reviewed or count a use; the rules are in services."""
    article = get_object_or_404(Article, pk=pk)
    if action not in ACTIONS:
        raise Http404
    if not ACTIONS[action](request.user, article):
        raise PermissionDenied
    try:
        messages.success(request, _do(request, article, action))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect(article)


def _do(request: AuthenticatedRequest, article: Article, action: str) -> str:
    by = request.user
    if action == "publish":
        services.article_publish(article=article, by=by)
        return _("The article is published.")
    if action == "archive":
        services.article_archive(article=article, by=by)
        return _("The article is archived: it is no longer public.")
    if action == "restore":
        services.article_restore(article=article, by=by)
        return _("The article is a draft again.")
    if action == "review":
        services.article_mark_reviewed(article=article, by=by)
        return _("Marked as reviewed. The next review is due in a year.")
    form = forms.UseForm(request.POST)
    reference = form.cleaned_data["reference"] if form.is_valid() else ""
    services.knowledge_used(article=article, by=by, reference=reference)
    return _("Counted: this article helped answer someone.")
