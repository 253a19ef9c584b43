"""Pages of matching: who sees what, and contact details only after acceptance."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from tsunagaru.accounts.models import Role
from tsunagaru.audit.models import AuditEvent
from tsunagaru.matching import services
from tsunagaru.matching.models import Connection, GlossaryGroup, Introduction
from tsunagaru.matching.tests.test_services import _need, _offer
from tsunagaru.partners.tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def setting(make_user):
    asker = make_user(Role.PARTNER_MEMBER, email="asker@example.jp")
    answerer = make_user(Role.PARTNER_MEMBER, email="answerer@example.jp")
    village = MembershipFactory(user=asker, organisation__name="大森自治会").organisation
    helpers = MembershipFactory(
        user=answerer, organisation__name="みなみ学生ボランティア"
    ).organisation
    need = _need(village, asker, "高齢者の家の雪かきが追いつかない")
    _offer(helpers, answerer, "学生が除雪ボランティアに出ます")
    return village, helpers, asker, answerer, need


def test_a_need_page_shows_suggestions_with_reasons_to_anyone(client, setting):
    _village, helpers, asker, _answerer, need = setting
    response = client.get(reverse("matching:need", args=[need.pk]))
    page = response.content.decode()
    assert response.status_code == 200
    assert helpers.name in page
    assert "除雪" in page  # the matched words are shown as the reason
    assert reverse("matching:request", args=[helpers.pk]) not in page  # not a member

    client.force_login(asker)
    page = client.get(reverse("matching:need", args=[need.pk])).content.decode()
    assert reverse("matching:request", args=[helpers.pk]) + f"?need={need.pk}" in page


def test_a_closed_need_has_no_suggestion_page(client, setting):
    _village, _helpers, _asker, _answerer, need = setting
    need.status = "closed"
    need.save()
    assert client.get(reverse("matching:need", args=[need.pk])).status_code == 404


def test_request_and_accept_in_pages_with_contacts_only_after_acceptance(client, setting):
    village, helpers, asker, answerer, need = setting
    client.force_login(asker)
    url = reverse("matching:request", args=[helpers.pk]) + f"?need={need.pk}"
    response = client.post(
        url, {"organisation": village.pk, "message": "雪かきを手伝ってください", "need": need.pk}
    )
    introduction = Introduction.objects.get()
    assert response.status_code == 302
    assert introduction.need == need
    detail = reverse("matching:introduction", args=[introduction.pk])
    assert "answerer@example.jp" not in client.get(detail).content.decode()

    client.force_login(answerer)
    page = client.get(detail).content.decode()
    assert "asker@example.jp" not in page
    client.post(detail, {"answer": "accept", "response": "ぜひ"})
    page = client.get(detail).content.decode()
    assert "asker@example.jp" in page
    assert AuditEvent.objects.filter(action="introduction.contacts_view").exists()
    assert Connection.objects.count() == 1


def test_an_outsider_sees_no_introduction_and_cannot_answer(client, setting, make_user):
    village, helpers, asker, _answerer, _need = setting
    introduction = services.introduction_request(
        requester=village, recipient=helpers, message="会いたい", by=asker
    )
    client.force_login(make_user(Role.PARTNER_MEMBER))
    detail = reverse("matching:introduction", args=[introduction.pk])
    assert client.get(detail).status_code == 404
    assert client.post(detail, {"answer": "accept"}).status_code == 404
    client.force_login(asker)  # the asker cannot answer its own request
    assert client.post(detail, {"answer": "accept"}).status_code == 403
    assert Introduction.objects.get().status == Introduction.Status.REQUESTED


def test_someone_without_a_listed_group_is_told_how_to_ask(client, resident, setting):
    _village, helpers, *_ = setting
    client.force_login(resident)
    response = client.get(reverse("matching:request", args=[helpers.pk]))
    assert response.status_code == 403
    assert reverse("partners:register") in response.content.decode()


def test_the_problem_search_is_for_members_of_listed_groups(client, setting, resident):
    village, helpers, asker, *_ = setting
    url = reverse("matching:help")
    client.force_login(resident)
    assert client.get(url).status_code == 403
    client.force_login(asker)
    response = client.get(url, {"text": "お年寄りの家の雪かきが大変", "organisation": village.pk})
    assert [s.organisation for s in response.context["suggestions"]] == [helpers]


def test_unmatched_needs_and_the_glossary_are_for_coordinators(client, setting, coordinator):
    _village, _helpers, asker, *_ = setting
    client.force_login(asker)
    assert client.get(reverse("matching:unmatched")).status_code == 403
    assert client.get(reverse("matching:glossary")).status_code == 403
    client.force_login(coordinator)
    assert client.get(reverse("matching:unmatched"), {"days": "0"}).status_code == 200
    response = client.post(
        reverse("matching:glossary"), {"words": "雪はね、雪かき", "note": "", "is_active": "on"}
    )
    assert response.status_code == 302
    assert GlossaryGroup.objects.get().word_list() == ["雪はね", "雪かき"]


def test_the_network_page_and_its_downloads(client, setting, coordinator):
    village, helpers, *_ = setting
    services.connection_record(
        first=village,
        second=helpers,
        source=Connection.Source.EVENT,
        by=coordinator,
        on=datetime.date(2026, 5, 1),
    )
    page = client.get(reverse("matching:network")).content.decode()
    assert "<svg" in page
    assert "<table>" in page
    assert "令和8年度" in page
    csv_text = client.get(reverse("matching:network_export", args=["csv"])).content.decode()
    assert csv_text.startswith("\ufeff")
    assert "大森自治会" in csv_text
    graphml = client.get(reverse("matching:network_export", args=["graphml"])).content.decode()
    assert f'source="g{min(village.pk, helpers.pk)}"' in graphml
    assert client.get(reverse("matching:network_export", args=["pdf"])).status_code == 404


def test_the_network_page_query_count_does_not_grow_with_connections(
    client, setting, coordinator, django_assert_max_num_queries, make_user
):
    village, helpers, *_ = setting
    services.connection_record(
        first=village, second=helpers, source=Connection.Source.EVENT, by=coordinator
    )
    with django_assert_max_num_queries(12):
        client.get(reverse("matching:network"))
    for _n in range(5):
        other = MembershipFactory(user=make_user(Role.PARTNER_MEMBER)).organisation
        services.connection_record(
            first=village, second=other, source=Connection.Source.EVENT, by=coordinator
        )
    with django_assert_max_num_queries(12):
        client.get(reverse("matching:network"))


def test_the_admin_cannot_change_introductions_and_saves_glossary_through_the_service(
    client, setting, administrator
):
    village, helpers, asker, *_ = setting
    introduction = services.introduction_request(
        requester=village, recipient=helpers, message="会いたい", by=asker
    )
    client.force_login(administrator)
    change = reverse("admin:matching_introduction_change", args=[introduction.pk])
    response = client.post(change, {"status": "accepted"})
    assert response.status_code == 403
    assert Introduction.objects.get().status == Introduction.Status.REQUESTED

    response = client.post(
        reverse("admin:matching_glossarygroup_add"),
        {"words": "雪はね、雪かき", "note": "", "is_active": "on"},
    )
    assert response.status_code == 302
    assert AuditEvent.objects.filter(action="glossary.save", actor=administrator).exists()
    response = client.post(
        reverse("admin:matching_glossarygroup_add"), {"words": "ひとつ", "note": ""}
    )
    assert GlossaryGroup.objects.count() == 1


def _elements(node, name):
    """Every element called `name` under `node` (django.test.html's parsed tree)."""
    for child in getattr(node, "children", []):
        if getattr(child, "name", None) == name:
            yield child
        yield from _elements(child, name)


def _text(node) -> str:
    return "".join(c if isinstance(c, str) else _text(c) for c in getattr(node, "children", []))


def test_each_suggestion_is_one_card_with_its_own_actions_inside(client, setting, coordinator):
    from django.test.html import parse_html

    _village, helpers, _asker, _answerer, need = setting
    client.force_login(coordinator)
    page = client.get(reverse("matching:need", args=[need.pk])).content.decode()

    lists = [
        ul
        for ul in _elements(parse_html(page), "ul")
        if "card-list" in dict(ul.attributes).get("class", "")
    ]
    assert len(lists) == 1
    items = [c for c in lists[0].children if not isinstance(c, str)]
    # Every grid item is one card (an <article>), never a loose row of buttons.
    assert items
    assert all(len(list(_elements(li, "article"))) == 1 for li in items)
    card = next(a for li in items for a in _elements(li, "article") if helpers.name in _text(a))
    links = [dict(a.attributes).get("href") for a in _elements(card, "a")]
    assert reverse("matching:introduce", args=[need.pk, helpers.pk]) in links
    actions = [dict(f.attributes).get("action") for f in _elements(card, "form")]
    assert actions == [reverse("matching:feedback", args=[need.pk, helpers.pk])]


def test_unmatched_lists_todays_needs_by_default_with_a_strength_in_words(
    client, setting, coordinator
):
    import re

    _village, _helpers, _asker, _answerer, need = setting
    client.force_login(coordinator)

    response = client.get(reverse("matching:unmatched"), HTTP_ACCEPT_LANGUAGE="en")

    page = response.content.decode()
    assert [row[0] for row in response.context["rows"]] == [need]
    assert need.title in page
    assert "Every open need has been taken up" not in page
    table = page[page.index("<table") : page.index("</table>")]
    assert re.search(r"Strong candidates|Some candidates|No good candidate", table)
    assert not re.search(r"\d\.\d", re.sub(r"<[^>]*>", "", table))  # never a raw score


def test_unmatched_with_days_hides_newer_needs_and_says_so(client, setting, coordinator):
    client.force_login(coordinator)

    response = client.get(reverse("matching:unmatched"), {"days": "30"}, HTTP_ACCEPT_LANGUAGE="en")

    assert response.context["rows"] == []
    assert "No open need older than 30 days" in response.content.decode()


@pytest.mark.parametrize(
    ("who", "shown"),
    [
        ("member of another listed group", True),
        ("member of this group only", False),
        ("member of a group waiting for verification", False),
        ("resident without a group", False),
        ("coordinator", False),
        ("anonymous", False),
    ],
)
def test_a_group_page_offers_to_connect_only_to_whom_the_request_page_accepts(
    client, setting, make_user, who, shown
):
    # The link and the page it leads to answer the same question, so no link ends in a 403.
    _village, helpers, asker, answerer, _need = setting
    pending = MembershipFactory(organisation__name="準備中の会", organisation__status="pending")
    users = {
        "member of another listed group": asker,
        "member of this group only": answerer,
        "member of a group waiting for verification": pending.user,
        "resident without a group": make_user(Role.RESIDENT),
        "coordinator": make_user(Role.COORDINATOR),
        "anonymous": None,
    }
    if users[who] is not None:
        client.force_login(users[who])
    request_url = reverse("matching:request", args=[helpers.pk])

    page = client.get(reverse("partners:detail", args=[helpers.pk])).content.decode()

    assert (request_url in page) is shown
    if users[who] is not None:
        assert client.get(request_url).status_code == (200 if shown else 403)


def test_a_resident_on_the_introductions_page_is_shown_how_to_take_part(client, setting, resident):
    _village, _helpers, asker, *_ = setting
    client.force_login(resident)

    page = client.get(reverse("matching:introductions")).content.decode()

    assert reverse("matching:help") not in page
    assert reverse("partners:register") in page
    client.force_login(asker)
    assert (
        reverse("matching:help") in client.get(reverse("matching:introductions")).content.decode()
    )


def test_what_someone_can_give_finds_the_needs_it_answers(client, setting, resident):
    village, helpers, asker, answerer, need = setting
    # A second, unrelated need of the same group: the one about snow is the one shown.
    _need(village, asker, "夏祭りの会場の飾り付けを手伝ってほしい")
    url = reverse("matching:give")
    assert client.get(url).status_code == 302  # to the login page

    client.force_login(resident)  # an individual, no group
    response = client.get(url, {"text": "重機で除雪ができます。雪かきを手伝えます"})
    page = response.content.decode()
    assert [item.need for item in response.context["items"]] == [need]
    assert "雪かき" in page  # the reason: the words of their need
    assert reverse("partners:volunteer") in page  # an individual is offered the volunteer way
    assert reverse("matching:request", args=[village.pk]) not in page

    client.force_login(answerer)  # for a group: ask to be introduced about that need
    response = client.get(url, {"text": "学生が除雪に出ます", "organisation": helpers.pk})
    page = response.content.decode()
    assert reverse("matching:request", args=[village.pk]) + f"?need={need.pk}" in page


def test_the_give_search_never_offers_the_askers_own_needs(client, setting):
    village, _helpers, asker, *_ = setting
    client.force_login(asker)
    response = client.get(
        reverse("matching:give"), {"text": "雪かきが追いつかない", "organisation": village.pk}
    )
    assert all(item.need.organisation != village for item in response.context["items"])


def test_no_matching_page_shows_a_raw_score(client, setting, coordinator):
    import re

    _village, helpers, _asker, _answerer, need = setting
    client.force_login(coordinator)
    pages = [
        client.get(reverse("matching:need", args=[need.pk])),
        client.get(reverse("matching:unmatched")),
        client.get(reverse("matching:give"), {"text": "学生が除雪に出ます"}),
        client.get(reverse("matching:needs_to_help", args=[helpers.pk])),
    ]
    for response in pages:
        assert response.status_code == 200
        main = response.content.decode().split("<main", 1)[1].split("</main>", 1)[0]
        text = re.sub(r"<[^>]*>", " ", main)  # what a person reads, not attributes
        assert not re.search(r"\d\.\d{2}", text), response.request["PATH_INFO"]


def test_a_card_needs_a_reason_about_the_need_not_only_kind_place_or_fields(setting):
    from tsunagaru.matching import selectors
    from tsunagaru.matching.engine import Match, Reason

    _village, helpers, *_ = setting
    generic = (Reason("kind", ("ボランティア団体",)), Reason("place", ("水沢",)))
    about_it = (Reason("offers", ("除雪",)), *generic)

    assert selectors._with_organisations([Match(str(helpers.pk), 0.5, generic)]) == []
    [shown] = selectors._with_organisations([Match(str(helpers.pk), 0.5, about_it)])
    assert shown.organisation == helpers
