"""The case workflow: draft → partners confirm → staff publish, and search over cases."""

from __future__ import annotations

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from tsunagaru.accounts.models import Role
from tsunagaru.audit.models import AuditEvent
from tsunagaru.cases import selectors, services
from tsunagaru.cases.models import Case
from tsunagaru.guideline.models import ActivityField, Form
from tsunagaru.partners.tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db


def draft(inase, author, **extra):
    data = {
        "title": "地区で初めての花火",
        "summary": "花火の経験がある団体とつながり、地区で初めて花火を打ち上げました。",
        "actions": "許認可の手続きと安全対策を一緒に整理しました。",
        "fiscal_year": 2020,
        "forms": [Form.objects.get(name="事業協力")],
        "activity_fields": [ActivityField.objects.get(name="地域活性化")],
        **extra,
    }
    partners = [
        {"name": "稲瀬振興会", "role": "会場と地区の調整"},
        {"name": "江刺藤里ファイヤーワークス", "role": "打ち上げの許可申請と安全管理"},
        {"name": "地元の消防団", "role": "当日の警戒"},
    ]
    return services.case_save(
        case=None, data=data, partners=partners, by=author, author_organisation=inase
    )


def test_a_draft_is_private_and_names_registered_partners(partners, resident):
    inase, fireworks, author, _other = partners
    case = draft(inase, author)
    assert case.status == Case.Status.DRAFT
    linked = {p.name: p.organisation for p in case.partners.all()}
    assert linked == {
        "稲瀬振興会": inase,
        "江刺藤里ファイヤーワークス": fireworks,
        "地元の消防団": None,
    }
    assert selectors.find(selectors.CaseFilter(query="花火"))[0].count() == 0


def test_partners_confirm_then_staff_publish_and_it_is_found(partners, coordinator):
    inase, fireworks, author, other = partners
    case = draft(inase, author)
    services.case_submit(case=case, by=author)
    assert case.status == Case.Status.CONFIRMING
    assert [m.to for m in mail.outbox] == [["fireworks@example.jp"]]
    with pytest.raises(PermissionDenied):
        services.case_publish(case=case, by=coordinator)  # not everyone confirmed yet

    waiting = case.partners.get(organisation=fireworks)
    services.case_confirm(case=case, partner=waiting, by=other)
    assert case.status == Case.Status.READY
    services.case_publish(case=case, by=coordinator)
    assert case.status == Case.Status.PUBLISHED
    _found, ranked = selectors.find(selectors.CaseFilter(query="花火"))
    assert ranked == [case.pk]
    assert list(
        selectors.find(selectors.CaseFilter(form=Form.objects.get(name="事業協力").pk))[0]
    ) == [case]
    assert list(selectors.cases_of_organisation(fireworks.pk)) == [case]
    actions = list(
        AuditEvent.objects.filter(target_id=str(case.pk)).values_list("action", flat=True)
    )
    assert {
        "case.create",
        "case.confirming",
        "case.confirm",
        "case.ready",
        "case.published",
    } <= set(actions)


def test_only_the_partner_confirms_its_own_part(partners, make_user):
    inase, fireworks, author, _other = partners
    case = draft(inase, author)
    services.case_submit(case=case, by=author)
    waiting = case.partners.get(organisation=fireworks)
    with pytest.raises(PermissionDenied):
        services.case_confirm(case=case, partner=waiting, by=author)
    with pytest.raises(PermissionDenied):
        services.case_confirm(case=case, partner=waiting, by=make_user(Role.PARTNER_MEMBER))


def test_a_change_after_confirmation_asks_the_partners_again(partners):
    inase, fireworks, author, other = partners
    case = draft(inase, author)
    services.case_submit(case=case, by=author)
    services.case_confirm(case=case, partner=case.partners.get(organisation=fireworks), by=other)
    assert case.status == Case.Status.READY

    services.case_save(
        case=case,
        data={"results": "当日は500人が集まりました。"},
        partners=[{"name": p.name, "role": p.role} for p in case.partners.all()],
        by=author,
    )
    case.refresh_from_db()
    assert case.status == Case.Status.CONFIRMING
    assert case.partners.get(organisation=fireworks).confirmed_at is None
    assert case.partners.get(organisation=inase).confirmed_at is not None  # the author's group


def test_a_published_case_cannot_be_edited_until_staff_take_it_back(partners, coordinator):
    inase, fireworks, author, other = partners
    case = draft(inase, author)
    services.case_submit(case=case, by=author)
    services.case_confirm(case=case, partner=case.partners.get(organisation=fireworks), by=other)
    services.case_publish(case=case, by=coordinator)
    with pytest.raises(PermissionDenied):
        services.case_save(
            case=case, data={"title": "x"}, partners=[{"name": "稲瀬振興会"}], by=author
        )
    with pytest.raises(ValidationError):
        services.case_unpublish(case=case, reason=" ", by=coordinator)
    services.case_unpublish(case=case, reason="写真の差し替え", by=coordinator)
    assert case.status == Case.Status.DRAFT
    assert selectors.find(selectors.CaseFilter(query="花火"))[0].count() == 0


def test_a_case_needs_a_partner_and_a_member_of_the_writing_group(partners, make_user):
    inase, _fireworks, author, _other = partners
    with pytest.raises(ValidationError):
        services.case_save(
            case=None,
            data={"title": "t", "summary": "s", "fiscal_year": 2020},
            partners=[],
            by=author,
            author_organisation=inase,
        )
    stranger = make_user(Role.PARTNER_MEMBER)
    MembershipFactory(user=stranger)
    with pytest.raises(PermissionDenied):
        services.case_save(
            case=None,
            data={"title": "t", "summary": "s", "fiscal_year": 2020},
            partners=[{"name": "x"}],
            by=stranger,
            author_organisation=inase,
        )


def test_only_staff_mark_a_model_case(partners, coordinator):
    inase, _fireworks, author, _other = partners
    case = draft(inase, author)
    with pytest.raises(PermissionDenied):
        services.case_mark_model(case=case, is_model=True, by=author)
    services.case_mark_model(case=case, is_model=True, by=coordinator)
    case.refresh_from_db()
    assert case.is_model


def test_facets_count_the_results(partners, coordinator):
    inase, fireworks, author, other = partners
    case = draft(inase, author)
    services.case_submit(case=case, by=author)
    services.case_confirm(case=case, partner=case.partners.get(organisation=fireworks), by=other)
    services.case_publish(case=case, by=coordinator)
    found, _ranked = selectors.find(selectors.CaseFilter())
    facets = {f.name: f.options for f in selectors.facets(found)}
    assert facets["form"] == [(Form.objects.get(name="事業協力").pk, "事業協力", 1)]
    assert facets["fiscal_year"] == [(2020, "令和2年度", 1)]
    assert sum(n for _v, _l, n in facets["partner_kind"]) >= 1


def test_a_word_search_keeps_only_what_every_facet_allows(partners, coordinator):
    from tsunagaru.guideline.models import Domain

    inase, fireworks, author, other = partners

    def published_case(title, form, domain, year):
        case = draft(
            inase,
            author,
            title=title,
            forms=[Form.objects.get(name=form)],
            domain=Domain.objects.get(code=domain),
            fiscal_year=year,
        )
        services.case_submit(case=case, by=author)
        services.case_confirm(
            case=case, partner=case.partners.get(organisation=fireworks), by=other
        )
        services.case_publish(case=case, by=coordinator)
        return case

    shared = published_case("花火と共催", "共催", "B", 2021)
    helped = published_case("花火の事業協力", "事業協力", "B", 2022)
    other_domain = published_case("花火の事業協力（行政主導）", "事業協力", "D", 2022)
    form = Form.objects.get(name="事業協力").pk
    domain = Domain.objects.get(code="B").pk

    def found(**facets):
        _cases, ranked = selectors.find(selectors.CaseFilter(query="花火", **facets))
        return set(ranked)

    assert found() == {shared.pk, helped.pk, other_domain.pk}
    assert found(form=form) == {helped.pk, other_domain.pk}
    assert found(form=form, domain=domain) == {helped.pk}
    assert found(fiscal_year=2021) == {shared.pk}
    assert found(model_only=True) == set()
    services.case_mark_model(case=helped, is_model=True, by=coordinator)
    assert found(form=form, model_only=True) == {helped.pk}
