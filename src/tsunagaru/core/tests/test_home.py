"""The home page: what is new in the city, and a next step that each role may really take."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tsunagaru.accounts.models import Role
from tsunagaru.cases import services as case_services
from tsunagaru.cases.models import Case, CasePartner
from tsunagaru.guideline.models import Form
from tsunagaru.partners.models import Membership, Need, Organisation
from tsunagaru.partners.tests.factories import MembershipFactory, OrganisationFactory
from tsunagaru.proposals.models import Party, Proposal

pytestmark = pytest.mark.django_db


def need(organisation, title, **fields):
    return Need.objects.create(
        organisation=organisation, category=Need.Category.TROUBLE, title=title, **fields
    )


def case(title, *, status=Case.Status.PUBLISHED, partners=()):
    found = Case.objects.create(
        title=title,
        summary="地区の団体と市が一緒に取り組みました。",
        fiscal_year=2025,
        status=status,
        published_at=timezone.now() if status == Case.Status.PUBLISHED else None,
        created_by=OrganisationFactory().created_by,
    )
    found.forms.add(Form.objects.get(name="事業協力"))
    for order, organisation in enumerate(partners):
        CasePartner.objects.create(
            case=found, organisation=organisation, name=organisation.name, order=order
        )
    case_services.reindex(found)  # written past the services: index it as they would
    return found


def project(title, proposer, *, status=Proposal.Status.AGREED, partners=()):
    found = Proposal.objects.create(
        title=title,
        problem="担い手が減っています。",
        proposer=proposer,
        status=status,
        fiscal_year=2026,
        submitted_at=timezone.now(),
        created_by=proposer.created_by,
    )
    Party.objects.create(
        proposal=found,
        organisation=proposer,
        role=Party.Role.PROPOSER,
        answer=Party.Answer.ACCEPTED,
    )
    for organisation in partners:
        Party.objects.create(
            proposal=found,
            organisation=organisation,
            role=Party.Role.PARTNER,
            answer=Party.Answer.ACCEPTED,
        )
    return found


def home(client, user=None, **headers):
    if user is not None:
        client.force_login(user)
    response = client.get(reverse("core:home"), **headers)
    assert response.status_code == 200
    return response.content.decode()


def next_step_links(html: str) -> set[str]:
    section = html.split('<section class="next-steps"', 1)[1].split("</section>", 1)[0]
    return set(re.findall(r'href="([^"]+)"', section))


def test_home_shows_the_newest_open_needs_of_listed_groups_only(client):
    listed = OrganisationFactory(name="稲瀬振興会")
    waiting = OrganisationFactory(name="審査中の会", status=Organisation.Status.PENDING)
    need(listed, "雪かきの担い手がほしい")
    need(listed, "終わった困りごと", status=Need.Status.CLOSED)
    need(waiting, "まだ非公開の困りごと")

    html = home(client)

    assert "雪かきの担い手がほしい" in html
    assert f'href="{listed.get_absolute_url()}#needs"' in html
    assert "終わった困りごと" not in html
    assert "まだ非公開の困りごと" not in html


def test_home_shows_published_cases_and_agreed_projects_only(client):
    proposer = OrganisationFactory(name="白山地区振興会")
    case("地区で初めての花火")
    case("書きかけの事例", status=Case.Status.DRAFT)
    project("地区の将来像を描くワークショップ", proposer)
    project("協議中の提案", proposer, status=Proposal.Status.AT_TABLE)

    html = home(client)

    assert "地区で初めての花火" in html
    assert "書きかけの事例" not in html
    assert "地区の将来像を描くワークショップ" in html
    assert "協議中の提案" not in html


def test_home_lists_are_read_in_a_fixed_number_of_queries(client, django_assert_max_num_queries):
    def fill(n: int) -> None:
        for i in range(n):
            organisation = OrganisationFactory()
            need(organisation, f"困りごと{i}")
            case(f"事例{i}", partners=[organisation])
            project(f"協働事業{i}", organisation, partners=[OrganisationFactory()])

    fill(1)
    home(client)  # warm the per-process caches (the municipality) first
    with CaptureQueriesContext(connection) as few:
        home(client)
    fill(6)
    with CaptureQueriesContext(connection) as many:
        html = home(client)

    assert len(many) == len(few)
    assert html.count('class="card"') == 3  # the lists are cut, not the whole table
    with django_assert_max_num_queries(10):
        home(client)


def test_the_search_box_sends_one_query_to_groups_and_cases_without_javascript(client):
    html = home(client)

    form = html.split('<form class="home-search"', 1)[1].split("</form>", 1)[0]
    assert 'method="get"' in form
    assert f'action="{reverse("core:search")}"' in form
    assert 'name="q"' in form


def search(client, q: str) -> str:
    response = client.get(reverse("core:search"), {"q": q})
    assert response.status_code == 200
    return response.content.decode()


def test_search_finds_listed_groups_and_published_cases_together(client):
    fireworks = OrganisationFactory(
        name="江刺藤里ファイヤーワークス", description="花火の打ち上げをしています。"
    )
    OrganisationFactory(
        name="審査中の花火の会",
        description="花火の会です。",
        status=Organisation.Status.PENDING,
    )
    case("地区で初めての花火", partners=[fireworks])
    case("書きかけの花火の事例", status=Case.Status.DRAFT)
    html = search(client, "花火")

    assert fireworks.get_absolute_url() in html
    assert "地区で初めての花火" in html
    assert "審査中の花火の会" not in html
    assert "書きかけの花火の事例" not in html


def test_search_links_to_the_full_lists_when_there_are_more(client):
    for i in range(8):
        OrganisationFactory(name=f"花火の会{i}", description="花火の打ち上げをしています。")

    html = search(client, "花火")

    assert html.count('<li class="card">') == 6
    assert f'href="{reverse("partners:directory")}?q=%E8%8A%B1%E7%81%AB"' in html


def test_an_empty_search_shows_only_the_box(client):
    html = search(client, "  ")

    assert 'id="groups-heading"' not in html
    assert 'name="q"' in html


def test_home_promises_no_feature_that_does_not_exist(client):
    # 「市の計画づくりに参加」: there is no participation in the city's plans yet.
    assert "計画づくりに参加" not in home(client)
    assert "city's plans" not in home(client, HTTP_ACCEPT_LANGUAGE="en")


def test_a_visitor_is_asked_to_sign_up_or_log_in(client):
    links = next_step_links(home(client))

    assert links == {reverse("account_signup"), reverse("account_login")}


def test_a_resident_without_a_group_is_shown_how_to_take_part(client, resident):
    links = next_step_links(home(client, resident))

    assert reverse("partners:register") in links
    assert reverse("partners:volunteer") in links
    assert reverse("proposals:new") not in links  # only members of a listed group propose
    assert reverse("matching:help") not in links


def test_a_member_of_a_group_waiting_for_verification_learns_why_they_cannot_propose(
    client, resident
):
    MembershipFactory(
        user=resident,
        organisation__name="審査中の子ども食堂",
        organisation__status=Organisation.Status.PENDING,
    )

    html = home(client, resident)

    assert 'id="next-pending"' in html
    assert "審査中の子ども食堂" in html
    assert next_step_links(html) == {reverse("partners:mine")}


def test_a_member_of_a_listed_group_is_offered_the_group_tasks(client, partner_member):
    MembershipFactory(user=partner_member, role=Membership.Role.MEMBER)

    links = next_step_links(home(client, partner_member))

    assert {
        reverse("proposals:new"),
        reverse("matching:help"),
        reverse("cases:new"),
        reverse("partners:mine"),
    } <= links
    assert reverse("partners:register") not in links
    assert reverse("partners:review") not in links


def test_a_coordinator_is_offered_the_support_centre_tasks_but_not_the_audit_log(
    client, coordinator
):
    links = next_step_links(home(client, coordinator))

    assert {
        reverse("partners:review"),
        reverse("matching:unmatched"),
        reverse("proposals:dashboard"),
    } <= links
    assert reverse("audit:list") not in links
    assert reverse("partners:register") not in links  # staff are not told to found a group


def test_city_staff_are_offered_the_dashboard_and_the_audit_log(client, city_staff):
    html = home(client, city_staff)

    assert 'id="next-staff"' in html
    assert {reverse("proposals:dashboard"), reverse("audit:list")} <= next_step_links(html)


@pytest.mark.parametrize(
    "role",
    ["anonymous", Role.RESIDENT, Role.PARTNER_MEMBER, Role.COORDINATOR, Role.CITY_STAFF],
)
def test_every_link_on_the_home_page_opens_for_its_reader(client, make_user, role):
    proposer = OrganisationFactory()
    need(proposer, "雪かきの担い手がほしい")
    case("地区で初めての花火", partners=[proposer])
    project("地区の将来像を描くワークショップ", proposer)
    user = None if role == "anonymous" else make_user(role)
    if role == Role.PARTNER_MEMBER:
        MembershipFactory(user=user, organisation=proposer)

    main = home(client, user).split('<main id="main"', 1)[1].split("</main>", 1)[0]

    hrefs = {h.split("#")[0] for h in re.findall(r'href="(/[^"]*)"', main)}
    assert len(hrefs) > 8
    refused = {h: client.get(h).status_code for h in hrefs}
    assert {h: s for h, s in refused.items() if s != 200} == {}


def test_a_group_members_home_page_stays_within_a_fixed_number_of_queries(
    client, partner_member, django_assert_max_num_queries
):
    organisation = MembershipFactory(user=partner_member).organisation
    for i in range(6):
        need(organisation, f"困りごと{i}")
        case(f"事例{i}", partners=[organisation])
        project(f"協働事業{i}", organisation, partners=[OrganisationFactory()])
    home(client, partner_member)  # warm the per-process caches

    # Session and user (2), the lists (9, with the cases' forms, partners and photos, the
    # upcoming events and the latest news), the memberships and the next steps' permission
    # checks (4), whether they have a volunteer profile and whether they speak for a group
    # that may ask for 後援 (2, for the menu), the unread notices (1): none grows with the
    # number of needs, cases or projects.
    with django_assert_max_num_queries(18):
        home(client)
