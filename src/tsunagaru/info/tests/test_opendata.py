"""Open data of events (自治体標準オープンデータセット「イベント一覧」) and the /opendata/ page."""

from __future__ import annotations

import csv
import io
import json
from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tsunagaru.info import opendata_files, services
from tsunagaru.info.models import Event
from tsunagaru.info.opendata import RECOMMENDED
from tsunagaru.info.tests.factories import EventFactory
from tsunagaru.partners import services as partners_services
from tsunagaru.partners.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

TOKYO = ZoneInfo("Asia/Tokyo")
HEADERS = [
    "都道府県コード又は市区町村コード", "NO", "都道府県名", "市区町村名", "イベント名",
    "イベント名_カナ", "イベント名_英語", "開始日", "終了日", "開始時間", "終了時間",
    "開始日時特記事項", "説明", "料金(基本)", "料金(詳細)", "連絡先名称", "連絡先電話番号",
    "連絡先内線番号", "主催者", "場所名称", "住所", "方書", "緯度", "経度", "アクセス方法",
    "駐車場情報", "定員", "参加申込終了日", "参加申込終了時間", "参加申込方法", "URL", "備考",
]  # fmt: skip


def download(client, name="info:opendata_csv", query=""):
    response = client.get(reverse(name) + query)
    assert response.status_code == 200
    return b"".join(response.streaming_content)


def csv_rows(content):
    assert content.startswith("\ufeff".encode())  # the BOM Excel needs for UTF-8
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))


def records(client, query=""):
    header, *rows = csv_rows(download(client, query=query))
    return [dict(zip(header, row, strict=True)) for row in rows]


def at(day, hour, minute=0):
    return timezone.datetime(2026, 12, day, hour, minute, tzinfo=TOKYO)


def test_the_csv_has_the_32_standard_columns_in_order_with_a_bom(client):
    EventFactory()

    header, *_ = csv_rows(download(client))

    assert header == HEADERS
    assert [h for h, _ in RECOMMENDED] == HEADERS


def test_a_row_has_the_city_code_iso_dates_times_fee_capacity_and_closing(client):
    group = OrganisationFactory(name="稲瀬振興会")
    partner = OrganisationFactory(name="奥州市社会福祉協議会")
    event = EventFactory(
        organiser=group,
        title="歳末たすけあいの集い",
        starts_at=at(5, 14),
        ends_at=at(5, 16, 30),
        fee=1500,
        fee_note="資料代",
        capacity=40,
        registration_closes_at=at(1, 17),
        allow_guests=True,
        wheelchair=True,
    )
    event.co_organisers.add(partner)

    (row,) = records(client)

    assert row["都道府県コード又は市区町村コード"] == "032158"
    assert row["都道府県名"] == "岩手県"
    assert row["市区町村名"] == "奥州市"
    assert row["NO"] == str(event.pk)
    assert row["開始日"] == "2026-12-05"
    assert row["終了日"] == "2026-12-05"
    assert row["開始時間"] == "14:00"
    assert row["終了時間"] == "16:30"
    assert row["料金(基本)"] == "有料"
    assert row["料金(詳細)"] == "1,500円（資料代）"
    assert row["定員"] == "40"
    assert row["参加申込終了日"] == "2026-12-01"
    assert row["参加申込終了時間"] == "17:00"
    assert row["主催者"] == "稲瀬振興会、奥州市社会福祉協議会"
    assert row["URL"].endswith(f"/events/{event.pk}/")
    assert "車いす対応" in row["備考"]
    assert "令和" not in "".join(row.values())


def test_a_time_just_after_midnight_in_japan_is_on_the_japanese_day(client):
    # 00:30 on 6 December in Oshu is still 5 December in UTC.
    EventFactory(starts_at=at(6, 0, 30), ends_at=at(6, 2))

    (row,) = records(client)

    assert (row["開始日"], row["開始時間"]) == ("2026-12-06", "00:30")


def test_a_free_all_day_event_without_registration(client):
    EventFactory(
        fee=0,
        all_day=True,
        starts_at=at(5, 0),
        ends_at=at(6, 23, 59),
        capacity=None,
        registration_required=False,
    )

    (row,) = records(client)

    assert row["料金(基本)"] == "無料"
    assert (row["開始時間"], row["終了時間"]) == ("", "")
    assert row["終了日"] == "2026-12-06"
    assert row["開始日時特記事項"] == "終日"
    assert row["定員"] == ""
    assert row["参加申込方法"] == "申込不要"


def test_drafts_and_events_in_review_are_never_open_data(client):
    EventFactory(title="公開中の講座")
    EventFactory(title="下書きの講座", status=Event.Status.DRAFT)
    EventFactory(title="審査中の講座", status=Event.Status.IN_REVIEW)

    csv_titles = [r["イベント名"] for r in records(client)]
    json_titles = [
        e["イベント名"] for e in json.loads(download(client, "info:opendata_json"))["events"]
    ]

    assert csv_titles == ["公開中の講座"]
    assert json_titles == ["公開中の講座"]


def test_a_cancelled_event_stays_with_a_note(client, event, organiser_member):
    services.event_cancel(event=event, reason="講師急病のため", by=organiser_member)

    (row,) = records(client)

    assert row["備考"].startswith("【中止】講師急病のため")


def test_the_json_has_the_same_rows_as_the_csv(client):
    EventFactory(title="講座A", capacity=10)
    EventFactory(title="講座B", fee=500, starts_at=timezone.now() + timedelta(days=3))

    from_csv = records(client)
    data = json.loads(download(client, "info:opendata_json"))

    assert data["columns"] == HEADERS
    assert data["license"] == "CC BY 4.0"
    assert data["publisher_code"] == "032158"
    assert data["events"] == from_csv


def test_the_formal_version_renames_the_leading_columns(client):
    EventFactory(address="岩手県奥州市水沢大手町1-1")

    header, row = csv_rows(download(client, query="?version=formal"))

    assert header[:3] == ["全国地方公共団体コード", "ID", "地方公共団体名"]
    assert "都道府県名" not in header
    assert "所在地_連結表記" in header
    record = dict(zip(header, row, strict=True))
    assert record["地方公共団体名"] == "岩手県奥州市"
    assert record["所在地_連結表記"] == "岩手県奥州市水沢大手町1-1"


def test_an_unknown_version_is_a_clear_400(client):
    response = client.get(reverse("info:opendata_csv") + "?version=v9")

    assert response.status_code == 400
    assert "formal" in response.content.decode()


def test_a_formula_in_a_title_is_not_run_by_excel_but_json_keeps_the_text(client):
    EventFactory(title="=HYPERLINK(1)")

    (row,) = records(client)
    (item,) = json.loads(download(client, "info:opendata_json"))["events"]

    assert row["イベント名"] == "'=HYPERLINK(1)"
    assert item["イベント名"] == "=HYPERLINK(1)"


def _queries(client, name):
    with CaptureQueriesContext(connection) as queries:
        download(client, name)
    return len(queries)


@pytest.mark.parametrize("name", ["info:opendata_csv", "info:opendata_json"])
def test_the_number_of_queries_does_not_grow_with_the_rows(
    client, name, django_assert_max_num_queries
):
    partner = OrganisationFactory()
    EventFactory().co_organisers.add(partner)
    few = _queries(client, name)
    for _ in range(25):
        EventFactory(series=None).co_organisers.add(partner)

    with django_assert_max_num_queries(few):
        download(client, name)


# -- /opendata/ ----------------------------------------------------------------------------------


def test_the_open_data_page_lists_every_data_set_with_its_licence(client):
    response = client.get(reverse("opendata:index"))

    assert response.status_code == 200
    page = response.content.decode()
    for url in (
        reverse("info:opendata_csv"),
        reverse("info:opendata_json"),
        reverse("partners:export"),
        reverse("cases:feed"),
        reverse("api:projects"),
    ):
        assert url in page
    assert "https://creativecommons.org/licenses/by/4.0/" in page
    assert "CC BY 4.0" in page


@pytest.mark.parametrize("persona", ["anonymous", "resident"], indirect=True)
def test_every_download_on_the_page_opens_for_anyone(client, persona):
    from tsunagaru.info.opendata_catalogue import datasets

    if persona is not None:
        client.force_login(persona)
    EventFactory()

    for dataset in datasets():
        for item in dataset.downloads:
            assert client.get(item.url).status_code == 200, item.url


def test_the_footer_and_the_event_list_link_to_open_data(client):
    page = client.get(reverse("info:events")).content.decode()

    assert page.count(reverse("opendata:index")) >= 2  # the footer and the list
    assert reverse("info:feed") in page


# -- the written files ---------------------------------------------------------------------------


def test_a_second_download_reads_the_written_file_without_reading_the_events(client):
    EventFactory(title="講座A")
    first = download(client)

    with CaptureQueriesContext(connection) as queries:
        again = download(client)

    assert again == first
    assert not [q for q in queries if "info_event_co_organisers" in q["sql"]]
    assert len(queries) <= 3  # the fingerprint's aggregates (and the municipality)


def test_a_change_to_an_event_shows_in_the_next_download(client, event, organiser_member):
    assert "【中止】" not in records(client)[0]["備考"]

    services.event_cancel(event=event, reason="大雪のため", by=organiser_member)

    assert records(client)[0]["備考"].startswith("【中止】大雪のため")


def test_a_deleted_event_and_a_new_one_show_in_the_next_download(client):
    gone = EventFactory(title="消える講座")
    kept = EventFactory(title="残る講座")
    assert len(records(client)) == 2

    gone.delete()  # the older one: the last change stays the same, the count does not
    assert [row["イベント名"] for row in records(client)] == [kept.title]

    EventFactory(title="新しい講座")
    assert sorted(row["イベント名"] for row in records(client)) == ["新しい講座", kept.title]


def test_a_renamed_organiser_shows_in_the_next_download(client, admin_user):
    event = EventFactory()
    records(client)

    partners_services.organisation_update(
        organisation=event.organiser, data={"name": "水沢まちづくりの会"}, by=admin_user
    )

    assert records(client)[0]["主催者"] == "水沢まちづくりの会"


def test_one_file_per_format_and_version_is_kept(client, settings):
    EventFactory()
    download(client)
    download(client, "info:opendata_json")
    EventFactory()
    download(client)

    names = sorted(path.suffix for path in settings.OPENDATA_DIR.iterdir())

    assert names == [".csv", ".json"]


def test_a_client_with_the_current_file_gets_304_until_something_changes(client):
    EventFactory()
    first = client.get(reverse("info:opendata_csv"))
    tag = first["ETag"]

    again = client.get(reverse("info:opendata_csv"), headers={"if-none-match": tag})
    assert again.status_code == 304

    EventFactory()
    changed = client.get(reverse("info:opendata_csv"), headers={"if-none-match": tag})
    assert changed.status_code == 200
    assert changed["ETag"] != tag


def test_a_write_that_fails_half_way_leaves_no_file(tmp_path):
    def broken_rows():
        yield "NO,イベント名\r\n"
        raise OSError("disk full")

    target = tmp_path / "events-recommended-x.csv"
    with pytest.raises(OSError, match="disk full"):
        opendata_files._write(target, broken_rows())

    assert list(tmp_path.iterdir()) == []
