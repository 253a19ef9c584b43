"""Events as open data: the national 自治体標準オープンデータセット「イベント一覧」.

The 推奨 (recommended) version most cities publish has 32 columns in a fixed order
(docs: shared japan.md); the newer 正式版 (formal) renames the leading columns
(全国地方公共団体コード, ID, 地方公共団体名) and the address (所在地_連結表記). Both are
produced from one record per event through the column maps below, so a change of the standard
is a change of a map, not of code. Cells are data in Japanese whatever the reader's language
(the standard fixes values such as 無料/有料), dates ISO ``YYYY-MM-DD``, times ``HH:MM``,
never 和暦.

Which events: every public one — published, and also cancelled and postponed, because people
who saw the announcement elsewhere must be able to learn that it will not take place; their
備考 starts with 【中止】 or 【延期】 and the reason. Drafts and events in review never appear.

Rows are written as they are read (chunks of CHUNK events), so 20,000 events never sit in
memory at once and the number of queries does not grow with the rows.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from tsunagaru.core.models import Municipality
from tsunagaru.core.spreadsheet import safe_cell
from tsunagaru.info.models import Event

TOKYO = ZoneInfo("Asia/Tokyo")
CHUNK = 1000
LICENCE = "CC BY 4.0"
LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/deed.ja"
DATASET = "イベント一覧"

# (header, key) in the order of the standard. The 推奨 version: exactly these 32 columns.
RECOMMENDED: tuple[tuple[str, str], ...] = (
    ("都道府県コード又は市区町村コード", "code"),
    ("NO", "no"),
    ("都道府県名", "prefecture"),
    ("市区町村名", "city"),
    ("イベント名", "title"),
    ("イベント名_カナ", "title_kana"),
    ("イベント名_英語", "title_en"),
    ("開始日", "start_date"),
    ("終了日", "end_date"),
    ("開始時間", "start_time"),
    ("終了時間", "end_time"),
    ("開始日時特記事項", "when_note"),
    ("説明", "description"),
    ("料金(基本)", "fee_basic"),
    ("料金(詳細)", "fee_detail"),
    ("連絡先名称", "contact_name"),
    ("連絡先電話番号", "contact_phone"),
    ("連絡先内線番号", "contact_extension"),
    ("主催者", "organiser"),
    ("場所名称", "place_name"),
    ("住所", "address"),
    ("方書", "address_detail"),
    ("緯度", "latitude"),
    ("経度", "longitude"),
    ("アクセス方法", "access"),
    ("駐車場情報", "parking"),
    ("定員", "capacity"),
    ("参加申込終了日", "apply_end_date"),
    ("参加申込終了時間", "apply_end_time"),
    ("参加申込方法", "apply_method"),
    ("URL", "url"),
    ("備考", "note"),
)

# The 正式版 renames the leading columns and joins 都道府県名 and 市区町村名 into one
# 地方公共団体名; the address column is 所在地_連結表記. The other headers are kept as in the
# 推奨 version until the city checks them against the current 項目定義書 (a map change only).
_FORMAL_RENAMES = {
    "code": "全国地方公共団体コード",
    "no": "ID",
    "address": "所在地_連結表記",
}
FORMAL: tuple[tuple[str, str], ...] = (
    (_FORMAL_RENAMES["code"], "code"),
    (_FORMAL_RENAMES["no"], "no"),
    ("地方公共団体名", "municipality"),
    *(
        (_FORMAL_RENAMES.get(key, header), key)
        for header, key in RECOMMENDED
        if key not in ("code", "no", "prefecture", "city")
    ),
)

VERSIONS: dict[str, tuple[tuple[str, str], ...]] = {
    "recommended": RECOMMENDED,
    "formal": FORMAL,
}


@dataclass(frozen=True)
class Publisher:
    """Who publishes the data set: the municipality's code and names."""

    code: str
    prefecture: str
    city: str

    @classmethod
    def of(cls, municipality: Municipality | None) -> Publisher:
        if municipality is None:
            return cls(code=str(settings.MUNICIPALITY_CODE), prefecture="", city="")
        return cls(municipality.code, municipality.prefecture, municipality.name)


def event_record(row: Mapping[str, Any], publisher: Publisher, url: str) -> dict[str, str]:
    """One event (a row of feed_selectors.opendata_rows) as the standard's cells, keyed by the
    column keys of RECOMMENDED/FORMAL; `url` is the event's page."""
    starts = row["starts_at"].astimezone(TOKYO)
    ends = row["ends_at"].astimezone(TOKYO)
    closes = _local(row["registration_closes_at"])
    online = row["online_url"]
    return {
        "code": publisher.code,
        "no": str(row["pk"]),
        "prefecture": publisher.prefecture,
        "city": publisher.city,
        "municipality": publisher.prefecture + publisher.city,
        "title": row["title"],
        "title_kana": "",
        "title_en": "",
        "start_date": starts.date().isoformat(),
        "end_date": ends.date().isoformat(),
        "start_time": "" if row["all_day"] else f"{starts:%H:%M}",
        "end_time": "" if row["all_day"] else f"{ends:%H:%M}",
        "when_note": _when_note(row),
        "description": row["description"],
        "fee_basic": "無料" if row["fee"] == 0 else "有料",
        "fee_detail": _fee_detail(row),
        "contact_name": row["contact"],
        "contact_phone": "",
        "contact_extension": "",
        "organiser": "、".join([row["organiser_name"], *row["co_organiser_names"]]),
        "place_name": row["place_name"] or ("オンライン" if online else ""),
        "address": row["address"],
        "address_detail": "",
        "latitude": "",
        "longitude": "",
        "access": f"オンライン: {online}" if online else "",
        "parking": "",
        "capacity": "" if row["capacity"] is None else str(row["capacity"]),
        "apply_end_date": closes.date().isoformat() if closes else "",
        "apply_end_time": f"{closes:%H:%M}" if closes else "",
        "apply_method": _apply_method(row),
        "url": url,
        "note": _note(row),
    }


def _local(moment: datetime | None) -> datetime | None:
    return moment.astimezone(TOKYO) if moment is not None else None


def _when_note(row: Mapping[str, Any]) -> str:
    notes = []
    if row["all_day"]:
        notes.append("終日")
    if row["series_title"]:
        notes.append(f"連続講座「{row['series_title']}」の1回")
    return "。".join(notes)


def _fee_detail(row: Mapping[str, Any]) -> str:
    if row["fee"] == 0:
        return str(row["fee_note"])
    amount = f"{row['fee']:,}円"
    return f"{amount}（{row['fee_note']}）" if row["fee_note"] else amount


def _apply_method(row: Mapping[str, Any]) -> str:
    if not row["registration_required"]:
        return "申込不要"
    method = "事前申込制。イベントのページから申し込めます。"
    if row["allow_guests"]:
        method += "アカウントがなくても、お名前とメールアドレスで申し込めます。"
    return method


_SUPPORT = (
    ("wheelchair", "車いす対応"),
    ("sign_language", "手話通訳あり"),
    ("childcare", "託児あり"),
    ("easy_japanese", "やさしい日本語"),
)


def _note(row: Mapping[str, Any]) -> str:
    notes = []
    if row["status"] == Event.Status.CANCELLED:
        notes.append(f"【中止】{row['status_reason']}".strip())
    elif row["status"] == Event.Status.POSTPONED:
        notes.append(
            f"【延期】新しい日程は決まり次第お知らせします。{row['status_reason']}".strip()
        )
    notes.append(f"種類：{row['kind_name']}")
    if row["area_name"]:
        notes.append(f"地域：{row['area_name']}")
    if row["audience"]:
        notes.append(f"対象：{row['audience']}")
    support = [label for name, label in _SUPPORT if row[name]]
    if row["accessibility_note"]:
        support.append(row["accessibility_note"])
    if support:
        notes.append("配慮：" + "、".join(support))
    return "／".join(notes)


def _event_urls() -> str:
    """The address of an event's page with "{}" for its number (reverse() once, not per row)."""
    marker = 918273645
    return str(settings.SITE_URL) + reverse("info:event", args=[marker]).replace(str(marker), "{}")


def _records(rows: Iterable[Mapping[str, Any]], publisher: Publisher) -> Iterator[dict[str, str]]:
    url = _event_urls()
    for row in rows:
        yield event_record(row, publisher, url.format(row["pk"]))


class _Echo:
    """A file that hands back what is written to it (csv.writer into a generator)."""

    def write(self, value: str) -> str:
        return value


def csv_lines(
    rows: Iterable[Mapping[str, Any]], *, publisher: Publisher, version: str = "recommended"
) -> Iterator[str]:
    """The data set as CSV text: a BOM (Excel reads UTF-8 then), the header, a line an event.

    A cell that Excel would run as a formula is quoted (core.spreadsheet.safe_cell)."""
    columns = VERSIONS[version]
    writer = csv.writer(_Echo())
    yield "\ufeff" + writer.writerow([header for header, _ in columns])
    for record in _records(rows, publisher):
        yield writer.writerow([safe_cell(record[key]) for _, key in columns])


def json_chunks(
    rows: Iterable[Mapping[str, Any]], *, publisher: Publisher, version: str = "recommended"
) -> Iterator[str]:
    """The same data as JSON: the data set's description, then "events", one object an event
    keyed by the same headers as the CSV (text as written: no formula quoting)."""
    columns = VERSIONS[version]
    head: dict[str, Any] = {
        "dataset": DATASET,
        "version": version,
        "publisher_code": publisher.code,
        "publisher": publisher.prefecture + publisher.city,
        "license": LICENCE,
        "license_url": LICENCE_URL,
        "generated_at": timezone.now().astimezone(TOKYO).isoformat(timespec="seconds"),
        "columns": [header for header, _ in columns],
    }
    yield json.dumps(head, ensure_ascii=False)[:-1] + ', "events": ['
    separator = "\n"
    for record in _records(rows, publisher):
        yield separator + json.dumps(
            {header: record[key] for header, key in columns}, ensure_ascii=False
        )
        separator = ",\n"
    yield "\n]}\n"
