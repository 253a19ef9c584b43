"""Demo knowledge base: 15 articles of the support centre in plain Japanese, published through
the real workflow, some with templates made in code (規約, 会計報告, 予算書), two past their
yearly review, and a few counted as used in consultations.

Run by core.demo after the accounts (it needs the coordinator and the city's staff).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from tsunagaru.accounts.models import User
from tsunagaru.knowledge import services
from tsunagaru.knowledge.demo_articles import ARTICLES
from tsunagaru.knowledge.models import Article
from tsunagaru.knowledge.template_files import docx, xlsx
from tsunagaru.support.models import Topic


@dataclass(frozen=True)
class DemoFile:
    name: str
    title: str
    content: bytes


@dataclass(frozen=True)
class DemoArticle:
    title: str
    topics: tuple[str, ...]
    summary: str
    body: str
    files: list[DemoFile] = field(default_factory=list)
    uses: int = 0
    # Days since the last review, for the two the demo shows past their yearly review.
    checked_days_ago: int = 0


def load(report: Any) -> None:
    if Article.objects.exists():
        return
    coordinator = User.objects.filter(email="coordinator@example.jp").first()
    staff = User.objects.filter(email="staff@example.jp").first()
    if coordinator is None or staff is None:
        return
    for item in demo_articles():
        _article(item, coordinator, staff)
        report.created += 1


def _article(item: DemoArticle, coordinator: User, staff: User) -> Article:
    topics = list(Topic.objects.filter(code__in=item.topics))
    data = {"title": item.title, "summary": item.summary, "body": item.body, "topics": topics}
    article = services.article_save(article=None, data=data, by=coordinator)
    for demo_file in item.files:
        upload = SimpleUploadedFile(demo_file.name, demo_file.content)
        services.article_attachment_add(
            article=article, file=upload, title=demo_file.title, by=coordinator
        )
    services.article_publish(article=article, by=staff)
    for number in range(item.uses):
        services.knowledge_used(article=article, by=coordinator, reference=f"窓口相談 {number + 1}")
    if item.checked_days_ago:
        # The demo's history: this article was last checked over a year ago, so readers see
        # the note and the staff list marks it. (Not a workflow step: only the demo backdates.)
        checked = timezone.localdate() - datetime.timedelta(days=item.checked_days_ago)
        Article.objects.filter(pk=article.pk).update(
            reviewed_on=checked, review_due=checked + datetime.timedelta(days=365)
        )
    return article


def demo_articles() -> list[DemoArticle]:
    files = _files()
    return [
        DemoArticle(
            title=a["title"],
            topics=tuple(a["topics"]),
            summary=a["summary"],
            body=a["body"],
            files=[files[name] for name in a.get("files", [])],
            uses=int(a.get("uses", 0)),
            checked_days_ago=int(a.get("checked_days_ago", 0)),
        )
        for a in ARTICLES
    ]


def _files() -> dict[str, DemoFile]:
    return {
        "rules": DemoFile(
            "kiyaku.docx",
            "規約のひな形（Word）",
            docx(
                [
                    "〇〇会 規約",
                    "第1条（名称） この会は、〇〇会という。",
                    "第2条（目的） この会は、〇〇地区の〇〇を目的とする。",
                    "第3条（事業） この会は、前条の目的のため、次の事業を行う。",
                    "第4条（会員） この会の目的に賛同する者は、会員になることができる。",
                    "第5条（役員） この会に、会長1名、副会長1名、会計1名、監事1名を置く。",
                    "第6条（総会） 総会は毎年1回、会長が招集する。",
                    "第7条（会計） この会の会計年度は、4月1日から翌年3月31日までとする。",
                    "附則 この規約は、令和〇年〇月〇日から施行する。",
                ]
            ),
        ),
        "accounts": DemoFile(
            "kaikei-houkoku.xlsx",
            "会計報告（収支計算書）のひな形（Excel）",
            xlsx(
                "収支計算書",
                [
                    ["〇〇会 令和〇年度 収支計算書"],
                    [],
                    ["収入の部", "予算額（円）", "決算額（円）", "備考"],
                    ["会費", 30000, 0, "1人1,000円 × 30人"],
                    ["補助金", 100000, 0, ""],
                    ["前年度からの繰越金", 0, 0, ""],
                    ["収入合計", "=SUM(B4:B6)", "=SUM(C4:C6)", ""],
                    [],
                    ["支出の部", "予算額（円）", "決算額（円）", "備考"],
                    ["消耗品費", 20000, 0, ""],
                    ["印刷費", 30000, 0, "チラシ"],
                    ["会場費", 20000, 0, ""],
                    ["保険料", 5000, 0, "ボランティア活動保険"],
                    ["支出合計", "=SUM(B10:B13)", "=SUM(C10:C13)", ""],
                    [],
                    ["次年度への繰越金", "=B7-B14", "=C7-C14", ""],
                ],
            ),
        ),
        "budget": DemoFile(
            "yosansho.xlsx",
            "補助金の予算書のひな形（Excel）",
            xlsx(
                "予算書",
                [
                    ["事業名", "〇〇事業"],
                    [],
                    ["区分", "内容", "単価（円）", "数量", "金額（円）", "うち補助対象"],
                    ["謝金", "講師謝礼", 10000, 2, "=C4*D4", "=E4"],
                    ["印刷製本費", "チラシ A4 片面", 10, 1000, "=C5*D5", "=E5"],
                    ["消耗品費", "文具・模造紙", 3000, 1, "=C6*D6", "=E6"],
                    ["食糧費", "交流会の茶菓", 200, 30, "=C7*D7", 0],
                    ["合計", "", "", "", "=SUM(E4:E7)", "=SUM(F4:F7)"],
                ],
            ),
        ),
        "meeting": DemoFile(
            "soukai-shidai.docx",
            "総会の次第と議事録のひな形（Word）",
            docx(
                [
                    "〇〇振興会 令和〇年度 定期総会 次第",
                    "1 開会",
                    "2 会長あいさつ",
                    "3 議長選出",
                    "4 議事 第1号議案 事業報告 第2号議案 決算報告・監査報告 "
                    "第3号議案 事業計画 第4号議案 予算 第5号議案 役員の選任",
                    "5 閉会",
                    "議事録：日時、場所、出席者数（委任状を含む）、議案ごとの結果、署名人",
                ]
            ),
        ),
        "inventory": DemoFile(
            "tanaoroshi.xlsx",
            "事業の棚卸しシート（Excel）",
            xlsx(
                "棚卸し",
                [
                    ["事業名", "目的", "参加者", "担い手", "費用", "続ける・見直す・やめる"],
                    ["夏まつり", "地区の交流", "300人", "役員10人", "20万円", ""],
                    ["敬老会", "高齢者の見守り", "80人", "役員5人", "10万円", ""],
                ],
            ),
        ),
    }
