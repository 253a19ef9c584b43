"""A district must lie in the area chosen with it, in every form that asks for both."""

from __future__ import annotations

import pytest

from tsunagaru.cases.forms import CaseForm
from tsunagaru.core.models import District
from tsunagaru.partners.forms import OrganisationForm

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("form_class", [OrganisationForm, CaseForm])
def test_a_district_of_another_area_is_refused(form_class):
    ide = District.objects.get(slug="ide")  # 江刺区
    mizusawa = District.objects.get(slug="mizusawa")  # 水沢区

    form = form_class(data={"area": ide.area_id, "district": mizusawa.pk})

    assert form.has_error("district", code="district_not_in_area")


@pytest.mark.parametrize("form_class", [OrganisationForm, CaseForm])
def test_a_district_of_the_chosen_area_is_accepted(form_class):
    ide = District.objects.get(slug="ide")

    form = form_class(data={"area": ide.area_id, "district": ide.pk})

    assert not form.has_error("district")


def test_a_district_alone_brings_its_area():
    ide = District.objects.get(slug="ide")

    form = OrganisationForm(data={"district": ide.pk})
    form.is_valid()

    assert form.cleaned_data["area"] == ide.area
