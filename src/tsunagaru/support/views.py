"""Pages of the support centre: asking for help (anyone), one's own questions, and the centre's
consultation log (coordinators and city staff only)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from tsunagaru.core.htmx import AuthenticatedRequest
from tsunagaru.core.inputs import whole_number
from tsunagaru.core.ratelimits import rate_limit_consume
from tsunagaru.knowledge import selectors as knowledge_selectors
from tsunagaru.knowledge import services as knowledge_services
from tsunagaru.partners import selectors as partner_selectors
from tsunagaru.support import antispam, forms, links, permissions, selectors, services
from tsunagaru.support.models import Consultation

PAGE_SIZE = 25


def index(request: HttpRequest) -> HttpResponse:
    """What the centre does, and the ways to it."""
    user = request.user
    context = {
        "is_centre_staff": permissions.is_centre_staff(user),
        "can_view_mine": permissions.can_view_my_questions(user),
        "topics": selectors.topics_active(),
    }
    return render(request, "support/index.html", context)


def ask(request: HttpRequest) -> HttpResponse:
    """Ask the centre a question: signed in, or as a guest with a name and a way to answer."""
    user = request.user if request.user.is_authenticated else None
    groups = partner_selectors.listed_groups_of(user) if user is not None else []
    form = forms.AskForm(request.POST or None, guest=user is None, groups=groups)
    status = 200
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        key = data.get("email") or data.get("phone") or (user.email if user else "")
        if not rate_limit_consume(request, action="support_ask", key=str(key).lower()):
            form.add_error(
                None,
                ValidationError(
                    _(
                        "Many questions were sent from here today. Please try again later, "
                        "or phone the support centre."
                    ),
                    code="rate_limited",
                ),
            )
            status = 429
        else:
            return _ask_send(request, form, user)
    return _ask_page(request, form, status)


def _ask_send(request: HttpRequest, form: forms.AskForm, user: Any) -> HttpResponse:
    data = form.cleaned_data
    try:
        consultation = services.consultation_ask(
            topic=data["topic"],
            subject=data["subject"],
            question=data["question"],
            user=user,
            name=data.get("name", ""),
            email=data.get("email", ""),
            phone=data.get("phone", ""),
            organisation=data.get("organisation"),
        )
    except ValidationError as error:
        form.add_error(None, error)
        return _ask_page(request, form, 200)
    if consultation.asker_email:
        messages.success(
            request,
            _(
                "Your question was sent. We mailed you a link to this page, "
                "where the answer will be."
            ),
        )
    else:
        messages.success(
            request,
            _("Your question was sent. Keep the address of this page: the answer will be here."),
        )
    return redirect(links.question_url(consultation.pk))


def _ask_page(request: HttpRequest, form: forms.AskForm, status: int) -> HttpResponse:
    # Every showing of the form (again after an error too) starts a new time token; what was
    # typed stays in the form.
    if form.is_bound:
        data = request.POST.copy()
        data["started"] = antispam.form_token()
        form.data = data
    else:
        form.initial["started"] = antispam.form_token()
    return render(request, "support/ask.html", {"form": form}, status=status)


def question(request: HttpRequest, token: str) -> HttpResponse:
    """A question's own page, reached by its private link: what was asked and the answer."""
    consultation = selectors.question_by_token(token)
    if consultation is None:
        raise Http404
    # The know-how articles the centre used in its answer, for the asker to read on.
    articles = knowledge_selectors.articles_used_by(consultation)
    return render(
        request, "support/question.html", {"consultation": consultation, "articles": articles}
    )


@login_required
def mine(request: AuthenticatedRequest) -> HttpResponse:
    if not permissions.can_view_my_questions(request.user):
        raise PermissionDenied
    rows = [(c, links.question_url(c.pk)) for c in selectors.questions_of(request.user)]
    return render(request, "support/mine.html", {"rows": rows})


@login_required
def queue(request: AuthenticatedRequest) -> HttpResponse:
    """The centre's consultations with filters (a plain GET form), a page at a time."""
    if not permissions.is_centre_staff(request.user):
        raise PermissionDenied
    form = forms.QueueFilterForm(request.GET or None)
    queue = selectors.consultation_queue(filters=form.to_filters())
    page = Paginator(queue.rows, PAGE_SIZE).get_page(
        whole_number(request.GET.get("page"), default=1)
    )
    services.consultations_listed(count=len(page.object_list), by=request.user)
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "page": page,
        "query": query.urlencode(),
        "can_log": True,
        "words_capped": queue.words_capped,
        "search_limit": selectors.SEARCH_LIMIT,
    }
    return render(request, "support/queue.html", context)


@login_required
def log_new(request: AuthenticatedRequest) -> HttpResponse:
    """Log a consultation that came by phone, at the counter or on a visit."""
    if not permissions.can_log(request.user):
        raise PermissionDenied
    initial: dict[str, Any] = {"channel": Consultation.Channel.PHONE}
    group = selectors.listed_group(whole_number(request.GET.get("group")))
    if group is not None:  # from the group's page: 「この団体の相談を記録する」
        initial["organisation"] = group.name
    form = forms.LogForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            consultation = services.consultation_log(data=form.cleaned_data, by=request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The consultation was logged."))
            return redirect(consultation)
    return render(request, "support/log_form.html", {"form": form})


def _staff_consultation(request: AuthenticatedRequest, pk: int) -> Consultation:
    if not permissions.is_centre_staff(request.user):
        raise PermissionDenied
    consultation = selectors.consultation_detail(pk=pk)
    if consultation is None:
        raise Http404
    return consultation


def _detail_page(
    request: AuthenticatedRequest, consultation: Consultation, **bound: Any
) -> HttpResponse:
    user = request.user
    # The page shows who asked and how to reach them: each showing is logged.
    services.consultation_viewed(consultation=consultation, by=user)
    context = {
        "consultation": consultation,
        "referrals": list(consultation.referrals.all()),
        "answer_form": bound.get("answer_form") or forms.AnswerForm(),
        "follow_up_form": bound.get("follow_up_form")
        or forms.FollowUpForm(
            initial={"follow_up_on": consultation.follow_up_on, "notes": consultation.notes}
        ),
        "referral_form": bound.get("referral_form") or forms.ReferralForm(),
        "articles_used": list(knowledge_selectors.articles_used_by(consultation)),
        "article_form": bound.get("article_form") or forms.ArticleUsedForm(),
        "can_answer": permissions.can_answer(user, consultation),
        "can_close": permissions.can_close(user, consultation),
        "can_reopen": permissions.can_reopen(user, consultation),
        "can_update": permissions.can_update(user, consultation),
        "question_url": links.question_url(consultation.pk)
        if consultation.channel == Consultation.Channel.ONLINE
        else "",
    }
    return render(request, "support/consultation_detail.html", context)


@login_required
def detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    return _detail_page(request, _staff_consultation(request, pk))


@require_POST
@login_required
def answer(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    consultation = _staff_consultation(request, pk)
    if not permissions.can_answer(request.user, consultation):
        raise PermissionDenied
    form = forms.AnswerForm(request.POST)
    if form.is_valid():
        try:
            services.consultation_answer(
                consultation=consultation,
                answer=form.cleaned_data["answer"],
                notify=form.cleaned_data["notify"],
                by=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The answer was saved."))
            return redirect(consultation)
    return _detail_page(request, consultation, answer_form=form)


@require_POST
@login_required
def follow_up(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    consultation = _staff_consultation(request, pk)
    if not permissions.can_update(request.user, consultation):
        raise PermissionDenied
    form = forms.FollowUpForm(request.POST)
    if not form.is_valid():
        return _detail_page(request, consultation, follow_up_form=form)
    services.consultation_follow_up(
        consultation=consultation,
        follow_up_on=form.cleaned_data["follow_up_on"],
        notes=form.cleaned_data["notes"],
        by=request.user,
    )
    messages.success(request, _("Saved."))
    return redirect(consultation)


@require_POST
@login_required
def refer(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    consultation = _staff_consultation(request, pk)
    if not permissions.can_update(request.user, consultation):
        raise PermissionDenied
    form = forms.ReferralForm(request.POST)
    if form.is_valid():
        try:
            services.referral_add(consultation=consultation, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The referral was added."))
            return redirect(consultation)
    return _detail_page(request, consultation, referral_form=form)


@require_POST
@login_required
def article_used(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Record that a know-how article helped answer this consultation (counted once)."""
    consultation = _staff_consultation(request, pk)
    if not permissions.can_update(request.user, consultation):
        raise PermissionDenied
    form = forms.ArticleUsedForm(request.POST)
    if form.is_valid():
        try:
            knowledge_services.knowledge_used(
                article=form.cleaned_data["article"], by=request.user, consultation=consultation
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The article was recorded as used in this answer."))
            return redirect(consultation)
    return _detail_page(request, consultation, article_form=form)


_TRANSITIONS = {
    "close": (
        permissions.can_close,
        services.consultation_close,
        gettext_lazy("The consultation was closed."),
    ),
    "reopen": (
        permissions.can_reopen,
        services.consultation_reopen,
        gettext_lazy("The consultation is open again."),
    ),
}


@require_POST
@login_required
def transition(request: AuthenticatedRequest, pk: int, action: str) -> HttpResponse:
    if action not in _TRANSITIONS:
        raise Http404
    consultation = _staff_consultation(request, pk)
    allowed, change, done = _TRANSITIONS[action]
    if not allowed(request.user, consultation):
        raise PermissionDenied
    try:
        change(consultation=consultation, by=request.user)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, str(done))
    return redirect(consultation)
