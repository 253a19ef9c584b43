"""The information booth (公益活動情報ブース): what a screen in a public building shows.

A screen in a 地区センター or the city hall lobby is configured by its address
(``/kiosk/?interval=15&area=esashi&kinds=events,groups,needs,cases&lang=ja``; ``district=inase``
for the screen of one 地区センター); `KioskSettings.parse`
reads that address and never fails: a bad value falls back to its default.

The slides carry only what the site already shows everyone, and less: no member's name, no
e-mail address, no phone number (an event's `contact` is left out, and what looks like an
address or a number in a short text is masked), because the screen is read by passers-by.
Each slide has a QR code (segno, drawn server-side as inline SVG) that opens its page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import timedelta
from functools import lru_cache
from itertools import zip_longest
from typing import Any, TypeVar
from urllib.parse import urlencode

import segno
from django.conf import settings
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from tsunagaru.cases import selectors as cases
from tsunagaru.cases.models import Case
from tsunagaru.core.inputs import whole_number
from tsunagaru.core.models import Area, District
from tsunagaru.info.models import Event
from tsunagaru.partners.models import Need, Organisation

KINDS = ("events", "groups", "needs", "cases")
LANGUAGES = tuple(code for code, _name in settings.LANGUAGES)
DEFAULT_INTERVAL = 15
# Two seconds is too fast to read, but lets a browser test see a turn; ten minutes is a still.
MIN_INTERVAL, MAX_INTERVAL = 2, 600
# How often the screen asks for fresh slides (seconds).
REFRESH_SECONDS = 300
# How many slides of each kind: a full turn stays a few minutes long.
LIMITS = {"events": 10, "groups": 5, "needs": 5, "cases": 5}
# "New" groups and cases: verified or published within this time.
NEW_GROUPS_WITHIN = timedelta(days=90)
NEW_CASES_WITHIN = timedelta(days=180)
SHORT_TEXT = 140
_SLUG = re.compile(r"[a-z0-9-]{1,50}")
P = TypeVar("P", Area, District)
# An event that began longer ago than this (a long exhibition) is no longer shown, even if
# it still runs.
RUNNING_SINCE = timedelta(days=31)

_EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")
# Japanese phone numbers (0197-24-2111, 090-1234-5678, 0197(24)2111, ０１９７２４２１１１); a
# postcode (023-8501) is not one: its last part is not a third group of four digits.
_DIGIT = "[0-9０-９]"
_PHONE = re.compile(
    rf"(?<!{_DIGIT})[0０](?:{_DIGIT}{{1,4}}[-－‐ー(（]{_DIGIT}{{1,4}}[-－‐ー)）]{_DIGIT}{{4}}"
    rf"|{_DIGIT}{{9,10}})(?!{_DIGIT})"
)


@dataclass(frozen=True)
class KioskSettings:
    """A screen's configuration, read from its address."""

    interval: int = DEFAULT_INTERVAL
    area: Area | None = None
    # A district (地区) is the area of one 地区センター: the booth's "facility" filter.
    district: District | None = None
    kinds: tuple[str, ...] = KINDS
    lang: str = settings.LANGUAGE_CODE

    @classmethod
    def parse(cls, query: Any) -> KioskSettings:
        """The settings in a query string (a QueryDict); each bad value becomes its default."""
        interval = whole_number(
            query.get("interval"), default=DEFAULT_INTERVAL, low=MIN_INTERVAL, high=MAX_INTERVAL
        )
        area = _named(Area, str(query.get("area", "")))
        # District identifiers are unique within an area: the area, if given, tells which.
        district = _named(District, str(query.get("district", "")), area=area)
        asked = [k.strip() for k in str(query.get("kinds", "")).split(",")]
        kinds = tuple(dict.fromkeys(k for k in asked if k in KINDS)) or KINDS
        lang = query.get("lang", "")
        return cls(
            interval=interval,
            area=area,
            district=district,
            kinds=kinds,
            lang=lang if lang in LANGUAGES else settings.LANGUAGE_CODE,
        )

    def as_query(self) -> str:
        """The settings as a query string (for the slides address the screen asks)."""
        values = {
            "interval": self.interval,
            "area": self.area.pk if self.area else None,
            "district": self.district.pk if self.district else None,
            "kinds": ",".join(self.kinds),
            "lang": self.lang,
        }
        return urlencode({k: v for k, v in values.items() if v})


def _named(model: type[P], value: str, **within: Any) -> P | None:
    """The area or district named by its number or its identifier (`3`, `esashi`), or None."""
    rows = model.objects.filter(**{k: v for k, v in within.items() if v is not None})
    pk = whole_number(value, low=1)
    if pk:
        return rows.filter(pk=pk).first()
    if _SLUG.fullmatch(value):
        return rows.filter(slug=value).order_by("pk").first()
    return None


@dataclass(frozen=True)
class Slide:
    """One item on the screen. `event` is set for events (their date and place)."""

    kind: str
    key: str
    label: str
    title: str
    text: str
    url: str
    qr: SafeString
    where: str = ""
    event: Event | None = None


def kiosk_slides(config: KioskSettings) -> list[Slide]:
    """The slides for a screen: its kinds taken in turn (event, group, need, case, event, …).

    One query per kind whatever the number of rows. Only what is public: published events
    not over yet, listed (verified) groups, open needs of listed groups, published cases.
    """
    place = _place(config)
    makers = {"events": _events, "groups": _groups, "needs": _needs, "cases": _cases}
    columns = [makers[kind](place) for kind in config.kinds]
    return [slide for row in zip_longest(*columns) for slide in row if slide is not None]


def _events(place: dict[str, int]) -> list[Slide]:
    # Not selectors.event_list: its seat counts group every upcoming event with its
    # registrations (1.7 s at 20,000 events on SQLite), and the screen shows no seats. Events
    # not over yet, read along the (status, starts_at) index from a month ago: without that
    # bound the scan would pass every past event to find the first one still running.
    now = timezone.now()
    events = Event.objects.filter(
        status=Event.Status.PUBLISHED, starts_at__gte=now - RUNNING_SINCE, ends_at__gte=now
    )
    events = _in_place(events, "", place).select_related("kind", "area")
    return [
        _slide(
            "event",
            event,
            label=event.kind.label,
            text=event.description,
            where=" ・ ".join(
                p
                for p in (
                    event.place_name or (_("Online") if event.online_url else ""),
                    event.area.name if event.area else "",
                )
                if p
            ),
            event=event,
        )
        for event in events.order_by("starts_at", "pk")[: LIMITS["events"]]
    ]


def _groups(place: dict[str, int]) -> list[Slide]:
    groups = Organisation.objects.filter(
        status=Organisation.Status.VERIFIED,
        verified_at__gte=timezone.now() - NEW_GROUPS_WITHIN,
    )
    groups = _in_place(groups, "", place).select_related("kind", "area")
    return [
        _slide(
            "group",
            group,
            label=_("New group"),
            text=group.description,
            where=" ・ ".join(
                p for p in (group.kind.label, group.area.name if group.area else "") if p
            ),
        )
        for group in groups.order_by("-verified_at", "-pk")[: LIMITS["groups"]]
    ]


def _needs(place: dict[str, int]) -> list[Slide]:
    needs = Need.objects.filter(
        status=Need.Status.OPEN, organisation__status=Organisation.Status.VERIFIED
    )
    needs = _in_place(needs, "organisation__", place).select_related("organisation")
    return [
        _slide(
            "need",
            need,
            label=_("Looking for help"),
            text=need.description,
            where=need.organisation.name,
            # A need has no page of its own: it is listed on its group's page.
            url=need.organisation.get_absolute_url() + "#needs",
        )
        for need in needs.order_by("-created_at", "-pk")[: LIMITS["needs"]]
    ]


def _cases(place: dict[str, int]) -> list[Slide]:
    found: QuerySet[Case] = cases.published().filter(
        published_at__gte=timezone.now() - NEW_CASES_WITHIN
    )
    found = _in_place(found, "", place).select_related("area")
    return [
        _slide(
            "case",
            case,
            label=_("New case"),
            text=case.summary,
            where=case.area.name if case.area else "",
        )
        for case in found.order_by("-published_at", "-pk")[: LIMITS["cases"]]
    ]


def _place(config: KioskSettings) -> dict[str, int]:
    if config.district:
        return {"district_id": config.district.pk}
    if config.area:
        return {"area_id": config.area.pk}
    return {}


def _in_place(rows: QuerySet[Any], prefix: str, place: dict[str, int]) -> QuerySet[Any]:
    return rows.filter(**{prefix + field: pk for field, pk in place.items()})


def _slide(kind: str, obj: Any, *, label: str, text: str, url: str = "", **more: Any) -> Slide:
    address = absolute_url(url or obj.get_absolute_url())
    title = str(obj.title if hasattr(obj, "title") else obj.name)
    return Slide(
        kind=kind,
        key=f"{kind}-{obj.pk}",
        label=label,
        title=title,
        text=short_text(text),
        url=address,
        qr=qr_svg(address, label=_("QR code: open “%(title)s” on a phone") % {"title": title}),
        **more,
    )


def absolute_url(path: str) -> str:
    return f"{settings.SITE_URL}{path}"


def short_text(text: str) -> str:
    """The start of a text for the screen, without e-mail addresses or phone numbers."""
    text = _EMAIL.sub("…", text)
    text = _PHONE.sub("…", text)
    return Truncator(" ".join(text.split())).chars(SHORT_TEXT)


def qr_svg(url: str, *, label: str) -> SafeString:
    """A QR code of `url` as inline SVG, an image named `label` for screen readers."""
    named = f'<svg role="img" aria-label="{escape(label)}" '
    return mark_safe(_qr_body(url).replace("<svg ", named, 1))  # noqa: S308 (segno's SVG, label escaped)


@lru_cache(maxsize=2048)
def _qr_body(url: str) -> str:
    # About 10 ms a code: cached per process, as a screen asks for the same ones every turn.
    code = segno.make(url, error="m")
    svg: str = code.svg_inline(
        scale=4, border=4, dark="#000", light="#fff", svgclass="kiosk-qr", omitsize=True
    )
    return svg


def slides_url(config: KioskSettings) -> str:
    return f"{reverse('kiosk:slides')}?{config.as_query()}"
