"""Introductions between a group and an individual volunteer: every write.

Kept beside matching.services (introductions between groups) rather than in it: the rules
differ where a person's privacy is concerned, and that module is already long.

The rules hold for every caller (pages, API, admin):
- only a member of the group with an open need asks, and only a volunteer who agreed to be
  suggested (VolunteerProfile.suggest_consented_at), never themselves;
- one open request at a time from a group to a person (a database constraint holds it when
  two requests come at once);
- only the person answers, once; the group withdraws while no answer has come;
- until the person accepts, the group knows neither their name nor how to reach them; after,
  both sides see each other's contact details, and each viewing is in the audit log;
- the person hears of a request by a notice on the site and an e-mail; the group hears of the
  answer the same way; every change is in the audit log.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, override

from tsunagaru.accounts.models import User
from tsunagaru.audit.services import audit_record
from tsunagaru.matching import permissions
from tsunagaru.matching.models import PersonIntroduction
from tsunagaru.notices.services import notice_send
from tsunagaru.partners.models import Need, VolunteerProfile
from tsunagaru.partners.selectors import speakers_of

MESSAGE_MAX = 2000


def person_introduction_request(
    *, need: Need, volunteer: VolunteerProfile, message: str, by: User
) -> PersonIntroduction:
    """A member of the need's group asks to meet a volunteer who agreed to be suggested.

    Raises PermissionDenied (see permissions.can_ask_person), or ValidationError with code
    "message_required", "message_too_long" or "duplicate" (an open request exists).
    """
    if not permissions.can_ask_person(by, need, volunteer):
        raise PermissionDenied
    text = message.strip()
    if not text:
        raise ValidationError(
            _("Write a few words about what you would like help with."), code="message_required"
        )
    if len(text) > MESSAGE_MAX:
        raise ValidationError(
            _("The message is too long (at most %(max)d characters).") % {"max": MESSAGE_MAX},
            code="message_too_long",
        )
    duplicate = ValidationError(
        _("Your group has already asked this person. Wait for their answer."), code="duplicate"
    )
    if _open_request(need, volunteer):
        raise duplicate
    try:
        with transaction.atomic():
            introduction = PersonIntroduction.objects.create(
                organisation=need.organisation,
                volunteer=volunteer,
                need=need,
                message=text,
                requested_by=by,
            )
            audit_record(
                actor=by,
                action="person_introduction.request",
                target=introduction,
                after={"organisation": need.organisation_id, "volunteer": volunteer.pk},
            )
            _tell(
                [volunteer.user],
                introduction,
                subject=gettext_lazy("%(name)s would like your help"),
                message=gettext_lazy("%(name)s asked to meet you about 「%(need)s」."),
                template="matching/email/person_request.txt",
            )
    except IntegrityError as error:
        # The constraint matching_person_intro_one_open: a request came in a moment ago.
        raise duplicate from error
    return introduction


def _open_request(need: Need, volunteer: VolunteerProfile) -> bool:
    return PersonIntroduction.objects.filter(
        organisation_id=need.organisation_id,
        volunteer=volunteer,
        status=PersonIntroduction.Status.REQUESTED,
    ).exists()


def person_introduction_answer(
    *, introduction: PersonIntroduction, accept: bool, response: str, by: User
) -> PersonIntroduction:
    """The person accepts (both sides then see each other's contact details) or declines.

    Raises PermissionDenied (only the person answers), or ValidationError with code
    "already_answered" when the request was answered or withdrawn in the meantime.
    """
    if not permissions.can_answer_person(by, introduction):
        raise PermissionDenied
    status = PersonIntroduction.Status.ACCEPTED if accept else PersonIntroduction.Status.DECLINED
    with transaction.atomic():
        _move(introduction, status, response=response.strip()[:MESSAGE_MAX])
        audit_record(
            actor=by,
            action="person_introduction.accept" if accept else "person_introduction.decline",
            target=introduction,
            before={"status": PersonIntroduction.Status.REQUESTED},
            after={"status": status},
        )
        recipients = [introduction.requested_by, *speakers_of(introduction.organisation)]
        _tell(
            recipients,
            introduction,
            subject=(
                gettext_lazy("A volunteer accepted your request")
                if accept
                else gettext_lazy("A volunteer answered your request")
            ),
            message=(
                gettext_lazy(
                    "The volunteer accepted: you can now see each other's contact details."
                )
                if accept
                else gettext_lazy("The volunteer answered your request: not this time.")
            ),
            template="matching/email/person_answer.txt",
        )
    return introduction


def person_introduction_withdraw(
    *, introduction: PersonIntroduction, by: User
) -> PersonIntroduction:
    """The group takes back its request while the person has not answered.

    Raises PermissionDenied, or ValidationError with code "already_answered".
    """
    if not permissions.can_withdraw_person(by, introduction):
        raise PermissionDenied
    with transaction.atomic():
        _move(introduction, PersonIntroduction.Status.WITHDRAWN)
        audit_record(
            actor=by,
            action="person_introduction.withdraw",
            target=introduction,
            before={"status": PersonIntroduction.Status.REQUESTED},
            after={"status": PersonIntroduction.Status.WITHDRAWN},
        )
        _tell(
            [introduction.volunteer.user],
            introduction,
            subject=gettext_lazy("A request to you was withdrawn"),
            message=gettext_lazy("%(name)s withdrew its request. Nothing more is needed from you."),
            template="",
        )
    return introduction


def person_introduction_contacts_viewed(*, introduction: PersonIntroduction, by: User) -> None:
    """Record that `by` was shown the other side's contact details (personal data)."""
    audit_record(actor=by, action="person_introduction.contacts_view", target=introduction)


def _move(introduction: PersonIntroduction, status: str, *, response: str = "") -> None:
    """Compare-and-set from REQUESTED: a double click or an answer crossing a withdrawal
    changes the request once, and the second is told why."""
    now = timezone.now()
    values: dict[str, object] = {"status": status, "updated_at": now}
    if status != PersonIntroduction.Status.WITHDRAWN:
        values.update(response=response, answered_at=now)
    updated = PersonIntroduction.objects.filter(
        pk=introduction.pk, status=PersonIntroduction.Status.REQUESTED
    ).update(**values)
    if updated != 1:
        raise ValidationError(
            _("This request has already been answered or withdrawn."), code="already_answered"
        )
    for name, value in values.items():
        setattr(introduction, name, value)


def _tell(
    users: Iterable[User],
    introduction: PersonIntroduction,
    *,
    subject: Promise,
    message: Promise,
    template: str,
) -> None:
    """A notice on the site and an e-mail, sent once the transaction commits. Both are in the
    site's language (Japanese), whatever page the sender was on. `subject` and `message` may
    name the group (%(name)s) and the need (%(need)s)."""
    url = introduction.get_absolute_url()
    need = introduction.need
    names = {"name": introduction.organisation.name, "need": need.title if need else ""}
    with override(settings.LANGUAGE_CODE):
        text, title = str(message) % names, str(subject) % names
        body = ""
        if template:
            context = {"introduction": introduction, "link": str(settings.SITE_URL) + url}
            body = render_to_string(template, context)
    notice_send(users=users, subject=title, message=text, url=url, body=body)
