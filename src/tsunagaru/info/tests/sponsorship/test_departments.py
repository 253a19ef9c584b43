"""後援 requests by department: who decides (role × department asked), the staff queue that
opens on "my departments", its filter, overdue reports and counts per department, and what
staff of another department see and may do (read, not decide)."""

from __future__ import annotations

from datetime import timedelta
from itertools import count

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tsunagaru.accounts.models import Role
from tsunagaru.audit.models import AuditEvent
from tsunagaru.guideline.models import OrganisationKind
from tsunagaru.info import services
from tsunagaru.info import sponsorship_permissions as permissions
from tsunagaru.info import sponsorship_selectors as selectors
from tsunagaru.info.sponsorship_models import SponsorshipRequest
from tsunagaru.info.tests.sponsorship.factories import SponsorshipRequestFactory, answer_all
from tsunagaru.partners.models import Membership
from tsunagaru.partners.tests.factories import MembershipFactory, OrganisationFactory

pytestmark = pytest.mark.django_db
S = SponsorshipRequest.Status
DESK = "奥州市 協働まちづくり部 地域づくり推進課"
_numbers = count(1)


@pytest.fixture(autouse=True)
def _desk_setting(settings):
    settings.SPONSORSHIP_CITY_DESK = DESK


def _department(name: str):
    return OrganisationFactory(name=name, kind=OrganisationKind.objects.get(code="city_department"))


@pytest.fixture
def board(db):
    """奥州市教育委員会: the department asked in most tests."""
    return _department("奥州市教育委員会")


@pytest.fixture
def welfare(db):
    return _department("奥州市 健康こども部 長寿社会課")


@pytest.fixture
def desk(db):
    """The collaboration section, which handles requests to the city as a whole."""
    return _department(DESK)


@pytest.fixture
def staff(make_user, board, welfare, desk, group):
    """City staff and others by where they belong; the same people for every cell."""

    def member_of(organisation, role=Role.CITY_STAFF, membership=Membership.Role.MEMBER):
        user = make_user(role)
        if organisation is not None:
            MembershipFactory(user=user, organisation=organisation, role=membership)
        return user

    in_board_and_group = member_of(board)
    MembershipFactory(user=in_board_and_group, organisation=group, role=Membership.Role.MEMBER)
    return {
        "board_staff": member_of(board),
        "welfare_staff": member_of(welfare),
        "desk_staff": member_of(desk),
        "staff_in_no_department": member_of(None),
        "administrator": member_of(None, Role.ADMINISTRATOR),
        "board_staff_in_the_group": in_board_and_group,
        "board_member_without_staff_role": member_of(board, Role.PARTNER_MEMBER),
        "coordinator_in_board": member_of(board, Role.COORDINATOR),
    }


def _request(group, *, to=None, status=S.SUBMITTED, ended_days_ago=None, title=None):
    fields: dict[str, object] = {"applicant": group, "department": to, "status": status}
    if title:
        fields["title"] = title
    if status == S.SUBMITTED:
        fields["submitted_at"] = timezone.now()
    if status in SponsorshipRequest.DECIDED:
        fields |= {"letter_year": 2026, "letter_number": next(_numbers)}
    if ended_days_ago is not None:
        day = timezone.localdate() - timedelta(days=ended_days_ago)
        fields |= {"starts_on": day, "ends_on": day}
    made: SponsorshipRequest = SponsorshipRequestFactory(**fields)
    answer_all(made)
    return made


# Who decides, by the department asked. "city (no section)": the setting names no department.
DECIDERS = {
    "board": {"board_staff", "administrator"},
    "city": {"desk_staff", "administrator"},
    "city (no section)": {
        "board_staff",
        "welfare_staff",
        "desk_staff",
        "staff_in_no_department",
        "administrator",
    },
}


def _addressed(target, group, board, settings):
    if target == "city (no section)":
        settings.SPONSORSHIP_CITY_DESK = ""
    return _request(group, to=board if target == "board" else None)


@pytest.mark.parametrize("target", list(DECIDERS))
def test_who_decides_by_the_department_asked(target, group, board, staff, settings):
    request = _addressed(target, group, board, settings)

    allowed = {name for name, user in staff.items() if permissions.can_decide(user, request)}

    assert allowed == DECIDERS[target]


@pytest.mark.parametrize("target", list(DECIDERS))
@pytest.mark.parametrize(
    "name",
    [
        "board_staff",
        "welfare_staff",
        "desk_staff",
        "administrator",
        "board_staff_in_the_group",
        "board_member_without_staff_role",
    ],
)
def test_the_services_ask_again_who_decides(name, target, group, board, staff, settings):
    # The same rule without any page in between: the admin or a script cannot go round it.
    request = _addressed(target, group, board, settings)
    user = staff[name]

    if name in DECIDERS[target]:
        services.sponsorship_refuse(request=request, reason="営利目的のため。", by=user)
        request.refresh_from_db()
        assert request.status == S.REFUSED
        return
    with pytest.raises(ValidationError) as error:
        services.sponsorship_approve(request=request, conditions="条件", by=user)
    assert error.value.code == "not_decider"
    request.refresh_from_db()
    assert request.status == S.SUBMITTED
    assert request.letter_number is None
    assert not AuditEvent.objects.filter(action__startswith="sponsorshiprequest.").exists()


def test_a_section_named_but_not_verified_leaves_the_city_to_every_member_of_staff(
    group, desk, staff
):
    desk.status = desk.Status.SUSPENDED
    desk.save()
    request = _request(group)
    assert permissions.can_decide(staff["welfare_staff"], request)


# -- the queue -----------------------------------------------------------------------------------


def _queue(client, user, **params):
    client.force_login(user)
    response = client.get(reverse("sponsorship:queue"), params)
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def waiting(group, board, welfare):
    return {
        "board": _request(group, to=board, title="教育委員会への申請"),
        "welfare": _request(group, to=welfare, title="長寿社会課への申請"),
        "city": _request(group, title="市への申請"),
    }


def _shown(html, waiting):
    return {key for key, request in waiting.items() if request.title in html}


def test_the_queue_opens_on_my_department(client, staff, waiting):
    assert _shown(_queue(client, staff["board_staff"]), waiting) == {"board"}


def test_the_collaboration_section_sees_the_requests_to_the_city(client, staff, waiting):
    assert _shown(_queue(client, staff["desk_staff"]), waiting) == {"city"}


def test_without_a_section_everyone_sees_the_requests_to_the_city(client, staff, waiting, settings):
    settings.SPONSORSHIP_CITY_DESK = ""
    assert _shown(_queue(client, staff["board_staff"]), waiting) == {"board", "city"}


def test_staff_in_no_department_open_on_every_request(client, staff, waiting):
    html = _queue(client, staff["staff_in_no_department"])
    assert _shown(html, waiting) == {"board", "welfare", "city"}
    assert 'value="mine"' not in html  # "my departments" would be empty: not offered


@pytest.mark.parametrize(
    ("person", "expected"),
    [
        ("board_staff", {"board"}),
        ("desk_staff", {"city"}),
        ("staff_in_no_department", {"board", "welfare", "city"}),
        ("administrator", {"board", "welfare", "city"}),
    ],
)
def test_the_workspace_lists_what_the_queue_opens_on(client, staff, waiting, person, expected):
    client.force_login(staff[person])
    page = client.get(reverse("core:workspace")).content.decode()
    section = page.split('id="sponsorship-to-decide"')[1].split("</section>")[0]

    assert _shown(section, waiting) == expected


@pytest.mark.parametrize(
    ("choice", "expected"),
    [
        ("mine", {"board"}),
        ("all", {"board", "welfare", "city"}),
        ("city", {"city"}),
        ("welfare", {"welfare"}),
    ],
)
def test_the_filter_shows_one_department_or_all(client, staff, waiting, welfare, choice, expected):
    value = str(welfare.pk) if choice == "welfare" else choice
    html = _queue(client, staff["board_staff"], department=value)
    assert _shown(html, waiting) == expected


def test_an_unknown_department_is_told_and_the_queue_opens_as_usual(client, staff, waiting):
    html = _queue(client, staff["board_staff"], department="999999")
    assert 'aria-invalid="true"' in html
    assert _shown(html, waiting) == {"board"}


def test_overdue_reports_are_listed_per_department(group, board, welfare, staff):
    mine = _request(group, to=board, status=S.APPROVED, ended_days_ago=40)
    theirs = _request(group, to=welfare, status=S.APPROVED, ended_days_ago=40)
    _request(group, to=board, status=S.APPROVED, ended_days_ago=10)  # not yet due
    departments = selectors.city_departments()
    scope = selectors.queue_scope(
        viewer=staff["board_staff"], choice=selectors.MINE, departments=departments
    )

    assert list(selectors.sponsorship_overdue(scope=scope)) == [mine]
    assert set(selectors.sponsorship_overdue()) == {mine, theirs}


def test_counts_per_department_with_the_city_first(group, board, welfare, desk):
    _request(group, to=board)
    _request(group, to=board)
    _request(group, to=board, status=S.APPROVED, ended_days_ago=40)
    _request(group, to=welfare, status=S.APPROVED, ended_days_ago=40)
    _request(group)
    _request(group, to=welfare, status=S.REFUSED)  # closed: not counted
    _request(group, to=desk, status=S.APPROVED, ended_days_ago=10)  # report not yet due: no line

    lines = selectors.sponsorship_counts(departments=selectors.city_departments())

    assert [(line.department, line.waiting, line.overdue) for line in lines] == [
        (None, 1, 0),
        *sorted([(board, 2, 1), (welfare, 0, 1)], key=lambda t: t[0].name_sort),
    ]


def test_the_queue_warns_when_the_section_named_is_not_on_the_site(client, staff, settings):
    assert "SPONSORSHIP_CITY_DESK" not in _queue(client, staff["board_staff"])
    settings.SPONSORSHIP_CITY_DESK = "奥州市 協働推進課"
    html = _queue(client, staff["board_staff"])
    assert "SPONSORSHIP_CITY_DESK" in html
    assert "奥州市 協働推進課" in html


def test_the_queue_page_shows_the_counts_with_links_to_each_department(
    client, staff, waiting, board
):
    html = _queue(client, staff["welfare_staff"])
    assert 'id="sponsorship-counts"' in html
    assert f'href="?department={board.pk}"' in html
    assert 'href="?department=city"' in html


def test_the_queue_reads_the_same_number_of_queries_for_few_and_many_rows(
    client, group, board, welfare, staff
):
    def one_of_each(department):
        _request(group, to=department)
        _request(group, to=department, status=S.APPROVED, ended_days_ago=40)
        _request(group, to=department, status=S.APPROVED, ended_days_ago=5)
        _request(group, to=department, status=S.REPORTED, ended_days_ago=60)

    one_of_each(board)
    user = staff["board_staff"]
    client.force_login(user)
    url = reverse("sponsorship:queue")
    client.get(url, {"department": "all"})  # warm per-process caches
    with CaptureQueriesContext(connection) as few:
        client.get(url, {"department": "all"})
    for department in (board, welfare, None, *(_department(f"課{n}") for n in range(5))):
        one_of_each(department)
    with CaptureQueriesContext(connection) as many:
        client.get(url, {"department": "all"})
    assert len(many) == len(few)


# -- a request of another department ------------------------------------------------------------


def test_staff_of_another_department_read_the_request_without_the_decision(client, staff, waiting):
    url = waiting["board"].get_absolute_url()
    client.force_login(staff["welfare_staff"])
    html = client.get(url).content.decode()
    assert waiting["board"].title in html
    assert 'id="decide-heading"' not in html
    assert "奥州市教育委員会" in html
    assert 'role="note"' in html

    client.force_login(staff["board_staff"])
    html = client.get(url).content.decode()
    assert 'id="decide-heading"' in html
    assert 'role="note"' not in html


@pytest.mark.parametrize("action", ["approve", "refuse"])
def test_a_decision_posted_by_another_department_is_told_and_changes_nothing(
    client, staff, waiting, action
):
    request = waiting["board"]
    client.force_login(staff["welfare_staff"])

    response = client.post(
        reverse("sponsorship:action", args=[request.pk, action]),
        {"conditions": "条件", "reason": "理由", "sponsor": "奥州市"},
        follow=True,
    )

    assert response.status_code == 200
    assert "奥州市教育委員会" in response.content.decode()
    request.refresh_from_db()
    assert request.status == S.SUBMITTED
    assert not AuditEvent.objects.filter(action__startswith="sponsorshiprequest.").exists()


def test_a_decision_posted_by_the_department_asked_is_taken(client, staff, waiting):
    request = waiting["board"]
    client.force_login(staff["board_staff"])
    client.post(
        reverse("sponsorship:action", args=[request.pk, "approve"]),
        {
            "conditions": "チラシに「奥州市教育委員会後援」と表示すること。",
            "sponsor": "奥州市教育委員会",
        },
    )
    request.refresh_from_db()
    assert request.status == S.APPROVED
    assert request.decided_by == staff["board_staff"]


def test_a_coordinator_in_the_department_asked_cannot_decide(client, staff, waiting):
    client.force_login(staff["coordinator_in_board"])
    response = client.post(
        reverse("sponsorship:action", args=[waiting["board"].pk, "approve"]), {"conditions": "条件"}
    )
    assert response.status_code == 404  # coordinators do not read requests at all
    waiting["board"].refresh_from_db()
    assert waiting["board"].status == S.SUBMITTED


# -- who is told -------------------------------------------------------------------------------


def test_a_request_to_the_city_is_told_to_the_sections_staff(
    group, speaker, desk, make_user, mailoutbox, django_capture_on_commit_callbacks
):
    section_head = make_user(Role.CITY_STAFF, email="kakaricho@example.jp")
    MembershipFactory(user=section_head, organisation=desk, role=Membership.Role.CONTACT)
    request = _request(group, status=S.DRAFT)

    with django_capture_on_commit_callbacks(execute=True):
        services.sponsorship_submit(request=request, by=speaker)

    assert [m.to for m in mailoutbox] == [["kakaricho@example.jp"]]


def test_without_a_section_a_request_to_the_city_mails_nobody(
    group, speaker, desk, make_user, mailoutbox, django_capture_on_commit_callbacks, settings
):
    settings.SPONSORSHIP_CITY_DESK = ""
    section_head = make_user(Role.CITY_STAFF, email="kakaricho@example.jp")
    MembershipFactory(user=section_head, organisation=desk, role=Membership.Role.CONTACT)
    request = _request(group, status=S.DRAFT)

    with django_capture_on_commit_callbacks(execute=True):
        services.sponsorship_submit(request=request, by=speaker)

    assert mailoutbox == []
