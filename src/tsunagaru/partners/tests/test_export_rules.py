"""The directory download (public, no login): only what each group chose to publish, and no
cell that Excel would run as a formula."""

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from tsunagaru.partners.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

FORMATS = ["csv", "csv-cp932", "xlsx"]


def cells(response, chosen):
    """Every cell of the download as the spreadsheet program sees it (nothing unquoted)."""
    if chosen == "xlsx":
        sheet = load_workbook(io.BytesIO(response.content)).active
        return [["" if c.value is None else str(c.value) for c in row] for row in sheet.rows]
    encoding = "cp932" if chosen == "csv-cp932" else "utf-8-sig"
    return list(csv.reader(io.StringIO(response.content.decode(encoding), newline="")))


@pytest.mark.parametrize("chosen", FORMATS)
@pytest.mark.parametrize("query", ["", "清掃"])
def test_the_directory_export_never_contains_an_email_the_group_chose_not_to_publish(
    client, chosen, query
):
    OrganisationFactory(name="非公開の会", contact_email="hidden@example.jp")
    OrganisationFactory(name="公開の会", contact_email="shown@example.jp", show_contact_email=True)

    response = client.get(reverse("partners:export"), {"format": chosen, "q": query})

    rows = cells(response, chosen)
    by_name = {row[0]: row for row in rows[1:]}
    assert set(by_name) == {"非公開の会", "公開の会"}
    assert "hidden@example.jp" not in str(rows)
    assert by_name["非公開の会"][-1] == ""
    assert by_name["公開の会"][-1] == "shown@example.jp"


@pytest.mark.parametrize("chosen", FORMATS)
@pytest.mark.parametrize(
    "start", ["=", "+", "-", "@", "\t", "\r"], ids=["eq", "plus", "minus", "at", "tab", "cr"]
)
def test_the_directory_export_keeps_a_cell_that_looks_like_a_formula_as_text(client, chosen, start):
    description = f'{start}HYPERLINK("http://evil.example","詳細")'
    OrganisationFactory(name="数式の会", description=description)

    response = client.get(reverse("partners:export"), {"format": chosen})

    row = cells(response, chosen)[1]
    assert row[0] == "数式の会"
    # XML turns a carriage return into a line feed; the quote in front is what counts.
    assert row[6].replace("\n", "\r") == "'" + description
