import io

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from tsunagaru.core.models import District
from tsunagaru.guideline.models import OrganisationKind
from tsunagaru.partners.models import Membership, Organisation
from tsunagaru.partners.tests.factories import MembershipFactory, OrganisationFactory

pytestmark = pytest.mark.django_db

DIRECTORY = reverse("partners:directory")


def test_directory_lists_only_verified_groups(client):
    listed = OrganisationFactory(name="稲瀬の会")
    OrganisationFactory(name="審査中の会", status=Organisation.Status.PENDING)

    response = client.get(DIRECTORY)

    assert list(response.context["page"].object_list) == [listed]


def test_search_finds_a_group_written_in_other_words_and_marks_the_match(client):
    group = OrganisationFactory(name="子ども食堂ネット", description="子ども食堂を開いています。")
    OrganisationFactory(name="花火の会", description="花火を打ち上げます。")

    response = client.get(DIRECTORY, {"q": "こども食堂"})

    assert list(response.context["page"].object_list) == [group]
    assert "<mark>子ども食堂</mark>" in response.content.decode()


def test_filters_by_kind_district_field_and_open_needs(client):
    from tsunagaru.guideline.models import ActivityField
    from tsunagaru.partners.models import Need

    npo = OrganisationKind.objects.get(code="npo")
    target = OrganisationFactory(kind=npo, district=District.objects.get(slug="ide"))
    target.activity_fields.add(ActivityField.objects.get(name="防災"))
    Need.objects.create(organisation=target, category="trouble", title="人手不足")
    OrganisationFactory(kind=npo)
    OrganisationFactory(district=District.objects.get(slug="ide"))

    response = client.get(
        DIRECTORY,
        {
            "kind": npo.pk,
            "district": target.district_id,
            "field": ActivityField.objects.get(name="防災").pk,
            "has_open_needs": "on",
        },
    )

    assert list(response.context["page"].object_list) == [target]


def _district_options(html: str) -> set[str]:
    import re

    select = re.search(r'<select name="district" id="id_district"[^>]*>(.*?)</select>', html, re.S)
    assert select is not None
    return set(re.findall(r'<option value="(\d+)"', select.group(1)))


def _ids(districts) -> set[str]:
    return {str(d.pk) for d in districts}


def test_choosing_an_area_offers_only_its_districts_without_javascript(client):
    esashi = District.objects.get(slug="ide").area

    html = client.get(DIRECTORY, {"area": esashi.pk}).content.decode()

    assert _district_options(html) == _ids(esashi.districts.filter(is_active=True))
    assert _district_options(client.get(DIRECTORY).content.decode()) == _ids(
        District.objects.filter(is_active=True)
    )


def test_a_district_outside_the_chosen_area_is_dropped_with_a_message(client):
    ide = District.objects.get(slug="ide")
    mizusawa = District.objects.get(slug="mizusawa")
    in_esashi = OrganisationFactory(name="伊手の会", district=ide)
    OrganisationFactory(name="水沢の会", district=mizusawa)

    response = client.get(
        DIRECTORY, {"area": ide.area_id, "district": mizusawa.pk}, HTTP_ACCEPT_LANGUAGE="ja"
    )

    assert list(response.context["page"].object_list) == [in_esashi]
    html = response.content.decode()
    assert f"{mizusawa.name}" in html.split('id="directory-results"')[1].split("</p>")[0]
    assert str(mizusawa.pk) not in _district_options(html)


def test_a_district_inside_the_chosen_area_still_narrows_the_list(client):
    ide = District.objects.get(slug="ide")
    in_ide = OrganisationFactory(name="伊手の会", district=ide)
    OrganisationFactory(name="稲瀬の会", district=District.objects.get(slug="inase"))

    response = client.get(DIRECTORY, {"area": ide.area_id, "district": ide.pk})

    assert list(response.context["page"].object_list) == [in_ide]
    assert response.context["form"].notices == []


def test_htmx_reloads_only_the_district_select_when_the_area_changes(client):
    ide = District.objects.get(slug="ide")

    response = client.get(
        DIRECTORY, {"area": ide.area_id}, HTTP_HX_REQUEST="true", HTTP_HX_TARGET="id_district"
    )

    html = response.content.decode().strip()
    assert html.startswith('<select name="district" id="id_district"')
    assert "directory-results" not in html
    assert _district_options(html) == _ids(ide.area.districts.filter(is_active=True))
    assert "HX-Request" in response["Vary"]


def test_the_area_select_asks_htmx_for_the_districts(client):
    html = client.get(DIRECTORY).content.decode()

    assert 'hx-target="#id_district"' in html


def test_directory_queries_do_not_grow_with_the_groups_shown(client, django_assert_max_num_queries):
    for _ in range(3):
        OrganisationFactory()
    client.get(DIRECTORY)
    with django_assert_max_num_queries(20) as few:
        client.get(DIRECTORY)
    for _ in range(15):
        OrganisationFactory()

    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(DIRECTORY)


def test_profile_queries_do_not_grow_with_offers_and_needs(client, django_assert_max_num_queries):
    from tsunagaru.partners.models import Need, Offer

    organisation = OrganisationFactory()
    # One of each first: Django skips a prefetch when there is nothing to prefetch for.
    Offer.objects.create(organisation=organisation, category="skill", title="技能")
    Need.objects.create(organisation=organisation, category="trouble", title="課題")
    client.get(organisation.get_absolute_url())
    with django_assert_max_num_queries(30) as few:
        client.get(organisation.get_absolute_url())
    for n in range(10):
        Offer.objects.create(organisation=organisation, category="skill", title=f"技能{n}")
        Need.objects.create(organisation=organisation, category="trouble", title=f"課題{n}")

    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(organisation.get_absolute_url())


@pytest.mark.parametrize(
    ("persona", "expected"),
    [("anonymous", 404), ("resident", 404), ("coordinator", 200)],
    indirect=["persona"],
)
def test_pending_groups_are_hidden_from_the_public(client, persona, expected):
    organisation = OrganisationFactory(status=Organisation.Status.PENDING)
    if persona:
        client.force_login(persona)

    assert client.get(organisation.get_absolute_url()).status_code == expected


def test_a_suspended_group_sees_the_reason(client, resident):
    organisation = OrganisationFactory(
        status=Organisation.Status.SUSPENDED, status_reason="連絡先が不明です"
    )
    MembershipFactory(organisation=organisation, user=resident)
    client.force_login(resident)

    assert "連絡先が不明です" in client.get(organisation.get_absolute_url()).content.decode()


def test_registration_form_with_errors_keeps_nothing_and_says_why(client, resident):
    client.force_login(resident)

    response = client.post(
        reverse("partners:register"),
        {
            "kind": OrganisationKind.objects.get(code="npo").pk,
            "name": "",
            "corporate_number": "1234567890123",
            "sns_links": "not a link",
        },
    )

    assert response.status_code == 200
    html = response.content.decode()
    for field in ("name", "corporate_number", "sns_links"):
        assert f'id="id_{field}_error"' in html
    assert not Organisation.objects.exists()


def test_registration_creates_a_pending_group_and_shows_it_to_its_registrant(client, resident):
    client.force_login(resident)

    response = client.post(
        reverse("partners:register"),
        {
            "kind": OrganisationKind.objects.get(code="volunteer_group").pk,
            "name": "衣川ふるさと清掃の会",
            "name_kana": "ころもがわふるさとせいそうのかい",
            "district": District.objects.get(slug="kitamata").pk,
        },
        follow=True,
    )

    organisation = Organisation.objects.get()
    assert organisation.status == Organisation.Status.PENDING
    assert organisation.name_kana == "ころもがわふるさとせいそうのかい"  # as typed
    assert organisation.name_sort == "コロモガワフルサトセイソウノカイ"
    assert response.redirect_chain[-1][0] == organisation.get_absolute_url()


def _image(kind="PNG"):
    buffer = io.BytesIO()
    Image.new("RGB", (10, 10), "blue").save(buffer, kind)
    return buffer.getvalue()


def test_a_logo_that_is_not_an_image_is_refused_by_the_field(client, resident):
    organisation = MembershipFactory(user=resident).organisation
    client.force_login(resident)
    data = {
        "kind": organisation.kind_id,
        "name": organisation.name,
        "logo_alt": "ロゴ",
        "logo": SimpleUploadedFile("logo.png", b"%PDF-1.4 not an image", content_type="image/png"),
    }

    response = client.post(reverse("partners:edit", args=[organisation.pk]), data)

    assert 'id="id_logo_error"' in response.content.decode()
    organisation.refresh_from_db()
    assert not organisation.logo


def test_a_logo_is_saved_and_served(client, resident, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    organisation = MembershipFactory(user=resident).organisation
    client.force_login(resident)
    data = {
        "kind": organisation.kind_id,
        "name": organisation.name,
        "logo_alt": "青い四角のロゴ",
        "logo": SimpleUploadedFile("logo.png", _image(), content_type="image/png"),
    }

    client.post(reverse("partners:edit", args=[organisation.pk]), data)

    response = client.get(reverse("partners:logo", args=[organisation.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"\x89PNG")


@pytest.mark.parametrize(
    ("role", "expected"), [(Membership.Role.REPRESENTATIVE, 200), (Membership.Role.MEMBER, 403)]
)
def test_only_representatives_and_contacts_edit(client, resident, role, expected):
    organisation = MembershipFactory(user=resident, role=role).organisation
    client.force_login(resident)

    assert client.get(reverse("partners:edit", args=[organisation.pk])).status_code == expected


def test_coordinator_verifies_from_the_profile_page(client, coordinator):
    organisation = OrganisationFactory(status=Organisation.Status.PENDING)
    client.force_login(coordinator)

    response = client.post(reverse("partners:change_status", args=[organisation.pk, "verify"]))

    assert response.status_code == 302
    organisation.refresh_from_db()
    assert organisation.status == Organisation.Status.VERIFIED


def test_a_resident_cannot_verify(client, resident):
    organisation = OrganisationFactory(status=Organisation.Status.PENDING)
    client.force_login(resident)

    assert (
        client.post(reverse("partners:change_status", args=[organisation.pk, "verify"])).status_code
        == 403
    )
    organisation.refresh_from_db()
    assert organisation.status == Organisation.Status.PENDING


def test_suspension_without_a_reason_is_refused_with_a_message(client, city_staff):
    organisation = OrganisationFactory()
    client.force_login(city_staff)

    response = client.post(
        reverse("partners:change_status", args=[organisation.pk, "suspend"]),
        {"reason": ""},
        follow=True,
    )

    organisation.refresh_from_db()
    assert organisation.status == Organisation.Status.VERIFIED
    assert "message--error" in response.content.decode()


def test_contact_form_sends_mail_and_never_shows_the_address(client):
    organisation = OrganisationFactory(contact_email="hidden@example.jp")

    page = client.get(organisation.get_absolute_url()).content.decode()
    response = client.post(
        reverse("partners:contact", args=[organisation.pk]),
        {"name": "佐藤", "email": "sato@example.jp", "message": "見学したいです"},
    )

    assert "hidden@example.jp" not in page
    assert response.status_code == 302
    assert mail.outbox[-1].to == ["hidden@example.jp"]


def test_members_page_invites_by_mail(client, resident, django_capture_on_commit_callbacks):
    organisation = MembershipFactory(user=resident).organisation
    client.force_login(resident)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("partners:members", args=[organisation.pk]),
            {"email": "new@example.jp", "role": "member"},
        )

    assert mail.outbox[-1].to == ["new@example.jp"]


def test_district_page_lists_its_groups(client):
    ide = District.objects.get(slug="ide")
    here = OrganisationFactory(district=ide)
    OrganisationFactory(district=District.objects.get(slug="inase"))

    response = client.get(reverse("community:district", args=[ide.pk]))

    assert list(response.context["organisations"]) == [here]


def test_volunteer_profile_page_saves(client, resident):
    client.force_login(resident)

    client.post(
        reverse("partners:volunteer"), {"skills": "手話", "availability": "土日", "is_public": "on"}
    )

    assert resident.volunteer_profile.is_public is True


def test_review_queue_is_for_coordinators(client, resident, coordinator):
    OrganisationFactory(status=Organisation.Status.PENDING, name="審査待ちの会")
    client.force_login(resident)
    assert client.get(reverse("partners:review")).status_code == 403

    client.force_login(coordinator)
    assert "審査待ちの会" in client.get(reverse("partners:review")).content.decode()


def test_volunteers_who_opted_in_are_shown_to_members_of_listed_groups_and_logged(
    client, resident, make_user
):
    from tsunagaru.audit.models import AuditEvent
    from tsunagaru.partners import services

    shown = make_user(display_name="手話の佐藤")
    hidden = make_user(display_name="非公開の鈴木")
    services.volunteer_profile_save(user=shown, data={"skills": "手話", "is_public": True})
    services.volunteer_profile_save(user=hidden, data={"skills": "料理", "is_public": False})
    client.force_login(resident)
    assert client.get(reverse("partners:volunteers")).status_code == 403

    MembershipFactory(user=resident)
    html = client.get(reverse("partners:volunteers")).content.decode()

    assert "手話の佐藤" in html
    assert "非公開の鈴木" not in html
    assert AuditEvent.objects.filter(action="volunteer.list_view", actor=resident).count() == 1


def test_invitation_link_shows_the_group_and_joins_on_post(client, resident, make_user):
    from tsunagaru.partners import services

    organisation = MembershipFactory(user=resident).organisation
    invitation = services.invitation_create(
        organisation=organisation, email="guest@example.jp", role="member", by=resident
    )
    guest = make_user(email="guest@example.jp")
    client.force_login(guest)
    url = reverse("partners:invitation_accept", args=[invitation.token])

    assert organisation.name in client.get(url).content.decode()
    client.post(url)

    assert Membership.objects.filter(organisation=organisation, user=guest).exists()
    assert client.get(url).status_code == 404  # used up


def test_my_groups_shows_a_person_without_a_group_how_to_register_or_join(client, resident):
    client.force_login(resident)

    page = client.get(reverse("partners:mine")).content.decode()

    assert 'id="next-step-heading"' in page
    assert reverse("partners:register") in page
    assert reverse("matching:help") not in page  # only members of listed groups may search


def test_my_groups_offers_a_member_of_a_listed_group_the_problem_search(client, partner_member):
    MembershipFactory(user=partner_member, organisation__status=Organisation.Status.VERIFIED)
    client.force_login(partner_member)

    page = client.get(reverse("partners:mine")).content.decode()

    assert reverse("matching:help") in page
    assert 'id="next-step-heading"' not in page


def test_a_groups_founding_year_is_shown_in_the_japanese_calendar(client):
    group = OrganisationFactory(status="verified", founded_year=2015)

    page = client.get(group.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="ja").content.decode()

    assert "平成27年（2015年）" in page
