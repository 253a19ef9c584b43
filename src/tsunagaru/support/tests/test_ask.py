"""Asking the centre for help: open to anyone, answered by mail and on the asker's page."""

from __future__ import annotations

import re
import time

import pytest
import time_machine
from django.core import mail
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.urls import reverse

from tsunagaru.audit.models import AuditEvent
from tsunagaru.support import antispam, links, services
from tsunagaru.support.models import Consultation, Topic
from tsunagaru.support.tests.factories import ConsultationFactory

pytestmark = pytest.mark.django_db
ASK = reverse("support:ask")


@pytest.fixture(autouse=True)
def _fresh_rate_limits() -> None:
    cache.clear()


def test_topics_are_seeded_as_data_in_the_guidelines_order():
    names = list(Topic.objects.values_list("name", flat=True))

    assert names == [
        "団体の立ち上げ",
        "NPO法人化",
        "会計・税務",
        "補助金・助成金",
        "広報",
        "人材",
        "事業の棚卸し",
        "協働の相手探し",
        "その他",
    ]


def test_the_form_shows_a_time_token_and_a_honeypot_out_of_sight(client):
    html = client.get(ASK).content.decode()

    assert 'name="started"' in html
    assert re.search(r'aria-hidden="true">\s*<label for="id_homepage"', html)
    assert 'tabindex="-1"' in html


def test_a_guest_asks_and_gets_a_mail_with_the_private_link_to_the_question(client, ask_data):
    # The link is signed with the time: send and sign again in the same second.
    with time_machine.travel(time.time(), tick=False):
        response = client.post(ASK, ask_data)
        consultation = Consultation.objects.get()
        link = links.question_url(consultation.pk)
    assert response.status_code == 302
    assert response["Location"] == link
    assert consultation.status == Consultation.Status.OPEN
    assert consultation.channel == Consultation.Channel.ONLINE
    assert consultation.asker is None
    assert consultation.asker_name == "高橋 正"
    assert consultation.entered_by is None
    assert mail.outbox[-1].to == ["tadashi@example.jp"]
    assert link in mail.outbox[-1].body
    assert AuditEvent.objects.filter(action="consultation.ask").count() == 1


def test_the_private_link_shows_the_question_and_a_forged_one_is_not_found(client, ask_data):
    client.post(ASK, ask_data)
    consultation = Consultation.objects.get()

    page = client.get(links.question_url(consultation.pk))
    forged = client.get(reverse("support:question", args=[f"{consultation.pk}:x"]))

    assert "補助金の申請書の書き方" in page.content.decode()
    assert '<meta name="robots" content="noindex, nofollow">' in page.content.decode()
    assert forged.status_code == 404


def test_a_guest_without_an_email_or_phone_is_told_and_nothing_is_saved(client, ask_data):
    ask_data["email"] = ""

    response = client.post(ASK, ask_data)

    assert response.status_code == 200
    assert response.context["form"].has_error("email", code="no_contact")
    assert "予算書の書き方" in response.content.decode()  # what was typed is kept
    assert not Consultation.objects.exists()


def test_a_guest_may_give_only_a_phone_number_written_in_full_width_digits(client, ask_data):
    ask_data.update(email="", phone="０１９７－２４－２１１１")

    client.post(ASK, ask_data)

    consultation = Consultation.objects.get()
    assert consultation.asker_phone == "0197-24-2111"
    assert mail.outbox == []


def test_a_signed_in_person_is_linked_and_answers_go_to_their_accounts_address(
    client, resident, ask_data
):
    client.force_login(resident)
    for name in ("name", "email", "phone"):
        ask_data.pop(name)

    client.post(ASK, ask_data)

    consultation = Consultation.objects.get()
    assert consultation.asker == resident
    assert consultation.asker_email == resident.email
    # The link is signed with the time: read the page and sign in the same second.
    with time_machine.travel(time.time(), tick=False):
        mine = client.get(reverse("support:mine")).content.decode()
        assert links.question_url(consultation.pk) in mine


@pytest.mark.parametrize(("age", "code"), [(1, "too_fast"), (antispam.MAX_SECONDS + 60, "too_old")])
def test_a_form_sent_too_fast_or_too_late_is_refused_with_the_text_kept(
    client, ask_data, age, code
):
    ask_data["started"] = antispam.form_token(now=time.time() - age)

    response = client.post(ASK, ask_data)

    assert response.status_code == 200
    assert response.context["form"].has_error("__all__", code=code)
    assert "予算書の書き方" in response.content.decode()
    assert not Consultation.objects.exists()


def test_the_form_shown_again_carries_a_fresh_token_so_pressing_again_works(client, ask_data):
    ask_data["started"] = antispam.form_token(now=time.time() - 1)
    response = client.post(ASK, ask_data)
    fresh = response.context["form"].data["started"]

    antispam.check_form_token(fresh, now=time.time() + antispam.MIN_SECONDS)


def test_a_forged_token_is_refused(client, ask_data):
    ask_data["started"] = "12345"

    response = client.post(ASK, ask_data)

    assert response.context["form"].has_error("__all__", code="bad_token")
    assert not Consultation.objects.exists()


def test_a_filled_honeypot_is_refused(client, ask_data):
    ask_data["homepage"] = "http://spam.example/"

    response = client.post(ASK, ask_data)

    assert response.context["form"].has_error("__all__", code="honeypot")
    assert not Consultation.objects.exists()


def test_the_sixth_question_from_one_address_in_an_hour_is_refused(client, ask_data):
    for n in range(5):
        ask_data["email"] = f"person{n}@example.jp"
        assert client.post(ASK, ask_data).status_code == 302

    ask_data["email"] = "person9@example.jp"
    response = client.post(ASK, ask_data)

    assert response.status_code == 429
    assert response.context["form"].has_error("__all__", code="rate_limited")
    assert Consultation.objects.count() == 5


def test_staff_answer_is_mailed_and_shown_on_the_askers_page(client, coordinator):
    consultation = ConsultationFactory()

    with time_machine.travel(time.time(), tick=False):  # the link is signed with the time
        services.consultation_answer(
            consultation=consultation, answer="まず規約の案を作りましょう。", by=coordinator
        )
        link = links.question_url(consultation.pk, absolute=True)

    assert "まず規約の案を作りましょう。" in mail.outbox[-1].body
    assert link in mail.outbox[-1].body
    page = client.get(links.question_url(consultation.pk)).content.decode()
    assert "まず規約の案を作りましょう。" in page


def test_an_answer_without_notify_is_not_mailed(coordinator):
    consultation = ConsultationFactory()

    services.consultation_answer(
        consultation=consultation, answer="電話で説明しました。", by=coordinator, notify=False
    )

    assert mail.outbox == []
    consultation.refresh_from_db()
    assert consultation.status == Consultation.Status.ANSWERED


@pytest.mark.parametrize(
    ("name", "email", "phone", "code"),
    [("", "a@example.jp", "", "no_name"), ("高橋 正", "", "  ", "no_contact")],
)
def test_the_service_itself_refuses_a_guest_it_could_not_answer(name, email, phone, code):
    # The form checks first; the service holds the rule for every other caller (the API, demo).
    with pytest.raises(ValidationError) as error:
        services.consultation_ask(
            topic=Topic.objects.get(code="other"),
            subject="質問",
            question="質問です。",
            user=None,
            name=name,
            email=email,
            phone=phone,
        )

    assert error.value.code == code
    assert not Consultation.objects.exists()


def test_a_member_may_ask_for_their_group_but_not_for_another(client, partner_member, ask_data):
    from tsunagaru.partners.tests.factories import MembershipFactory, OrganisationFactory

    mine = MembershipFactory(user=partner_member, organisation__name="稲瀬振興会").organisation
    other = OrganisationFactory(name="米里振興会")
    client.force_login(partner_member)
    for name in ("name", "email", "phone"):
        ask_data.pop(name)

    refused = client.post(ASK, {**ask_data, "organisation": other.pk})
    client.post(ASK, {**ask_data, "organisation": mine.pk})

    assert refused.context["form"].has_error("organisation", code="invalid_choice")
    assert Consultation.objects.get().organisation == mine
