"""The knowledge base's pages: published articles for everyone with a topic and the Japanese
search, in a flat number of queries; drafts never public; the staff list; files to download."""

from __future__ import annotations

import datetime
import re

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tsunagaru.core.tests.pictures import upload
from tsunagaru.knowledge import services
from tsunagaru.knowledge.models import Article
from tsunagaru.knowledge.template_files import docx, odt
from tsunagaru.knowledge.tests.factories import draft, published
from tsunagaru.partners.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

LIST = reverse("knowledge:list")


def titles(response) -> list[str]:
    html = response.content.decode()
    section = html.split('id="results"', 1)[1]
    return re.findall(r'<h3><a href="/support/knowledge/\d+/">([^<]+)</a></h3>', section)


def test_everyone_reads_published_articles_but_never_drafts(client, coordinator):
    published(coordinator, title="総会の開き方")
    hidden = draft(coordinator, title="書きかけの記事")

    response = client.get(LIST)

    assert response.status_code == 200
    assert titles(response) == ["総会の開き方"]
    assert client.get(hidden.get_absolute_url()).status_code == 404


@pytest.mark.parametrize("persona", ["anonymous", "resident", "reviewer"], indirect=True)
def test_a_draft_is_not_found_for_those_who_do_not_write(client, coordinator, persona):
    article = draft(coordinator)
    if persona is not None:
        client.force_login(persona)

    assert client.get(article.get_absolute_url()).status_code == 404


def test_staff_read_a_draft(client, coordinator, city_staff):
    article = draft(coordinator)
    client.force_login(city_staff)

    response = client.get(article.get_absolute_url())

    assert response.status_code == 200
    assert f'action="/support/knowledge/{article.pk}/publish/"' in response.content.decode()


def test_the_topic_filter_keeps_that_topic(client, coordinator):
    published(coordinator, title="補助金の予算書の書き方", topics=("grants",))
    published(coordinator, title="会計報告のまとめ方", topics=("accounting",))

    response = client.get(LIST, {"topic": "grants"})

    assert titles(response) == ["補助金の予算書の書き方"]


def test_the_search_finds_words_in_the_text_in_other_forms(client, coordinator):
    published(coordinator, title="ボランティア保険", body="活動中のけがに備えて保険に入ります。")
    published(coordinator, title="広報のこつ", body="チラシは写真を大きく。")
    draft(coordinator, title="保険の下書き", body="けがに備える下書き。")

    response = client.get(LIST, {"q": "怪我"})

    assert titles(response) == ["ボランティア保険"]


def test_a_search_with_a_topic_keeps_both(client, coordinator):
    published(coordinator, title="会計の保険", body="けがの保険", topics=("accounting",))
    published(coordinator, title="人材の保険", body="けがの保険", topics=("people",))

    response = client.get(LIST, {"q": "けが", "topic": "people"})

    assert titles(response) == ["人材の保険"]


def test_an_unknown_topic_is_a_form_error_not_a_500(client, coordinator):
    published(coordinator)

    response = client.get(LIST, {"topic": "<script>"})

    assert response.status_code == 200
    assert titles(response) == ["NPO法人の設立手続き"]


def _queries(client, url, params=None) -> int:
    with CaptureQueriesContext(connection) as context:
        assert client.get(url, params or {}).status_code == 200
    return len(context)


@pytest.mark.parametrize("params", [{}, {"q": "設立"}, {"topic": "npo"}])
def test_the_list_needs_the_same_number_of_queries_for_2_or_12_rows(client, coordinator, params):
    for n in range(2):
        published(coordinator, title=f"設立の手引き{n}", topics=("npo", "founding"))
    _queries(client, LIST, params)  # the first request fills caches (topics' content type)
    few = _queries(client, LIST, params)
    for n in range(10):
        published(coordinator, title=f"設立の手引き{n + 2}", topics=("npo", "founding"))

    many = _queries(client, LIST, params)

    assert many == few


def test_a_stale_article_tells_readers_gently_with_the_last_check_in_wareki(client, coordinator):
    with time_machine.travel(datetime.datetime(2024, 5, 1, 10, tzinfo=datetime.UTC)):
        article = published(coordinator)

    detail = client.get(article.get_absolute_url()).content.decode()
    listed = client.get(LIST).content.decode()

    for html in (detail, listed):
        assert 'class="message message--warning stale-note"' in html
        assert '<time datetime="2024-05-01">令和6年5月1日</time>' in html


def test_a_fresh_article_has_no_note(client, coordinator):
    article = published(coordinator)

    assert "stale-note" not in client.get(article.get_absolute_url()).content.decode()


def test_the_article_shows_how_often_it_helped(client, coordinator, resident):
    article = published(coordinator)
    services.knowledge_used(article=article, by=coordinator)
    services.knowledge_used(article=article, by=coordinator, consultation=resident)

    html = client.get(article.get_absolute_url()).content.decode()

    assert re.search(r'class="knowledge-uses">[^<]*\b2\b', html)


def test_staff_see_the_latest_uses_and_readers_do_not(client, coordinator, resident):
    article = published(coordinator)
    services.knowledge_used(article=article, by=coordinator, reference="電話で予算書の相談")
    # Any record with a page stands for a consultation until the support app links its own.
    consultation = OrganisationFactory()
    services.knowledge_used(article=article, by=coordinator, consultation=consultation)

    public = client.get(article.get_absolute_url()).content.decode()
    client.force_login(coordinator)
    staff = client.get(article.get_absolute_url()).content.decode()

    assert "電話で予算書の相談" in staff
    assert f'href="{consultation.get_absolute_url()}"' in staff
    assert "電話で予算書の相談" not in public
    assert f'href="{consultation.get_absolute_url()}"' not in public


def test_an_article_never_used_says_nothing_about_uses(client, coordinator):
    article = published(coordinator)

    assert "knowledge-uses" not in client.get(article.get_absolute_url()).content.decode()


def test_htmx_gets_only_the_results_fragment(client, coordinator):
    published(coordinator, title="総会の開き方")

    response = client.get(LIST, {"q": "総会"}, headers={"HX-Request": "true"})

    html = response.content.decode()
    assert "<html" not in html
    assert 'id="results"' in html
    assert "総会の開き方" in html
    assert "HX-Request" in response["Vary"]


def test_the_body_is_shown_as_safe_markup_never_as_raw_html(client, coordinator):
    article = published(coordinator, body="## 手順\n<script>alert(1)</script>\n\n- 定款")

    html = client.get(article.get_absolute_url()).content.decode()

    assert "<h2>手順</h2>" in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<li>定款</li>" in html


def test_a_published_template_downloads_for_anyone_typed_by_content(client, coordinator):
    article = published(coordinator)
    attachment = services.article_attachment_add(
        article=article, file=upload("kiyaku.odt", odt(["第1条"])), title="規約", by=coordinator
    )

    response = client.get(reverse("knowledge:attachment", args=[attachment.pk]))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.oasis.opendocument.text"
    assert "attachment" in response["Content-Disposition"]


def test_a_drafts_template_is_not_found_by_strangers(client, coordinator, resident):
    article = draft(coordinator)
    attachment = services.article_attachment_add(
        article=article, file=upload("a.docx", docx(["x"])), title="規約", by=coordinator
    )
    client.force_login(resident)

    response = client.get(reverse("knowledge:attachment", args=[attachment.pk]))

    assert response.status_code == 404


def test_staff_list_marks_articles_past_their_review(client, coordinator):
    with time_machine.travel(datetime.datetime(2024, 5, 1, 10, tzinfo=datetime.UTC)):
        old = published(coordinator, title="古い記事")
    published(coordinator, title="新しい記事")
    client.force_login(coordinator)

    html = client.get(reverse("knowledge:manage")).content.decode()
    overdue = client.get(reverse("knowledge:manage"), {"stale": "on"}).content.decode()

    row = html.split("古い記事", 1)[1].split("</tr>", 1)[0]
    assert 'class="badge"' in row
    assert "新しい記事" in html
    assert old.title in overdue
    assert "新しい記事" not in overdue


def test_staff_search_finds_drafts_too(client, coordinator):
    draft(coordinator, title="書きかけの総会の記事", body="総会の議案書")
    published(coordinator, title="広報のこつ", body="チラシ")
    client.force_login(coordinator)

    html = client.get(reverse("knowledge:manage"), {"q": "議案書"}).content.decode()

    assert "書きかけの総会の記事" in html
    assert "広報のこつ" not in html


@pytest.mark.parametrize(
    ("persona", "status"),
    [("anonymous", 302), ("resident", 403), ("reviewer", 403), ("coordinator", 200)],
    indirect=["persona"],
)
def test_only_support_staff_open_the_staff_list_and_the_form(client, persona, status):
    if persona is not None:
        client.force_login(persona)

    assert client.get(reverse("knowledge:manage")).status_code == status
    assert client.get(reverse("knowledge:new")).status_code == status


def test_staff_write_an_article_through_the_form(client, coordinator):
    client.force_login(coordinator)

    response = client.post(
        reverse("knowledge:new"),
        {"title": "事業の棚卸し", "summary": "続ける事業を選ぶ。", "body": "表に書き出します。"},
    )

    article = Article.objects.get()
    assert response.status_code == 302
    assert response["Location"] == article.get_absolute_url()
    assert article.status == Article.Status.DRAFT


def test_a_bad_form_is_shown_again_with_the_error(client, coordinator):
    client.force_login(coordinator)

    response = client.post(reverse("knowledge:new"), {"title": "", "summary": "", "body": ""})

    assert response.status_code == 200
    assert 'class="errorlist' in response.content.decode()
    assert not Article.objects.exists()


def test_staff_add_a_template_on_the_files_page(client, coordinator):
    article = draft(coordinator)
    client.force_login(coordinator)
    url = reverse("knowledge:files", args=[article.pk])

    response = client.post(url, {"title": "規約のひな形", "file": upload("k.docx", docx(["x"]))})
    refused = client.post(url, {"title": "写真", "file": upload("k.txt", b"hello")})

    assert response.status_code == 302
    assert refused.status_code == 200
    assert 'class="errorlist' in refused.content.decode()
    assert list(article.attachments.values_list("title", flat=True)) == ["規約のひな形"]


def test_publish_then_count_a_use_through_the_buttons(client, coordinator):
    article = draft(coordinator)
    client.force_login(coordinator)

    client.post(reverse("knowledge:action", args=[article.pk, "publish"]))
    client.post(reverse("knowledge:action", args=[article.pk, "use"]), {"reference": "窓口"})

    article.refresh_from_db()
    assert article.status == Article.Status.PUBLISHED
    assert article.uses.get().reference == "窓口"


def test_an_unknown_action_is_not_found(client, coordinator):
    article = draft(coordinator)
    client.force_login(coordinator)

    assert client.post(reverse("knowledge:action", args=[article.pk, "delete"])).status_code == 404


@pytest.mark.parametrize("value", ["abc", "", "99999999999999999999"])
def test_removing_a_file_that_is_not_one_is_not_found_not_a_500(client, coordinator, value):
    article = published(coordinator, title="規約のひな形")
    client.force_login(coordinator)

    response = client.post(reverse("knowledge:files", args=[article.pk]), {"remove": value})

    assert response.status_code == 404
