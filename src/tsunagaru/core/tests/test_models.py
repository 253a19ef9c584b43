import pytest
from django.core.exceptions import ValidationError

from tsunagaru.core import selectors
from tsunagaru.core.models import Area, District, Municipality

pytestmark = pytest.mark.django_db


def test_a_fresh_database_has_oshu_with_its_five_areas():
    oshu = selectors.current_municipality()

    assert (oshu.code, oshu.name, oshu.prefecture) == ("032158", "奥州市", "岩手県")
    assert [a.name for a in selectors.area_list(municipality=oshu)] == [
        "水沢区",
        "江刺区",
        "前沢区",
        "胆沢区",
        "衣川区",
    ]


@pytest.mark.parametrize(
    ("district", "area"),
    [
        ("稲瀬", "江刺区"),
        ("藤里", "江刺区"),
        ("伊手", "江刺区"),
        ("米里", "江刺区"),
        ("姉体", "水沢区"),
        ("真城", "水沢区"),
        ("白山", "前沢区"),
        ("生母", "前沢区"),
        ("前沢", "前沢区"),
        ("北股", "衣川区"),
    ],
)
def test_every_district_the_guideline_names_is_in_its_area(district, area):
    assert District.objects.get(name=district).area.name == area


def test_municipality_code_with_a_wrong_check_digit_is_refused():
    municipality = Municipality(code="032159", name="奥州市", prefecture="岩手県")

    with pytest.raises(ValidationError) as error:
        municipality.full_clean()

    assert error.value.error_dict["code"][0].code == "invalid_municipality_code"


def test_area_slugs_are_unique_within_a_municipality():
    oshu = selectors.current_municipality()
    duplicate = Area(municipality=oshu, slug="esashi", name="江刺区")

    with pytest.raises(ValidationError):
        duplicate.full_clean()


def test_inactive_districts_are_left_out_of_the_area_list():
    District.objects.filter(slug="inase").update(is_active=False)
    oshu = selectors.current_municipality()

    esashi = next(a for a in selectors.area_list(municipality=oshu) if a.slug == "esashi")

    assert "稲瀬" not in [d.name for d in esashi.districts.all()]
