"""A group's address: 郵便番号 fills it (offline, Japan Post's data), without JavaScript too;
it is private unless the group chooses to show it."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tsunagaru.core.models import District
from tsunagaru.guideline.models import OrganisationKind
from tsunagaru.partners.models import Organisation
from tsunagaru.partners.tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db


def _typed() -> dict[str, object]:
    return {
        "kind": OrganisationKind.objects.get(code="volunteer_group").pk,
        "name": "大手町みまもり隊",
        "name_kana": "おおてまちみまもりたい",
        "district": District.objects.get(slug="kitamata").pk,
        "postcode": "０２３８５０１",
    }


def test_the_fill_button_without_javascript_fills_the_address_and_saves_nothing(client, resident):
    client.force_login(resident)
    response = client.post(reverse("partners:register"), {**_typed(), "fill_address": "1"})

    assert response.status_code == 200
    assert not Organisation.objects.exists()
    form = response.context["form"]
    assert not form.is_bound, "shown again to be checked, not judged"
    assert form.initial["postcode"] == "023-8501"
    assert (form.initial["address_prefecture"], form.initial["address_city"]) == (
        "岩手県",
        "奥州市",
    )
    assert (form.initial["address_town"], form.initial["address_rest"]) == ("水沢大手町", "1丁目1")
    html = response.content.decode()
    assert 'value="大手町みまもり隊"' in html, "what was typed is kept"
    assert 'value="水沢大手町"' in html


def test_an_unknown_postcode_says_so_and_keeps_what_was_typed(client, resident):
    client.force_login(resident)
    data = {**_typed(), "postcode": "0000000", "fill_address": "1"}
    response = client.post(reverse("partners:register"), data, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert "No address was found for this postcode" in response.content.decode()
    assert response.context["form"].initial["name"] == "大手町みまもり隊"


def test_the_address_is_saved_and_shown_only_when_the_group_chooses(client, resident):
    client.force_login(resident)
    data = {
        **_typed(),
        "address_prefecture": "岩手県",
        "address_city": "奥州市",
        "address_town": "水沢大手町",
        "address_rest": "1丁目1",
    }
    response = client.post(reverse("partners:register"), data)
    assert response.status_code == 302
    group = Organisation.objects.get()
    assert group.postcode == "023-8501"
    html = client.get(group.get_absolute_url()).content.decode()
    assert "水沢大手町1丁目1" not in html
    Organisation.objects.filter(pk=group.pk).update(show_address=True)
    html = client.get(group.get_absolute_url()).content.decode()
    assert "〒023-8501 岩手県奥州市水沢大手町1丁目1" in html


def test_a_postcode_that_is_not_seven_digits_is_refused(client, resident):
    client.force_login(resident)
    response = client.post(reverse("partners:register"), {**_typed(), "postcode": "023-85"})
    assert response.context["form"].has_error("postcode", code="bad_postcode")
    assert not Organisation.objects.exists()


def test_the_edit_page_fills_the_address_for_the_groups_representative(client, resident):
    group = MembershipFactory(user=resident).organisation
    client.force_login(resident)
    response = client.post(
        reverse("partners:edit", args=[group.pk]),
        {**_typed(), "postcode": "023-1192", "fill_address": "1"},
    )
    assert response.status_code == 200
    assert response.context["form"].initial["address_town"] == "江刺大通り"
    group.refresh_from_db()
    assert group.postcode == ""
