"""Population figures, the 地区センター and the 地区担当職員: what is checked, what is kept."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from tsunagaru.audit.models import AuditEvent
from tsunagaru.community import services
from tsunagaru.community.models import PopulationFigure
from tsunagaru.core.models import District
from tsunagaru.core.tabular import Row

pytestmark = pytest.mark.django_db

DAY = datetime.date(2025, 3, 31)


def figures(**changes):
    return {
        "as_of": DAY,
        "total": 3000,
        "households": 1100,
        "aged_65_over": 1200,
        "under_15": 300,
        "source": "住民基本台帳人口（令和7年3月31日現在）",
        **changes,
    }


@pytest.fixture
def inase():
    return District.objects.get(slug="inase")


def test_figures_are_kept_with_their_source_and_audited(inase, city_staff):
    figure = services.figure_save(district=inase, data=figures(), by=city_staff)

    assert figure.aged_share == 40.0
    assert figure.source == "住民基本台帳人口（令和7年3月31日現在）"
    assert AuditEvent.objects.get(action="population.save").after["total"] == 3000


def test_a_second_entry_for_the_same_day_replaces_the_first(inase, city_staff):
    services.figure_save(district=inase, data=figures(), by=city_staff)

    services.figure_save(district=inase, data=figures(total=3010), by=city_staff)

    assert list(PopulationFigure.objects.values_list("total", flat=True)) == [3010]
    latest = AuditEvent.objects.filter(action="population.save").order_by("pk").last()
    assert latest.before["total"] == 3000


@pytest.mark.parametrize(
    ("changes", "field", "code"),
    [
        ({"as_of": timezone.localdate() + datetime.timedelta(days=1)}, "as_of", "future"),
        ({"as_of": datetime.date(1980, 3, 31)}, "as_of", "too_old"),
        ({"aged_65_over": 2800, "under_15": 300}, "total", "parts_over_total"),
        ({"households": 3001}, "households", "households_over_total"),
        ({"total": -1}, "total", "min_value"),
        ({"source": ""}, "source", "blank"),
    ],
)
def test_wrong_figures_are_refused_and_nothing_is_saved(inase, city_staff, changes, field, code):
    with pytest.raises(ValidationError) as refused:
        services.figure_save(district=inase, data=figures(**changes), by=city_staff)

    assert refused.value.error_dict[field][0].code == code
    assert not PopulationFigure.objects.exists()
    assert not AuditEvent.objects.filter(action="population.save").exists()


def test_a_large_change_from_the_previous_figure_must_be_confirmed(inase, city_staff):
    services.figure_save(district=inase, data=figures(), by=city_staff)
    later = figures(as_of=datetime.date(2026, 3, 31), total=30000, households=11000)

    with pytest.raises(ValidationError) as asked:
        services.figure_save(district=inase, data=later, by=city_staff)
    services.figure_save(district=inase, data=later, confirmed=True, by=city_staff)

    assert asked.value.code == "large_change"
    assert PopulationFigure.objects.count() == 2


def test_a_small_change_needs_no_confirmation(inase, city_staff):
    services.figure_save(district=inase, data=figures(), by=city_staff)

    services.figure_save(
        district=inase, data=figures(as_of=datetime.date(2026, 3, 31), total=2900), by=city_staff
    )

    assert PopulationFigure.objects.count() == 2


def line(number, **values):
    base = {
        "district": "稲瀬",
        "as_of": "2025-03-31",
        "total": "3,000",
        "households": "1100",
        "aged_65_over": "1200",
        "under_15": "300",
        "source": "住民基本台帳",
    }
    return Row(number, {**base, **values})


def test_a_file_is_saved_whole_with_wareki_dates_and_full_width_numbers(city_staff):
    rows = [
        line(2),
        line(3, district="ide", as_of="令和6年3月31日", total="１５００", households="600"),
    ]

    saved, problems = services.figures_import(rows=rows, by=city_staff)

    assert (saved, problems) == (2, [])
    ide = PopulationFigure.objects.get(district__slug="ide")
    assert (ide.as_of, ide.total) == (datetime.date(2024, 3, 31), 1500)


def test_a_file_with_a_wrong_line_saves_nothing_and_names_each_line(city_staff):
    rows = [
        line(2),
        line(3, district="どこにもない地区"),
        line(4, as_of="昨日"),
        line(5, total="三千"),
        line(6, households="5000"),
    ]

    saved, problems = services.figures_import(rows=rows, by=city_staff)

    assert saved == 0
    assert [p.row for p in problems] == [3, 4, 5, 6]
    assert "どこにもない地区" in problems[0].message
    assert not PopulationFigure.objects.exists()


def test_the_centre_and_the_staff_for_a_district_are_kept_and_audited(inase, city_staff):
    services.centre_save(
        district=inase,
        data={"name": "稲瀬地区センター", "address": "奥州市江刺稲瀬字", "phone": "0197-35-0000"},
        by=city_staff,
    )
    contact = services.contact_add(
        district=inase, name="奥州 太郎", department="地域づくり推進課", by=city_staff
    )
    services.contact_remove(contact=contact, by=city_staff)

    assert inase.centre.name == "稲瀬地区センター"
    assert not inase.contacts.exists()
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"centre.save", "district_contact.add", "district_contact.remove"} <= actions


def test_the_demo_has_three_districts_in_numbers_and_a_centre(demo_data):
    from tsunagaru.community.demo import SOURCE
    from tsunagaru.community.models import DistrictCentre

    counts = {
        slug: PopulationFigure.objects.filter(district__slug=slug, source=SOURCE).count()
        for slug in ("inase", "ide", "yonesato")
    }

    assert counts == {"inase": 3, "ide": 3, "yonesato": 3}
    assert DistrictCentre.objects.get().district.slug == "inase"
