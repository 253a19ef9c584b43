"""Demo news: articles of several groups and of the city in every state, through the real
workflow (written, sent for review, published by the support centre or directly by a trusted
group and by the city department; one hidden with its reason; one still a draft).

Call `load(report)` from the app's demo after the groups and the cases exist.
"""

from __future__ import annotations

from typing import Any

from tsunagaru.accounts.models import User
from tsunagaru.cases.models import Case
from tsunagaru.core import demo_pictures
from tsunagaru.info import services
from tsunagaru.info.news_models import NewsArticle
from tsunagaru.partners.models import Organisation

CITY = "奥州市 協働まちづくり部 地域づくり推進課"

# (group, kind, title, body, what happens to it)

ARTICLES: list[tuple[str, str, str, str, str]] = [
    (
        CITY,
        "city_notice",
        "協働のまちづくり推進員研修の受講者を募集します",
        "地域づくりや市民公益活動に関心のある方を対象に、協働のまちづくり推進員研修を開きます。\n\n全4回で、協働の原則や事例を学び、グループで地域の課題を話し合います。受講料は無料です。申し込みはイベントのページからどうぞ。",
        "direct",
    ),
    (
        "稲瀬振興会",
        "activity_report",
        "地区で初めての花火を打ち上げました",
        "夏まつりの夜、地区で初めての花火を打ち上げました。\n\n許可の手続きや安全対策は、経験のある江刺藤里ファイヤーワークスの皆さんに助けていただきました。たくさんの方に見に来ていただき、ありがとうございました。",
        "reviewed",
    ),
    (
        "江刺藤里ファイヤーワークス",
        "results",
        "今年の打ち上げ支援の結果",
        "今年は市内3地区の行事で、花火の打ち上げを支援しました。\n\nどの会場も事故なく終えることができました。来年の相談も受け付けています。",
        "trusted",
    ),
    (
        "水沢国際交流の会",
        "volunteers",
        "やさしい日本語の通訳ボランティアを募集します",
        "外国から来た住民の方の相談会で、やさしい日本語で話すお手伝いをしてくださる方を募集します。\n\n経験は問いません。事前に1時間の説明会があります。",
        "waiting",
    ),
    (
        "みずさわ子ども食堂",
        "activity_report",
        "12月の子ども食堂のお知らせ",
        "12月は第2・第4土曜日に開きます。\n\n問い合わせは担当者の携帯電話まで。",
        "hidden",
    ),
    (
        "稲瀬振興会",
        "volunteers",
        "河川敷の草刈りボランティア（書きかけ）",
        "日時と集合場所を決めてから公開します。",
        "draft",
    ),
]


def load(report: Any) -> None:
    if NewsArticle.objects.exists() or not Organisation.objects.filter(name=CITY).exists():
        return
    coordinator = User.objects.get(email="coordinator@example.jp")
    staff = User.objects.get(email="staff@example.jp")
    groups = {o.name: o for o in Organisation.objects.filter(status="verified")}
    for name, kind, title, body, fate in ARTICLES:
        if name not in groups:
            continue
        author = groups[name]
        writer = staff if name == CITY else coordinator
        if fate == "trusted":
            services.news_trust_grant(organisation=author, by=staff)
        data: dict[str, Any] = {"kind": kind, "title": title, "body": body}
        data["case"] = _case_of(author) if kind != "city_notice" else None
        picture = demo_pictures.case_illustration(title) if fate == "reviewed" else None
        if picture is not None:
            data["alt_text"] = picture.description
        article = services.news_save(
            article=None,
            data=data,
            author=author,
            image=picture.upload if picture else None,
            by=writer,
        )
        _move(article, fate, writer=writer, coordinator=coordinator)
        report.created += 1


def _case_of(group: Organisation) -> Case | None:
    return Case.objects.filter(status="published", partners__organisation=group).first()


def _move(article: NewsArticle, fate: str, *, writer: User, coordinator: User) -> None:
    if fate == "draft":
        return
    services.news_submit(article=article, by=writer)
    if fate in ("reviewed", "hidden"):
        services.news_publish(article=article, by=coordinator)
    if fate == "hidden":
        services.news_hide(
            article=article,
            reason="個人の携帯電話の番号が書かれていたため、市が非公開にしました。",
            by=coordinator,
        )
