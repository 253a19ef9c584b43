import pytest
from django.urls import reverse

from tsunagaru.audit.models import AuditEvent
from tsunagaru.core.models import District, Municipality

pytestmark = pytest.mark.django_db


def district_form(district, **overrides):
    data = {
        "area": district.area_id,
        "slug": district.slug,
        "name": district.name,
        "name_kana": district.name_kana,
        "name_en": district.name_en,
        "order": district.order,
        "is_active": "on" if district.is_active else "",
    }
    data.update(overrides)
    return data


def test_renaming_a_district_in_the_admin_is_audited_with_before_and_after(client, administrator):
    district = District.objects.get(slug="inase")
    client.force_login(administrator)

    response = client.post(
        reverse("admin:core_district_change", args=[district.pk]),
        district_form(district, name_kana="いなせちく"),
    )

    assert response.status_code == 302
    event = AuditEvent.objects.get(action="district.update")
    assert (event.actor, event.before, event.after) == (
        administrator,
        {"name_kana": "いなせ"},
        {"name_kana": "いなせちく"},
    )


def test_retiring_a_district_keeps_it_and_its_records(client, administrator):
    district = District.objects.get(slug="inase")
    client.force_login(administrator)

    client.post(
        reverse("admin:core_district_change", args=[district.pk]),
        district_form(district, is_active=""),
    )

    district.refresh_from_db()
    assert district.is_active is False
    assert client.get(reverse("admin:core_district_delete", args=[district.pk])).status_code == 403


def test_a_wrong_check_digit_is_refused_in_the_admin_and_nothing_is_saved(client, administrator):
    oshu = Municipality.objects.get(code="032158")
    client.force_login(administrator)

    response = client.post(
        reverse("admin:core_municipality_change", args=[oshu.pk]),
        {"code": "032159", "name": "奥州市", "prefecture": "岩手県"},
    )

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["code"]
    oshu.refresh_from_db()
    assert oshu.code == "032158"
    assert not AuditEvent.objects.filter(action="municipality.update").exists()


def test_admin_login_page_goes_through_two_factor_sign_in(client):
    response = client.get(reverse("admin:login"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


@pytest.mark.parametrize("model", ["account/emailaddress", "mfa/authenticator", "auth/group"])
def test_library_admin_pages_that_bypass_our_services_are_gone(client, administrator, model):
    client.force_login(administrator)

    assert client.get(f"/admin/{model}/").status_code == 404
