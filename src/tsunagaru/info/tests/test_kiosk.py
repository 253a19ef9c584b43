"""The information booth (/kiosk/): what a screen in a public building shows, and what never."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
import segno
from django.conf import settings
from django.db import connection
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tsunagaru.accounts.models import Role
from tsunagaru.cases.models import Case
from tsunagaru.core.models import Area, District
from tsunagaru.info import kiosk
from tsunagaru.info.models import Event
from tsunagaru.info.tests.factories import EventFactory, RegistrationFactory
from tsunagaru.partners.models import Need, Organisation
from tsunagaru.partners.tests.factories import MembershipFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


def _group(name: str, **fields) -> Organisation:
    fields.setdefault("verified_at", timezone.now() - timedelta(days=3))
    return OrganisationFactory(name=name, **fields)


def _need(group: Organisation, title: str, **fields) -> Need:
    return Need.objects.create(
        organisation=group, category=Need.Category.TROUBLE, title=title, **fields
    )


def _case(title: str, by, *, status=Case.Status.PUBLISHED, days_ago: int = 5, **fields) -> Case:
    return Case.objects.create(
        title=title,
        summary="地区の夏祭りを三つの団体で開きました。",
        fiscal_year=2026,
        status=status,
        published_at=timezone.now() - timedelta(days=days_ago),
        created_by=by,
        **fields,
    )


def _screen(client, **query) -> str:
    response = client.get(reverse("kiosk:display"), query)
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def board(resident):
    """One item of each kind the screen shows, and one of each it must not."""
    group = _group("胆沢ふるさと応援隊")
    EventFactory(title="公開中の講座", organiser=group)
    EventFactory(title="下書きの講座", organiser=group, status=Event.Status.DRAFT)
    EventFactory(title="審査待ちの講座", organiser=group, status=Event.Status.IN_REVIEW)
    EventFactory(title="中止の講座", organiser=group, status=Event.Status.CANCELLED)
    past = timezone.now() - timedelta(days=3)
    EventFactory(title="終わった講座", organiser=group, starts_at=past, ends_at=past)
    _group("審査待ちの団体", status=Organisation.Status.PENDING, verified_at=None)
    _group("停止中の団体", status=Organisation.Status.SUSPENDED)
    _group("三年前の団体", verified_at=timezone.now() - timedelta(days=1000))
    _need(group, "雪かきの手伝いを募集")
    _need(group, "解決した困りごと", status=Need.Status.CLOSED)
    _need(_group("未確認の会", status=Organisation.Status.PENDING), "未確認の会の困りごと")
    _case("夏祭りの協働", resident)
    _case("確認中の事例", resident, status=Case.Status.CONFIRMING)
    _case("昔の事例", resident, days_ago=2000)
    return group


def test_the_screen_shows_only_what_is_public_and_new(client, board):
    html = _screen(client)

    for shown in ("公開中の講座", "胆沢ふるさと応援隊", "雪かきの手伝いを募集", "夏祭りの協働"):
        assert shown in html
    for hidden in (
        "下書きの講座",
        "審査待ちの講座",
        "中止の講座",
        "終わった講座",
        "審査待ちの団体",
        "停止中の団体",
        "三年前の団体",
        "解決した困りごと",
        "未確認の会の困りごと",
        "確認中の事例",
        "昔の事例",
    ):
        assert hidden not in html, hidden


def test_an_event_still_running_shows_until_it_is_over(client, board):
    started = timezone.now() - timedelta(days=2)
    EventFactory(title="一週間の写真展", starts_at=started, ends_at=started + timedelta(days=7))
    assert "一週間の写真展" in _screen(client)


def test_the_kinds_take_turns_in_the_order_asked(client, board):
    slides = kiosk.kiosk_slides(kiosk.KioskSettings(kinds=("cases", "needs", "events", "groups")))
    assert [s.kind for s in slides] == ["case", "need", "event", "group"]


def test_no_member_name_email_or_phone_reaches_the_screen(client, make_user):
    member = make_user(Role.PARTNER_MEMBER, email="kanji.taro@example.jp")
    group = MembershipFactory(
        user=member,
        organisation__name="水沢こども食堂",
        organisation__verified_at=timezone.now(),
        organisation__contact_email="kodomo@example.jp",
        organisation__description="代表 連絡先 090-1234-5678 kodomo@example.jp まで。",
    ).organisation
    event = EventFactory(
        organiser=group,
        title="こども食堂の夕べ",
        contact="担当 奥州花子 0197-24-2111",
        description="申し込みは 0197-24-2111 か info@example.jp へ。",
        created_by=member,
    )
    RegistrationFactory(
        event=event, name="参加 太郎", email="sanka@example.jp", phone="0197-99-1234"
    )
    _need(group, "配達の手伝い", description="連絡は kanji.taro@example.jp へ")

    html = _screen(client)

    assert "こども食堂の夕べ" in html
    for private in (
        "kanji.taro@example.jp",
        member.family_name + member.given_name,
        member.display_name,
        "kodomo@example.jp",
        "090-1234-5678",
        "0197-24-2111",
        "info@example.jp",
        "奥州花子",
        "参加 太郎",
        "sanka@example.jp",
        "0197-99-1234",
    ):
        assert private not in html, private


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("電話 0197-24-2111 まで", "電話 … まで"),
        ("携帯 090-1234-5678", "携帯 …"),
        ("市役所 0197(24)2111", "市役所 …"),
        ("全角 ０１９７２４２１１１", "全角 …"),
        ("メール a.b+c@example.co.jp へ", "メール … へ"),
        ("連絡はinfo@example.jpまで", "連絡は…まで"),
        ("〒023-8501 奥州市", "〒023-8501 奥州市"),
        ("14:00〜16:00 定員30名", "14:00〜16:00 定員30名"),
    ],
)
def test_short_text_masks_phone_numbers_and_email_addresses(text, shown):
    assert kiosk.short_text(text) == shown


def test_short_text_is_short():
    assert len(kiosk.short_text("あ" * 500)) == kiosk.SHORT_TEXT


def test_each_slide_has_a_named_qr_code_of_the_items_absolute_address(client, board, settings):
    settings.SITE_URL = "https://tsunagaru.example.jp"
    event = Event.objects.get(title="公開中の講座")
    html = _screen(client, kinds="events")

    address = f"https://tsunagaru.example.jp/events/{event.pk}/"
    # The modules of a QR code of that address, drawn independently of the page's code.
    drawn = segno.make(address, error="m").svg_inline(scale=4, border=4, dark="#000")
    modules = re.search(r'stroke="#000" d="([^"]+)"', drawn)
    assert modules
    assert modules.group(1) in html
    assert 'role="img" aria-label="QRコード' in html or 'role="img" aria-label="QR code' in html
    assert "公開中の講座" in re.search(r'role="img" aria-label="([^"]+)"', html).group(1)


def test_a_need_opens_its_groups_page(client, board):
    slide = kiosk.kiosk_slides(kiosk.KioskSettings(kinds=("needs",)))[0]
    assert slide.url == f"{settings.SITE_URL}{board.get_absolute_url()}#needs"


def test_an_area_shows_only_its_items(client, resident):
    inase = District.objects.get(slug="inase")
    elsewhere = Area.objects.exclude(pk=inase.area_id).first()
    here = _group("稲瀬の会", district=inase)
    there = _group("よその会", district=None, area=elsewhere)
    EventFactory(title="稲瀬の講座", organiser=here, area=inase.area)
    EventFactory(title="よその講座", organiser=there, area=elsewhere)
    _need(here, "稲瀬の困りごと")
    _need(there, "よその困りごと")
    _case("稲瀬の事例", resident, area=inase.area)
    _case("よその事例", resident, area=elsewhere)

    html = _screen(client, area=inase.area_id)

    assert all(t in html for t in ("稲瀬の会", "稲瀬の講座", "稲瀬の困りごと", "稲瀬の事例"))
    assert not any(t in html for t in ("よその会", "よその講座", "よその困りごと", "よその事例"))
    assert inase.area.name in html  # the heading names the area


def test_a_district_centres_screen_shows_only_its_districts_items(client, resident):
    inase = District.objects.get(slug="inase")
    neighbour = District.objects.filter(area=inase.area).exclude(pk=inase.pk).first()
    here = _group("稲瀬の会", district=inase)
    there = _group("隣の地区の会", district=neighbour)
    EventFactory(title="稲瀬の講座", organiser=here, district=inase)
    EventFactory(title="隣の地区の講座", organiser=there, district=neighbour)
    _need(here, "稲瀬の困りごと")
    _need(there, "隣の地区の困りごと")
    _case("稲瀬の事例", resident, district=inase)
    _case("隣の地区の事例", resident, district=neighbour)

    html = _screen(client, district="inase")

    assert all(t in html for t in ("稲瀬の会", "稲瀬の講座", "稲瀬の困りごと", "稲瀬の事例"))
    assert "隣の地区" not in html
    assert inase.name in html


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", kiosk.KioskSettings()),
        (
            "interval=30&kinds=needs,events&lang=en",
            kiosk.KioskSettings(interval=30, kinds=("needs", "events"), lang="en"),
        ),
        ("interval=1", kiosk.KioskSettings()),
        ("interval=601", kiosk.KioskSettings()),
        ("interval=abc", kiosk.KioskSettings()),
        ("interval=99999999999999999999", kiosk.KioskSettings()),
        ("interval=-5", kiosk.KioskSettings()),
        ("interval=２０", kiosk.KioskSettings(interval=20)),
        ("area=0", kiosk.KioskSettings()),
        ("area=999999", kiosk.KioskSettings()),
        ("area=x", kiosk.KioskSettings()),
        ("kinds=weather,ads", kiosk.KioskSettings()),
        ("kinds=cases,,cases,weather", kiosk.KioskSettings(kinds=("cases",))),
        ("lang=fr", kiosk.KioskSettings()),
        ("lang=ja-easy", kiosk.KioskSettings(lang="ja-easy")),
    ],
)
def test_bad_settings_in_the_address_fall_back_to_the_defaults(query, expected):
    assert kiosk.KioskSettings.parse(QueryDict(query)) == expected


def test_an_area_is_named_by_its_number_or_its_identifier():
    mizusawa = Area.objects.get(slug="mizusawa")
    assert kiosk.KioskSettings.parse(QueryDict(f"area={mizusawa.pk}")).area == mizusawa
    assert kiosk.KioskSettings.parse(QueryDict("area=mizusawa")).area == mizusawa
    assert kiosk.KioskSettings.parse(QueryDict("area=tokyo")).area is None
    inase = District.objects.get(slug="inase")
    assert kiosk.KioskSettings.parse(QueryDict("district=inase")).district == inase
    assert kiosk.KioskSettings.parse(QueryDict(f"district={inase.pk}")).district == inase
    assert kiosk.KioskSettings.parse(QueryDict("district=稲瀬")).district is None
    elsewhere = Area.objects.exclude(pk=inase.area_id).first()
    assert (
        kiosk.KioskSettings.parse(QueryDict(f"area={elsewhere.slug}&district=inase")).district
        is None
    )


@pytest.mark.parametrize(
    "query",
    [
        "interval=%00",
        "area=1e9&kinds=%ff",
        "lang=../../etc&kinds=" + "x," * 500,
        "interval=15&interval=abc&area[]=1",
    ],
)
def test_a_screen_with_a_broken_address_still_shows_its_slides(client, board, query):
    response = client.get(reverse("kiosk:display") + "?" + query)
    assert response.status_code == 200
    assert "公開中の講座" in response.content.decode()


def test_the_screen_speaks_the_language_of_its_address(client, board):
    response = client.get(reverse("kiosk:display"), {"lang": "en"})
    html = response.content.decode()
    assert '<html lang="en">' in html
    assert "Scan with your phone" in html
    assert response["Content-Language"] == "en"
    assert '<html lang="ja">' in _screen(client, lang="xx")


def test_the_settings_travel_to_the_slides_address(client, board):
    area = Area.objects.first()
    html = _screen(client, interval="7", area=area.pk, kinds="events,cases", lang="en")
    expected = f"/kiosk/slides/?interval=7&amp;area={area.pk}&amp;kinds=events%2Ccases&amp;lang=en"
    assert f'data-slides-url="{expected}"' in html
    assert 'data-interval="7"' in html


def test_the_slides_fragment_has_the_slides_without_the_page(client, board):
    response = client.get(reverse("kiosk:slides"))
    html = response.content.decode()
    assert response.status_code == 200
    assert html.lstrip().startswith('<div id="kiosk-slides"')
    assert "<html" not in html
    assert "公開中の講座" in html


def test_the_page_works_without_javascript_and_has_no_inline_script(client, board):
    html = _screen(client)
    assert '<noscript><meta http-equiv="refresh"' in html
    scripts = re.findall(r"<script[^>]*>", html)
    assert scripts
    assert all(" src=" in tag for tag in scripts)
    # Nothing of the site's chrome: no menu, no login link.
    assert "site-nav" not in html
    assert reverse("account_login") not in html


def test_an_empty_screen_says_so(client):
    assert "kiosk__empty" in _screen(client)


def test_the_screen_cannot_be_posted_to(client):
    assert client.post(reverse("kiosk:display")).status_code == 405
    assert client.post(reverse("kiosk:slides")).status_code == 405


def _make_rows(n: int, by) -> None:
    for i in range(n):
        group = _group(f"会{n}-{i}")
        event = EventFactory(organiser=group, area=group.area)
        event.co_organisers.add(_group(f"共催{n}-{i}"))
        RegistrationFactory(event=event)
        _need(group, f"困りごと{n}-{i}")
        _case(f"事例{n}-{i}", by, area=group.area)


def test_the_screen_makes_the_same_queries_however_many_items(client, resident):
    area = District.objects.get(slug="inase").area_id
    _make_rows(1, resident)
    client.get(reverse("kiosk:display"), {"area": area})  # warm the per-process caches
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("kiosk:display"), {"area": area})
    _make_rows(12, resident)
    with CaptureQueriesContext(connection) as many:
        html = client.get(reverse("kiosk:display"), {"area": area}).content.decode()

    assert html.count('class="kiosk-slide ') == sum(kiosk.LIMITS.values())
    assert len(many) == len(few)
