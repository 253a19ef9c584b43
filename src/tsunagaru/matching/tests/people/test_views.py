"""Volunteers on the pages: who sees them, that nothing personal shows before acceptance, and
that the contact details that show after are logged."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tsunagaru.accounts.models import Role
from tsunagaru.audit.models import AuditEvent
from tsunagaru.matching import people_services as services
from tsunagaru.matching.models import PersonIntroduction

pytestmark = pytest.mark.django_db

PRIVATE = ("はなこ", "hanako@example.jp")


def need_page(client, need):
    response = client.get(reverse("matching:need", args=[need.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_the_needs_group_sees_a_volunteer_by_label_skills_and_reasons_but_no_name(
    client, kitchen, make_volunteer
):
    _group, member, need = kitchen
    volunteer = make_volunteer()
    client.force_login(member)

    html = need_page(client, need)

    assert 'id="people"' in html
    assert "A volunteer in 水沢区" in html or "水沢区の個人ボランティア" in html
    assert "調理師の資格があります" in html
    assert "土曜日の午前" in html
    assert reverse("matching:person_request", args=[need.pk, volunteer.pk]) in html
    for private in PRIVATE:
        assert private not in html


@pytest.mark.parametrize(
    ("persona", "sees_people", "may_ask"),
    [("member", True, True), ("coordinator", True, False), ("other", False, False),
     ("resident", False, False), ("anonymous", False, False)],
)  # fmt: skip
def test_who_sees_volunteers_on_a_need_page(
    client, kitchen, make_volunteer, make_user, other_member, persona, sees_people, may_ask
):
    _group, member, need = kitchen
    volunteer = make_volunteer()
    users = {
        "member": member,
        "coordinator": make_user(Role.COORDINATOR),
        "other": other_member,
        "resident": make_user(Role.RESIDENT),
    }
    if persona in users:
        client.force_login(users[persona])

    html = need_page(client, need)

    assert ('id="people"' in html) is sees_people
    ask_url = reverse("matching:person_request", args=[need.pk, volunteer.pk])
    assert (ask_url in html) is may_ask


def test_a_stranger_may_not_open_the_request_form(client, kitchen, make_volunteer, other_member):
    _group, _member, need = kitchen
    volunteer = make_volunteer()
    url = reverse("matching:person_request", args=[need.pk, volunteer.pk])

    assert client.get(url).status_code == 302  # anonymous: to the login page
    client.force_login(other_member)
    assert client.get(url).status_code == 403
    assert client.post(url, {"message": "手伝って"}).status_code == 403
    assert PersonIntroduction.objects.count() == 0


def test_a_person_who_did_not_agree_cannot_be_asked_even_by_url(client, kitchen, make_volunteer):
    _group, member, need = kitchen
    volunteer = make_volunteer(suggest=False)
    client.force_login(member)

    url = reverse("matching:person_request", args=[need.pk, volunteer.pk])

    assert client.get(url).status_code == 404


def test_a_member_asks_once_and_a_second_submit_leads_to_the_same_request(
    client, kitchen, make_volunteer
):
    _group, member, need = kitchen
    volunteer = make_volunteer()
    client.force_login(member)
    url = reverse("matching:person_request", args=[need.pk, volunteer.pk])
    form = client.get(url).content.decode()
    assert "調理師の資格があります" in form
    assert "はなこ" not in form

    first = client.post(url, {"message": "土曜日の配膳をお願いできますか。"})
    second = client.post(url, {"message": "土曜日の配膳をお願いできますか。"})

    introduction = PersonIntroduction.objects.get()
    assert first["Location"] == second["Location"] == introduction.get_absolute_url()
    page = client.get(introduction.get_absolute_url()).content.decode()
    for private in PRIVATE:
        assert private not in page


def test_the_request_page_is_for_the_two_sides_only(
    client, kitchen, make_volunteer, make_user, other_member
):
    _group, member, need = kitchen
    volunteer = make_volunteer()
    introduction = services.person_introduction_request(
        need=need, volunteer=volunteer, message="お願いします", by=member
    )
    url = introduction.get_absolute_url()
    for stranger in (other_member, make_user(Role.COORDINATOR)):
        client.force_login(stranger)
        assert client.get(url).status_code == 404
    client.force_login(volunteer.user)
    html = client.get(url).content.decode()
    assert "お願いします" in html
    assert "kitchen@example.jp" not in html  # the asker's address: only after acceptance


def test_the_person_accepts_and_both_sides_see_contacts_each_time_logged(
    client, kitchen, make_volunteer
):
    _group, member, need = kitchen
    volunteer = make_volunteer()
    introduction = services.person_introduction_request(
        need=need, volunteer=volunteer, message="お願いします", by=member
    )
    url = introduction.get_absolute_url()
    client.force_login(member)
    assert "hanako@example.jp" not in client.get(url).content.decode()
    assert not AuditEvent.objects.filter(action="person_introduction.contacts_view").exists()

    client.force_login(volunteer.user)
    response = client.post(url, {"answer": "accept", "response": "土曜なら行けます。"})
    assert response.status_code == 302
    assert "kitchen@example.jp" in client.get(url).content.decode()

    client.force_login(member)
    html = client.get(url).content.decode()
    assert "hanako@example.jp" in html
    assert "はなこ" in html
    viewed = AuditEvent.objects.filter(action="person_introduction.contacts_view")
    assert sorted(e.actor_id for e in viewed) == sorted([volunteer.user.pk, member.pk])


def test_a_second_answer_is_told_it_was_already_given(client, kitchen, make_volunteer):
    _group, member, need = kitchen
    volunteer = make_volunteer()
    introduction = services.person_introduction_request(
        need=need, volunteer=volunteer, message="お願いします", by=member
    )
    client.force_login(volunteer.user)
    url = introduction.get_absolute_url()
    client.post(url, {"answer": "decline"})

    response = client.post(url, {"answer": "accept"}, follow=True)

    assert response.status_code == 200
    introduction.refresh_from_db()
    assert introduction.status == PersonIntroduction.Status.DECLINED


def test_the_group_withdraws_from_the_page(client, kitchen, make_volunteer):
    _group, member, need = kitchen
    volunteer = make_volunteer()
    introduction = services.person_introduction_request(
        need=need, volunteer=volunteer, message="お願いします", by=member
    )
    url = reverse("matching:person_introduction_withdraw", args=[introduction.pk])
    client.force_login(volunteer.user)
    assert client.post(url).status_code == 403
    client.force_login(member)

    client.post(url)

    introduction.refresh_from_db()
    assert introduction.status == PersonIntroduction.Status.WITHDRAWN


def test_the_person_finds_their_requests_from_their_volunteer_page(client, kitchen, make_volunteer):
    _group, member, need = kitchen
    volunteer = make_volunteer()
    introduction = services.person_introduction_request(
        need=need, volunteer=volunteer, message="お願いします", by=member
    )
    client.force_login(volunteer.user)

    profile_page = client.get(reverse("partners:volunteer")).content.decode()
    assert reverse("matching:person_introductions") in profile_page
    listing = client.get(reverse("matching:person_introductions")).content.decode()
    assert introduction.get_absolute_url() in listing
    assert "みずさわ子ども食堂" in listing


def test_the_volunteer_page_gives_and_takes_back_consent(client, resident):
    client.force_login(resident)
    url = reverse("partners:volunteer")

    client.post(url, {"skills": "草刈り", "suggest": "on"})
    resident.volunteer_profile.refresh_from_db()
    assert resident.volunteer_profile.suggest_consented_at is not None

    client.post(url, {"skills": "草刈り"})
    resident.volunteer_profile.refresh_from_db()
    assert resident.volunteer_profile.suggest_consented_at is None


def test_the_menu_leads_a_volunteer_to_their_requests(client, make_volunteer, resident):
    url = reverse("matching:person_introductions")
    client.force_login(resident)  # no volunteer profile: the link would lead nowhere useful
    assert f'href="{url}"' not in client.get(reverse("core:home")).content.decode()

    client.force_login(make_volunteer().user)

    assert f'href="{url}"' in client.get(reverse("core:home")).content.decode()
