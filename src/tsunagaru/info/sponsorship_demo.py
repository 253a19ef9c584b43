"""Demo 後援名義 requests, moved by the real services: a summer festival approved with
conditions and its results report filed, and a sales fair refused with its reason."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.utils import timezone

from tsunagaru.accounts.models import User
from tsunagaru.info import services
from tsunagaru.info.sponsorship_models import SponsorshipGround, SponsorshipRequest
from tsunagaru.partners.models import Membership, Organisation

# ruff: noqa: E501 - one request per entry reads best as data
REQUESTS: list[dict[str, Any]] = [
    {
        "group": "稲瀬振興会",
        "title": "稲瀬ふるさと夏まつり",
        "purpose": "地区の伝統芸能（神楽・剣舞）の披露と子ども向けの体験コーナーを通じて、世代を超えた交流と地域への愛着を育む。",
        "place": "稲瀬地区センター広場",
        "fee": 0,
        "expected": 400,
        "income": 350000,
        "expenses": 350000,
        "note": "収入：地区振興会負担金250,000円、協賛金100,000円／支出：会場設営150,000円、出演謝礼120,000円、保険・消耗品80,000円",
        "concerns": {},
        "decision": (
            "approve",
            "チラシ・ポスターに「奥州市後援」と表示すること。事業終了後、実施報告を提出すること。",
        ),
        "report": (
            380,
            352000,
            347500,
            "天候に恵まれ約380人が来場した。子ども神楽体験には45人が参加し、保存会への入会希望も2件あった。",
        ),
    },
    {
        "group": "(株)ひめかゆ",
        "title": "ひめかゆ新商品お披露目即売会",
        "purpose": "新しい入浴剤と地元産品の販売を通じて、ひめかゆの魅力を知ってもらう。",
        "place": "ひめかゆ 大広間",
        "fee": 0,
        "expected": 150,
        "income": 600000,
        "expenses": 200000,
        "note": "収入：商品売上600,000円／支出：仕入れ150,000円、広告50,000円",
        "concerns": {"commercial": "会社の新商品の販売会です。地元産品の紹介も行います。"},
        "decision": (
            "refuse",
            "特定の事業者の商品の販売を主な目的とする事業であり、後援名義の使用の基準（営利を目的としないこと）に該当しないため。",
        ),
        "report": None,
    },
]


def load(report: Any) -> None:
    if (
        SponsorshipRequest.objects.exists()
        or not Organisation.objects.filter(name="稲瀬振興会").exists()
    ):
        return
    staff = User.objects.get(email="staff@example.jp")
    for entry in REQUESTS:
        _walk(entry, staff)
        report.created += 1


def _walk(entry: dict[str, Any], staff: User) -> None:
    group = Organisation.objects.get(name=entry["group"])
    speaker = _representative(group)
    day = timezone.localdate() + timedelta(days=21)
    answers = {
        g.pk: (g.code in entry["concerns"], entry["concerns"].get(g.code, ""))
        for g in SponsorshipGround.objects.filter(is_active=True)
    }
    request = services.sponsorship_save(
        request=None,
        applicant=group,
        data={
            "title": entry["title"],
            "purpose": entry["purpose"],
            "organiser": group.name,
            "starts_on": day,
            "ends_on": day,
            "place": entry["place"],
            "fee": entry["fee"],
            "expected_participants": entry["expected"],
            "budget_income": entry["income"],
            "budget_expenses": entry["expenses"],
            "budget_note": entry["note"],
            "contact": f"{speaker.display_name} 0197-00-0000",
        },
        answers=answers,
        by=speaker,
    )
    services.sponsorship_submit(request=request, by=speaker)
    action, text = entry["decision"]
    if action == "refuse":
        services.sponsorship_refuse(request=request, reason=text, by=staff)
        return
    services.sponsorship_approve(request=request, conditions=text, by=staff)
    if entry["report"]:
        # The demo has no past: the festival is moved to last week so its report can be filed.
        held = timezone.localdate() - timedelta(days=7)
        SponsorshipRequest.objects.filter(pk=request.pk).update(starts_on=held, ends_on=held)
        request.refresh_from_db()
        participants, income, expenses, summary = entry["report"]
        services.sponsorship_report(
            request=request,
            participants=participants,
            income=income,
            expenses=expenses,
            text=summary,
            by=speaker,
        )


def _representative(organisation: Organisation) -> User:
    membership = (
        Membership.objects.filter(organisation=organisation, role=Membership.Role.REPRESENTATIVE)
        .select_related("user")
        .order_by("pk")
        .first()
    )
    if membership is None:
        raise LookupError(organisation.name)
    return membership.user
