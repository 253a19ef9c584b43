import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from tsunagaru.audit.models import AuditEvent
from tsunagaru.core.models import Job
from tsunagaru.matching import index as matching_index
from tsunagaru.matching.engine import store
from tsunagaru.partners import importer, services, tabular
from tsunagaru.partners.models import Organisation
from tsunagaru.partners.tests.factories import OrganisationFactory
from tsunagaru.search.selectors import search_ids

pytestmark = pytest.mark.django_db

GOOD = (
    "団体名,ふりがな,種類,区,地区,活動分野,紹介,法人番号,設立年,会員数,ウェブサイト,連絡先メール\n"
    "髙橋こども食堂,たかはしこどもしょくどう,ボランティア団体,水沢,真城,子育て・福祉,子ども食堂を開いています,,2018,12,,\n"
    "奥州防災ネット,,NPO法人,江刺区,稲瀬,防災,防災訓練の支援,5835678256246,2010,40,https://example.jp,info@example.jp\n"
)


def rows_of(text, encoding="utf-8-sig", name="groups.csv"):
    return tabular.read(text.encode(encoding), name)


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-8", "cp932", "utf-16"])
def test_csv_is_read_in_every_encoding_excel_uses(encoding):
    rows = rows_of(GOOD, encoding)

    assert [r.values["name"] for r in rows] == ["髙橋こども食堂", "奥州防災ネット"]
    assert rows[0].number == 2


def test_xlsx_is_read_like_csv():
    book = Workbook()
    sheet = book.active
    for line in csv.reader(io.StringIO(GOOD)):
        sheet.append(line)
    buffer = io.BytesIO()
    book.save(buffer)

    rows = tabular.read(buffer.getvalue(), "groups.xlsx")

    assert rows[1].values["corporate_number"] == "5835678256246"


@pytest.mark.parametrize(
    ("content", "name", "code"),
    [
        (b"", "groups.csv", "empty"),
        (b"\x00\x01\x02garbage", "groups.xlsx", "broken_xlsx"),
        (b"name\n", "groups.pdf", "wrong_type"),
        ("種類,紹介\nNPO法人,x\n".encode(), "groups.csv", "no_header"),
        (b"\xff\xfe\x00\xd8", "groups.csv", "encoding"),
        (b"x" * (tabular.MAX_BYTES + 1), "groups.csv", "too_large"),
    ],
)
def test_broken_files_are_refused_with_a_reason(content, name, code):
    with pytest.raises(tabular.TableError) as error:
        tabular.read(content, name)

    assert error.value.code == code
    assert str(error.value)


def test_every_row_problem_is_reported_with_row_column_and_message():
    text = (
        "団体名,種類,地区,活動分野,法人番号,設立年,連絡先メール\n"
        ",NPO法人,稲瀬,防災,,,\n"
        "会A,宇宙団体,稲瀬,防災,,,\n"
        "会B,NPO法人,火星,防災,,,\n"
        "会C,NPO法人,稲瀬,魔法,1234567890123,二千年,not-mail\n"
    )

    checked = importer.check(rows_of(text))

    found = {(e.row, e.column) for e in checked.errors}
    assert found == {
        (2, "団体名"),
        (3, "種類"),
        (4, "地区"),
        (5, "活動分野"),
        (5, "法人番号"),
        (5, "設立年"),
        (5, "連絡先メール"),
    }


def test_duplicates_in_the_file_and_groups_already_registered_are_errors():
    OrganisationFactory(name="既存の会", district=None)
    text = "団体名,種類\n既存の会,NPO法人\n新しい会,NPO法人\n新しい会,NPO法人\n"

    errors = importer.check(rows_of(text)).errors

    assert [(e.row, e.column) for e in errors] == [(2, "団体名"), (4, "団体名")]


def test_import_saves_all_rows_with_audit_and_search_entries(city_staff):
    checked = importer.check(rows_of(GOOD))
    assert checked.errors == []

    created = services.organisation_import(rows=checked.rows, by=city_staff, list_now=True)

    assert len(created) == 2
    first = Organisation.objects.get(name="髙橋こども食堂")
    assert (first.name_kana, first.name_sort) == (
        "たかはしこどもしょくどう",
        "タカハシコドモショクドウ",
    )
    assert (first.name_kana, first.district.name, first.area.name) == (
        "たかはしこどもしょくどう",
        "真城",
        "水沢区",
    )
    assert sorted(f.name for f in first.activity_fields.all()) == ["子育て", "福祉"]
    assert AuditEvent.objects.filter(action="organisation.import").count() == 2
    assert [h.object_id for h in search_ids(model=Organisation, query="こども食堂")] == [first.pk]


def test_export_then_import_gives_the_same_groups(client):
    group = OrganisationFactory(
        name="往復の会", name_kana="オウフクノカイ", description="=1+1 ではない説明"
    )

    response = client.get(reverse("partners:export"), {"format": "csv"})

    content = response.content
    assert content.startswith(b"\xef\xbb\xbf")
    Organisation.objects.all().delete()
    checked = importer.check(tabular.read(content, "export.csv"))
    assert checked.errors == []
    assert checked.rows[0]["name"] == group.name
    assert checked.rows[0]["description"] == "=1+1 ではない説明"


def test_cp932_export_replaces_what_shift_jis_cannot_hold(client):
    OrganisationFactory(name="𠮷野家の会")

    response = client.get(reverse("partners:export"), {"format": "csv-cp932"})

    assert response["X-Replaced-Characters"] == "1"
    assert "〓野家の会" in response.content.decode("cp932")


def test_xlsx_export_of_a_filtered_search(client):
    OrganisationFactory(name="花火の会", description="花火大会")
    OrganisationFactory(name="清掃の会", description="河川清掃")

    response = client.get(reverse("partners:export"), {"format": "xlsx", "q": "花火"})

    sheet = load_workbook(io.BytesIO(response.content)).active
    assert [row[0].value for row in sheet.iter_rows(min_row=2)] == ["花火の会"]


def test_staff_upload_a_bad_file_and_see_every_error_and_nothing_is_saved(client, city_staff):
    client.force_login(city_staff)
    bad = "団体名,種類\n,NPO法人\n会A,宇宙団体\n".encode("cp932")

    response = client.post(reverse("partners:import"), {"file": SimpleUploadedFile("g.csv", bad)})

    html = response.content.decode()
    assert "<td>2</td><td>団体名</td>" in html
    assert "<td>3</td><td>種類</td>" in html
    assert not Organisation.objects.exists()


def test_staff_preview_then_confirm_imports_in_a_job(
    client, city_staff, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.MEDIA_ROOT = tmp_path
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    client.force_login(city_staff)

    preview = client.post(
        reverse("partners:import"),
        {"file": SimpleUploadedFile("g.csv", GOOD.encode()), "list_now": "on"},
    )
    assert "髙橋こども食堂" in preview.content.decode()
    assert not Organisation.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("partners:import_confirm"))

    job = Job.objects.get(kind="partners.import")
    assert response["Location"] == job.get_absolute_url()
    job.refresh_from_db()
    assert job.status == Job.Status.SUCCEEDED
    assert Organisation.objects.filter(status="verified").count() == 2
    # Listed at once, so the shared matching index was built again with them.
    stored = store.current(matching_index.root())
    assert stored is not None
    assert store.meta(stored)["count"] == 2


def test_residents_cannot_import(client, resident):
    client.force_login(resident)

    assert client.get(reverse("partners:import")).status_code == 403
