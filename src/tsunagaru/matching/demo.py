"""Demo connections, introductions and glossary: the guideline's eight 『つながる』 cases as
connections, a few introductions in each state, and regional words for the matcher."""

from __future__ import annotations

import datetime
from typing import Any

from tsunagaru.accounts import services as account_services
from tsunagaru.accounts.models import Role, User
from tsunagaru.core.models import District
from tsunagaru.guideline.models import ActivityField
from tsunagaru.matching import services
from tsunagaru.matching.models import Connection, Introduction
from tsunagaru.partners import services as partner_services
from tsunagaru.partners.models import Need, Organisation, VolunteerProfile

# The guideline's 『つながる』事例 (本編 II-3): who met whom.
CASES = [
    ("稲瀬振興会", "江刺藤里ファイヤーワークス"),
    ("奥州めぐみネット", "米里振興会"),
    ("伊手振興会", "姉体町振興会"),
    ("前沢地区連合振興会", "北股地区振興会"),
    ("NPO法人シチズンスポーツ奥州", "NPO法人こぼ"),
    ("白山地区振興会", "NPO法人いわて地域づくり支援センター"),
    ("北股地区振興会", "岩手県立大学"),
    ("ひめかゆ協力会", "(株)ひめかゆ"),
]
GLOSSARY = [
    ("雪はね、雪かき、除雪、雪寄せ", "岩手では雪かきを「雪はね」とも言います。"),
    ("見守り、安否確認、声がけ", ""),
    ("移動販売、買い物支援、出張販売", ""),
    ("担い手、後継者、人手", ""),
    ("郷土芸能、神楽、鹿踊", ""),
]


def load(report: Any) -> None:
    _volunteers(report)
    if Connection.objects.exists() or not Organisation.objects.filter(name="稲瀬振興会").exists():
        return
    coordinator = User.objects.get(email="coordinator@example.jp")
    partner = User.objects.get(email="partner@example.jp")
    groups = {o.name: o for o in Organisation.objects.filter(status="verified")}
    for words, note in GLOSSARY:
        services.glossary_save(group=None, words=words, note=note, is_active=True, by=coordinator)
        report.created += 1
    # The cases happened before the revised guideline (令和3年3月): 令和2年度.
    for n, (first, second) in enumerate(CASES):
        services.connection_record(
            first=groups[first],
            second=groups[second],
            source=Connection.Source.CASE,
            by=coordinator,
            on=datetime.date(2020, 5 + n, 1),  # May to December 2020
            note="協働のまちづくり指針《改訂版》の『つながる』事例",
        )
        report.created += 1
    _introductions(groups, coordinator, partner, report)


def _introductions(
    groups: dict[str, Organisation], coordinator: User, partner: User, report: Any
) -> None:
    """The demo partner (代表者 of 稲瀬振興会) has one accepted, one declined, one waiting for
    its answer, and one it sent itself."""
    inase = groups["稲瀬振興会"]
    fireworks_need = Need.objects.filter(organisation=inase, status="open").first()
    via = Introduction.Via.COORDINATOR
    accepted = services.introduction_request(
        requester=groups["江刺藤里ファイヤーワークス"],
        recipient=inase,
        need=fireworks_need,
        message="花火の打ち上げの経験がある江刺藤里ファイヤーワークスさんをご紹介します。",
        by=coordinator,
        via=via,
    )
    services.introduction_answer(
        introduction=accepted,
        accept=True,
        response="ぜひお話を伺いたいです。地区センターで打ち合わせしましょう。",
        by=partner,
    )
    declined = services.introduction_request(
        requester=groups["胆沢移動販売ネット"],
        recipient=inase,
        message="稲瀬地区への移動販売の巡回について、ご相談できる団体をご紹介します。",
        by=coordinator,
        via=via,
    )
    services.introduction_answer(
        introduction=declined,
        accept=False,
        response="地区内に商店があるため、今は大丈夫です。",
        by=partner,
    )
    services.introduction_request(
        requester=groups["水沢国際交流の会"],
        recipient=inase,
        message="外国出身の住民と一緒に地区の行事に参加させていただける地域を探しています。",
        by=coordinator,
        via=via,
    )
    services.introduction_request(
        requester=inase,
        recipient=groups["常盤地区自主防災会"],
        message="防災訓練の進め方を教えていただけないでしょうか。",
        by=partner,
    )
    report.created += 4


# Individual volunteers who agreed to be suggested (「個人で手伝える人」): the demo resident, who
# can log in and answer, and two more who cannot log in. The needs of みずさわ子ども食堂 and
# 北股地区振興会 ask for helping hands (人手) and show them. (e-mail, display name, family name,
# district, fields, skills, wishes, availability)
VOLUNTEERS = [
    (
        "resident@example.jp",
        "はなこ",
        "佐藤",
        "mizusawa",
        ["子育て", "福祉"],
        "調理師として20年働きました。大人数の食事づくりや配膳が得意です。",
        "子ども食堂や地域の食事会を手伝いたい。",
        "土曜日の午前から午後、平日の夕方",
    ),
    (
        "kusakari@example.jp",
        "衣川の草刈り名人",
        "阿部",
        "kitamata",
        ["地域活性化"],
        "草刈り機を持っていて、毎年田んぼのあぜの草刈りをしています。軽トラックもあります。",
        "地元の行事や草刈りの担い手として協力したい。",
        "日曜日の朝。夏は平日も",
    ),
    (
        "smartphone@example.jp",
        "水沢の大学生",
        "小野寺",
        "hidaka",
        ["福祉", "教育"],
        "大学で情報を学んでいます。パソコンやスマートフォンの使い方を教えられます。",
        "高齢の方のスマホ教室を手伝ってみたい。",
        "平日の夕方と土曜日",
    ),
]


def _volunteers(report: Any) -> None:
    """Volunteer profiles with consent to be suggested; skipped for anyone who has one. Only
    the demo resident logs in; the others, like the groups' representatives, cannot."""
    fields = {f.name: f for f in ActivityField.objects.all()}
    for email, display, family, district, names, skills, wishes, when in VOLUNTEERS:
        user = User.objects.filter(email=email).first()
        if user is None:
            user = account_services.user_create(
                email=email,
                password=None,
                family_name=family,
                display_name=display,
                role=Role.RESIDENT,
                by=None,
            )
        if VolunteerProfile.objects.filter(user=user).exists():
            continue
        partner_services.volunteer_profile_save(
            user=user,
            data={
                "skills": skills,
                "wishes": wishes,
                "availability": when,
                "district": District.objects.get(slug=district),
                "activity_fields": [fields[n] for n in names if n in fields],
                "suggest": True,
            },
        )
        report.created += 1
