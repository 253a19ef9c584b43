"""Benchmark the knowledge base (ノウハウ集) on generated data (issue 15).

    DATABASE_URL=sqlite:///var/bench-knowledge.sqlite3 python bench/generate.py --orgs 0 --knowledge 2000
    DATABASE_URL=sqlite:///var/bench-knowledge.sqlite3 python bench/knowledge.py --requests 60

Server time per request (Django's test client, in process, DEBUG off): the public list, a topic,
word searches (common and rare, with and without a topic), a page deep in the list, article
pages and the staff list; median and p95 in ms with the query count.
Target: p95 ≤ 100 ms at 2,000 articles on both databases.
"""

from __future__ import annotations

import argparse
import random
import time
from urllib.parse import quote

from _django import setup

# Words of the generated articles: in nearly every one, in some, in few.
WORDS = ("総会", "補助金", "ボランティア保険", "規約", "会計", "チラシ", "個人情報", "NPO法人")


def generate_knowledge(*, count: int, seed: int) -> None:
    """Articles of every topic, mostly published (a tenth drafts or archived), some past their
    review, a few used in consultations; indexed for search in batches."""
    import datetime

    from django.db import transaction
    from django.utils import timezone

    from tsunagaru.knowledge.demo_articles import ARTICLES
    from tsunagaru.knowledge.models import Article, ArticleUse
    from tsunagaru.search.services import index_many
    from tsunagaru.support.models import Topic

    rng = random.Random(seed + 15)
    by = _writer()
    topics = list(Topic.objects.all())
    today = timezone.localdate()
    now = timezone.now()
    with transaction.atomic():
        rows = []
        for n in range(count):
            source = ARTICLES[n % len(ARTICLES)]
            status = rng.choices(["published", "draft", "archived"], [90, 5, 5])[0]
            checked = today - datetime.timedelta(days=rng.randint(0, 500))
            reviewed = status != "draft"
            rows.append(
                Article(
                    title=f"{source['title']}（{n}）",
                    summary=source["summary"],
                    body=source["body"],
                    status=status,
                    created_by=by,
                    published_at=now - datetime.timedelta(days=rng.randint(0, 1500))
                    if reviewed
                    else None,
                    reviewed_on=checked if reviewed else None,
                    review_due=checked + datetime.timedelta(days=365) if reviewed else None,
                )
            )
        Article.objects.bulk_create(rows, batch_size=500)
        links = []
        for article in rows:
            for topic in rng.sample(topics, rng.randint(1, 2)):
                links.append(Article.topics.through(article_id=article.pk, topic_id=topic.pk))
        Article.topics.through.objects.bulk_create(links, batch_size=1000)
        uses = [
            ArticleUse(article=a, used_at=now, by=by)
            for a in rows
            if a.status == "published"
            for _ in range(rng.choice([0, 0, 0, 1, 3]))
        ]
        ArticleUse.objects.bulk_create(uses, batch_size=1000)
        names = {t.pk: t.name for t in topics}
        by_article: dict[int, list[str]] = {}
        for link in links:
            by_article.setdefault(link.article_id, []).append(names[link.topic_id])
        index_many(
            model=Article,
            items=(
                (
                    a.pk,
                    a.title,
                    [a.summary, a.body, *by_article.get(a.pk, [])],
                    a.status == "published",
                )
                for a in rows
            ),
        )


def _writer():
    from tsunagaru.accounts.models import Role, User

    writer = User.objects.filter(role=Role.COORDINATOR).first()
    if writer is None:
        writer = User.objects.create_user(
            email="bench-coordinator@example.jp",
            family_name="千葉",
            display_name="支援センター",
            role=Role.COORDINATOR,
        )
    return writer


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=60)
    parser.add_argument("--seed", type=int, default=15)
    args = parser.parse_args()
    setup()
    run(requests=args.requests, seed=args.seed)


def run(*, requests: int, seed: int) -> None:
    """Time the knowledge base's pages (also called by bench/support.py)."""
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from partners import measure  # the same timing loop as the registry's benchmark

    from tsunagaru.accounts.models import Role, User
    from tsunagaru.knowledge.models import Article

    settings.DEBUG = False
    client = Client(HTTP_HOST="localhost")
    count = Article.objects.filter(status="published").count()
    pages = {
        "list (first page)": "/support/knowledge/",
        "list, page 40": "/support/knowledge/?page=40",
        "topic: grants": "/support/knowledge/?topic=grants",
        **{f"search: {w}": "/support/knowledge/?q=" + quote(w) for w in WORDS},
        "search + topic: 会計 + accounting": "/support/knowledge/?q="
        + quote("会計")
        + "&topic=accounting",
    }
    print(f"{connection.vendor}: {count} published articles, {requests} requests each")
    print(f"{'page':38} {'median ms':>10} {'p95 ms':>8} {'queries':>8}")
    for label, path in pages.items():
        median, p95, queries = measure(client, path, requests)
        print(f"{label:38} {median:10.1f} {p95:8.1f} {queries:8d}")
    rng = random.Random(seed)
    ids = list(Article.objects.filter(status="published").values_list("pk", flat=True))
    article_pages = [f"/support/knowledge/{pk}/" for pk in rng.sample(ids, requests)]
    times = []
    for path in article_pages:
        started = time.perf_counter()
        assert client.get(path).status_code == 200, path
        times.append((time.perf_counter() - started) * 1000)
    times.sort()
    p95 = times[min(len(times) - 1, round(0.95 * len(times)) - 1)]
    print(f"{'article page (random)':38} {times[len(times) // 2]:10.1f} {p95:8.1f}")
    staff = User.objects.filter(role=Role.COORDINATOR, is_active=True).first()
    if staff is not None:
        client.force_login(staff)
        for label, path in {
            "staff list": "/support/knowledge/manage/",
            "staff list, past review": "/support/knowledge/manage/?stale=on",
        }.items():
            median, p95, queries = measure(client, path, requests)
            print(f"{label:38} {median:10.1f} {p95:8.1f} {queries:8d}")


if __name__ == "__main__":
    main()
