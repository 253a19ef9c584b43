"""Programmes and groups for the grants tests, built as staff and groups would (the rules are
data; applications go through the services)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from tsunagaru.accounts.models import Role, User
from tsunagaru.accounts.tests.factories import UserFactory
from tsunagaru.core.dates import fiscal_year, fiscal_year_end, fiscal_year_start
from tsunagaru.core.models import District
from tsunagaru.grants import services
from tsunagaru.grants.models import Application, CostCategory, Course, Programme, Round
from tsunagaru.guideline.models import OrganisationKind
from tsunagaru.partners.models import Membership, Organisation
from tsunagaru.partners.tests.factories import MembershipFactory, OrganisationFactory
from tsunagaru.support import services as support_services

PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


def today() -> datetime.date:
    return timezone.localdate()


def this_year() -> int:
    return fiscal_year(today())


def open_round_dates(year: int | None = None) -> tuple[datetime.date, datetime.date]:
    """A round open today (within the 年度): from a month ago to a month ahead."""
    year = year or this_year()
    start, end = fiscal_year_start(year), fiscal_year_end(year)
    if year != this_year():  # another year's round: its first two months
        return start, start + datetime.timedelta(days=60)
    return max(start, today() - datetime.timedelta(days=30)), min(
        end, today() + datetime.timedelta(days=30)
    )


def citizen_proposal(year: int | None = None, **changes: Any) -> Programme:
    """市民提案型協働支援事業補助金 with its three courses, one open round, two categories."""
    year = year or this_year()
    fields: dict[str, Any] = {
        "code": "citizen-proposal",
        "fiscal_year": year,
        "name": "市民提案型協働支援事業補助金",
        "summary": "市民活動団体の協働事業を支援します。",
        "requirements": ["members_in_city", "governance", "registered", "first_this_year"],
        "rate_numerator": 1,
        "rate_denominator": 1,
        "budget": 1_000_000,
        "required_attachments": ["rules"],
    }
    programme = Programme.objects.create(**{**fields, **changes})
    Course.objects.create(
        programme=programme, code="challenge", name="チャレンジ", cap=100_000, form="light", order=0
    )
    Course.objects.create(
        programme=programme,
        code="collaboration",
        name="コラボレーション",
        cap=200_000,
        requirements=["new_partnership"],
        besides_yearly=True,
        order=1,
    )
    Course.objects.create(
        programme=programme,
        code="step-up",
        name="ステップアップ",
        cap=300_000,
        requirements=["track_record"],
        order=2,
    )
    opens, deadline = open_round_dates(year)
    Round.objects.create(programme=programme, number=1, opens_on=opens, deadline=deadline)
    CostCategory.objects.create(programme=programme, name="消耗品費", eligible=True, order=0)
    CostCategory.objects.create(programme=programme, name="食糧費", eligible=False, order=1)
    return programme


def self_reliance(year: int | None = None) -> Programme:
    """地域運営自立チャレンジ補助金: 1/2 of eligible costs up to ¥300,000, an action of the plan."""
    year = year or this_year()
    programme = Programme.objects.create(
        code="self-reliance",
        fiscal_year=year,
        name="地域運営自立チャレンジ補助金",
        summary="地区振興会等の自主財源づくりを支援します。",
        requirements=["district_association", "adopted_plan"],
        rate_numerator=1,
        rate_denominator=2,
        cap=300_000,
        needs_plan_action=True,
        budget=1_500_000,
    )
    opens, deadline = open_round_dates(year)
    Round.objects.create(programme=programme, number=1, opens_on=opens, deadline=deadline)
    CostCategory.objects.create(programme=programme, name="設備導入費", eligible=True)
    return programme


@dataclass
class Group:
    organisation: Organisation
    representative: User
    member: User


def group(*, registered: bool = True, kind: str = "volunteer_group", **fields: Any) -> Group:
    """A verified group with its representative and a member, registered with the centre."""
    if kind == "district_association":
        fields.setdefault("district", District.objects.get(slug="inase"))
    organisation = OrganisationFactory(kind=OrganisationKind.objects.get(code=kind), **fields)
    representative = UserFactory(role=Role.PARTNER_MEMBER)
    member = UserFactory(role=Role.PARTNER_MEMBER)
    MembershipFactory(organisation=organisation, user=representative)
    MembershipFactory(organisation=organisation, user=member, role=Membership.Role.MEMBER)
    if registered:
        coordinator = UserFactory(role=Role.COORDINATOR)
        registration = support_services.registration_apply(
            organisation=organisation, activities="清掃と見守りを続けています。", by=representative
        )
        support_services.registration_register(
            registration=registration,
            registered_on=today() - datetime.timedelta(days=30),
            valid_until=today() + datetime.timedelta(days=300),
            by=coordinator,
        )
    return Group(organisation, representative, member)


def pdf(name: str = "規約.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


TEXT = {
    "title": "空き店舗で開く多世代の居場所",
    "purpose": "高齢者と子どもが集まる場所がない。",
    "activities": "月2回、昔遊びと宿題の時間を開く。",
    "schedule": "7月から2月まで、第2・第4土曜日",
    "place": "水沢の商店街",
    "beneficiaries": "小学生と高齢者、1回20人",
}
FULL_TEXT = {
    **TEXT,
    "partners": "商店会",
    "roles": "会が運営し、商店会が場所を貸す。",
    "goals": "参加者を延べ300人にする。",
}


def begin(
    people: Group, programme: Programme, course: str | None = "challenge", **kwargs: Any
) -> Application:
    chosen = programme.courses.get(code=course) if course else None
    return services.application_create(
        programme=programme,
        organisation=people.organisation,
        course=chosen,
        by=people.member,
        **kwargs,
    )


def complete(
    application: Application,
    by: User,
    *,
    expenses: int = 80_000,
    own_funds: int | None = None,
    text: dict[str, Any] | None = None,
) -> Application:
    """Everything the checklist asks for: the text, a budget that adds up, the rules file."""
    light = application.course is not None and application.course.form == "light"
    services.application_save(
        application=application, data=text or (TEXT if light else FULL_TEXT), by=by
    )
    category = application.programme.cost_categories.filter(eligible=True).first()
    services.budget_line_add(
        application=application,
        data={"side": "expense", "category": category, "description": "材料", "amount": expenses},
        by=by,
    )
    application.refresh_from_db()
    from tsunagaru.grants import selectors

    totals = selectors.totals_of(application)
    needed = own_funds if own_funds is not None else expenses - totals.grant
    if needed:
        services.budget_line_add(
            application=application,
            data={"side": "income", "source": "own_funds", "description": "会費", "amount": needed},
            by=by,
        )
    for kind in application.programme.required_attachments:
        services.attachment_add(application=application, kind=kind, file=pdf(), by=by)
    application.refresh_from_db()
    return application


def photo(name: str = "活動の様子.jpg") -> SimpleUploadedFile:
    from tsunagaru.core.tests.pictures import picture

    return SimpleUploadedFile(name, picture((64, 48), kind="JPEG"), content_type="image/jpeg")


def adopt(application: Application, staff: User, amount: int) -> Application:
    """Send, pass and adopt a completed application (a programme without a rubric)."""
    speaker = application.organisation.memberships.get(role=Membership.Role.REPRESENTATIVE).user
    services.application_submit(application=application, confirmed=True, by=speaker)
    services.application_accept(application=application, by=staff)
    application = services.application_decide(
        application=application, adopted=True, amount=amount, by=staff
    )
    return application


def report(application: Application, by: User, costs: list[tuple[str, int]]) -> Application:
    """A complete results report: the text, each (category name, amount) with a receipt, a
    photo."""
    services.report_save(
        application=application,
        data={"done": "8回開き、延べ160人が参加した。", "participants": 160},
        by=by,
    )
    for name, amount in costs:
        services.cost_add(
            application=application,
            category=application.programme.cost_categories.get(name=name),
            description=f"{name}の支払い",
            amount=amount,
            receipt=pdf("領収書.pdf"),
            by=by,
        )
    services.photo_add(application=application, image=photo(), alt_text="昔遊びをする子ども", by=by)
    application.refresh_from_db()
    return application
