"""Every write of 後援名義 (sponsorship-name) requests.

Workflow: draft ──submit──▶ submitted ──approve (with conditions)──▶ approved ──results
report──▶ reported; submitted ──refuse (with a reason)──▶ refused; a draft or a submitted
request may be withdrawn by the group before the decision. Each decision takes the next number
of its fiscal year (奥協第N号) and the group's speakers are told by notice and e-mail.
Only those who decide for the department asked may decide (sponsorship_permissions.decides_for,
asked again here so neither a page nor the admin can go round it).

Moves are compare-and-set (the UPDATE repeats the status we read), so a double click or two
staff deciding at once end with one decision, one number and one audit entry. Whether `by` may
act is otherwise the caller's question (info.sponsorship_permissions).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Q
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, override

from tsunagaru.accounts.models import User
from tsunagaru.audit.services import audit_record, snapshot
from tsunagaru.core.dates import fiscal_year
from tsunagaru.core.inputs import require_single_line, validate_single_line
from tsunagaru.core.selectors import current_municipality
from tsunagaru.info.models import Event
from tsunagaru.info.sponsorship_models import (
    LetterCounter,
    SponsorshipAnswer,
    SponsorshipGround,
    SponsorshipRequest,
)
from tsunagaru.info.sponsorship_permissions import (
    decides_for,
    handling_department,
    is_reviewer,
)
from tsunagaru.notices.services import notice_send
from tsunagaru.partners.models import Organisation
from tsunagaru.partners.permissions import is_city_department
from tsunagaru.partners.selectors import speakers_of

Status = SponsorshipRequest.Status
CONTENT_FIELDS = (
    "department",
    "event",
    "title",
    "purpose",
    "organiser",
    "starts_on",
    "ends_on",
    "place",
    "fee",
    "expected_participants",
    "budget_income",
    "budget_expenses",
    "budget_note",
    "contact",
)
SINGLE_LINE = ("title", "organiser", "place", "contact")
# Subjects of the notices, translated in the site's language whoever acts.
SUBMITTED_SUBJECT = gettext_lazy("A group asks for the city's sponsorship (後援): 「%(title)s」")
DECIDED_SUBJECT = gettext_lazy("Decision on your sponsorship (後援) request: 「%(title)s」")
# An answer to a ground for refusal: (yes?, explanation); None = not answered yet.
Answers = Mapping[int, tuple[bool | None, str]]


def sponsorship_save(
    *,
    request: SponsorshipRequest | None,
    data: Mapping[str, Any],
    answers: Answers,
    applicant: Organisation | None = None,
    by: User,
) -> SponsorshipRequest:
    """Create a draft request of `applicant`, or change a draft, with its answers to the
    grounds for refusal (keyed by ground pk; unknown or retired grounds are ignored).

    Raises ValidationError: "not_draft", "ends_before_start", "event_not_yours",
    "not_a_department", field errors from full_clean.
    """
    creating = request is None
    if request is None:
        if applicant is None:
            raise ValidationError(_("Choose the applying group."), code="no_applicant")
        request = SponsorshipRequest(applicant=applicant, created_by=by)
    elif request.status != Status.DRAFT:
        raise ValidationError(
            _("Only a draft can be changed; this request has been sent."), code="not_draft"
        )
    before = None if creating else snapshot(request, CONTENT_FIELDS)
    for name in CONTENT_FIELDS:
        if name in data:
            setattr(request, name, data[name])
    _check(request)
    require_single_line(request, *SINGLE_LINE)
    request.full_clean()
    with transaction.atomic():
        request.save()
        changed_answers = _save_answers(request, answers)
        after = snapshot(request, CONTENT_FIELDS)
        if creating:
            audit_record(actor=by, action="sponsorshiprequest.create", target=request, after=after)
        elif before is not None:
            changed = {k for k in after if before[k] != after[k]}
            if changed or changed_answers:
                audit_record(
                    actor=by,
                    action="sponsorshiprequest.update",
                    target=request,
                    before={k: before[k] for k in changed},
                    after={**{k: after[k] for k in changed}, "answers": changed_answers},
                )
    return request


def _check(request: SponsorshipRequest) -> None:
    errors: dict[str, ValidationError] = {}
    if request.starts_on and request.ends_on and request.ends_on < request.starts_on:
        errors["ends_on"] = ValidationError(
            _("The last day is before the first day."), code="ends_before_start"
        )
    if request.event_id is not None and not _is_own_event(request.applicant, request.event_id):
        # Else a group could put the city's name on somebody else's event.
        errors["event"] = ValidationError(
            _("Choose an event your group organises or co-organises."), code="event_not_yours"
        )
    department = request.department
    if department is not None and not is_city_department(department):
        errors["department"] = ValidationError(
            _("Choose a department of the city."), code="not_a_department"
        )
    if errors:
        raise ValidationError(errors)


def _is_own_event(applicant: Organisation, event_id: int) -> bool:
    ours = Q(organiser=applicant) | Q(co_organisers=applicant)
    return Event.objects.filter(ours, pk=event_id).exists()


def _save_answers(request: SponsorshipRequest, answers: Answers) -> list[str]:
    """Store the answers given; return the codes of the grounds whose answer changed."""
    grounds = SponsorshipGround.objects.filter(pk__in=list(answers), is_active=True)
    stored = {a.ground_id: a for a in request.answers.all()}
    changed = []
    for ground in grounds:
        concern, explanation = answers[ground.pk]
        old = stored.get(ground.pk)
        if concern is None:
            if old is not None:
                old.delete()
                changed.append(ground.code)
            continue
        explanation = explanation.strip()
        if old is not None and (old.concern, old.explanation) == (concern, explanation):
            continue
        SponsorshipAnswer.objects.update_or_create(
            request=request,
            ground=ground,
            defaults={"concern": concern, "explanation": explanation},
        )
        changed.append(ground.code)
    return changed


GROUND_FIELDS = ("code", "name", "name_en", "order", "is_active")


def sponsorship_ground_save(*, ground: SponsorshipGround, by: User) -> SponsorshipGround:
    """Save a ground for refusal edited by staff (in the admin), with its changes audited.
    A ground is retired by unticking "asked on new requests", never deleted: past answers
    keep pointing at it."""
    old = SponsorshipGround.objects.filter(pk=ground.pk).first() if ground.pk else None
    before = snapshot(old, GROUND_FIELDS) if old is not None else None
    ground.full_clean()
    with transaction.atomic():
        ground.save()
        after = snapshot(ground, GROUND_FIELDS)
        changed = {k: v for k, v in after.items() if before is None or before[k] != v}
        audit_record(
            actor=by,
            action="sponsorshipground.update" if old else "sponsorshipground.create",
            target=ground,
            before={k: before[k] for k in changed} if before else None,
            after=changed,
        )
    return ground


def sponsorship_submit(*, request: SponsorshipRequest, by: User) -> SponsorshipRequest:
    """Send a draft to the city. Every active ground must be answered and each "yes"
    explained, and the event must not have begun.

    Raises ValidationError: "unanswered", "unexplained", "event_begun", "invalid_transition",
    "stale".
    """
    _check_answers(request)
    if request.starts_on < timezone.localdate():
        raise ValidationError(
            _("The event has begun: sponsorship is asked for before the event."), code="event_begun"
        )
    with transaction.atomic():
        _move(request, to=Status.SUBMITTED, by=by, submitted_at=timezone.now())
    # The department asked, or for the city as a whole the collaboration section.
    department = handling_department(request)
    if department is not None:
        _tell(
            # Only those who may open the queue: a department's other members get no link.
            [u for u in speakers_of(department) if is_reviewer(u)],
            request,
            SUBMITTED_SUBJECT,
            "info/email/sponsorship_submitted.txt",
        )
    return request


def _check_answers(request: SponsorshipRequest) -> None:
    answers = {a.ground_id: a for a in request.answers.all()}
    for ground in SponsorshipGround.objects.filter(is_active=True):
        answer = answers.get(ground.pk)
        if answer is None:
            raise ValidationError(
                _("Answer every question about the grounds for refusal: 「%(question)s」")
                % {"question": ground.label},
                code="unanswered",
            )
        if answer.concern and not answer.explanation.strip():
            raise ValidationError(
                _("Explain your “yes” to 「%(question)s」") % {"question": ground.label},
                code="unexplained",
            )


def sponsorship_withdraw(
    *, request: SponsorshipRequest, reason: str = "", by: User
) -> SponsorshipRequest:
    """The group takes back a draft or a request waiting for the decision."""
    reason = (reason or "").strip()
    with transaction.atomic():
        _move(request, to=Status.WITHDRAWN, by=by, note=reason, withdrawal_reason=reason)
    return request


def sponsorship_approve(
    *, request: SponsorshipRequest, conditions: str, sponsor: str = "", by: User
) -> SponsorshipRequest:
    """Approve with conditions (e.g. 「チラシに『奥州市後援』と表示すること」) under the name lent
    (`sponsor`: the city's name when empty, or a body such as 奥州市教育委員会), give the letter
    its number, tell the group's speakers.

    Raises ValidationError: "no_conditions", "line_break", "invalid_transition",
    "not_decider", "stale".
    """
    _check_decider(request, to=Status.APPROVED, by=by)
    conditions = _required(
        conditions, _("Write the conditions of the approval."), code="no_conditions"
    )
    sponsor = (sponsor or "").strip() or city_name()
    validate_single_line(sponsor)
    return _decide(
        request, to=Status.APPROVED, by=by, conditions=conditions, sponsor_name=sponsor[:100]
    )


def sponsorship_refuse(*, request: SponsorshipRequest, reason: str, by: User) -> SponsorshipRequest:
    """Refuse with a reason the group reads, give the letter its number, tell the speakers.

    Raises ValidationError: "no_reason", "invalid_transition", "not_decider", "stale".
    """
    _check_decider(request, to=Status.REFUSED, by=by)
    reason = _required(reason, _("Write the reason: the group will read it."), code="no_reason")
    return _decide(request, to=Status.REFUSED, by=by, refusal_reason=reason)


def _check_decider(request: SponsorshipRequest, *, to: str, by: User) -> None:
    """Refuse a decision on a request that is not waiting for one, or by someone who does not
    decide for the department asked (a member of staff of another department, of the group)."""
    if not request.can_move_to(to):
        raise _invalid()
    if not decides_for(by, request):
        raise ValidationError(
            _("Only the staff of the department asked, or an administrator, decide on it."),
            code="not_decider",
        )


def _decide(request: SponsorshipRequest, *, to: str, by: User, **fields: Any) -> SponsorshipRequest:
    now = timezone.now()
    year = fiscal_year(timezone.localdate(now))
    with transaction.atomic():
        number = _next_number(year)
        _move(
            request,
            to=to,
            by=by,
            note=next(iter(fields.values())),
            decided_at=now,
            decided_by=by,
            letter_year=year,
            letter_number=number,
            **fields,
        )
    _tell(
        speakers_of(request.applicant),
        request,
        DECIDED_SUBJECT,
        "info/email/sponsorship_decided.txt",
    )
    return request


def _next_number(year: int) -> int:
    """The next letter number of fiscal year `year`. Call inside the deciding transaction: the
    UPDATE holds the counter's row until commit, so two decisions never share a number, and a
    decision that fails gives its number back."""
    LetterCounter.objects.get_or_create(fiscal_year=year)
    LetterCounter.objects.filter(fiscal_year=year).update(last=F("last") + 1)
    number: int = LetterCounter.objects.values_list("last", flat=True).get(fiscal_year=year)
    return number


def sponsorship_report(
    *,
    request: SponsorshipRequest,
    participants: int,
    income: int,
    expenses: int,
    text: str,
    by: User,
) -> SponsorshipRequest:
    """File the results report (実施報告) of an approved request, once the event is over.

    Raises ValidationError: "too_early", "no_report_text", "invalid_transition", "stale".
    """
    if request.status == Status.APPROVED and request.ends_on > timezone.localdate():
        raise ValidationError(
            _("The report is filed after the event's last day."), code="too_early"
        )
    text = _required(text, _("Write a few lines on how it went."), code="no_report_text")
    with transaction.atomic():
        _move(
            request,
            to=Status.REPORTED,
            by=by,
            reported_at=timezone.now(),
            report_participants=participants,
            report_income=income,
            report_expenses=expenses,
            report_text=text,
        )
    return request


def city_name() -> str:
    """The municipality's name (奥州市), the name lent unless staff name another body."""
    municipality = current_municipality()
    return municipality.name if municipality is not None else ""


def _required(text: str, message: str, *, code: str) -> str:
    text = (text or "").strip()
    if not text:
        raise ValidationError(message, code=code)
    return text


def _invalid() -> ValidationError:
    return ValidationError(
        _("This request can no longer be changed this way."), code="invalid_transition"
    )


def _move(request: SponsorshipRequest, *, to: str, by: User, note: str = "", **fields: Any) -> None:
    """Change the status with a compare-and-set UPDATE and audit the move (call inside a
    transaction): of two people acting at once, one wins, the other is told ("stale")."""
    if not request.can_move_to(to):
        raise _invalid()
    source = request.status
    values = {"status": to, "updated_at": timezone.now(), **fields}
    updated = SponsorshipRequest.objects.filter(pk=request.pk, status=source).update(**values)
    if updated != 1:
        raise ValidationError(
            _("Someone else changed this request. Reload the page and try again."),
            code="stale",
        )
    for name, value in values.items():
        setattr(request, name, value)
    audit_record(
        actor=by,
        # 「後援名義使用申請：承認」 in the log: the status's own label (audit.labels).
        action=f"sponsorshiprequest.{to}",
        target=request,
        before={"status": source},
        after={"status": to, **_letter(request)},
        note=note,
    )


def _letter(request: SponsorshipRequest) -> dict[str, Any]:
    if request.letter_number is None:
        return {}
    return {"letter": request.letter_reference}


def _tell(users: Any, request: SponsorshipRequest, subject: Any, template: str) -> None:
    """A notice and an e-mail (sent once the transaction commits), in the site's language."""
    url = request.get_absolute_url()
    with override(settings.LANGUAGE_CODE):
        title = str(subject) % {"title": request.title}
        body = render_to_string(
            template, {"request": request, "link": str(settings.SITE_URL) + url}
        )
    notice_send(users=users, subject=title, message=title, url=url, body=body)
