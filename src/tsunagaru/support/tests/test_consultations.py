"""The centre's consultation log: logging on someone's behalf, answering, referrals, the queue,
and askers' personal data kept to the centre (each viewing logged)."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tsunagaru.accounts.models import Role
from tsunagaru.audit.models import AuditEvent
from tsunagaru.guideline.models import OrganisationKind, Program
from tsunagaru.partners.tests.factories import OrganisationFactory
from tsunagaru.support import selectors, services
from tsunagaru.support.models import Consultation, Referral, Topic
from tsunagaru.support.tests.factories import ConsultationFactory

pytestmark = pytest.mark.django_db
GRANT = "市民提案型協働支援事業補助金制度の運用"


def _department():
    return OrganisationFactory(
        name="奥州市 商工観光部", kind=OrganisationKind.objects.get(code="city_department")
    )


def test_staff_log_a_phone_consultation_with_a_referral_to_a_grant(client, coordinator):
    client.force_login(coordinator)
    topic = Topic.objects.get(code="grants")
    response = client.post(
        reverse("support:log"),
        {
            "channel": "phone",
            "topic": topic.pk,
            "subject": "補助金の使い道について",
            "question": "地区の夏祭りに補助金を使えるか知りたい。",
            "asker_name": "菅原 勇",
            "asker_phone": "0197-35-1234",
            "answer": "市民提案型協働支援事業補助金のチャレンジコースを紹介しました。",
        },
    )
    consultation = Consultation.objects.get()
    assert response.status_code == 302
    assert consultation.entered_by == coordinator  # marked as entered on their behalf
    assert consultation.status == Consultation.Status.ANSWERED

    program = Program.objects.get(name=GRANT)
    response = client.post(
        reverse("support:refer", args=[consultation.pk]),
        {"kind": "program", "program": program.pk, "note": "チャレンジコース"},
    )

    referral = consultation.referrals.get()
    assert referral.program == program
    page = client.get(consultation.get_absolute_url()).content.decode()
    assert f"#program-{program.pk}" in page
    assert "菅原 勇" in page
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"consultation.log", "consultation.refer"} <= actions


def test_a_logged_consultation_must_say_who_asked(coordinator):
    with pytest.raises(ValidationError) as error:
        services.consultation_log(
            data={
                "channel": "counter",
                "topic": Topic.objects.get(code="other"),
                "subject": "相談",
                "question": "質問",
                "asker_name": "  ",
            },
            by=coordinator,
        )

    assert error.value.code == "no_asker"
    assert not Consultation.objects.exists()


def test_a_group_may_be_the_asker(coordinator):
    group = OrganisationFactory(name="水沢こども食堂")

    consultation = services.consultation_log(
        data={
            "channel": "visit",
            "topic": Topic.objects.get(code="people"),
            "subject": "ボランティアが足りない",
            "question": "配膳のボランティアを集めたい。",
            "organisation": group,
        },
        by=coordinator,
    )

    assert consultation.organisation == group
    assert consultation.status == Consultation.Status.OPEN


def test_answer_close_and_reopen_follow_the_table_and_are_audited(coordinator):
    consultation = ConsultationFactory()

    services.consultation_answer(consultation=consultation, answer="回答", by=coordinator)
    services.consultation_close(consultation=consultation, by=coordinator)
    services.consultation_reopen(consultation=consultation, by=coordinator)

    consultation.refresh_from_db()
    assert consultation.status == Consultation.Status.OPEN
    assert consultation.closed_at is None
    actions = list(
        AuditEvent.objects.filter(action__startswith="consultation.")
        .order_by("pk")
        .values_list("action", flat=True)
    )
    assert actions == ["consultation.answer", "consultation.close", "consultation.reopen"]


def test_an_answered_consultation_cannot_be_answered_again_without_reopening(coordinator):
    consultation = ConsultationFactory()
    services.consultation_answer(consultation=consultation, answer="回答", by=coordinator)

    with pytest.raises(ValidationError) as error:
        services.consultation_answer(consultation=consultation, answer="別の回答", by=coordinator)

    assert error.value.code == "invalid_transition"


def test_two_staff_answering_at_once_cannot_both_win(coordinator, city_staff):
    consultation = ConsultationFactory()
    stale = Consultation.objects.get(pk=consultation.pk)
    services.consultation_answer(consultation=consultation, answer="千葉の回答", by=coordinator)

    with pytest.raises(ValidationError) as error:
        services.consultation_answer(consultation=stale, answer="及川の回答", by=city_staff)

    assert error.value.code == "stale"
    consultation.refresh_from_db()
    assert consultation.answer == "千葉の回答"
    assert AuditEvent.objects.filter(action="consultation.answer").count() == 1


def test_an_empty_answer_is_refused(coordinator):
    with pytest.raises(ValidationError) as error:
        services.consultation_answer(consultation=ConsultationFactory(), answer=" ", by=coordinator)

    assert error.value.code == "empty"


def test_a_department_referral_must_point_at_a_city_department(coordinator):
    consultation = ConsultationFactory()
    group = OrganisationFactory(name="水沢こども食堂")

    with pytest.raises(ValidationError) as not_department:
        services.referral_add(
            consultation=consultation, kind="department", organisation=group, by=coordinator
        )
    with pytest.raises(ValidationError) as a_department:
        services.referral_add(
            consultation=consultation, kind="group", organisation=_department(), by=coordinator
        )
    with pytest.raises(ValidationError) as no_target:
        services.referral_add(consultation=consultation, kind="program", by=coordinator)

    assert not_department.value.code == "not_a_department"
    assert a_department.value.code == "a_department"
    assert no_target.value.code == "no_target"
    assert not Referral.objects.exists()


def test_the_database_refuses_a_referral_pointing_at_two_records(coordinator):
    consultation = ConsultationFactory()

    with pytest.raises(IntegrityError):
        Referral.objects.create(
            consultation=consultation,
            kind="program",
            program=Program.objects.get(name=GRANT),
            organisation=_department(),
            created_by=coordinator,
        )


def test_referrals_to_a_department_and_a_group_link_to_their_pages(client, coordinator):
    consultation = ConsultationFactory()
    department = _department()
    group = OrganisationFactory(name="江刺まちづくりの会")
    services.referral_add(
        consultation=consultation, kind="department", organisation=department, by=coordinator
    )
    services.referral_add(
        consultation=consultation, kind="group", organisation=group, by=coordinator
    )
    client.force_login(coordinator)

    page = client.get(consultation.get_absolute_url()).content.decode()

    assert department.get_absolute_url() in page
    assert group.get_absolute_url() in page


def test_each_viewing_of_a_consultation_is_logged_as_personal_data_access(client, city_staff):
    consultation = ConsultationFactory()
    client.force_login(city_staff)

    client.get(consultation.get_absolute_url())
    client.get(consultation.get_absolute_url())

    views = AuditEvent.objects.filter(action="consultation.personal_data_view")
    assert views.count() == 2
    assert views.first().actor == city_staff


@pytest.mark.parametrize(
    ("role", "status"),
    [
        (Role.COORDINATOR, 200),
        (Role.CITY_STAFF, 200),
        (Role.RESIDENT, 403),
        (Role.PARTNER_MEMBER, 403),
        (Role.REVIEWER, 403),
        (Role.ADMINISTRATOR, 403),
    ],
)
def test_only_the_centre_sees_the_queue_and_a_consultation(client, make_user, role, status):
    consultation = ConsultationFactory(asker_name="及川 和子")
    client.force_login(make_user(role))

    queue = client.get(reverse("support:queue"))
    detail = client.get(consultation.get_absolute_url())

    assert queue.status_code == status
    assert detail.status_code == status
    if status == 403:
        assert "及川 和子" not in detail.content.decode()
        assert not AuditEvent.objects.filter(action__endswith="_view").exists()


def test_anonymous_visitors_are_sent_to_sign_in(client):
    consultation = ConsultationFactory()

    response = client.get(consultation.get_absolute_url())

    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


def test_the_queue_filters_by_status_topic_channel_follow_up_and_words(client, coordinator):
    today = timezone.localdate()
    accounts = Topic.objects.get(code="accounting")
    wanted = ConsultationFactory(
        subject="決算書の作り方", topic=accounts, channel="phone", follow_up_on=today
    )
    ConsultationFactory(subject="決算書の作り方（別件）", topic=accounts, channel="online")
    ConsultationFactory(subject="チラシの作り方", channel="phone", follow_up_on=today)
    ConsultationFactory(
        subject="決算書の相談（終了）",
        topic=accounts,
        channel="phone",
        status="closed",
        follow_up_on=today,
    )
    client.force_login(coordinator)

    response = client.get(
        reverse("support:queue"),
        {"topic": accounts.pk, "channel": "phone", "due": "on", "q": "決算書"},
    )

    assert list(response.context["page"].object_list) == [wanted]


def test_the_queue_asks_the_same_number_of_queries_for_3_rows_or_25(client, coordinator):
    client.force_login(coordinator)
    group = OrganisationFactory()
    for _n in range(3):
        ConsultationFactory(organisation=group, entered_by=coordinator)
    client.get(reverse("support:queue"))  # warm the per-process caches (content types, menu)
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("support:queue"))
    for _n in range(22):
        ConsultationFactory(organisation=group, entered_by=coordinator)

    with CaptureQueriesContext(connection) as many:
        response = client.get(reverse("support:queue"))

    assert len(response.context["page"].object_list) == 25
    assert len(many) == len(few)


def test_a_closed_consultation_takes_no_referral(client, coordinator):
    consultation = ConsultationFactory(status="closed")
    client.force_login(coordinator)

    response = client.post(
        reverse("support:refer", args=[consultation.pk]),
        {"kind": "program", "program": Program.objects.get(name=GRANT).pk},
    )

    assert response.status_code == 403
    assert not Referral.objects.exists()


def test_follow_up_date_and_notes_are_saved_and_audited(client, coordinator):
    consultation = ConsultationFactory()
    client.force_login(coordinator)

    client.post(
        reverse("support:follow_up", args=[consultation.pk]),
        {"follow_up_on": "2027-01-15", "notes": "年明けに電話する"},
    )

    consultation.refresh_from_db()
    assert consultation.follow_up_on == datetime.date(2027, 1, 15)
    event = AuditEvent.objects.get(action="consultation.follow_up")
    assert event.after["follow_up_on"] == "2027-01-15"


def test_staff_answer_from_the_page_and_the_asker_page_shows_it(client, coordinator):
    consultation = ConsultationFactory()
    client.force_login(coordinator)

    response = client.post(
        reverse("support:answer", args=[consultation.pk]),
        {"answer": "規約のひな形をお送りします。", "notify": "on"},
    )

    assert response.status_code == 302
    consultation.refresh_from_db()
    assert consultation.answered_by == coordinator


def test_staff_name_the_department_by_part_of_its_name(client, coordinator):
    consultation = ConsultationFactory()
    department = _department()
    client.force_login(coordinator)

    client.post(
        reverse("support:refer", args=[consultation.pk]),
        {"kind": "department", "organisation": "商工観光部"},
    )

    assert consultation.referrals.get().organisation == department


@pytest.mark.parametrize(
    ("text", "code"), [("子ども食堂", "several"), ("存在しない会", "not_found")]
)
def test_a_name_that_is_not_one_group_is_explained_and_nothing_is_saved(
    client, coordinator, text, code
):
    consultation = ConsultationFactory()
    OrganisationFactory(name="水沢子ども食堂")
    OrganisationFactory(name="江刺子ども食堂")
    client.force_login(coordinator)

    response = client.post(
        reverse("support:refer", args=[consultation.pk]), {"kind": "group", "organisation": text}
    )

    assert response.status_code == 200
    assert response.context["referral_form"].has_error("organisation", code=code)
    assert not Referral.objects.exists()


def test_a_logged_consultation_names_its_group_by_name(client, coordinator):
    group = OrganisationFactory(name="水沢こども食堂")
    client.force_login(coordinator)

    client.post(
        reverse("support:log"),
        {
            "channel": "counter",
            "topic": Topic.objects.get(code="people").pk,
            "subject": "配膳のボランティア",
            "question": "人が足りない。",
            "organisation": "水沢こども食堂",
        },
    )

    assert Consultation.objects.get().organisation == group


def test_a_proposal_at_the_table_is_found_by_part_of_its_title_but_not_a_draft(coordinator):
    from tsunagaru.proposals.models import Proposal
    from tsunagaru.support import forms

    group = OrganisationFactory()
    sent = Proposal.objects.create(
        title="元気な高齢者の集いの場づくり",
        problem="集いの場がない",
        proposer=group,
        status=Proposal.Status.SUBMITTED,
        created_by=coordinator,
    )
    Proposal.objects.create(
        title="高齢者の見守り（下書き）", problem="-", proposer=group, created_by=coordinator
    )

    form = forms.ReferralForm({"kind": "proposal", "proposal": "高齢者"})

    assert form.is_valid(), form.errors
    assert form.cleaned_data["proposal"] == sent


def test_staff_log_a_consultation_from_the_groups_page_with_the_group_filled_in(
    client, coordinator
):
    group = OrganisationFactory(name="水沢こども食堂")
    client.force_login(coordinator)

    page = client.get(group.get_absolute_url()).content.decode()
    form = client.get(reverse("support:log"), {"group": group.pk})

    assert f"{reverse('support:log')}?group={group.pk}" in page
    assert form.context["form"].initial["organisation"] == "水沢こども食堂"
    assert client.get(reverse("support:log"), {"group": "99999999999"}).status_code == 200


def test_the_words_filter_finds_the_answer_and_the_group_but_the_site_search_does_not(
    client, coordinator
):
    from tsunagaru.search.selectors import search_ids

    group = OrganisationFactory(name="胆沢太鼓保存会")
    consultation = ConsultationFactory(organisation=group, subject="練習場所の相談")
    services.consultation_answer(
        consultation=consultation, answer="地区センターの和室を紹介しました。", by=coordinator
    )
    client.force_login(coordinator)

    by_answer = client.get(reverse("support:queue"), {"q": "和室"}).context["page"]
    by_group = client.get(reverse("support:queue"), {"q": "太鼓"}).context["page"]

    assert list(by_answer.object_list) == [consultation]
    assert list(by_group.object_list) == [consultation]
    assert search_ids(model=Consultation, query="和室") == []  # public search: nothing


def test_staff_refer_someone_to_a_course_of_the_academy(client, coordinator):
    from tsunagaru.academy.models import Course

    course = Course.objects.get(code="beginner")
    consultation = ConsultationFactory(subject="地区の担い手を育てたい")
    client.force_login(coordinator)

    response = client.post(
        reverse("support:refer", args=[consultation.pk]),
        {"kind": "academy", "course": course.pk, "note": "次の初級編に申し込むよう勧めました"},
    )

    assert response.status_code == 302
    referral = consultation.referrals.get()
    assert (referral.kind, referral.course) == ("academy", course)
    page = client.get(consultation.get_absolute_url()).content.decode()
    assert course.get_absolute_url() in page


def test_a_referral_to_a_course_names_no_other_record(coordinator):
    from django.db import transaction

    from tsunagaru.academy.models import Course

    consultation = ConsultationFactory()
    course = Course.objects.get(code="beginner")
    with pytest.raises(IntegrityError), transaction.atomic():
        Referral.objects.create(
            consultation=consultation,
            kind="academy",
            course=course,
            program=Program.objects.get(name=GRANT),
            created_by=coordinator,
        )
    with pytest.raises(ValidationError) as refused:
        services.referral_add(consultation=consultation, kind="academy", by=coordinator)
    assert refused.value.code == "no_target"


def test_words_in_very_many_consultations_search_the_newest_and_say_so(
    client, coordinator, monkeypatch
):
    monkeypatch.setattr(selectors, "SEARCH_LIMIT", 3)
    made = [ConsultationFactory(subject=f"決算書の相談{n}") for n in range(5)]
    client.force_login(coordinator)

    response = client.get(reverse("support:queue"), {"q": "決算書"})

    # The newest three, newest first — not the three first ever written.
    assert list(response.context["page"].object_list) == made[:1:-1]
    assert "新しい 3 件の中だけを探しました" in response.content.decode()
    one = client.get(reverse("support:queue"), {"q": "決算書の相談4"})
    assert list(one.context["page"].object_list) == [made[4]]
    assert "の中だけを探しました" not in one.content.decode()


def test_part_of_a_name_in_very_many_consultations_also_finds_the_newest(
    client, coordinator, monkeypatch
):
    monkeypatch.setattr(selectors, "SEARCH_LIMIT", 3)
    made = [ConsultationFactory(subject=f"ファイヤーワークス実行委員会{n}") for n in range(5)]
    client.force_login(coordinator)

    response = client.get(reverse("support:queue"), {"q": "ファイヤーワー"})

    assert list(response.context["page"].object_list) == made[:1:-1]
