"""Case pages: drafts are private, published cases public, facets as plain links."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from tsunagaru.cases import services
from tsunagaru.cases.models import Case
from tsunagaru.cases.tests.test_services import draft
from tsunagaru.core.tests.text import without_ruby
from tsunagaru.guideline.models import Form

pytestmark = pytest.mark.django_db


def published(partners, coordinator):
    inase, fireworks, author, other = partners
    case = draft(inase, author)
    services.case_submit(case=case, by=author)
    services.case_confirm(case=case, partner=case.partners.get(organisation=fireworks), by=other)
    services.case_publish(case=case, by=coordinator)
    return case


def test_a_draft_is_seen_by_its_authors_and_partners_only(client, partners, resident):
    inase, _fireworks, author, other = partners
    case = draft(inase, author)
    url = reverse("cases:detail", args=[case.pk])
    assert client.get(url).status_code == 404
    client.force_login(resident)
    assert client.get(url).status_code == 404
    client.force_login(other)  # a named partner may read what it will confirm
    assert client.get(url).status_code == 200
    client.force_login(author)
    assert client.get(url).status_code == 200


def test_find_the_fireworks_case_by_word_or_facet_and_reach_both_partners(
    client, partners, coordinator
):
    inase, fireworks, *_ = partners
    case = published(partners, coordinator)
    page = client.get(reverse("cases:list"), {"q": "花火"})
    assert list(page.context["page"].object_list) == [case]
    form = Form.objects.get(name="事業協力")
    page = client.get(reverse("cases:list"), {"form": form.pk})
    assert list(page.context["page"].object_list) == [case]
    assert f"?form={form.pk}" in page.content.decode()
    detail = client.get(case.get_absolute_url()).content.decode()
    assert inase.get_absolute_url() in detail
    assert fireworks.get_absolute_url() in detail
    assert "打ち上げの許可申請と安全管理" in detail  # who did what


def test_a_partner_confirms_and_staff_publish_through_the_pages(client, partners, coordinator):
    inase, fireworks, author, other = partners
    case = draft(inase, author)
    client.force_login(author)
    client.post(reverse("cases:action", args=[case.pk, "submit"]))
    client.force_login(other)
    partner = case.partners.get(organisation=fireworks)
    client.post(reverse("cases:action", args=[case.pk, "confirm"]), {"partner": partner.pk})
    client.force_login(coordinator)
    client.post(reverse("cases:action", args=[case.pk, "publish"]))
    case.refresh_from_db()
    assert case.status == Case.Status.PUBLISHED


def test_writing_a_case_in_the_form(client, partners):
    inase, fireworks, author, _other = partners
    client.force_login(author)
    data = {
        "title": "花火の打ち上げ",
        "summary": "初めての花火",
        "fiscal_year": "2020",
        "author_organisation": inase.pk,
        "partners-TOTAL_FORMS": "6",
        "partners-INITIAL_FORMS": "0",
        "partners-MIN_NUM_FORMS": "6",
        "partners-MAX_NUM_FORMS": "1000",
        "partners-0-name": "江刺藤里ファイヤーワークス",
        "partners-0-role": "安全管理",
        **{f"partners-{n}-name": "" for n in range(1, 6)},
        **{f"partners-{n}-role": "" for n in range(1, 6)},
    }
    response = client.post(reverse("cases:new"), data)
    case = Case.objects.get()
    assert response.status_code == 302
    assert case.author_organisation == inase
    assert case.partners.get().organisation == fireworks


def test_a_photo_needs_a_description_and_a_real_image(client, partners):
    inase, _fireworks, author, _other = partners
    case = draft(inase, author)
    client.force_login(author)
    buffer = io.BytesIO()
    Image.new("RGB", (10, 10), "red").save(buffer, "PNG")
    url = reverse("cases:photos", args=[case.pk])
    png = SimpleUploadedFile("p.png", buffer.getvalue(), content_type="image/png")
    response = client.post(url, {"image": png, "alt_text": ""})
    assert response.status_code == 200
    assert not case.photos.exists()
    fake = SimpleUploadedFile("p.png", b"not an image", content_type="image/png")
    client.post(url, {"image": fake, "alt_text": "花火"})
    assert not case.photos.exists()
    png = SimpleUploadedFile("p.png", buffer.getvalue(), content_type="image/png")
    client.post(url, {"image": png, "alt_text": "夜空に上がる花火"})
    assert case.photos.get().alt_text == "夜空に上がる花火"
    page = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert 'alt="夜空に上がる花火"' in page


def test_files_are_checked_by_content_and_shown_on_the_case(
    client, partners, coordinator, make_user, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.MEDIA_ROOT = tmp_path
    inase, _fireworks, author, _other = partners
    case = draft(inase, author)
    url = reverse("cases:files", args=[case.pk])
    client.force_login(make_user(email="stranger@example.jp"))
    assert client.get(url).status_code == 403
    client.force_login(author)

    def post(name: str, content: bytes, title: str = "予算書"):
        upload = SimpleUploadedFile(name, content, content_type="application/pdf")
        return client.post(url, {"file": upload, "title": title})

    pretend = post("budget.pdf", b"just some text, not a PDF")
    assert pretend.context["form"].errors.as_data()["file"][0].code == "invalid_document"
    too_big = post("big.pdf", b"%PDF-1.4\n" + b"0" * 10 * 1024 * 1024)
    assert too_big.context["form"].errors.as_data()["file"][0].code == "file_too_large"
    assert not case.attachments.exists()

    assert post("budget.pdf", b"%PDF-1.4\n%%EOF\n").status_code == 302
    office = io.BytesIO()
    with zipfile.ZipFile(office, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<document/>")
    assert post("plan.docx", office.getvalue(), title="実施計画").status_code == 302
    assert [a.title for a in case.attachments.all()] == ["予算書", "実施計画"]

    services.case_submit(case=case, by=author)
    services.case_confirm(case=case, partner=case.partners.get(organisation=_fireworks), by=_other)
    services.case_publish(case=case, by=coordinator)
    client.logout()
    page = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert "予算書" in page
    served = reverse("cases:attachment", args=[case.attachments.first().pk])
    assert f'href="{served}"' in page
    assert client.get(served).status_code == 200

    services.case_unpublish(case=case, reason="ファイルの差し替え", by=coordinator)
    client.force_login(author)
    stored = case.attachments.get(title="予算書")
    path = Path(stored.file.path)
    assert path.exists()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"remove": stored.pk})
    assert not case.attachments.filter(pk=stored.pk).exists()
    assert not path.exists()


def test_the_case_list_query_count_does_not_grow_with_cases(
    client, partners, coordinator, django_assert_max_num_queries
):
    from django.core.cache import caches

    published(partners, coordinator)
    client.get(reverse("cases:list"))
    caches["local"].clear()  # facets counted afresh both times
    with django_assert_max_num_queries(25) as first:
        client.get(reverse("cases:list"))
    # Four more published cases: the list must not query per case.
    for n in range(4):
        case = services.case_save(
            case=None,
            data={"title": f"事例{n}", "summary": "s", "fiscal_year": 2021},
            partners=[{"name": "地元の会"}],
            by=coordinator,
        )
        services.case_submit(case=case, by=coordinator)
        services.case_publish(case=case, by=coordinator)
    caches["local"].clear()
    with django_assert_max_num_queries(len(first.captured_queries)):
        client.get(reverse("cases:list"))


def test_facet_counts_follow_a_new_publication_at_once(client, partners, coordinator):
    published(partners, coordinator)
    assert client.get(reverse("cases:list")).context["page"].paginator.count == 1
    case = services.case_save(
        case=None,
        data={"title": "新しい事例", "summary": "s", "fiscal_year": 2022},
        partners=[{"name": "地元の会"}],
        by=coordinator,
    )
    services.case_submit(case=case, by=coordinator)
    services.case_publish(case=case, by=coordinator)
    facets = dict(
        (f.name, f.options) for f, _links in client.get(reverse("cases:list")).context["facets"]
    )
    assert (2022, "令和4年度", 1) in facets["fiscal_year"]


def test_guideline_and_group_pages_list_their_cases(client, partners, coordinator):
    inase, *_ = partners
    case = published(partners, coordinator)
    form = Form.objects.get(name="事業協力")
    page = client.get(reverse("guideline:form", args=[form.number])).content.decode()
    assert case.title in page
    assert case.title in client.get(inase.get_absolute_url()).content.decode()


def test_the_atom_feed_lists_published_cases_only(client, partners, coordinator):
    inase, _fireworks, author, _other = partners
    case = published(partners, coordinator)
    draft_case = services.case_save(
        case=None,
        data={"title": "まだ下書きの事例", "summary": "s", "fiscal_year": 2021},
        partners=[{"name": "地元の会"}],
        by=author,
        author_organisation=inase,
    )
    response = client.get(reverse("cases:feed"))
    body = response.content.decode()
    assert response["Content-Type"].startswith("application/atom+xml")
    assert case.title in body
    assert draft_case.title not in body


def test_staff_make_a_pdf_booklet_with_japanese_fonts_embedded(
    client, partners, coordinator, settings, django_capture_on_commit_callbacks
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    case = published(partners, coordinator)
    _inase, _fireworks, author, _other = partners
    client.force_login(author)
    assert client.get(reverse("cases:booklet")).status_code == 403
    client.force_login(coordinator)
    page = client.get(reverse("cases:booklet"), {"q": "花火"})
    assert page.context["count"] == 1
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("cases:booklet"), {"q": "花火"})
    from tsunagaru.core.models import Job

    job = Job.objects.get(kind="cases.booklet")
    assert response.url == job.get_absolute_url()
    job.refresh_from_db()
    assert job.status == Job.Status.SUCCEEDED
    download = client.get(reverse("core:job_download", args=[job.pk]))
    content = b"".join(download.streaming_content)
    assert content.startswith(b"%PDF")
    assert b"Noto-Sans-CJK-JP" in _pdf_objects(content)  # the Japanese font is embedded
    printable = client.get(reverse("cases:booklet_print"), {"q": "花火"}).content.decode()
    assert case.title in printable
    assert f'href="#case-{case.pk}"' in printable  # the table of contents


def _pdf_objects(pdf: bytes) -> bytes:
    """The PDF with its compressed streams inflated, to look for font names."""
    import re
    import zlib

    parts = [pdf]
    for stream in re.findall(rb"stream\r?\n(.*?)\r?\nendstream", pdf, flags=re.DOTALL):
        try:
            parts.append(zlib.decompress(stream))
        except zlib.error:
            continue
    return b"".join(parts)


def test_similar_cases_load_after_the_page_or_as_their_own_page(client, partners, coordinator):
    case = published(partners, coordinator)
    other = services.case_save(
        case=None,
        data={
            "title": "隣の地区の花火大会",
            "summary": "花火の打ち上げ",
            "fiscal_year": 2021,
            "forms": [Form.objects.get(name="事業協力")],
        },
        partners=[{"name": "地元の会"}],
        by=coordinator,
    )
    services.case_submit(case=other, by=coordinator)
    services.case_publish(case=other, by=coordinator)
    detail = client.get(case.get_absolute_url()).content.decode()
    url = reverse("cases:similar", args=[case.pk])
    assert f'hx-get="{url}"' in detail
    assert f'href="{url}"' in detail  # without JavaScript, a link
    fragment = client.get(url, headers={"HX-Request": "true"}).content.decode()
    assert other.title in fragment
    assert "<html" not in fragment
    assert "<h1>" in client.get(url).content.decode()


def test_facet_counts_of_model_cases_follow_the_model_mark_at_once(client, partners, coordinator):
    case = published(partners, coordinator)

    def years() -> list:
        response = client.get(reverse("cases:list"), {"model": "1"})
        return dict((f.name, f.options) for f, _links in response.context["facets"]).get(
            "fiscal_year", []
        )

    assert years() == []
    services.case_mark_model(case=case, is_model=True, by=coordinator)
    assert years() == [(2020, "令和2年度", 1)]
    services.case_mark_model(case=case, is_model=False, by=coordinator)
    assert years() == []


def test_the_case_page_names_its_domain_type_and_programme(client, partners):
    from tsunagaru.guideline.models import CollaborationType, Domain, Program

    inase, _fireworks, author, _other = partners
    program = Program.objects.get(name="市民提案型協働支援事業補助金制度の運用")
    case = draft(
        inase,
        author,
        domain=Domain.objects.get(code="B"),
        collaboration_type=CollaborationType.objects.get(number=2),
        program=program,
    )
    client.force_login(author)

    page = client.get(reverse("cases:detail", args=[case.pk])).content.decode()

    assert Domain.objects.get(code="B").label in page
    assert CollaborationType.objects.get(number=2).label in page
    assert program.label in page


@pytest.mark.parametrize(
    ("language", "label"),
    [("ja", "令和2年度"), ("ja-easy", "令和2年度"), ("en", "FY2020 (Reiwa 2)")],
)
def test_the_fiscal_year_filter_is_named_by_its_year_in_the_readers_calendar(
    client, partners, coordinator, language, label
):
    published(partners, coordinator)  # a case of 2020
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language

    html = client.get(reverse("cases:list"), {"fiscal_year": "2020"}).content.decode()

    chip = without_ruby(html.split('class="tag"', 1)[1].split("</a>", 1)[0])
    assert label in chip
    assert ">2020<" not in html


def test_the_case_form_offers_fiscal_years_by_name(client, partners):
    _inase, _fireworks, author, _other = partners
    client.force_login(author)

    html = client.get(reverse("cases:new")).content.decode()

    assert '<option value="2020">令和2年度</option>' in html
    assert 'type="number" name="fiscal_year"' not in html


def test_only_those_who_may_write_a_case_see_the_link(client, partners, resident):
    _inase, _fireworks, author, _other = partners
    client.force_login(resident)
    assert reverse("cases:new") not in client.get(reverse("cases:list")).content.decode()
    assert client.get(reverse("cases:new")).status_code == 403

    client.force_login(author)
    assert reverse("cases:new") in client.get(reverse("cases:list")).content.decode()


@pytest.mark.parametrize("page", ["cases:photos", "cases:files"])
def test_removing_something_that_is_not_a_number_is_not_found_not_a_500(client, partners, page):
    inase, _fireworks, author, _other = partners
    case = draft(inase, author)
    client.force_login(author)

    response = client.post(reverse(page, args=[case.pk]), {"remove": "abc"})

    assert response.status_code == 404
