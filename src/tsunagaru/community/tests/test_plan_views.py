"""Community plan pages: the public reads the adopted plan (without members' names), the
members write the draft, the representative adopts, the staff read; in a fixed number of
queries; printable."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tsunagaru.community import plan_document
from tsunagaru.community import plan_services as services
from tsunagaru.community.plan_models import ActionProgress, PlanIssue, PlanVersion
from tsunagaru.community.tests.plan_factories import (
    action_data,
    adopted,
    association,
    drafted,
    meeting,
    this_year,
)
from tsunagaru.core.dates import fiscal_year_label, format_wareki
from tsunagaru.info.tests.factories import EventFactory
from tsunagaru.proposals.services import table as table_services

pytestmark = pytest.mark.django_db


@pytest.fixture
def people():
    return association()


def test_the_adopted_plan_is_public_without_the_members_names(client, people):
    made, _version = adopted(people)

    response = client.get(reverse("community:plan", args=[made.plan.pk]))

    html = response.content.decode()
    assert response.status_code == 200
    assert "地区合同防災訓練" in html
    assert format_wareki(meeting()) in html  # the general meeting, in 和暦
    assert fiscal_year_label(this_year()) in html
    assert people.representative.display_name not in html
    assert people.member.display_name not in html
    assert reverse("community:plan_draft", args=[made.plan.pk]) not in html


def test_a_plan_never_adopted_is_not_public(client, people, resident):
    plan = drafted(people).plan

    assert client.get(reverse("community:plan", args=[plan.pk])).status_code == 404
    assert client.get(reverse("community:plan_pdf", args=[plan.pk])).status_code == 404
    client.force_login(resident)
    assert client.get(reverse("community:plan_draft", args=[plan.pk])).status_code == 403
    assert client.get(reverse("community:plan_pdf", args=[plan.pk]) + "?draft=1").status_code == 404


def test_the_public_page_shows_the_adopted_version_while_members_revise(client, people):
    made, _version = adopted(people)
    services.goal_add(plan=made.plan, text="書きかけの目標", by=people.member)

    html = client.get(reverse("community:plan", args=[made.plan.pk])).content.decode()
    assert "書きかけの目標" not in html

    client.force_login(people.member)
    html = client.get(reverse("community:plan_draft", args=[made.plan.pk])).content.decode()
    assert "書きかけの目標" in html
    assert "not yet adopted" in html or "まだ議決されていない" in html


@pytest.mark.parametrize(
    ("who", "status"),
    [("member", 200), ("city_staff", 200), ("resident", 403), ("anonymous", 302)],
)
def test_who_opens_the_draft(client, people, city_staff, resident, who, status):
    plan = drafted(people).plan
    users = {"member": people.member, "city_staff": city_staff, "resident": resident}
    if who in users:
        client.force_login(users[who])

    response = client.get(reverse("community:plan_draft", args=[plan.pk]))

    assert response.status_code == status
    if who == "city_staff":  # reads, but writes nothing
        assert reverse("community:plan_issue_add", args=[plan.pk]) not in response.content.decode()


def test_a_member_adds_an_issue_and_the_city_cannot(client, people, city_staff):
    plan = drafted(people).plan
    url = reverse("community:plan_issue_add", args=[plan.pk])
    data = {"issue-text": "若者が地区外に出ていく", "issue-found_by": "workshop"}

    client.force_login(city_staff)
    assert client.post(url, data).status_code == 403
    client.force_login(people.member)
    response = client.post(url, data)

    assert response.status_code == 302
    assert PlanIssue.objects.filter(plan=plan, text="若者が地区外に出ていく").exists()


def test_a_blank_issue_is_explained_on_the_draft_page(client, people):
    plan = drafted(people).plan
    client.force_login(people.member)

    response = client.post(
        reverse("community:plan_issue_add", args=[plan.pk]),
        {"issue-text": "", "issue-found_by": ""},
    )

    assert response.status_code == 200
    assert 'role="alert"' in response.content.decode() or "errorlist" in response.content.decode()
    assert plan.issues.count() == 1


def test_an_action_outside_the_period_is_refused_on_its_form(client, people):
    plan = drafted(people).plan
    client.force_login(people.member)

    response = client.post(
        reverse("community:plan_action_new", args=[plan.pk]),
        {
            "title": "将来の取組",
            "first_year": this_year(),
            "last_year": this_year() + 5,
            "lead": "総務部会",
        },
    )

    assert response.status_code == 200
    assert plan.actions.count() == 1


def test_the_representative_adopts_and_a_member_may_not(client, people):
    plan = drafted(people).plan
    url = reverse("community:plan_adopt", args=[plan.pk])

    client.force_login(people.member)
    assert client.get(url).status_code == 403
    client.force_login(people.representative)
    response = client.post(url, {"general_meeting_on": meeting().isoformat(), "changes": ""})

    assert response.status_code == 302
    assert PlanVersion.objects.get(plan=plan).number == 1


def test_a_member_records_progress_of_an_adopted_action(client, people, resident):
    made, _version = adopted(people)
    url = reverse("community:plan_progress", args=[made.action.pk])
    data = {"year": this_year(), "result": "done", "figure": "150", "note": "小学校と合同で実施"}

    client.force_login(resident)
    assert client.post(url, data).status_code == 403
    client.force_login(people.member)
    assert client.post(url, data).status_code == 302

    assert ActionProgress.objects.get().figure == 150
    html = client.get(reverse("community:plan", args=[made.plan.pk])).content.decode()
    assert "小学校と合同で実施" in html


def test_removing_an_unknown_kind_of_part_is_not_found(client, people):
    drafted(people)
    client.force_login(people.member)

    assert client.post("/community/plans/vision/1/remove/").status_code == 404


def test_a_member_removes_an_issue_and_an_outsider_cannot(client, people, resident):
    plan = drafted(people).plan
    issue = plan.issues.get()
    url = reverse("community:plan_part_remove", args=["issue", issue.pk])

    client.force_login(resident)
    assert client.post(url).status_code == 403
    client.force_login(people.member)
    assert client.post(url).status_code == 302
    assert not plan.issues.exists()


def test_a_link_to_an_event_the_reader_may_not_open_is_left_out(client, people):
    made, _version = adopted(people)
    draft_event = EventFactory(organiser=people.organisation, status="draft", title="準備中の行事")
    services.action_save(
        plan=made.plan,
        action=made.action,
        data=action_data(goal=made.goal, event=draft_event),
        by=people.member,
    )
    services.plan_adopt(
        plan=made.plan,
        general_meeting_on=meeting(),
        changes="行事を結んだ",
        by=people.representative,
    )

    public = client.get(reverse("community:plan", args=[made.plan.pk])).content.decode()
    client.force_login(people.member)
    members = client.get(reverse("community:plan", args=[made.plan.pk])).content.decode()

    assert "準備中の行事" not in public
    assert "準備中の行事" in members


def test_the_plan_page_reads_in_a_fixed_number_of_queries(client, people):
    made, _version = adopted(people)
    url = reverse("community:plan", args=[made.plan.pk])
    client.get(url)  # the first request reads what is cached after it (the site's settings)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for n in range(8):
        services.action_save(plan=made.plan, data=action_data(title=f"取組{n}"), by=people.member)
    services.plan_adopt(
        plan=made.plan,
        general_meeting_on=meeting(),
        changes="取組を増やした",
        by=people.representative,
    )

    with CaptureQueriesContext(connection) as many:
        client.get(url)

    assert len(many) == len(few)


def test_the_printable_plan_is_a_pdf_in_japanese_with_the_district(client, people):
    made, version = adopted(people)

    response = client.get(reverse("community:plan_pdf", args=[made.plan.pk]))
    html = plan_document.html(made.plan, version)

    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert "稲瀬地区振興会（稲瀬地区）" in html
    years = f"{fiscal_year_label(this_year())}〜{fiscal_year_label(this_year() + 4)}"
    assert years in html
    assert f"{format_wareki(meeting())}議決" in html
    assert "案" not in html


def test_the_draft_prints_marked_as_a_draft_for_the_members(client, people):
    plan = drafted(people).plan
    client.force_login(people.member)

    response = client.get(reverse("community:plan_pdf", args=[plan.pk]) + "?draft=1")

    assert response.content.startswith(b"%PDF")
    assert "no-store" in response["Cache-Control"]
    assert "案（総会資料）" in plan_document.html(plan, None)


def test_the_associations_page_offers_its_members_to_begin_a_plan(client, people, resident):
    url = reverse("partners:detail", args=[people.organisation.pk])
    begin = reverse("community:plan_new", args=[people.organisation.pk])

    client.force_login(resident)
    assert begin not in client.get(url).content.decode()
    client.force_login(people.member)
    assert begin in client.get(url).content.decode()

    response = client.post(
        begin,
        {
            "title": "稲瀬地区まちづくり計画",
            "first_year": this_year(),
            "last_year": this_year() + 4,
            "vision": "",
        },
    )
    assert response.status_code == 302
    plan = people.organisation.community_plans.get()
    assert response["Location"] == reverse("community:plan_draft", args=[plan.pk])


def test_the_district_page_lists_only_adopted_plans(client, people):
    drafted_plan = drafted(association("伊手地区振興会")).plan
    made, _version = adopted(people)

    html = client.get(reverse("community:district", args=[made.plan.district_id])).content.decode()

    assert reverse("community:plan", args=[made.plan.pk]) in html
    assert reverse("community:plan", args=[drafted_plan.pk]) not in html


def test_a_link_to_a_proposal_the_reader_may_not_open_is_left_out(client, people):
    made, _version = adopted(people)
    draft = table_services.proposal_save(
        proposal=None,
        data={"title": "下書きの提案"},
        proposer=people.organisation,
        by=people.member,
    )
    services.action_save(
        plan=made.plan,
        action=made.action,
        data=action_data(goal=made.goal, proposal=draft),
        by=people.member,
    )
    services.plan_adopt(
        plan=made.plan,
        general_meeting_on=meeting(),
        changes="提案を結んだ",
        by=people.representative,
    )

    public = client.get(reverse("community:plan", args=[made.plan.pk])).content.decode()
    client.force_login(people.member)
    members = client.get(reverse("community:plan", args=[made.plan.pk])).content.decode()

    assert "下書きの提案" not in public
    assert "下書きの提案" in members


def test_the_associations_page_links_a_draft_only_for_its_people(client, people):
    plan = drafted(people).plan
    url = reverse("partners:detail", args=[people.organisation.pk])
    draft = reverse("community:plan_draft", args=[plan.pk])

    assert plan.title not in client.get(url).content.decode()
    client.force_login(people.member)
    assert draft in client.get(url).content.decode()
