"""Grant pages as people use them: the public reads the programmes and takes the self-check; a
group's members write (saved field by field, or with the button when JavaScript is off), add
budget lines and files, and send; a draft is the group's alone; the 申請書 prints."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tsunagaru.accounts.models import Role
from tsunagaru.core.dates import format_wareki
from tsunagaru.grants import services
from tsunagaru.grants.models import Application, Attachment, BudgetLine
from tsunagaru.grants.tests.factories import begin, citizen_proposal, complete, group, pdf

pytestmark = pytest.mark.django_db


@pytest.fixture
def programme():
    return citizen_proposal()


@pytest.fixture
def people():
    return group()


@pytest.fixture
def draft(programme, people):
    return begin(people, programme)


def sent(application, people):
    complete(application, people.member)
    services.application_submit(application=application, confirmed=True, by=people.representative)
    application.refresh_from_db()
    return application


def test_the_years_grants_are_public_with_their_deadline_in_wareki(client, programme):
    response = client.get(reverse("grants:index"))

    html = response.content.decode()
    assert programme.name in html
    assert format_wareki(programme.rounds.get().deadline) in html


def test_the_programme_page_invites_members_to_begin_and_others_to_log_in(
    client, programme, people
):
    url = reverse("grants:programme", args=[programme.pk])
    anonymous = client.get(url).content.decode()
    assert reverse("account_login") in anonymous
    assert "チャレンジ" in anonymous

    client.force_login(people.member)
    html = client.get(url).content.decode()
    assert reverse("grants:start", args=[programme.pk]) in html
    assert people.organisation.name in html


def test_the_self_check_says_what_fits_and_why_not_without_logging_in(client, programme):
    answers = {"check": "1", "members_in_city": "yes", "governance": "yes", "registered": "no"}

    response = client.get(reverse("grants:check"), answers)

    html = response.content.decode()
    assert "支援センターに登録" in html or "register with the citizen activity centre" in html
    assert programme.name in html


def test_a_member_begins_an_application_and_lands_on_its_form(client, programme, people):
    client.force_login(people.member)
    course = programme.courses.get(code="challenge")

    response = client.post(
        reverse("grants:start", args=[programme.pk]),
        {"organisation": people.organisation.pk, "course": course.pk},
    )

    application = Application.objects.get()
    assert response.url == reverse("grants:edit", args=[application.pk])
    assert application.created_by == people.member


def test_one_cannot_begin_for_a_group_one_is_not_in(client, programme, people):
    outsider = group()
    client.force_login(outsider.member)
    client.post(
        reverse("grants:start", args=[programme.pk]),
        {"organisation": people.organisation.pk, "course": programme.courses.first().pk},
    )
    assert not Application.objects.exists()


@pytest.mark.parametrize("who", ["other group", "city staff", "coordinator", "anonymous"])
def test_a_draft_is_the_groups_alone(client, draft, who, make_user):
    if who == "other group":
        client.force_login(group().representative)
    elif who != "anonymous":
        client.force_login(make_user(Role.CITY_STAFF if who == "city staff" else Role.COORDINATOR))

    for name in ("application", "edit"):
        assert client.get(reverse(f"grants:{name}", args=[draft.pk])).status_code in (404, 302)
    response = client.post(reverse("grants:autosave", args=[draft.pk]), {"title": "乗っ取り"})
    assert response.status_code in (401, 404)
    draft.refresh_from_db()
    assert draft.title == ""


def test_sent_applications_are_read_by_staff_and_coordinators_not_other_groups(
    client, draft, people, make_user
):
    sent(draft, people)
    url = reverse("grants:application", args=[draft.pk])
    for role in (Role.CITY_STAFF, Role.COORDINATOR):
        client.force_login(make_user(role))
        assert client.get(url).status_code == 200
    client.force_login(group().representative)
    assert client.get(url).status_code == 404
    client.force_login(make_user(Role.RESIDENT))
    assert client.get(url).status_code == 404


def test_autosave_saves_one_field_and_answers_the_time_and_the_grant(client, draft, people):
    client.force_login(people.member)

    response = client.post(reverse("grants:autosave", args=[draft.pk]), {"title": "夏休みの居場所"})

    answer = response.json()
    assert answer["saved"] == ["title"]
    assert answer["errors"] == {}
    draft.refresh_from_db()
    assert draft.title == "夏休みの居場所"
    assert draft.place == ""  # fields not sent are left as they were


def test_autosave_after_the_login_ended_answers_401_and_saves_nothing(client, draft):
    response = client.post(reverse("grants:autosave", args=[draft.pk]), {"title": "消えない文"})

    assert response.status_code == 401
    assert response.json() == {"error": "login"}


def test_autosave_names_the_field_it_could_not_save_and_saves_the_others(client, draft, people):
    client.force_login(people.member)

    answer = client.post(
        reverse("grants:autosave", args=[draft.pk]), {"starts_on": "あした", "place": "駅前"}
    ).json()

    assert answer["saved"] == ["place"]
    assert list(answer["errors"]) == ["starts_on"]


def test_autosave_of_a_sent_application_is_refused_with_409(client, draft, people):
    sent(draft, people)
    client.force_login(people.member)

    response = client.post(reverse("grants:autosave", args=[draft.pk]), {"title": "後から"})

    assert response.status_code == 409
    draft.refresh_from_db()
    assert draft.title != "後から"


def test_without_javascript_the_button_saves_the_whole_form(client, draft, people):
    client.force_login(people.member)

    response = client.post(
        reverse("grants:edit", args=[draft.pk]),
        {"title": "居場所", "purpose": "課題", "place": "商店街", "asked": ""},
    )

    assert response.status_code == 302
    draft.refresh_from_db()
    assert (draft.title, draft.purpose, draft.place) == ("居場所", "課題", "商店街")


def test_a_negative_amount_is_refused_with_a_message_and_nothing_saved(client, draft, people):
    client.force_login(people.member)
    category = draft.programme.cost_categories.first()

    response = client.post(
        reverse("grants:expense_add", args=[draft.pk]),
        {"expense-category": category.pk, "expense-description": "材料", "expense-amount": "-500"},
    )

    assert response.status_code == 400
    assert "expense-amount" in response.content.decode()
    assert not BudgetLine.objects.exists()


def test_lines_added_show_the_grant_computed_and_capped(client, draft, people):
    client.force_login(people.member)
    category = draft.programme.cost_categories.get(eligible=True)
    client.post(
        reverse("grants:expense_add", args=[draft.pk]),
        {
            "expense-category": category.pk,
            "expense-description": "材料",
            "expense-amount": "130,000",
        },
    )

    html = client.get(reverse("grants:edit", args=[draft.pk])).content.decode()

    assert BudgetLine.objects.get().amount == 130_000
    assert "100,000" in html  # チャレンジ's cap
    assert "30,000" in html  # what the income still lacks


def test_a_file_that_is_not_what_its_name_says_is_refused_clearly(client, draft, people):
    client.force_login(people.member)
    fake = SimpleUploadedFile("規約.pdf", b"<html>not a pdf</html>", content_type="application/pdf")

    response = client.post(
        reverse("grants:file_add", args=[draft.pk]), {"kind": "rules", "file": fake}
    )

    assert response.status_code == 400
    assert not Attachment.objects.exists()


def test_a_file_received_is_listed_with_its_size_and_opens_for_the_group(client, draft, people):
    client.force_login(people.member)
    response = client.post(
        reverse("grants:file_add", args=[draft.pk]), {"kind": "rules", "file": pdf()}
    )
    attachment = Attachment.objects.get()

    html = client.get(response.url).content.decode()
    assert "規約.pdf" in html
    assert f"{attachment.size}" in html or "バイト" in html or "bytes" in html
    assert client.get(reverse("grants:file", args=[draft.pk, attachment.pk])).status_code == 200
    client.force_login(group().member)
    assert client.get(reverse("grants:file", args=[draft.pk, attachment.pk])).status_code == 404


def test_the_checklist_says_what_is_missing_before_sending(client, draft, people):
    client.force_login(people.representative)

    response = client.post(reverse("grants:submit", args=[draft.pk]), {"confirm": "on"})

    assert response.status_code == 400
    draft.refresh_from_db()
    assert draft.state == Application.State.DRAFT


def test_the_representative_sends_and_prints_the_application_form(client, draft, people):
    complete(draft, people.member)
    client.force_login(people.representative)

    response = client.post(reverse("grants:submit", args=[draft.pk]), {"confirm": "on"})

    assert response.url == reverse("grants:application", args=[draft.pk])
    pdf_response = client.get(reverse("grants:version_pdf", args=[draft.pk, 1]))
    assert pdf_response["Content-Type"] == "application/pdf"
    assert pdf_response.content.startswith(b"%PDF")
    assert "no-store" in pdf_response["Cache-Control"]


def test_a_member_cannot_send_only_the_representative_or_contact(client, draft, people):
    complete(draft, people.member)
    client.force_login(people.member)

    response = client.post(reverse("grants:submit", args=[draft.pk]), {"confirm": "on"})

    assert response.status_code == 403
    draft.refresh_from_db()
    assert draft.state == Application.State.DRAFT


def test_the_groups_applications_page_reads_in_fixed_queries(client, programme, people):
    client.force_login(people.member)
    begin(people, programme)
    client.get(reverse("grants:mine"))  # reference data cached per process
    with CaptureQueriesContext(connection) as one:
        client.get(reverse("grants:mine"))
    for course in ("collaboration", "step-up"):
        begin(people, programme, course=course)
    with CaptureQueriesContext(connection) as three:
        response = client.get(reverse("grants:mine"))

    assert response.content.decode().count(reverse("grants:edit", args=[1])[:-7]) >= 3
    assert len(three) == len(one)


def test_staff_change_a_programme_but_not_its_rules_once_applied_to(
    client, programme, people, make_user
):
    begin(people, programme)
    client.force_login(make_user(Role.CITY_STAFF))
    data = {
        "name": programme.name,
        "summary": "新しい説明",
        "legal_basis": "",
        "contact": "",
        "budget": 2_000_000,
        "cap": "",
        "rate_numerator": 1,
        "rate_denominator": 2,
        "rounding_unit": 1000,
        "payment": "after_results",
        "report_days": 30,
    }

    refused = client.post(reverse("grants:programme_edit", args=[programme.pk]), data)
    allowed = client.post(
        reverse("grants:programme_edit", args=[programme.pk]), {**data, "rate_denominator": 1}
    )

    assert refused.status_code == 200  # the form again, with the reason
    assert allowed.status_code == 302
    programme.refresh_from_db()
    assert (programme.summary, programme.budget, programme.rate_denominator) == (
        "新しい説明",
        2_000_000,
        1,
    )


def test_only_staff_keep_programmes(client, programme, people):
    client.force_login(people.representative)
    assert client.get(reverse("grants:programme_edit", args=[programme.pk])).status_code == 403
    assert client.post(reverse("grants:programme_copy", args=[programme.pk])).status_code == 403
