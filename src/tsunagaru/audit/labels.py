"""Words for auditors: each recorded action, object kind and changed field in the reader's
language, instead of the dotted codes and model names the code records.

An action is labelled by, in order: its entry in ACTIONS; "<model>.<verb>" with a verb of
VERBS (「施策を追加」); "<model>.<status value>" with the model's status or answer choice
(「提案：審査待ち」). Anything else shows its code, and a test (tests/test_labels.py) fails
for every action the code records that would.
"""

from __future__ import annotations

import datetime
import functools
import re
from typing import Any

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

ACTIONS: dict[str, Promise] = {
    # accounts
    "user.signup": _("Account created (sign-up)"),
    "user.create": _("Account created by staff"),
    "user.activate": _("Account reactivated"),
    "user.suspend": _("Account suspended"),
    "user.email_verify": _("E-mail address verified"),
    "user.mfa_add": _("Two-factor sign-in turned on"),
    "user.mfa_remove": _("Two-factor sign-in turned off"),
    "user.password_change": _("Password changed"),
    "user.profile_update": _("Profile updated"),
    "user.reading_change": _("Text size, colours or furigana chosen"),
    "user.role_change": _("Role changed"),
    # partners
    "organisation.register": _("Group registered"),
    "organisation.update": _("Group profile updated"),
    "organisation.import": _("Group imported"),
    "organisation.contact": _("Message sent through the contact form"),
    "organisation.verify": _("Group verified"),
    "organisation.reject": _("Group not verified"),
    "organisation.suspend": _("Group suspended"),
    "organisation.reinstate": _("Group reinstated"),
    "organisation.resubmit": _("Group sent for verification again"),
    "organisation.review_again": _("Group changed its name, kind or parent: verification again"),
    "membership.add": _("Member added"),
    "membership.invite": _("Member invited"),
    "membership.join": _("Invitation accepted: member joined"),
    "membership.remove": _("Member removed"),
    "membership.role_change": _("Member's role changed"),
    "volunteer.update": _("Volunteer profile updated"),
    "volunteer.list_view": _("Volunteer list viewed"),
    "volunteer.suggest_consent": _("Volunteer agreed to be suggested to groups"),
    "volunteer.suggest_withdraw": _("Volunteer stopped being suggested to groups"),
    # matching
    "introduction.request": _("Introduction requested (つながりたい)"),
    "introduction.accept": _("Introduction accepted"),
    "introduction.decline": _("Introduction declined"),
    "introduction.withdraw": _("Introduction withdrawn"),
    "introduction.remind": _("Reminder sent for an introduction"),
    "introduction.contacts_view": _("Contact details viewed"),
    "connection.record": _("Connection between groups recorded"),
    "suggestion.feedback": _("Feedback on a suggestion"),
    "glossary.save": _("Regional glossary saved"),
    "person_introduction.request": _("Group asked a volunteer for an introduction"),
    "person_introduction.accept": _("Volunteer accepted an introduction"),
    "person_introduction.decline": _("Volunteer declined an introduction"),
    "person_introduction.withdraw": _("Group withdrew its request to a volunteer"),
    "person_introduction.contacts_view": _("Contact details of a volunteer introduction viewed"),
    # cases
    "case.create": _("Case created"),
    "case.model": _("Case marked as a model case"),
    "case.confirm": _("Partner confirmed its part in a case"),
    "case.photo_add": _("Photo added to a case"),
    "case.photo_remove": _("Photo removed from a case"),
    "case.attachment_add": _("File added to a case"),
    "case.attachment_remove": _("File removed from a case"),
    # proposals
    "proposal.create": _("Proposal created"),
    "proposal.make_case": _("Case drafted from a proposal"),
    "party.invite": _("Party invited to the proposal table"),
    "meeting.record": _("Meeting recorded"),
    "meeting.reply": _("Reply to a meeting"),
    "message.post": _("Message posted at the proposal table"),
    "document.add": _("Document added to a proposal"),
    "agreement.new_version": _("New version of an agreement"),
    "agreement.approve": _("Agreement approved"),
    "agreement.in_force": _("Agreement in force"),
    "report.add": _("Progress report added"),
    "evaluation.submit": _("Evaluation submitted"),
    # guideline and places
    "edition.create": _("Guideline edition created"),
    "edition.make_current": _("Guideline edition made current"),
    # texts in other languages
    "text_version.save": _("Version in another language saved"),
    "text_version.delete": _("Versions in another language removed"),
    "translator.appoint": _("Volunteer translator added"),
    "translator.retire": _("Volunteer translator stopped"),
    # the furigana dictionary
    "word_reading.create": _("Word added to the furigana dictionary"),
    "word_reading.update": _("Reading in the furigana dictionary changed"),
    "word_reading.delete": _("Word removed from the furigana dictionary"),
    # service pages and consent
    "legal_page.publish": _("New version of a service page published"),
    "consent.agree": _("Agreed to the terms of use and the privacy policy"),
    # background jobs
    "job.start": _("Background job started"),
    "job.succeed": _("Background job finished"),
    "job.fail": _("Background job failed"),
    "job.prune": _("Old background job deleted"),
    "sponsorshiprequest.letter": _("Sponsorship decision letter downloaded"),
    # events and their registrations
    "event.submit": _("Event sent to the city for review"),
    "event.publish": _("Event published"),
    "event.return": _("Event sent back to its organiser"),
    "event.cancel": _("Event cancelled"),
    "event.postpone": _("Event postponed"),
    "event.reschedule": _("Postponed event given a new date"),
    "event.attendance": _("Attendance taken"),
    "registration.create": _("Registration for an event"),
    "registration.confirm": _("Registration confirmed by e-mail"),
    "registration.cancel": _("Registration cancelled"),
    "registration.promote": _("Seat given to the next person waiting"),
    "registration.list_view": _("List of participants viewed"),
    "registration.export": _("List of participants downloaded"),
    "contribution.apply_exhibitor": _("Booth applied for"),
    "contribution.apply_presentation": _("Case presentation offered"),
    "contribution.accept": _("Application to take part accepted"),
    "contribution.decline": _("Application to take part declined"),
    "contribution.withdraw": _("Application to take part withdrawn"),
    "series.create": _("Course created"),
    "series.update": _("Course updated"),
    "series.attendance_view": _("Attendance of a course viewed"),
    "material.add": _("Course material added"),
    "material.remove": _("Course material removed"),
    "calendar_token.create": _("Personal calendar address made"),
    "calendar_token.revoke": _("Personal calendar address revoked"),
    # news
    "news.create": _("News article written"),
    "news.update": _("News article changed"),
    "news.submit": _("News article sent for review"),
    "news.publish": _("News article published"),
    "news.return": _("News article sent back"),
    "news.hide": _("News article hidden"),
    "news.restore": _("News article shown again"),
    "news_trust.grant": _("Group trusted to publish news directly"),
    "news_trust.withdraw": _("Trust to publish news directly withdrawn"),
    # districts (community)
    "population.save": _("Population figures of a district saved"),
    "centre.save": _("District centre saved"),
    # community plans (community)
    "plan.create": _("Community plan begun"),
    "plan.update": _("Community plan's title, years or vision changed"),
    "plan.issue_add": _("Issue added to a community plan"),
    "plan.issue_remove": _("Issue removed from a community plan"),
    "plan.goal_add": _("Goal added to a community plan"),
    "plan.goal_remove": _("Goal removed from a community plan"),
    "plan.indicator_add": _("Indicator added to a community plan"),
    "plan.indicator_remove": _("Indicator removed from a community plan"),
    "plan.action_add": _("Action added to a community plan"),
    "plan.action_update": _("Action of a community plan changed"),
    "plan.action_remove": _("Action removed from a community plan"),
    "plan.adopt": _("Community plan adopted by the general meeting"),
    "plan.progress": _("Progress of a community plan's action recorded"),
    "centre.room_add": _("Room added to a district centre"),
    "centre.room_remove": _("Room removed from a district centre"),
    "centre.report": _("Yearly report of a district centre saved"),
    "hall.save": _("Meeting hall saved"),
    "hall.repair_add": _("Repair of a meeting hall planned"),
    "income.add": _("Own income recorded"),
    "income.remove": _("Own income line removed"),
    "inventory.activity_save": _("Recurring activity saved in the inventory"),
    "inventory.review": _("Yearly decision on a recurring activity recorded"),
    "inventory.seek_partner": _("Recurring activity published as a need to find a partner"),
    # grants
    "grant_application.create": _("Grant application begun"),
    "grant_application.submit": _("Grant application sent to the city"),
    "grant_application.withdraw": _("Grant application withdrawn"),
    "grant_application.attach": _("File added to a grant application"),
    "grant_application.detach": _("File removed from a grant application"),
    "grant_application.return": _("Grant application returned for correction"),
    "grant_application.accept": _("Grant application passed to the review committee"),
    "grant_application.conflict": _("Reviewer declared a conflict of interest"),
    "grant_application.score": _("Reviewer scored a grant application"),
    "grant_application.decide": _("Decision on a grant application recorded"),
    "grant_change.request": _("Change to an adopted grant project requested"),
    "grant_change.decide": _("Change request to a grant project answered"),
    "grant_progress.add": _("Progress of a grant project written"),
    "grant_report.cost_add": _("Cost with receipt added to a results report"),
    "grant_report.cost_remove": _("Cost removed from a results report"),
    "grant_report.photo_add": _("Photo added to a results report"),
    "grant_report.photo_remove": _("Photo removed from a results report"),
    "grant_report.submit": _("Results report sent to the city"),
    "grant_report.return": _("Results report returned for correction"),
    "grant_report.confirm": _("Amount of a grant confirmed"),
    "grant_payment.claim": _("Payment of a grant claimed"),
    "grant_payment.record": _("Payment of a grant recorded"),
    "grant_payment.refund": _("Repayment of a grant recorded"),
    "grant_programme.update": _("Grant programme changed"),
    "grant_programme.round_save": _("Screening round of a grant saved"),
    "grant_programme.copy": _("Grant programme copied to a later year"),
    "district_contact.add": _("Member of staff named for a district"),
    "district_contact.remove": _("Member of staff no longer named for a district"),
    # knowledge base
    "knowledge.create": _("Knowledge article written"),
    "knowledge.update": _("Knowledge article changed"),
    "knowledge.publish": _("Knowledge article published"),
    "knowledge.archive": _("Knowledge article archived"),
    "knowledge.restore": _("Knowledge article restored as a draft"),
    "knowledge.review": _("Knowledge article checked (yearly review)"),
    "knowledge.attachment_add": _("Template added to a knowledge article"),
    "knowledge.attachment_remove": _("Template removed from a knowledge article"),
    "knowledge.use": _("Knowledge article counted as used in a consultation"),
    # academy
    "course.create": _("Academy course added"),
    "course.update": _("Academy course changed"),
    "cohort.create": _("Academy cohort opened"),
    "cohort.session_add": _("Session of an academy cohort scheduled"),
    "cohort.applications_view": _("Applications to an academy cohort viewed"),
    "application.apply": _("Applied to an academy cohort"),
    "application.accept": _("Application to an academy cohort accepted"),
    "application.decline": _("Application to an academy cohort declined"),
    "application.withdraw": _("Application to an academy cohort withdrawn"),
    "application.complete": _("Academy course completed (certificate issued)"),
    "application.view": _("Academy participant's record viewed"),
    "assignment.submit": _("Academy assignment handed in"),
    "feedback.add": _("Feedback given to an academy participant"),
    "makeup.record": _("Make-up session recorded"),
    "certificate.consent": _(
        "Name on the certificate's public page, or the course with the volunteer profile, "
        "shown or hidden"
    ),
    "academy.graduates_view": _("List of academy graduates who can help viewed"),
    "certificate.download": _("Someone's certificate of completion downloaded"),
    # support centre
    "consultation.ask": _("Question asked to the support centre"),
    "consultation.log": _("Consultation logged by the support centre"),
    "consultation.answer": _("Consultation answered"),
    "consultation.close": _("Consultation closed"),
    "consultation.reopen": _("Consultation opened again"),
    "consultation.refer": _("Referral added to a consultation"),
    "consultation.follow_up": _("Consultation follow-up date or notes changed"),
    "consultation.personal_data_view": _("Consultation with personal data viewed"),
    "consultation.list_view": _("List of consultations viewed"),
    "centre_registration.apply": _("Group applied for registration with the support centre"),
    "centre_registration.register": _("Group registered with the support centre"),
    "centre_registration.refuse": _("Registration with the support centre refused"),
}

# "<model>.<verb>": the model's name is filled in (%(kind)s), e.g. 「施策を追加」.
VERBS: dict[str, Promise] = {
    "create": _("%(kind)s created"),
    "add": _("%(kind)s added"),
    "update": _("%(kind)s updated"),
    "rename": _("%(kind)s renamed"),
    "retire": _("%(kind)s retired"),
    "correct": _("%(kind)s corrected"),
}

_STATUS_FIELDS = ("status", "answer")


@functools.cache
def _models_by_name() -> dict[str, type[models.Model]]:
    return {
        model._meta.model_name or "": model
        for model in apps.get_models()
        if model.__module__.startswith("tsunagaru.")
    }


# Kinds whose model has no translated name, and action prefixes that are not model names.
KINDS: dict[str, Promise] = {
    "agreementversion": _("Agreement version"),
    "approval": _("Approval of an agreement"),
    "document": _("Proposal document"),
    "evaluation": _("Evaluation"),
    "goal": _("Goal"),
    "goalvalue": _("Goal value"),
    "meetingreply": _("Reply to a meeting"),
    "message": _("Message at the proposal table"),
    "principlescore": _("Score for a principle"),
    "progressreport": _("Progress report"),
    "report": _("Progress report"),
    "reportphoto": _("Photo in a progress report"),
    "glossary": _("Regional glossary"),
    "suggestion": _("Suggested partner"),
    "volunteer": _("Volunteer profile"),
}


def _kind(model: type[models.Model]) -> str:
    name = model._meta.model_name or ""
    return str(KINDS[name]) if name in KINDS else str(model._meta.verbose_name)


def action_label(action: str) -> str:
    """The action in words, in the active language; its code when nothing describes it."""
    if action in ACTIONS:
        return str(ACTIONS[action])
    name, _dot, verb = action.partition(".")
    model = _models_by_name().get(name)
    if model is None:
        return action
    if verb in VERBS:
        return str(VERBS[verb]) % {"kind": _kind(model)}
    for field_name in _STATUS_FIELDS:
        choice = _choice_label(model, field_name, verb)
        if choice is not None:
            return gettext("%(kind)s: %(status)s") % {"kind": _kind(model), "status": choice}
    return action


def _choice_label(model: type[models.Model], field_name: str, value: Any) -> str | None:
    try:
        field = model._meta.get_field(field_name)
    except FieldDoesNotExist:
        return None
    choices = dict(getattr(field, "flatchoices", None) or [])
    return str(choices[value]) if value in choices else None


def kind_label(content_type: ContentType | None) -> str:
    """An object kind in words (the model's translated name), e.g. 「団体」."""
    if content_type is None:
        return ""
    model = content_type.model_class()
    return _kind(model) if model is not None else content_type.model


def field_label(content_type: ContentType | None, name: str) -> str:
    """A changed field in words: the model field's translated name, else the recorded key."""
    model = content_type.model_class() if content_type is not None else None
    if model is not None:
        try:
            return str(model._meta.get_field(name).verbose_name)  # type: ignore[union-attr]
        except (FieldDoesNotExist, AttributeError):
            pass
    return str(EXTRA_FIELDS.get(name, name))


def value_label(content_type: ContentType | None, name: str, value: Any) -> str:
    """A recorded value in words: a choice's label, yes/no, or the value as written."""
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return gettext("Yes") if value else gettext("No")
    model = content_type.model_class() if content_type is not None else None
    if model is not None and isinstance(value, str):
        choice = _choice_label(model, name, value)
        if choice is not None:
            return choice
    if isinstance(value, str) and (
        isinstance(_field(model, name), models.DateField) or _ISO_DAY.fullmatch(value)
    ):
        # A day recorded under a key that is no field of the target (the log keeps it ISO).
        return _date_label(value)
    related = _related_model(model, name)
    values = value if isinstance(value, list) else [value]
    if related is not None:
        # An id of another object, e.g. 「地区 #5」 (named without a query per entry).
        return "、".join(f"{_kind(related)} #{v}" for v in values)
    return "、".join(str(v) for v in values)


_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def _field(model: type[models.Model] | None, name: str) -> Any:
    if model is None:
        return None
    try:
        return model._meta.get_field(name)
    except FieldDoesNotExist:
        return None


def _date_label(value: str) -> str:
    """A recorded date or moment (ISO, as the log keeps it) as people read it: 和暦."""
    from tsunagaru.core.templatetags.japanese_dates import wareki, wareki_datetime

    try:
        moment = datetime.datetime.fromisoformat(value)
    except ValueError:
        return value
    if "T" in value or " " in value:
        return wareki_datetime(moment)
    return wareki(moment.date())


def _related_model(model: type[models.Model] | None, name: str) -> type[models.Model] | None:
    if model is None:
        return None
    try:
        field = model._meta.get_field(name)
    except FieldDoesNotExist:
        return None
    related = field.related_model if field.is_relation else None
    return related if isinstance(related, type) else None


# Keys some actions record that are not fields of the object acted on.
EXTRA_FIELDS: dict[str, Promise] = {
    "requester": _("requesting group"),
    "recipient": _("group asked"),
    "via": _("through"),
    "verified": _("verified"),
    "version": _("version"),
    "document": _("document"),
    "report": _("progress report"),
    "kind": _("kind"),
    "count": _("count"),
    # community plans
    "general_meeting_on": _("date of the general meeting (総会)"),
    "changes": _("what changed and why"),
    "issue": _("issue"),
    "goal": _("goal"),
    "year": _("year (年度)"),
}


def changes_in_words(
    content_type: ContentType | None, changes: list[tuple[str, Any, Any]]
) -> list[tuple[str, str, str]]:
    """An event's (field, before, after) changes as labels an auditor reads. A change that
    reads the same in words (empty → blank) is left out."""
    rows = []
    for name, before, after in changes:
        old, new = value_label(content_type, name, before), value_label(content_type, name, after)
        if old != new:
            rows.append((field_label(content_type, name), old, new))
    return rows


def prefix_label(prefix: str) -> str:
    """The kind named by an action code's first part ("user" → 「ユーザー」)."""
    if prefix in KINDS:
        return str(KINDS[prefix])
    model = _models_by_name().get(prefix)
    return _kind(model) if model is not None else prefix
