"""The table's pages: who sees what, and one proposal through the pages."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.urls import reverse

from tsunagaru.core.dates import format_wareki
from tsunagaru.guideline.models import CollaborationType, Domain, Form, Principle
from tsunagaru.proposals import services
from tsunagaru.proposals.models import Proposal
from tsunagaru.proposals.tests.conftest import agreed, at_table, submitted

pytestmark = pytest.mark.django_db


def test_a_draft_is_seen_only_by_its_group(client, table):
    proposal = services.proposal_save(
        proposal=None, data={"title": "下書き"}, by=table.district_rep, proposer=table.district
    )
    url = reverse("proposals:detail", args=[proposal.pk])
    for user, status in (
        (None, 404),
        (table.npo_rep, 404),
        (table.secretariat, 404),
        (table.district_member, 200),
    ):
        client.logout()
        if user:
            client.force_login(user)
        assert client.get(url).status_code == status


def test_the_table_pages_are_for_the_parties_and_the_staff(client, table):
    proposal = at_table(table)
    pages = [
        reverse(f"proposals:{name}", args=[proposal.pk])
        for name in ("meetings", "thread", "agreement", "reports")
    ]
    client.force_login(table.outsider)
    assert {client.get(url).status_code for url in pages} == {404}
    client.force_login(table.npo_rep)
    assert {client.get(url).status_code for url in pages} == {200}
    client.force_login(table.secretariat)
    assert {client.get(url).status_code for url in pages} == {200}


def test_an_agreed_project_is_public_but_not_what_stays_private(client, table):
    proposal = agreed(table)
    client.logout()

    page = client.get(reverse("proposals:detail", args=[proposal.pk])).content.decode()
    listed = client.get(reverse("proposals:list")).content.decode()

    assert "ワークショップの内容と参加者数を公開します。" in page
    assert "参加者の個人名" not in page
    assert proposal.title in listed
    assert client.get(reverse("proposals:agreement", args=[proposal.pk])).status_code == 302


def test_one_proposal_through_the_pages(client, table):
    client.force_login(table.district_rep)
    response = client.post(
        reverse("proposals:new"),
        {
            "proposer": table.district.pk,
            "title": "雪かきの担い手づくり",
            "problem": "高齢世帯の除雪",
        },
    )
    proposal = Proposal.objects.get(title="雪かきの担い手づくり")
    assert response.url == reverse("proposals:step", args=[proposal.pk, "idea"])
    client.post(
        reverse("proposals:step", args=[proposal.pk, "idea"]),
        {"idea": "中学生と除雪", "brings": "除雪機", "asks": "保険の手配"},
    )
    client.post(reverse("proposals:step", args=[proposal.pk, "table"]), {"schedule": "12月から"})
    client.post(reverse("proposals:action", args=[proposal.pk, "submit"]))
    proposal.refresh_from_db()
    assert proposal.status == Proposal.Status.SUBMITTED

    client.force_login(table.secretariat)
    client.post(
        reverse("proposals:screen", args=[proposal.pk]),
        {"departments": [table.department.pk], "partners": [table.npo.pk]},
    )
    for user in (table.npo_rep, table.department_rep):
        client.force_login(user)
        client.post(reverse("proposals:action", args=[proposal.pk, "answer"]), {"accept": "1"})
    client.force_login(table.secretariat)
    parties = list(proposal.parties.all())
    client.post(
        reverse("proposals:meetings", args=[proposal.pk]),
        {
            "held_at": "2026-11-01T18:00",
            "place": "白山地区センター",
            "minutes": "顔合わせ",
            "present": [p.pk for p in parties],
        },
    )
    assert proposal.meetings.count() == 1
    client.force_login(table.district_rep)
    version = proposal.agreement.current
    data = {
        "based_on": version.pk,
        "a-purpose": "冬の暮らしを地域で支える",
        "a-forms": [Form.objects.get(name="事業協力").pk],
        "a-domain": Domain.objects.get(code="C").pk,
        "a-collaboration_type": CollaborationType.objects.get(number=2).pk,
        "a-cost_sharing": "燃料費は地区振興会",
        "a-starts_on": "2026-12-01",
        "a-ends_on": "2027-03-31",
        "a-report_every_months": "1",
        "a-publication_text": "除雪した世帯数を公開",
        "a-private_matters": "世帯の住所",
        "goals-TOTAL_FORMS": "1",
        "goals-INITIAL_FORMS": "0",
        "goals-0-description": "除雪した世帯",
        "goals-0-unit": "世帯",
        "goals-0-target_value": "30",
        "goals-0-due_on": "2027-03-31",
        "tasks-TOTAL_FORMS": "3",
        "tasks-INITIAL_FORMS": "0",
    }
    for i, party in enumerate(parties):
        data[f"tasks-{i}-description"] = f"役割{i}"
        data[f"tasks-{i}-responsible"] = party.pk
        data[f"tasks-{i}-citizens_part"] = "地域でできること" if i < 2 else ""
        data[f"tasks-{i}-city_part"] = "" if i < 2 else "除雪機の貸出"
    response = client.post(reverse("proposals:agreement_edit", args=[proposal.pk]), data)
    assert response.status_code == 302, response.context["form"].errors
    agreement_page = client.get(reverse("proposals:agreement", args=[proposal.pk]))
    assert agreement_page.context["problems"] == []
    for user in (table.district_rep, table.npo_rep, table.department_rep):
        client.force_login(user)
        client.post(reverse("proposals:approve", args=[proposal.pk]), {"version": version.pk})
    proposal.refresh_from_db()
    assert proposal.status == Proposal.Status.AGREED

    client.force_login(table.npo_rep)
    goal = proposal.agreement.approved.goals.get()
    client.post(
        reverse("proposals:reports", args=[proposal.pk]),
        {"reported_on": "2026-12-20", "note": "12世帯を除雪", f"goal_{goal.key}": "12"},
    )
    client.post(reverse("proposals:action", args=[proposal.pk, "finish"]))
    evaluation = {
        "goal_achievement": "4",
        "goal_comment": "目標に近づいた",
        "improvements": "",
        "continue_project": "yes",
    }
    for principle in Principle.objects.filter(retired_in__isnull=True):
        evaluation[f"score_{principle.pk}"] = "4"
    for user in (table.district_rep, table.npo_rep, table.department_rep):
        client.force_login(user)
        response = client.post(reverse("proposals:evaluate", args=[proposal.pk]), evaluation)
        assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.status == Proposal.Status.EVALUATED
    client.logout()
    page = client.get(reverse("proposals:detail", args=[proposal.pk])).content.decode()
    assert "目標に近づいた" in page
    assert "12世帯を除雪" not in page  # reports are for the parties; the public sees the goals
    assert "世帯の住所" not in page


def test_the_dashboard_shows_what_waits_on_whom(client, table, coordinator):
    waiting = submitted(table)
    invited = at_table(table)
    client.force_login(table.outsider)
    assert client.get(reverse("proposals:dashboard")).status_code == 403
    client.force_login(coordinator)
    board = client.get(reverse("proposals:dashboard")).context["board"]
    assert (waiting, "secretariat") in board.waiting
    assert invited not in [p for p, _who in board.waiting]  # everyone answered; no approvals yet


def test_the_yearly_list_of_proposals_not_adopted(client, table):
    proposal = submitted(table)
    services.proposal_close(
        proposal=proposal, category="existing", note="既存事業で対応", by=table.secretariat
    )
    response = client.get(reverse("proposals:not_adopted"), {"year": proposal.fiscal_year})
    assert [n for _label, n in response.context["counts"]] == [1]
    assert "既存事業で対応" in response.content.decode()


def test_the_evaluation_form_is_for_the_partys_speakers_once_finished(client, table):
    proposal = agreed(table)
    client.force_login(table.district_rep)
    assert client.get(reverse("proposals:evaluate", args=[proposal.pk])).status_code == 403
    services.proposal_finish(proposal=proposal, by=table.district_rep)
    assert client.get(reverse("proposals:evaluate", args=[proposal.pk])).status_code == 200
    client.force_login(table.district_member)
    assert client.get(reverse("proposals:evaluate", args=[proposal.pk])).status_code == 403


def test_notices_list_and_mark_read(client, table):
    submitted(table)
    client.force_login(table.secretariat)
    page = client.get(reverse("notices:list"))
    assert "地区の将来像を描くワークショップ" in page.content.decode()
    client.post(reverse("notices:list"))
    assert not table.secretariat.notices.filter(read_at__isnull=True).exists()


def test_guideline_pages_list_their_projects_and_principle_scores(client, table):
    proposal = agreed(table)
    form = proposal.agreement.approved.forms.get()
    page = client.get(form.get_absolute_url()).content.decode()
    assert proposal.title in page

    services.proposal_finish(proposal=proposal, by=table.secretariat)
    principles = list(Principle.objects.filter(retired_in__isnull=True))
    for number, (organisation, rep) in enumerate(
        (
            (table.district, table.district_rep),
            (table.npo, table.npo_rep),
            (table.department, table.department_rep),
        )
    ):
        services.evaluation_submit(
            proposal=proposal,
            party=table.party(proposal, organisation),
            data={"goal_achievement": 3, "continue_project": "yes"},
            scores={p.pk: (3 + number % 2, "") for p in principles},
            by=rep,
        )
    response = client.get(principles[0].get_absolute_url())
    rows = list(response.context["projects"])
    assert [(r.title, round(r.average, 2), r.scored) for r in rows] == [
        (proposal.title, round((3 + 4 + 3) / 3, 2), 3)
    ]


def test_the_api_lists_agreed_projects_without_what_stays_private(
    client, table, django_assert_max_num_queries
):
    proposal = agreed(table)
    submitted(table)  # not public: not listed
    services.report_add(
        proposal=proposal,
        data={"reported_on": proposal.agreement.approved.starts_on, "note": "第1回"},
        values={proposal.agreement.approved.goals.get().key: 18},
        by=table.npo_rep,
    )
    with django_assert_max_num_queries(12):
        body = client.get("/api/projects").json()

    assert body["count"] == 1
    project = body["items"][0]
    assert project["title"] == proposal.title
    assert project["goals"][0]["latest_value"] == "18.00"
    assert project["evaluations"] == []  # sealed until evaluated
    assert "参加者の個人名" not in str(body)
    assert {p["name"] for p in project["parties"]} == {
        "白山地区振興会",
        "NPO法人いわて地域づくり支援センター",
        "奥州市 地域づくり推進課",
    }


def test_the_secretariat_invites_one_more_party_at_the_table(client, table, make_user):
    from tsunagaru.partners.tests.factories import OrganisationFactory

    proposal = at_table(table)
    school = OrganisationFactory(name="岩手県立大学")
    url = reverse("proposals:action", args=[proposal.pk, "invite"])
    client.force_login(table.npo_rep)
    assert client.post(url, {"organisation": school.pk}).status_code == 403
    assert not proposal.parties.filter(organisation=school).exists()
    client.force_login(table.secretariat)
    client.post(url, {"organisation": school.pk})
    assert proposal.parties.get(organisation=school).answer == "invited"


def test_the_dashboard_query_count_does_not_grow_with_proposals(
    client, table, coordinator, django_assert_max_num_queries
):
    for _ in range(3):
        agreed(table)
        submitted(table)
    client.force_login(coordinator)
    with django_assert_max_num_queries(20) as captured:
        board = client.get(reverse("proposals:dashboard")).context["board"]
    few = len(captured.captured_queries)
    for _ in range(3):
        agreed(table)
        submitted(table)
    with django_assert_max_num_queries(few):
        board = client.get(reverse("proposals:dashboard")).context["board"]
    assert dict(board.by_state)[str(Proposal.Status.AGREED.label)] == 6


def test_my_proposals_lists_own_drafts_and_tables_the_group_is_invited_to(client, table):
    draft = services.proposal_save(
        proposal=None,
        data={"title": "下書きの提案"},
        by=table.district_rep,
        proposer=table.district,
    )
    tabled = at_table(table)

    client.force_login(table.district_member)
    mine = list(client.get(reverse("proposals:mine")).context["page"].object_list)
    client.force_login(table.npo_rep)
    theirs = list(client.get(reverse("proposals:mine")).context["page"].object_list)

    assert mine == [tabled, draft]
    assert theirs == [tabled]


def test_the_admin_cannot_change_an_agreed_project(client, table, administrator):
    proposal = agreed(table)
    version = proposal.agreement.approved
    client.force_login(administrator)

    change = reverse("admin:proposals_agreementversion_change", args=[version.pk])
    response = client.post(change, {"purpose": "管理画面から書き換え", "number": 1})
    listed = client.get(reverse("admin:proposals_proposal_changelist"))

    assert response.status_code == 403
    assert listed.status_code == 200
    version.refresh_from_db()
    assert version.purpose == "住民の声を地区コミュニティ計画に生かす。"
    delete = reverse("admin:proposals_proposal_delete", args=[proposal.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 403
    assert Proposal.objects.filter(pk=proposal.pk).exists()


def test_a_partys_evaluation_is_sealed_from_the_others_until_all_are_in(client, table):
    proposal = agreed(table)
    services.proposal_finish(proposal=proposal, by=table.secretariat)
    principles = Principle.objects.filter(retired_in__isnull=True)
    services.evaluation_submit(
        proposal=proposal,
        party=table.party(proposal, table.district),
        data={
            "goal_achievement": 4,
            "goal_comment": "地区として手応えがあった",
            "continue_project": "yes",
        },
        scores={p.pk: (4, "") for p in principles},
        by=table.district_rep,
    )
    url = reverse("proposals:detail", args=[proposal.pk])

    client.force_login(table.district_member)
    own = client.get(url).content.decode()
    client.force_login(table.npo_rep)
    other = client.get(url).content.decode()
    client.logout()
    public = client.get(url).content.decode()

    assert "地区として手応えがあった" in own
    assert "地区として手応えがあった" not in other
    assert "地区として手応えがあった" not in public


def test_my_proposals_shows_a_person_without_a_group_the_way_forward(client, table, resident):
    client.force_login(resident)
    page = client.get(reverse("proposals:mine")).content.decode()
    assert reverse("proposals:new") not in page
    assert reverse("partners:register") in page

    client.force_login(table.district_member)
    page = client.get(reverse("proposals:mine")).content.decode()
    assert reverse("proposals:new") in page
    assert reverse("partners:register") not in page


def test_the_dashboard_names_overdue_dates_in_wareki(client, table, coordinator):
    agreed(table)
    with time_machine.travel(datetime.date.today() + datetime.timedelta(days=800)):
        client.force_login(coordinator)
        response = client.get(reverse("proposals:dashboard"))

    (_proposal, since), *_rest = response.context["board"].overdue
    page = response.content.decode()
    assert f'<time datetime="{since.isoformat()}">{format_wareki(since)}</time>' in page
