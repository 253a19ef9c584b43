"""Demo support centre: 30 consultations across the topics and the four channels — questions
asked on the site (one by the demo resident), calls and counter visits logged by the demo
coordinator, visits to groups — with referrals to the city's department, other groups, the
city's grant program and proposals at the table; and groups' registrations with the centre:
two in force, one ended and not renewed, one application waiting.

Everything goes through support.services (audited) and is dated back over the last three
months from the day the demo is loaded."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.utils import timezone

from tsunagaru.accounts.models import User
from tsunagaru.guideline.models import Program
from tsunagaru.partners.models import Organisation
from tsunagaru.partners.selectors import speakers_of
from tsunagaru.proposals.models import Proposal
from tsunagaru.support import services
from tsunagaru.support.models import CentreRegistration, Consultation, Topic

DEPARTMENT = "奥州市 協働まちづくり部 地域づくり推進課"
GRANT = "市民提案型協働支援事業補助金制度の運用"
RESIDENT = "resident"  # the demo resident's account asks

# (topic, channel, subject, who: a name / RESIDENT / a group's name, days ago, answer or "",
#  referral (kind, target) or None, final status, follow-up in days or None)
CONSULTATIONS: list[
    tuple[str, str, str, str, int, str, tuple[str, str] | None, str, int | None]
] = [
    ("founding", "online", "子ども食堂を始めたい", RESIDENT, 3, "", None, "open", None),
    (
        "founding",
        "counter",
        "ボランティア団体の規約の作り方",
        "及川 和子",
        80,
        "規約のひな形を渡し、総会で決める事項を説明しました。",
        None,
        "closed",
        None,
    ),
    (
        "founding",
        "phone",
        "団体の口座を作るには",
        "高橋 正",
        62,
        "規約と役員名簿があれば団体名義の口座を作れる金融機関が多いと伝えました。",
        None,
        "answered",
        None,
    ),
    (
        "npo",
        "counter",
        "NPO法人にするべきか迷っている",
        "水沢国際交流の会",
        75,
        "任意団体のままでよい場合と法人化の利点を比べる表を一緒に作りました。",
        ("group", "NPO法人いわて地域づくり支援センター"),
        "answered",
        14,
    ),
    (
        "npo",
        "online",
        "NPO法人の設立にかかる期間",
        "千田 美智子",
        20,
        "申請から認証まで4か月ほどかかります。設立総会の準備から始めましょう。",
        None,
        "answered",
        None,
    ),
    (
        "npo",
        "visit",
        "法人の事業報告書の書き方",
        "NPO法人こぼ",
        45,
        "前年の報告書を見ながら、書き方を一緒に確認しました。",
        None,
        "closed",
        None,
    ),
    (
        "accounting",
        "counter",
        "決算書の作り方がわからない",
        "もたい元気の会",
        55,
        "収支計算書のひな形を渡し、領収書の整理の仕方を説明しました。",
        None,
        "answered",
        30,
    ),
    ("accounting", "phone", "会費と寄付の区別", "菅原 勇", 12, "", None, "open", 2),
    (
        "accounting",
        "online",
        "任意団体に税金はかかるか",
        "佐々木 恵",
        35,
        "収益事業をしなければ法人税はかかりません。詳しくは税務署で確認してください。",
        None,
        "closed",
        None,
    ),
    (
        "grants",
        "phone",
        "夏祭りに使える補助金はあるか",
        "稲瀬振興会",
        40,
        "市民提案型協働支援事業補助金のチャレンジコースを紹介しました。",
        ("program", GRANT),
        "answered",
        21,
    ),
    (
        "grants",
        "counter",
        "補助金の予算書の書き方",
        "胆沢移動販売ネット",
        28,
        "対象経費と対象外経費を分けて書くよう助言しました。",
        ("program", GRANT),
        "answered",
        None,
    ),
    ("grants", "online", "申請の締め切りはいつか", "阿部 直子", 6, "", None, "open", None),
    (
        "grants",
        "visit",
        "地域運営自立チャレンジ補助金の使い道",
        "北股地区振興会",
        50,
        "地区コミュニティ計画に書かれた事業であることが条件です。担当課を紹介しました。",
        ("department", DEPARTMENT),
        "answered",
        10,
    ),
    (
        "publicity",
        "online",
        "チラシを多くの人に届けたい",
        "みずさわ子ども食堂",
        18,
        "つながるのイベント欄と地区センターの掲示板を使う方法を紹介しました。",
        None,
        "answered",
        None,
    ),
    ("publicity", "counter", "SNSの始め方", "及川 和子", 9, "", None, "open", 5),
    (
        "publicity",
        "phone",
        "広報おうしゅうに載せたい",
        "白山地区振興会",
        70,
        "市の広報担当の窓口を案内しました。",
        ("department", DEPARTMENT),
        "closed",
        None,
    ),
    (
        "people",
        "online",
        "若い人が集まらない",
        "米里振興会",
        33,
        "大学生との連携の事例を紹介し、岩手県立大学を紹介しました。",
        ("group", "岩手県立大学"),
        "answered",
        30,
    ),
    (
        "people",
        "visit",
        "配膳のボランティアが足りない",
        "みずさわ子ども食堂",
        15,
        "",
        ("group", "奥州めぐみネット"),
        "open",
        7,
    ),
    (
        "people",
        "phone",
        "役員のなり手がいない",
        "伊手振興会",
        90,
        "役割を小さく分けて頼む方法を一緒に考えました。",
        None,
        "closed",
        None,
    ),
    (
        "inventory",
        "visit",
        "事業の棚卸しの進め方",
        "姉体町振興会",
        60,
        "事業ごとに人・物・お金を書き出す表を使って、半日で棚卸しをしました。",
        None,
        "answered",
        60,
    ),
    (
        "inventory",
        "counter",
        "続けるかやめるか決められない行事",
        "前沢地区連合振興会",
        25,
        "参加者の声を集めてから総会で決めるよう助言しました。",
        None,
        "answered",
        None,
    ),
    ("inventory", "online", "棚卸しの表はありますか", "生母地区振興会", 4, "", None, "open", None),
    (
        "partners",
        "online",
        "除雪を手伝ってくれる団体を探している",
        "真城地区振興会",
        22,
        "重機を持つ事業者を紹介しました。",
        ("group", "衣川重機サービス"),
        "answered",
        None,
    ),
    (
        "partners",
        "counter",
        "高齢者の集いの場を一緒に作りたい",
        "もたい元気の会",
        48,
        "提案テーブルに出ている似た提案を紹介しました。",
        ("proposal", "元気な高齢者の集いの場づくり"),
        "answered",
        20,
    ),
    (
        "partners",
        "phone",
        "外国人住民と交流したい",
        "高橋 正",
        30,
        "水沢国際交流の会を紹介しました。",
        ("group", "水沢国際交流の会"),
        "closed",
        None,
    ),
    (
        "partners",
        "visit",
        "大学と一緒に調査をしたい",
        "赤生津活性化協議会",
        38,
        "提案テーブルに出ている大学との提案を紹介しました。",
        ("proposal", "大学生と集落の暮らしを支える"),
        "answered",
        None,
    ),
    (
        "other",
        "online",
        "集会所の使い方",
        "佐藤 恵子",
        11,
        "地区センターの予約方法を案内しました。",
        None,
        "closed",
        None,
    ),
    (
        "other",
        "phone",
        "防災訓練のやり方",
        "常盤地区自主防災会",
        42,
        "",
        ("department", DEPARTMENT),
        "open",
        -3,
    ),
    (
        "other",
        "counter",
        "団体の印鑑について",
        "千葉 一郎",
        66,
        "団体印は規約で決めておくと安心です。",
        None,
        "closed",
        None,
    ),
    (
        "founding",
        "visit",
        "地区で見守りの会を作りたい",
        "江刺藤里ファイヤーワークス",
        14,
        "",
        None,
        "open",
        10,
    ),
]

# (group, days since registration began, days it lasts; None = an application waiting)
REGISTRATIONS: list[tuple[str, int | None, int]] = [
    ("稲瀬振興会", 120, 365),
    ("NPO法人こぼ", 300, 365),
    ("米里振興会", 420, 365),  # ended about two months ago
    ("みずさわ子ども食堂", None, 0),
]


def load(report: Any) -> None:
    if Consultation.objects.exists() or not Organisation.objects.filter(name=DEPARTMENT).exists():
        return
    coordinator = User.objects.get(email="coordinator@example.jp")
    resident = User.objects.get(email="resident@example.jp")
    groups = {o.name: o for o in Organisation.objects.all()}
    for entry in CONSULTATIONS:
        _consultation(entry, coordinator, resident, groups)
        report.created += 1
    _registrations(coordinator, groups)
    report.created += len(REGISTRATIONS)


def _consultation(
    entry: tuple[str, str, str, str, int, str, tuple[str, str] | None, str, int | None],
    coordinator: User,
    resident: User,
    groups: dict[str, Organisation],
) -> None:
    code, channel, subject, who, days, answer, referral, status, follow_up = entry
    topic = Topic.objects.get(code=code)
    question = f"{subject}について相談したいです。"
    today = timezone.localdate()
    if channel == "online":
        consultation = _asked(topic, subject, question, who, resident, groups)
        if answer:
            services.consultation_answer(
                consultation=consultation, answer=answer, by=coordinator, notify=False
            )
    else:
        consultation = services.consultation_log(
            data={
                "channel": channel,
                "topic": topic,
                "subject": subject,
                "question": question,
                "organisation": groups.get(who),
                "asker_name": "" if who in groups else who,
                "asker_phone": "" if who in groups else "0197-00-0000",
                "answer": answer,
                "follow_up_on": today + timedelta(days=follow_up) if follow_up else None,
            },
            by=coordinator,
        )
    if referral is not None:
        _refer(consultation, referral, coordinator, groups)
    if status == "closed":
        services.consultation_close(consultation=consultation, by=coordinator)
    # Spread the log over the last three months (demo only: the services stamp "now").
    Consultation.objects.filter(pk=consultation.pk).update(
        created_at=timezone.now() - timedelta(days=days)
    )


def _asked(
    topic: Topic,
    subject: str,
    question: str,
    who: str,
    resident: User,
    groups: dict[str, Organisation],
) -> Consultation:
    if who == RESIDENT:
        return services.consultation_ask(
            topic=topic, subject=subject, question=question, user=resident
        )
    consultation = services.consultation_ask(
        topic=topic,
        subject=subject,
        question=question,
        user=None,
        # Guests in the demo leave a phone number: no demo mail is sent to made-up people.
        name=f"{who}（代表）" if who in groups else who,
        phone="0197-00-0000",
    )
    if who in groups:
        Consultation.objects.filter(pk=consultation.pk).update(organisation=groups[who])
        consultation.organisation = groups[who]
        services.consultation_index(consultation)
    return consultation


def _refer(
    consultation: Consultation,
    referral: tuple[str, str],
    coordinator: User,
    groups: dict[str, Organisation],
) -> None:
    kind, target = referral
    if kind in ("department", "group"):
        organisation = groups.get(target)
        if organisation is not None:
            services.referral_add(
                consultation=consultation, kind=kind, organisation=organisation, by=coordinator
            )
    elif kind == "program":
        program = Program.objects.filter(name=target).first()
        if program is not None:
            services.referral_add(
                consultation=consultation, kind=kind, program=program, by=coordinator
            )
    else:
        proposal = Proposal.objects.filter(title=target).first()
        if proposal is not None:
            services.referral_add(
                consultation=consultation, kind=kind, proposal=proposal, by=coordinator
            )


def _registrations(coordinator: User, groups: dict[str, Organisation]) -> None:
    today = timezone.localdate()
    for name, began, lasts in REGISTRATIONS:
        group = groups.get(name)
        if group is None or CentreRegistration.objects.filter(organisation=group).exists():
            continue
        speakers = speakers_of(group)
        registration = services.registration_apply(
            organisation=group,
            activities=f"{name}の活動記録：地区の行事、清掃、見守りなどを続けています。",
            by=speakers[0] if speakers else coordinator,
        )
        if began is None:
            continue
        start = today - timedelta(days=began)
        services.registration_register(
            registration=registration,
            registered_on=start,
            valid_until=start + timedelta(days=lasts - 1),
            by=coordinator,
        )
