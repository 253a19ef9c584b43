"""Demo events: a month of Oshu's events across its five areas, going through the real
workflow — the guideline's named training as a course of three sessions (the first already held,
with attendance taken), the 協働のまちづくりフォーラム with a case presented, つながるフェスタ with
booths, a full get-together with a waiting list, a cancelled clean-up, and a call for
volunteers waiting for the city's review. Dates are counted from the day the demo is loaded."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.utils import timezone

from tsunagaru.accounts.models import User
from tsunagaru.cases.models import Case
from tsunagaru.core import demo_pictures
from tsunagaru.core.models import Area
from tsunagaru.guideline.models import ActivityField, Program
from tsunagaru.info import news_demo, services, sponsorship_demo
from tsunagaru.info.models import Event, EventKind
from tsunagaru.partners.models import Organisation

DEPARTMENT = "奥州市 協働まちづくり部 地域づくり推進課"
# People who phoned the organiser (names only, no contact kept in the demo).
CALLERS = ["及川 和子", "高橋 正", "千田 美智子", "菅原 勇", "佐々木 恵"]

# ruff: noqa: E501 - one event per entry reads best as data
EVENTS: list[dict[str, Any]] = [
    {
        "title": "協働のまちづくりフォーラム2026",
        "picture": True,
        "kind": "forum",
        "organiser": DEPARTMENT,
        "program": "協働のまちづくりフォーラム開催事業",
        "days": 12,
        "hours": (13, 16),
        "place": ("奥州市文化会館（Zホール）中ホール", "岩手県奥州市水沢字大鐘町2-1"),
        "area": "mizusawa",
        "capacity": 150,
        "presentations": True,
        "sign_language": True,
        "wheelchair": True,
        "description": "地区振興会、NPO、事業者、市がそれぞれの協働の取組を発表し、これからのまちづくりを話し合います。事例集から2つの事例を発表者が紹介します。手話通訳があります。",
        "fields": ["地域活性化"],
    },
    {
        "title": "つながるフェスタ2026",
        "picture": True,
        "kind": "festa",
        "organiser": DEPARTMENT,
        "program": "（仮称）『つながる』フェスタ開催事業",
        "days": 26,
        "hours": (10, 15),
        "place": ("奥州市役所 本庁舎 1階市民ホール", "岩手県奥州市水沢大手町1-1"),
        "area": "mizusawa",
        "registration": False,
        "childcare": True,
        "easy_japanese": True,
        "description": "市内の団体が活動をブースで紹介し、来場者や団体同士がつながる催しです。出展団体を募集しています。当日は自由にお越しください。",
        "fields": ["地域活性化", "福祉"],
    },
    {
        "title": "そば打ち交流会",
        "kind": "social",
        "organiser": "稲瀬振興会",
        "days": 9,
        "hours": (10, 13),
        "place": ("稲瀬地区センター 調理室", "岩手県奥州市江刺稲瀬字川原町"),
        "area": "esashi",
        "capacity": 3,
        "fee": 500,
        "fee_note": "材料費",
        "description": "地区のそば名人に教わりながら、そばを打って一緒に食べます。地区外の方も歓迎します。",
        "fields": ["地域活性化"],
        "full": True,
        "questions": ["アレルギーはありますか"],
    },
    {
        "title": "秋の地区一斉清掃",
        "kind": "local",
        "organiser": "米里振興会",
        "days": 5,
        "hours": (8, 10),
        "place": ("米里地区センター前 集合", "岩手県奥州市江刺米里"),
        "area": "esashi",
        "registration": False,
        "description": "地区内の道路沿いのごみ拾いと草刈りをします。軍手とごみ袋は用意します。",
        "fields": ["環境"],
        "cancel": "大雨の予報が出ているため中止します。次回は来月の第1日曜日の予定です。",
    },
    {
        "title": "雪かきボランティア説明会",
        "picture": True,
        "kind": "volunteers",
        "organiser": "稲瀬振興会",
        "days": 19,
        "hours": (18, 19),
        "place": ("稲瀬地区センター", "岩手県奥州市江刺稲瀬字川原町"),
        "area": "esashi",
        "capacity": 20,
        "description": "この冬、一人暮らしのお年寄りの家の雪かきを手伝ってくださる方への説明会です。作業の安全と道具の使い方をお話しします。",
        "fields": ["福祉", "防災"],
        "review": True,
    },
    {
        "title": "子ども食堂 食育ワークショップ",
        "kind": "workshop",
        "organiser": "みずさわ子ども食堂",
        "days": 15,
        "hours": (14, 16),
        "place": ("水沢地区センター 調理室", "岩手県奥州市水沢東大通り1-5-35"),
        "area": "mizusawa",
        "capacity": 16,
        "allow_guests": True,
        "childcare": True,
        "audience": "小学生とその保護者",
        "description": "地元の野菜を使って、親子でおやつを作ります。作ったものはその場で一緒にいただきます。",
        "fields": ["子育て", "福祉"],
    },
    {
        "title": "移動販売のしくみ説明会",
        "kind": "briefing",
        "organiser": "胆沢移動販売ネット",
        "days": 21,
        "hours": (19, 20),
        "place": ("", ""),
        "online": "https://meet.example.jp/isawa-idohanbai",
        "area": "isawa",
        "description": "買い物に困っている地区に移動販売車が回るしくみを、オンラインで説明します。地区振興会の方の参加を歓迎します。",
        "fields": ["福祉", "地域活性化"],
        "registration": False,
    },
    {
        "title": "衣川 冬の見守り隊 交流会",
        "kind": "social",
        "organiser": "北股地区振興会",
        "days": 24,
        "hours": (13, 15),
        "place": ("北股地区センター", "岩手県奥州市衣川北股"),
        "area": "koromogawa",
        "registration": False,
        "description": "冬の見守りと雪かきを手伝う人たちが集まって、今年の担当を決めます。初めての方も歓迎します。",
        "fields": ["福祉", "防災"],
    },
    {
        "title": "前沢 多文化交流サロン",
        "kind": "social",
        "organiser": "水沢国際交流の会",
        "days": 17,
        "hours": (13, 15),
        "place": ("前沢ふれあいセンター", "岩手県奥州市前沢字七日町裏71"),
        "area": "maesawa",
        "capacity": 25,
        "easy_japanese": True,
        "description": "外国から来た人と地域の人が、お茶を飲みながら話します。やさしい日本語で話します。",
        "fields": ["国際交流"],
    },
]

TRAINING: dict[str, Any] = {
    "title": "地域づくり活動推進スキルアップ研修（全3回）",
    "program": "地域づくり活動推進スキルアップ研修開催事業",
    "description": "地区振興会の役員と地域づくりに関わる方のための研修です。話し合いの進め方、地域の課題の見つけ方、協働の相手の探し方を、3回で学びます。",
    "sessions": [
        ("第1回 話し合いの進め方", -6),
        ("第2回 地域の課題を見つける", 8),
        ("第3回 協働の相手を探す", 22),
    ],
}


def load(report: Any) -> None:
    _events(report)
    # News by the city and the groups, in every state (info/news_demo.py).
    news_demo.load(report)
    # Two 後援名義 requests: approved with its report, refused with a reason.
    sponsorship_demo.load(report)


def _events(report: Any) -> None:
    if Event.objects.exists() or not Organisation.objects.filter(name=DEPARTMENT).exists():
        return
    staff = User.objects.get(email="staff@example.jp")
    coordinator = User.objects.get(email="coordinator@example.jp")
    resident = User.objects.get(email="resident@example.jp")
    for entry in EVENTS:
        _walk(entry, staff, coordinator, resident)
        report.created += 1
    _training(staff, resident)
    report.created += 1


def _at(days: int, hour: int) -> datetime:
    day = timezone.localdate() + timedelta(days=days)
    return timezone.make_aware(datetime(day.year, day.month, day.day, hour))


def _walk(entry: dict[str, Any], staff: User, coordinator: User, resident: User) -> None:
    organiser = Organisation.objects.get(name=entry["organiser"])
    by = staff if entry["organiser"] == DEPARTMENT else coordinator
    start, end = entry["hours"]
    place, address = entry["place"]
    # A drawn illustration (core.demo_pictures) with its description, for a few events.
    picture = demo_pictures.case_illustration(entry["title"]) if entry.get("picture") else None
    event = services.event_save(
        event=None,
        data={
            "title": entry["title"],
            "description": entry["description"],
            "kind": EventKind.objects.get(code=entry["kind"]),
            "program": Program.objects.filter(name=entry.get("program", "")).first(),
            "place_name": place,
            "address": address,
            "online_url": entry.get("online", ""),
            "area": Area.objects.get(slug=entry["area"]),
            "starts_at": _at(entry["days"], start),
            "ends_at": _at(entry["days"], end),
            "fee": entry.get("fee", 0),
            "fee_note": entry.get("fee_note", ""),
            "capacity": entry.get("capacity"),
            "audience": entry.get("audience", ""),
            "wheelchair": entry.get("wheelchair", False),
            "sign_language": entry.get("sign_language", False),
            "childcare": entry.get("childcare", False),
            "easy_japanese": entry.get("easy_japanese", False),
            "registration_required": entry.get("registration", True),
            "allow_guests": entry.get("allow_guests", False),
            "calls_for_presentations": entry.get("presentations", False),
            "questions": entry.get("questions", []),
            "contact": f"{organiser.name}（{organiser.contact_email}）",
            "alt_text": picture.description if picture else "",
        },
        many={"activity_fields": ActivityField.objects.filter(name__in=entry["fields"])},
        organiser=organiser,
        image=picture.upload if picture else None,
        by=by,
    )
    # A call for volunteers goes to the city's review: the demo partner (稲瀬振興会's
    # representative) sends it and it waits for staff.
    partner = User.objects.get(email="partner@example.jp")
    services.event_submit(event=event, by=partner if entry.get("review") else by)
    if entry.get("review"):
        return
    if entry.get("full"):
        services.registration_create(event=event, user=resident, by=resident)
        for name in CALLERS:
            services.registration_create(event=event, user=None, name=name, by=by, at_counter=True)
    if entry["kind"] == "festa":
        _booths(event, coordinator, staff)
    if entry.get("presentations"):
        _presentation(event, coordinator, staff)
    if entry.get("cancel"):
        services.event_cancel(event=event, reason=entry["cancel"], by=by)


def _booths(event: Event, coordinator: User, staff: User) -> None:
    for name, title, needs, accept in (
        ("みずさわ子ども食堂", "子ども食堂の一年（写真展示）", "パネル2枚、長机1台", True),
        ("NPO法人こぼ", "地域の居場所づくりの紹介", "長机1台、電源", None),
        ("江刺藤里ファイヤーワークス", "花火の安全講習の紹介", "屋外の場所", True),
    ):
        made = services.contribution_apply(
            event=event,
            organisation=Organisation.objects.get(name=name),
            kind="exhibitor",
            title=title,
            needs=needs,
            by=coordinator,
        )
        if accept:
            services.contribution_decide(contribution=made, accept=True, by=staff)


def _presentation(event: Event, coordinator: User, staff: User) -> None:
    case = Case.objects.filter(status=Case.Status.PUBLISHED, title__contains="花火").first()
    if case is None:
        return
    made = services.contribution_apply(
        event=event,
        organisation=Organisation.objects.get(name="稲瀬振興会"),
        kind="presentation",
        title="地区で初めての花火を打ち上げるまで",
        case=case,
        by=coordinator,
    )
    services.contribution_decide(contribution=made, accept=True, by=staff)


def _training(staff: User, resident: User) -> None:
    department = Organisation.objects.get(name=DEPARTMENT)
    series = services.series_save(
        series=None,
        data={
            "title": TRAINING["title"],
            "description": TRAINING["description"],
            "program": Program.objects.filter(name=TRAINING["program"]).first(),
        },
        organiser=department,
        by=staff,
    )
    sessions: list[tuple[str, int]] = TRAINING["sessions"]
    for number, (title, days) in enumerate(sessions):
        # Every session is announced ahead; the first was held last week (registration, then
        # the day, then attendance taken at the door).
        event = services.event_save(
            event=None,
            data={
                "title": title,
                "description": TRAINING["description"],
                "kind": EventKind.objects.get(code="course"),
                "series": series,
                "program": series.program,
                "place_name": "奥州市役所 本庁舎 4階 会議室",
                "address": "岩手県奥州市水沢大手町1-1",
                "area": Area.objects.get(slug="mizusawa"),
                "starts_at": _at(max(days, 1), 18),
                "ends_at": _at(max(days, 1), 20),
                "capacity": 30,
                "registration_required": True,
            },
            organiser=department,
            by=staff,
        )
        services.event_submit(event=event, by=staff)
        services.registration_create(event=event, user=resident, by=resident)
        for name in CALLERS[:3]:
            services.registration_create(
                event=event, user=None, name=name, by=staff, at_counter=True
            )
        if number == 0:
            services.event_save(
                event=event,
                data={"starts_at": _at(days, 18), "ends_at": _at(days, 20)},
                by=staff,
            )
            present = event.registrations.order_by("pk").values_list("pk", flat=True)[:3]
            services.attendance_record(event=event, attended=list(present), by=staff)
