"""Generated consultations for the support centre's benchmark (issue 15); see bench/support.py.

Bulk-created, not through the services (benchmark data), but valid for the pages: the
constraints hold (an answered consultation says when; a referral points to exactly one record
of its kind) and each consultation has its private entry in the site's search index, as
support.services.consultation_index writes it, so the queue's words filter finds it.
"""

from __future__ import annotations

import datetime
import random
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

SUBJECTS = {
    "founding": ["団体を立ち上げたい", "規約の作り方を知りたい", "仲間の集め方について"],
    "npo": ["NPO法人にするには", "法人化の手続きについて", "定款の書き方を知りたい"],
    "accounting": ["会計報告の書き方", "収支予算書の作り方", "税務署への届け出について"],
    "grants": ["補助金の申請について", "助成金の予算の組み方", "申請書の書き方を教えてほしい"],
    "publicity": ["チラシの作り方", "SNSでの広報について", "会報を出したい"],
    "people": ["担い手が足りない", "ボランティアを募集したい", "役員のなり手がいない"],
    "inventory": ["事業を見直したい", "行事を減らしたい", "活動の棚卸しをしたい"],
    "partners": ["協働の相手を探しています", "企業と一緒に取り組みたい", "学校と連携したい"],
    "other": ["会場の借り方", "個人情報の扱いについて", "ボランティア保険について"],
}
ACTIVITIES = [
    "子ども食堂",
    "高齢者の見守り",
    "防災訓練",
    "夏まつり",
    "河川の清掃",
    "通学路の見守り",
    "郷土芸能の継承",
    "健康体操教室",
    "読み聞かせ",
    "除雪の手伝い",
    "日本語教室",
    "フードバンク",
]
OPENINGS = [
    "{place}で{activity}をしている者です。",
    "{place}の振興会で役員をしています。",
    "初めて相談します。{place}で{activity}を始めたいと考えています。",
    "{activity}の活動を続けて五年になります。",
]
CLOSINGS = [
    "どこから手を付ければよいか教えてください。",
    "必要な書類と期限を知りたいです。",
    "一度窓口で話を聞いてもらえますか。",
    "会員の高齢化で困っています。よい方法はありますか。",
    "総会までに準備したいので、早めに相談したいです。",
]
ANSWERS = [
    "ノウハウ集の記事をご案内し、記入例をお渡ししました。",
    "来月の相談会で詳しくお話しすることにしました。",
    "担当課をご紹介しました。申請の期限は来月末です。",
    "申請書の下書きを一緒に確認し、予算の書き方を説明しました。",
    "同じ地区で活動している団体をご紹介しました。",
]
NOTES = ["", "", "次回は会計担当の方も一緒に来所予定。", "折り返しの電話は平日の午後希望。"]
GIVEN = ["花子", "太郎", "恵子", "健一", "由美", "誠", "直美", "浩"]
FAMILY = ["佐藤", "菊池", "千葉", "及川", "高橋", "阿部", "小野寺", "菅原", "佐々木"]
PLACES = ["水沢", "江刺", "前沢", "胆沢", "衣川", "羽田", "黒石", "真城"]
CHANNELS = (["online"] * 50) + (["phone"] * 25) + (["counter"] * 15) + (["visit"] * 10)
STATUSES = (["open"] * 25) + (["answered"] * 45) + (["closed"] * 30)


@contextmanager
def created_when_we_say(model: Any) -> Iterator[None]:
    """Let bulk_create keep the `created_at` we set (spread over three years) instead of now."""
    field = model._meta.get_field("created_at")
    field.auto_now_add = False
    try:
        yield
    finally:
        field.auto_now_add = True


def generate_consultations(*, count: int, seed: int) -> None:
    """Consultations over three years across topics, channels and statuses; asked by users (some
    for their group), logged by staff for groups and for guests (name and e-mail or phone); a
    third with a follow-up date around today; referrals of every kind; indexed for the queue."""
    from django.db import transaction

    from tsunagaru.support.models import Consultation

    rng = random.Random(seed + 150)
    world = _world(rng)
    with transaction.atomic(), created_when_we_say(Consultation):
        rows = [_consultation(rng, world, n) for n in range(count)]
        Consultation.objects.bulk_create(rows, batch_size=1000)
        _referrals(rng, world, rows)
        _index(rows)


def _world(rng: random.Random) -> dict[str, Any]:
    from django.utils import timezone

    from tsunagaru.accounts.models import Role, User
    from tsunagaru.partners.models import Membership
    from tsunagaru.support.models import Topic

    staff = staff_user(Role.COORDINATOR, "bench-coordinator@example.jp", "支援センター")
    members = list(
        Membership.objects.filter(organisation__status="verified")
        .exclude(organisation__kind__code="city_department")
        .values_list("user_id", "organisation_id")[:20_000]
    )
    residents = list(User.objects.filter(role=Role.RESIDENT).values_list("pk", flat=True)[:5000])
    return {
        "now": timezone.now(),
        "today": timezone.localdate(),
        "staff": staff,
        "topics": list(Topic.objects.all()),
        "members": members,
        "residents": residents,
    }


def staff_user(role: str, email: str, shown: str) -> Any:
    from tsunagaru.accounts.models import User

    found = User.objects.filter(role=role, is_active=True).order_by("pk").first()
    if found is None:
        found = User.objects.create_user(
            email=email, family_name="千葉", display_name=shown, role=role
        )
    return found


def _consultation(rng: random.Random, world: dict[str, Any], n: int) -> Any:
    from tsunagaru.support.models import Consultation

    topic = rng.choice(world["topics"])
    channel = rng.choice(CHANNELS)
    status = rng.choice(STATUSES)
    created = world["now"] - datetime.timedelta(minutes=rng.randint(0, 3 * 365 * 24 * 60))
    place, activity = rng.choice(PLACES), rng.choice(ACTIVITIES)
    row = Consultation(
        channel=channel,
        status=status,
        topic=topic,
        subject=f"{rng.choice(SUBJECTS.get(topic.code, SUBJECTS['other']))}（{activity}）",
        question=rng.choice(OPENINGS).format(place=place, activity=activity) + rng.choice(CLOSINGS),
        notes=rng.choice(NOTES),
        created_at=created,
        updated_at=created,
    )
    _asker(rng, world, row)
    if channel != "online":
        row.entered_by = world["staff"]
    if status in ("answered", "closed") and rng.random() < 0.9:
        row.answer = rng.choice(ANSWERS)
        row.answered_at = created + datetime.timedelta(days=rng.randint(0, 14))
        row.answered_by = world["staff"]
    if status == "answered" and row.answered_at is None:  # the constraint: answered says when
        row.answered_at = created
    if status == "closed":
        row.closed_at = created + datetime.timedelta(days=rng.randint(1, 30))
    if rng.random() < 0.3:
        row.follow_up_on = world["today"] + datetime.timedelta(days=rng.randint(-60, 60))
    assert row.status in Consultation.Status.values
    return row


def _asker(rng: random.Random, world: dict[str, Any], row: Any) -> None:
    """A member for their group (40 %), a signed-in resident (20 %), or a guest by name."""
    roll = rng.random()
    if roll < 0.4 and world["members"]:
        user_id, organisation_id = rng.choice(world["members"])
        row.organisation_id = organisation_id
        if row.channel == "online":
            row.asker_id = user_id
        else:
            row.asker_name = f"{rng.choice(FAMILY)} {rng.choice(GIVEN)}"
            row.asker_phone = f"0197-{rng.randint(10, 99)}-{rng.randint(1000, 9999)}"
        return
    if roll < 0.6 and world["residents"] and row.channel == "online":
        row.asker_id = rng.choice(world["residents"])
        return
    row.asker_name = f"{rng.choice(FAMILY)} {rng.choice(GIVEN)}"
    if rng.random() < 0.6:
        row.asker_email = f"guest{rng.randint(1, 10**6)}@example.jp"
    else:
        row.asker_phone = f"0197-{rng.randint(10, 99)}-{rng.randint(1000, 9999)}"


def _referrals(rng: random.Random, world: dict[str, Any], rows: list[Any]) -> None:
    """One consultation in five refers somewhere: a department, a group, a program or a proposal."""
    from tsunagaru.guideline.models import Program
    from tsunagaru.partners.models import Organisation
    from tsunagaru.proposals.models import Proposal
    from tsunagaru.support.models import Referral

    listed = Organisation.objects.filter(status="verified")
    targets = {
        "department": list(
            listed.filter(kind__code="city_department").values_list("pk", flat=True)[:200]
        ),
        "group": list(
            listed.exclude(kind__code="city_department").values_list("pk", flat=True)[:2000]
        ),
        "program": list(Program.objects.values_list("pk", flat=True)),
        "proposal": list(
            Proposal.objects.exclude(status="draft").values_list("pk", flat=True)[:2000]
        ),
    }
    kinds = [kind for kind, pks in targets.items() if pks]
    referrals = []
    for row in rows:
        if not kinds or rng.random() >= 0.2:
            continue
        kind = rng.choice(kinds)
        target = rng.choice(targets[kind])
        column = {"department": "organisation_id", "group": "organisation_id"}.get(
            kind, f"{kind}_id"
        )
        referrals.append(
            Referral(
                consultation=row,
                kind=kind,
                note="担当者に連絡済み" if rng.random() < 0.5 else "",
                created_by=world["staff"],
                **{column: target},
            )
        )
    Referral.objects.bulk_create(referrals, batch_size=2000)
    missing = sorted(set(targets) - set(kinds))
    print(
        f"  {len(referrals)} referrals"
        + (f" (no {', '.join(missing)} to refer to)" if missing else "")
    )


def _index(rows: list[Any]) -> None:
    """The queue's private search entries, with the texts consultation_index gives."""
    from tsunagaru.partners.models import Organisation
    from tsunagaru.search.services import index_many
    from tsunagaru.support.models import Consultation

    names = dict(Organisation.objects.values_list("pk", "name"))
    index_many(
        model=Consultation,
        items=(
            (
                r.pk,
                r.subject,
                [r.question, r.answer, r.notes, r.asker_name, names.get(r.organisation_id, "")],
                False,
            )
            for r in rows
        ),
    )
