"""Demo: a volunteer translator, the fireworks case in English, the festival in やさしい日本語
written by its organiser, and read counts so the queue has an order."""

from __future__ import annotations

from typing import Any

from tsunagaru.accounts.models import User
from tsunagaru.cases.models import Case
from tsunagaru.info.models import Event
from tsunagaru.translations import services
from tsunagaru.translations.models import TextVersion, Translator

FIREWORKS_EN = {
    "title": "The district's first fireworks",
    "summary": (
        "The Inase Promotion Association wanted to hold the district's first fireworks. It met "
        "Esashi Fujisato Fireworks, a group that has set off fireworks before; together they "
        "sorted out the permits and the other tasks, and on the day the fireworks went up "
        "smoothly and brightly."
    ),
    "background": (
        "To liven up the district's summer event, the association planned its first fireworks, "
        "but it had no experience of fireworks permits or safety measures."
    ),
    "actions": (
        "Introduced by the Citizen Activity Support Centre, it met a group with experience and "
        "listed with it the permits needed and the steps up to the day."
    ),
    "roles": (
        "The Inase Promotion Association arranged the site and the district and told "
        "everyone; Esashi Fujisato Fireworks advised on the permit application and kept the "
        "launch safe on the day."
    ),
    "results": "Everything to be done was clear, and on the day it went smoothly and brightly.",
    "lessons": (
        "For a first event, asking an experienced group early keeps anything from being "
        "forgotten in the paperwork."
    ),
}

FESTA_EASY = {
    "title": "つながるフェスタ2026",
    "description": (
        "市の 中の 団体が、ブースで 活動を 紹介します。来た 人と 団体、団体と 団体が "
        "知り合う ための 会です。ブースを 出す 団体を さがしています。"
        "当日は だれでも 自由に 来て ください。"
    ),
}


def load(report: Any) -> None:
    if Translator.objects.exists():
        return
    staff = User.objects.get(email="staff@example.jp")
    translator = User.objects.get(email="translator@example.jp")
    services.translator_appoint(user=translator, languages=["en", "ja-easy"], by=staff)
    fireworks = Case.objects.filter(title="地区で初めての花火の打ち上げ").first()
    if fireworks is not None and not TextVersion.objects.filter(object_id=fireworks.pk).exists():
        services.versions_save(record=fireworks, language="en", texts=FIREWORKS_EN, by=translator)
    festa = Event.objects.filter(title="つながるフェスタ2026").first()
    if festa is not None:
        author = festa.created_by or staff
        services.versions_save(record=festa, language="ja-easy", texts=FESTA_EASY, by=author)
    # Some reading, so the translators' queue starts with what is read most.
    for count, case in enumerate(Case.objects.filter(status="published").order_by("pk")[:6]):
        for _reading in range(12 - 2 * count):
            services.read_note(case)
