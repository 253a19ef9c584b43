"""News moderation: review, trust, hiding with a reason, and the moves that are refused."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from tsunagaru.audit.models import AuditEvent
from tsunagaru.cases.models import Case, CasePartner
from tsunagaru.core.tests.pictures import phone_photo
from tsunagaru.guideline.models import OrganisationKind
from tsunagaru.info import services
from tsunagaru.info.news_models import NewsArticle, NewsTrust
from tsunagaru.info.tests.factories import EventFactory
from tsunagaru.info.tests.news_factories import NewsArticleFactory
from tsunagaru.partners.models import Organisation
from tsunagaru.partners.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

Status = NewsArticle.Status


def published_case(*partners):
    found = Case.objects.create(
        title="地区の花火大会",
        summary="地区の団体と市が一緒に取り組みました。",
        fiscal_year=2025,
        status=Case.Status.PUBLISHED,
        published_at=timezone.now(),
        created_by=OrganisationFactory().created_by,
    )
    for order, organisation in enumerate(partners):
        CasePartner.objects.create(
            case=found, organisation=organisation, name=organisation.name, order=order
        )
    return found


def _draft(**fields):
    return NewsArticleFactory(**{"status": Status.DRAFT, "published_at": None, **fields})


def _city_department():
    return OrganisationFactory(
        name="奥州市 地域づくり推進課",
        kind=OrganisationKind.objects.get(code="city_department"),
        district=None,
    )


def _write(author, by, **data):
    values = {"title": "ボランティア募集", "body": "草刈りを手伝って。", "kind": "volunteers"}
    return services.news_save(article=None, data={**values, **data}, author=author, by=by)


def test_a_new_article_is_a_draft_of_its_group_and_is_audited(partner_member):
    group = OrganisationFactory()
    article = _write(group, partner_member)
    assert article.status == Status.DRAFT
    assert article.author == group
    assert AuditEvent.objects.filter(action="news.create", target_id=str(article.pk)).exists()


def test_a_groups_article_waits_for_review(partner_member):
    article = _draft()
    services.news_submit(article=article, by=partner_member)
    article.refresh_from_db()
    assert article.status == Status.IN_REVIEW
    assert article.published_at is None


def test_a_trusted_groups_article_is_published_directly(partner_member, city_staff):
    article = _draft()
    services.news_trust_grant(organisation=article.author, by=city_staff)
    services.news_submit(article=article, by=partner_member)
    article.refresh_from_db()
    assert article.status == Status.PUBLISHED
    assert article.published_at is not None


def test_a_city_departments_article_is_published_directly(city_staff):
    article = _draft(author=_city_department(), kind=NewsArticle.Kind.CITY_NOTICE)
    services.news_submit(article=article, by=city_staff)
    assert NewsArticle.objects.get(pk=article.pk).status == Status.PUBLISHED


def test_after_trust_is_withdrawn_the_group_is_reviewed_again(partner_member, city_staff):
    group = OrganisationFactory()
    services.news_trust_grant(organisation=group, by=city_staff)
    services.news_trust_withdraw(organisation=group, by=city_staff)
    article = _draft(author=group)
    services.news_submit(article=article, by=partner_member)
    assert article.status == Status.IN_REVIEW
    actions = list(
        AuditEvent.objects.filter(target_id=str(group.pk), action__startswith="news_trust")
        .order_by("pk")
        .values_list("action", flat=True)
    )
    assert actions == ["news_trust.grant", "news_trust.withdraw"]


def test_trust_is_granted_once_and_withdrawn_once(city_staff):
    group = OrganisationFactory()
    services.news_trust_grant(organisation=group, by=city_staff)
    with pytest.raises(ValidationError) as twice:
        services.news_trust_grant(organisation=group, by=city_staff)
    assert twice.value.code == "already_trusted"
    services.news_trust_withdraw(organisation=group, by=city_staff)
    with pytest.raises(ValidationError) as again:
        services.news_trust_withdraw(organisation=group, by=city_staff)
    assert again.value.code == "not_trusted"
    assert AuditEvent.objects.filter(action__startswith="news_trust").count() == 2


def test_a_group_waiting_for_verification_cannot_be_trusted(city_staff):
    group = OrganisationFactory(status=Organisation.Status.PENDING)
    with pytest.raises(ValidationError) as error:
        services.news_trust_grant(organisation=group, by=city_staff)
    assert error.value.code == "not_listed"
    assert not NewsTrust.objects.exists()


def test_staff_publish_or_send_back_with_a_reason(coordinator):
    published, returned = _draft(status=Status.IN_REVIEW), _draft(status=Status.IN_REVIEW)
    services.news_publish(article=published, by=coordinator)
    services.news_return(article=returned, reason="写真の説明を加えてください。", by=coordinator)
    assert NewsArticle.objects.get(pk=published.pk).status == Status.PUBLISHED
    returned.refresh_from_db()
    assert returned.status == Status.DRAFT
    assert returned.status_reason == "写真の説明を加えてください。"


def test_hiding_needs_a_reason_and_keeps_it_for_everyone(coordinator):
    article = NewsArticleFactory()
    with pytest.raises(ValidationError) as error:
        services.news_hide(article=article, reason="  ", by=coordinator)
    assert error.value.code == "reason_required"
    assert NewsArticle.objects.get(pk=article.pk).status == Status.PUBLISHED

    services.news_hide(article=article, reason="個人の電話番号が載っていたため", by=coordinator)
    article.refresh_from_db()
    assert article.status == Status.HIDDEN
    assert article.status_reason == "個人の電話番号が載っていたため"
    event = AuditEvent.objects.get(action="news.hide")
    assert event.note == "個人の電話番号が載っていたため"


def test_a_hidden_article_is_shown_again_without_its_reason(coordinator):
    article = NewsArticleFactory(status=Status.HIDDEN, status_reason="確認中")
    services.news_restore(article=article, by=coordinator)
    article.refresh_from_db()
    assert (article.status, article.status_reason) == (Status.PUBLISHED, "")


@pytest.mark.parametrize(
    ("status", "service"),
    [
        (Status.IN_REVIEW, "submit"),
        (Status.PUBLISHED, "submit"),
        (Status.HIDDEN, "submit"),
        (Status.DRAFT, "publish"),
        (Status.HIDDEN, "publish"),
        (Status.PUBLISHED, "return"),
        (Status.DRAFT, "hide"),
        (Status.IN_REVIEW, "hide"),
        (Status.PUBLISHED, "restore"),
        (Status.IN_REVIEW, "restore"),
    ],
)
def test_moves_outside_the_table_are_refused(coordinator, status, service):
    article = NewsArticleFactory(status=status)
    calls = {
        "submit": lambda: services.news_submit(article=article, by=coordinator),
        "publish": lambda: services.news_publish(article=article, by=coordinator),
        "return": lambda: services.news_return(article=article, reason="理由", by=coordinator),
        "hide": lambda: services.news_hide(article=article, reason="理由", by=coordinator),
        "restore": lambda: services.news_restore(article=article, by=coordinator),
    }
    with pytest.raises(ValidationError) as error:
        calls[service]()
    assert error.value.code == "invalid_transition"
    assert NewsArticle.objects.get(pk=article.pk).status == status


def test_a_double_submit_moves_the_article_once(partner_member):
    article = _draft()
    stale = NewsArticle.objects.get(pk=article.pk)
    services.news_submit(article=article, by=partner_member)
    with pytest.raises(ValidationError) as error:
        services.news_submit(article=stale, by=partner_member)
    assert error.value.code == "stale"
    assert AuditEvent.objects.filter(action="news.submit").count() == 1


def test_only_a_draft_is_changed(partner_member):
    article = NewsArticleFactory()
    with pytest.raises(ValidationError) as error:
        services.news_save(article=article, data={"title": "書き換え"}, by=partner_member)
    assert error.value.code == "not_draft"
    assert NewsArticle.objects.get(pk=article.pk).title != "書き換え"


def test_a_change_to_a_draft_is_audited_with_what_changed(partner_member):
    article = _draft()
    services.news_save(article=article, data={"title": "題名を直しました"}, by=partner_member)
    event = AuditEvent.objects.get(action="news.update")
    assert event.after == {"title": "題名を直しました"}


def test_only_a_city_department_writes_notices_from_the_city(partner_member):
    with pytest.raises(ValidationError) as error:
        _write(OrganisationFactory(), partner_member, kind=NewsArticle.Kind.CITY_NOTICE)
    assert error.value.error_dict["kind"][0].code == "city_only"
    assert not NewsArticle.objects.exists()


def test_an_article_links_only_an_event_its_group_organises(partner_member):
    group = OrganisationFactory()
    with pytest.raises(ValidationError) as error:
        _write(group, partner_member, event=EventFactory())
    assert error.value.error_dict["event"][0].code == "event_not_ours"
    co_organised = EventFactory()
    co_organised.co_organisers.add(group)
    assert _write(group, partner_member, event=co_organised).event == co_organised


def test_an_article_links_only_a_case_its_group_took_part_in(partner_member):
    group = OrganisationFactory()
    with pytest.raises(ValidationError) as error:
        _write(group, partner_member, case=published_case(OrganisationFactory()))
    assert error.value.error_dict["case"][0].code == "case_not_ours"
    ours = published_case(group)
    assert _write(group, partner_member, case=ours).case == ours


def test_a_title_on_two_lines_is_refused(partner_member):
    with pytest.raises(ValidationError) as error:
        _write(OrganisationFactory(), partner_member, title="一行目\n二行目")
    assert "title" in error.value.error_dict


def test_a_picture_needs_a_description_and_is_kept_without_its_metadata(partner_member):
    group = OrganisationFactory()
    photo = SimpleUploadedFile("IMG_0001.jpg", phone_photo(), content_type="image/jpeg")
    with pytest.raises(ValidationError) as missing:
        services.news_save(
            article=None,
            data={"title": "報告", "body": "本文", "kind": "results"},
            author=group,
            image=photo,
            by=partner_member,
        )
    assert missing.value.error_dict["alt_text"][0].code == "alt_required"
    photo.seek(0)
    article = services.news_save(
        article=None,
        data={"title": "報告", "body": "本文", "kind": "results", "alt_text": "清掃後の河川敷"},
        author=group,
        image=photo,
        by=partner_member,
    )
    assert article.image.name.endswith(".jpg")
    assert "IMG_0001" not in article.image.name
    assert max(article.width, article.height) <= 1600
    assert article.thumbnail


def test_a_trusted_group_cannot_publish_its_hidden_article_again_by_submitting(
    partner_member, city_staff
):
    article = NewsArticleFactory(status=Status.HIDDEN, status_reason="確認中")
    services.news_trust_grant(organisation=article.author, by=city_staff)
    with pytest.raises(ValidationError) as error:
        services.news_submit(article=article, by=partner_member)
    assert error.value.code == "invalid_transition"
    assert NewsArticle.objects.get(pk=article.pk).status == Status.HIDDEN
