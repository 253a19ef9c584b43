"""The knowledge base's workflow: drafts, publication with a yearly review, archive and
restore, templates as checked files, and the count of uses — each change audited and the
search index kept in step."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError

from tsunagaru.audit.models import AuditEvent
from tsunagaru.core.tests.pictures import PDF_BYTES, office, picture, upload
from tsunagaru.core.uploads import ODT, sniff, validate_document
from tsunagaru.knowledge import selectors, services
from tsunagaru.knowledge.models import Article, ArticleUse
from tsunagaru.knowledge.template_files import docx, odt, xlsx
from tsunagaru.knowledge.tests.factories import draft, published
from tsunagaru.search.selectors import search_ids
from tsunagaru.support.models import Topic

pytestmark = pytest.mark.django_db


def found(query: str, *, public_only: bool = True) -> list[int]:
    return [h.object_id for h in search_ids(model=Article, query=query, public_only=public_only)]


def actions(article: Article) -> list[str]:
    return list(
        AuditEvent.objects.filter(target_id=str(article.pk), action__startswith="knowledge.")
        .order_by("pk")
        .values_list("action", flat=True)
    )


def test_the_topics_are_seeded_with_stable_codes():
    assert list(Topic.objects.values_list("code", "name")) == [
        ("founding", "団体の立ち上げ"),
        ("npo", "NPO法人化"),
        ("accounting", "会計・税務"),
        ("grants", "補助金・助成金"),
        ("publicity", "広報"),
        ("people", "人材"),
        ("inventory", "事業の棚卸し"),
        ("partners", "協働の相手探し"),
        ("other", "その他"),
    ]


def test_a_new_article_is_an_audited_draft_found_only_by_staff_search(coordinator):
    article = draft(coordinator)

    assert article.status == Article.Status.DRAFT
    assert list(article.topics.values_list("code", flat=True)) == ["npo"]
    assert actions(article) == ["knowledge.create"]
    assert found("定款") == []
    assert found("定款", public_only=False) == [article.pk]


def test_publishing_makes_it_searchable_and_counts_as_the_first_review(coordinator):
    with time_machine.travel(datetime.datetime(2026, 4, 1, 10, tzinfo=datetime.UTC)):
        article = published(coordinator)

    article.refresh_from_db()
    assert article.status == Article.Status.PUBLISHED
    assert article.reviewed_on == datetime.date(2026, 4, 1)
    assert article.review_due == datetime.date(2027, 4, 1)
    assert article.reviewed_by == coordinator
    assert found("設立趣旨書") == [article.pk]
    assert actions(article) == ["knowledge.create", "knowledge.publish"]


def test_an_article_is_stale_only_after_its_review_is_due(coordinator):
    with time_machine.travel(datetime.datetime(2026, 4, 1, 10, tzinfo=datetime.UTC)):
        article = published(coordinator)

    assert not article.is_stale_on(datetime.date(2027, 4, 1))
    assert article.is_stale_on(datetime.date(2027, 4, 2))


def test_marking_reviewed_moves_the_next_review_a_year_from_that_day(coordinator, city_staff):
    with time_machine.travel(datetime.datetime(2025, 4, 1, 10, tzinfo=datetime.UTC)):
        article = published(coordinator)

    with time_machine.travel(datetime.datetime(2026, 6, 10, 10, tzinfo=datetime.UTC)):
        services.article_mark_reviewed(article=article, by=city_staff)

    article.refresh_from_db()
    assert article.reviewed_on == datetime.date(2026, 6, 10)
    assert article.review_due == datetime.date(2027, 6, 10)
    assert article.reviewed_by == city_staff
    event = AuditEvent.objects.get(action="knowledge.review")
    assert event.before["review_due"] == "2026-04-01"
    assert event.after["review_due"] == "2027-06-10"


def test_marking_reviewed_refuses_an_article_archived_meanwhile(coordinator):
    article = published(coordinator)
    stale_copy = Article.objects.get(pk=article.pk)
    services.article_archive(article=article, by=coordinator)

    with pytest.raises(ValidationError) as error:
        services.article_mark_reviewed(article=stale_copy, by=coordinator)

    assert error.value.code == "invalid_transition"
    assert not AuditEvent.objects.filter(action="knowledge.review").exists()


def test_archiving_takes_it_out_of_public_search_and_restoring_makes_a_draft(coordinator):
    article = published(coordinator)

    services.article_archive(article=article, by=coordinator)
    assert found("定款") == []

    services.article_restore(article=article, by=coordinator)
    article.refresh_from_db()
    assert article.status == Article.Status.DRAFT
    assert actions(article)[-2:] == ["knowledge.archive", "knowledge.restore"]


def test_a_move_not_in_the_table_is_refused(coordinator):
    article = draft(coordinator)

    with pytest.raises(ValidationError) as error:
        services.article_archive(article=article, by=coordinator)

    assert error.value.code == "invalid_transition"
    assert Article.objects.get(pk=article.pk).status == Article.Status.DRAFT


def test_publishing_twice_from_two_stale_pages_is_refused_once(coordinator):
    article = draft(coordinator)
    stale_copy = Article.objects.get(pk=article.pk)
    services.article_publish(article=article, by=coordinator)

    with pytest.raises(ValidationError) as error:
        services.article_publish(article=stale_copy, by=coordinator)

    assert error.value.code == "invalid_transition"
    assert AuditEvent.objects.filter(action="knowledge.publish").count() == 1


def test_a_published_article_is_changed_and_reindexed(coordinator):
    article = published(coordinator)

    services.article_save(
        article=article,
        data={"body": "## 総会の開き方\n議案書を二週間前に配ります。", "topics": []},
        by=coordinator,
    )

    assert found("議案書") == [article.pk]
    assert found("設立趣旨書") == []
    assert actions(article)[-1] == "knowledge.update"


def test_an_archived_article_is_not_changed(coordinator):
    article = published(coordinator)
    services.article_archive(article=article, by=coordinator)

    with pytest.raises(ValidationError) as error:
        services.article_save(article=article, data={"title": "新しい題"}, by=coordinator)

    assert error.value.code == "archived"
    assert Article.objects.get(pk=article.pk).title == "NPO法人の設立手続き"


@pytest.mark.parametrize(
    ("title", "body", "field"), [("一行目\n二行目", "本文", "title"), ("題", "", "body")]
)
def test_a_title_on_two_lines_or_an_empty_body_is_refused_and_nothing_saved(
    coordinator, title, body, field
):
    with pytest.raises(ValidationError) as error:
        draft(coordinator, title=title, body=body)

    assert set(error.value.error_dict) == {field}
    assert not Article.objects.exists()
    assert not AuditEvent.objects.filter(action="knowledge.create").exists()


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("規約のひな形.docx", docx(["第1条 この会は、〇〇会という。"])),
        ("会計報告.xlsx", xlsx("会計報告", [["科目", "予算", "決算"], ["会費", 30000, 28000]])),
        ("規約のひな形.odt", odt(["第1条 この会は、〇〇会という。"])),
        ("手引き.pdf", PDF_BYTES),
    ],
)
def test_templates_are_accepted_as_word_excel_opendocument_or_pdf(coordinator, name, content):
    article = draft(coordinator)

    attachment = services.article_attachment_add(
        article=article, file=upload(name, content), title="ひな形", by=coordinator
    )

    assert attachment.file.name.endswith(name.rsplit(".", 1)[1])
    assert actions(article)[-1] == "knowledge.attachment_add"


@pytest.mark.parametrize(
    ("name", "content", "code"),
    [
        ("写真.png", picture(), "invalid_document"),
        ("説明.pptx", office("pptx"), "invalid_document"),
        ("規約.odt", odt(["x"], macros=True), "macro"),
        ("規約.docx", odt(["x"]), "name_mismatch"),
        ("規約.odt.exe", odt(["x"]), "name_mismatch"),
    ],
)
def test_other_files_are_refused_with_a_clear_code(coordinator, name, content, code):
    article = draft(coordinator)

    with pytest.raises(ValidationError) as error:
        services.article_attachment_add(
            article=article, file=upload(name, content), title="ひな形", by=coordinator
        )

    assert error.value.code == code
    assert not article.attachments.exists()


def test_a_file_needs_a_title(coordinator):
    article = draft(coordinator)

    with pytest.raises(ValidationError) as error:
        services.article_attachment_add(
            article=article, file=upload("a.pdf", PDF_BYTES), title="  ", by=coordinator
        )

    assert error.value.code == "title_required"


def test_removing_a_file_is_audited(coordinator):
    article = draft(coordinator)
    attachment = services.article_attachment_add(
        article=article, file=upload("a.pdf", PDF_BYTES), title="手引き", by=coordinator
    )

    services.article_attachment_remove(attachment=attachment, by=coordinator)

    assert not article.attachments.exists()
    assert actions(article)[-1] == "knowledge.attachment_remove"


def test_each_use_counts_and_one_consultation_counts_once(coordinator, resident):
    article = published(coordinator)
    # Any saved object can stand for the consultation until the support app links its own.
    consultation = resident

    services.knowledge_used(article=article, by=coordinator, reference="電話相談")
    first = services.knowledge_used(article=article, by=coordinator, consultation=consultation)
    again = services.knowledge_used(article=article, by=coordinator, consultation=consultation)

    assert first.pk == again.pk
    assert ArticleUse.objects.filter(article=article).count() == 2
    assert first.object_id == resident.pk
    assert AuditEvent.objects.filter(action="knowledge.use").count() == 2


def test_a_draft_is_not_counted_as_used(coordinator):
    article = draft(coordinator)

    with pytest.raises(ValidationError) as error:
        services.knowledge_used(article=article, by=coordinator)

    assert error.value.code == "not_published"
    assert not ArticleUse.objects.exists()


def test_other_apps_still_refuse_opendocument_files():
    # OpenDocument is accepted where an app names it (the knowledge base's templates); the
    # case library and the proposal table keep their list.
    with pytest.raises(ValidationError) as error:
        validate_document(upload("規約.odt", odt(["x"])))

    assert error.value.code == "invalid_document"
    assert sniff(upload("規約.odt", odt(["x"]))) == ODT


def test_a_consultation_lists_the_published_articles_that_helped_it(coordinator, resident):
    used = published(coordinator, title="総会の開き方")
    archived = published(coordinator, title="古い手引き")
    published(coordinator, title="使われていない記事")
    consultation = resident  # any saved object stands for it until the support app links
    services.knowledge_used(article=used, by=coordinator, consultation=consultation)
    services.knowledge_used(article=archived, by=coordinator, consultation=consultation)
    services.article_archive(article=archived, by=coordinator)

    assert list(selectors.articles_used_by(consultation)) == [used]
