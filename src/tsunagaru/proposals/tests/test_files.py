"""Files shared at the proposal table (documents, progress-report photos) belong to the table:
its parties and the support staff have them, nobody else, even once the project is public."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from tsunagaru.core.tests.pictures import PDF_BYTES, office, phone_photo, upload
from tsunagaru.proposals import services
from tsunagaru.proposals.tests.conftest import agreed

pytestmark = pytest.mark.django_db


@pytest.fixture
def shared(table):
    proposal = agreed(table)
    document = services.document_add(
        proposal=proposal, file=upload("計画.pdf", PDF_BYTES), title="実施計画", by=table.npo_rep
    )
    report = services.report_add(
        proposal=proposal,
        data={"reported_on": datetime.date(2026, 7, 20), "note": "1回目を開催しました。"},
        values={},
        photos=[(upload("IMG_0002.jpg", phone_photo()), "ワークショップで話し合う住民")],
        by=table.district_member,
    )
    photo = report.photos.get()
    return proposal, document, photo


def urls(proposal, document, photo):
    return (
        reverse("proposals:document", args=[proposal.pk, document.pk]),
        reverse("proposals:report_photo", args=[proposal.pk, photo.pk]),
        reverse("proposals:report_photo_thumbnail", args=[proposal.pk, photo.pk]),
    )


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("anonymous", 404),
        ("outsider", 404),
        ("district_member", 200),
        ("npo_rep", 200),
        ("secretariat", 200),
    ],
)
def test_table_files_go_to_its_parties_and_staff_only(client, table, shared, who, expected):
    proposal, document, photo = shared
    assert proposal.is_public  # the agreed project is public; its table's files are not
    if who != "anonymous":
        client.force_login(getattr(table, who))

    for url in urls(proposal, document, photo):
        response = client.get(url)
        assert response.status_code == expected, url
        if expected == 200:
            assert response["Cache-Control"] == "private, no-store"
            assert response["X-Content-Type-Options"] == "nosniff"


def test_a_document_is_a_download_and_a_photo_inline(client, table, shared):
    proposal, document, photo = shared
    client.force_login(table.npo_rep)
    as_document, as_photo, _thumbnail = (client.get(url) for url in urls(proposal, document, photo))

    assert as_document["Content-Type"] == "application/pdf"
    assert as_document["Content-Disposition"].startswith("attachment;")
    assert as_photo["Content-Type"] == "image/jpeg"
    assert not as_photo.get("Content-Disposition", "").startswith("attachment")


def test_a_file_of_another_table_is_not_found_through_this_one(client, table, shared):
    proposal, document, _photo = shared
    client.force_login(table.npo_rep)

    other = reverse("proposals:document", args=[proposal.pk + 1000, document.pk])

    assert client.get(other).status_code == 404


def test_the_thread_and_reports_link_to_the_served_files(client, table, shared):
    proposal, document, photo = shared
    client.force_login(table.npo_rep)

    thread = client.get(reverse("proposals:thread", args=[proposal.pk])).content.decode()
    reports = client.get(reverse("proposals:reports", args=[proposal.pk])).content.decode()

    assert reverse("proposals:document", args=[proposal.pk, document.pk]) in thread
    assert reverse("proposals:report_photo_thumbnail", args=[proposal.pk, photo.pk]) in reports
    assert 'alt="ワークショップで話し合う住民"' in reports


def test_a_macro_document_is_refused_at_the_table(client, table, shared):
    proposal, _document, _photo = shared
    client.force_login(table.npo_rep)

    response = client.post(
        reverse("proposals:thread", args=[proposal.pk]),
        {"file": upload("集計.xlsm", office("xlsx", macros=True)), "title": "集計"},
    )

    assert response.status_code == 200
    assert proposal.documents.count() == 1
    assert response.context["document_form"].errors.as_data()["__all__"][0].code == "macro"
