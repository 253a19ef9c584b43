"""A district's page and the staff's forms: who sees and does what, in a fixed number of
queries."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tsunagaru.community import services
from tsunagaru.community.models import PopulationFigure
from tsunagaru.core.models import District
from tsunagaru.partners.models import Need
from tsunagaru.partners.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def inase():
    return District.objects.get(slug="inase")


def add_figures(district, by, years):
    for n, year in enumerate(years):
        services.figure_save(
            district=district,
            data={
                "as_of": datetime.date(year, 3, 31),
                "total": 3000 - 50 * n,
                "households": 1100,
                "aged_65_over": 1200 + 10 * n,
                "under_15": 300 - 5 * n,
                "source": "住民基本台帳人口",
            },
            by=by,
        )


def test_the_page_shows_the_centre_the_staff_and_the_population_in_wareki(
    client, inase, city_staff
):
    services.centre_save(
        district=inase, data={"name": "稲瀬地区センター", "phone": "0197-35-2111"}, by=city_staff
    )
    services.contact_add(
        district=inase, name="奥州 花子", department="地域づくり推進課", by=city_staff
    )
    add_figures(inase, city_staff, [2024, 2025])

    html = client.get(reverse("community:district", args=[inase.pk])).content.decode()

    assert "稲瀬地区センター" in html
    assert "奥州 花子（地域づくり推進課）" in html
    assert "令和7年3月31日" in html  # the latest figure's day
    assert "2,950" in html
    assert html.count('class="chart__bar"') == 2
    assert "住民基本台帳人口" in html
    assert reverse("community:figure_add", args=[inase.pk]) not in html  # for staff only


def test_the_page_shows_the_districts_groups_and_their_open_needs(client, inase):
    group = OrganisationFactory(name="稲瀬振興会", district=inase)
    Need.objects.create(organisation=group, category="trouble", title="除雪の担い手が足りない")
    OrganisationFactory(name="よその会", district=District.objects.get(slug="ide"))

    response = client.get(reverse("community:district", args=[inase.pk]))

    assert list(response.context["organisations"]) == [group]
    html = response.content.decode()
    assert "除雪の担い手が足りない" in html
    assert "よその会" not in html


def test_the_page_reads_the_same_number_of_queries_for_one_figure_or_ten(client, inase, city_staff):
    add_figures(inase, city_staff, [2016])
    OrganisationFactory(district=inase)
    client.get(reverse("community:district", args=[inase.pk]))
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("community:district", args=[inase.pk]))
    PopulationFigure.objects.all().delete()
    add_figures(inase, city_staff, range(2016, 2026))
    for _n in range(5):
        OrganisationFactory(district=inase)

    with CaptureQueriesContext(connection) as many:
        client.get(reverse("community:district", args=[inase.pk]))

    assert len(many) == len(few)


def test_an_inactive_or_unknown_district_is_not_found(client, inase):
    District.objects.filter(pk=inase.pk).update(is_active=False)

    assert client.get(reverse("community:district", args=[inase.pk])).status_code == 404
    assert client.get(reverse("community:district", args=[99999])).status_code == 404


def test_the_old_district_address_leads_to_the_new_page(client, inase):
    response = client.get(reverse("partners:district", args=[inase.pk]))

    assert response.status_code == 301
    assert response["Location"] == reverse("community:district", args=[inase.pk])


STAFF_PAGES = ["figure_add", "centre", "figure_import"]


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("anonymous", 302),
        ("resident", 403),
        ("partner_member", 403),
        ("coordinator", 403),
        ("reviewer", 403),
        ("city_staff", 200),
        ("administrator", 200),
    ],
    indirect=["persona"],
)
@pytest.mark.parametrize("name", STAFF_PAGES)
def test_only_the_citys_staff_keep_a_districts_figures_and_centre(
    client, inase, persona, status, name
):
    if persona is not None:
        client.force_login(persona)
    args = [] if name == "figure_import" else [inase.pk]

    assert client.get(reverse(f"community:{name}", args=args)).status_code == status


@pytest.mark.parametrize("persona", ["resident", "coordinator"], indirect=True)
def test_a_forged_post_by_others_changes_nothing(client, inase, persona):
    client.force_login(persona)

    response = client.post(
        reverse("community:contact_add", args=[inase.pk]),
        {"name": "偽の職員", "department": "なし"},
    )

    assert response.status_code == 403
    assert not inase.contacts.exists()


def test_staff_enter_figures_and_confirm_a_large_change(client, inase, city_staff):
    add_figures(inase, city_staff, [2024])
    client.force_login(city_staff)
    url = reverse("community:figure_add", args=[inase.pk])
    data = {
        "as_of": "2025-03-31",
        "total": "9000",
        "households": "1100",
        "aged_65_over": "1200",
        "under_15": "300",
        "source": "住民基本台帳人口",
    }

    asked = client.post(url, data)
    saved = client.post(url, {**data, "confirmed": "on"})

    assert asked.status_code == 200
    assert "large_change" in [e.code for e in asked.context["form"].non_field_errors().as_data()]
    assert saved.status_code == 302
    assert PopulationFigure.objects.filter(total=9000).exists()


def test_staff_load_a_shift_jis_file_and_a_wrong_one_saves_nothing(client, city_staff):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(city_staff)
    good = (
        "地区,基準日,総人口,世帯数,65歳以上,15歳未満,出典\n"
        "稲瀬,令和7年3月31日,3000,1100,1200,300,住基\n"
    )
    bad = good + "伊手,2025-13-01,1500,600,700,100,住基\n"
    url = reverse("community:figure_import")

    refused = client.post(
        url, {"file": SimpleUploadedFile("figures.csv", bad.encode("cp932"), "text/csv")}
    )
    loaded = client.post(
        url, {"file": SimpleUploadedFile("figures.csv", good.encode("cp932"), "text/csv")}
    )

    assert refused.status_code == 200
    assert [p.row for p in refused.context["problems"]] == [3]
    assert loaded.status_code == 302
    assert PopulationFigure.objects.get().total == 3000


def test_a_file_without_the_district_column_is_refused_clearly(client, city_staff):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(city_staff)
    upload = SimpleUploadedFile("figures.csv", "名前,人口\n稲瀬,3000\n".encode(), "text/csv")

    response = client.post(reverse("community:figure_import"), {"file": upload})

    assert "地区" in str(response.context["form"].errors["file"])
    assert not PopulationFigure.objects.exists()


def test_the_page_lists_agreed_projects_of_its_groups_but_not_drafts(client, inase, make_user):
    from tsunagaru.proposals.models import Proposal

    group = OrganisationFactory(district=inase)
    author = make_user()
    agreed = Proposal.objects.create(
        title="空き家を使った交流サロン",
        problem="集まる場所がない",
        proposer=group,
        created_by=author,
        status=Proposal.Status.AGREED,
    )
    draft = Proposal.objects.create(
        title="書きかけの提案", problem="未定", proposer=group, created_by=author
    )

    html = client.get(reverse("community:district", args=[inase.pk])).content.decode()

    assert agreed.get_absolute_url() in html
    assert draft.get_absolute_url() not in html
