"""Downloads of the directory are not kept by shared caches."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tsunagaru.partners.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("fmt", ["csv", "csv-cp932", "xlsx"])
def test_the_directory_export_is_private_and_not_stored(client, city_staff, fmt):
    OrganisationFactory(contact_email="published@example.jp", show_contact_email=True)
    client.force_login(city_staff)

    response = client.get(reverse("partners:export"), {"format": fmt})

    assert response.status_code == 200
    directives = {d.strip() for d in response["Cache-Control"].split(",")}
    assert {"private", "no-store"} <= directives
