import pytest
from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation

from tsunagaru.core import views
from tsunagaru.core.tests.text import without_ruby

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("accept_language", "lang", "heading"),
    [
        ("", "ja", "つながる"),
        ("ja", "ja", "つながる"),
        ("en", "en", "Tsunagaru"),
    ],
)
def test_home_page_speaks_the_visitors_language_with_japanese_by_default(
    client, accept_language, lang, heading
):
    response = client.get(reverse("core:home"), HTTP_ACCEPT_LANGUAGE=accept_language)

    html = response.content.decode()
    assert response.status_code == 200
    assert f'<html lang="{lang}">' in html
    assert heading in html


def test_easy_japanese_is_chosen_by_cookie_and_is_still_lang_ja(client, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ja-easy"

    response = client.get(reverse("core:home"))

    html = response.content.decode()
    assert '<html lang="ja">' in html
    # やさしい日本語 has furigana by default: the words are read without their readings.
    assert (
        '<span class="language-switcher__current" aria-current="true">やさしい日本語</span>'
        in without_ruby(html)
    )
    assert "<rt" in html


def test_language_switcher_works_without_javascript(client, settings):
    response = client.post(reverse("set_language"), {"language": "en", "next": "/places/"})

    assert response.status_code == 302
    assert response["Location"] == "/places/"
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"


def test_page_has_skip_link_landmarks_and_navigation(client):
    html = client.get(reverse("core:home")).content.decode()

    assert 'class="skip-link" href="#main"' in html
    assert '<main id="main"' in html
    assert "<nav" in html
    assert "<footer" in html


def test_places_lists_every_area_and_the_districts_the_guideline_names(client):
    response = client.get(reverse("core:places"))

    html = response.content.decode()
    for name in ["水沢区", "江刺区", "前沢区", "胆沢区", "衣川区"]:
        assert name in html
    for district in [
        "稲瀬",
        "藤里",
        "米里",
        "伊手",
        "姉体",
        "前沢",
        "北股",
        "白山",
        "真城",
        "生母",
    ]:
        assert district in html


def test_every_district_on_places_links_to_its_page_and_each_area_to_its_groups(client):
    import re

    from tsunagaru.core.models import District

    html = client.get(reverse("core:places")).content.decode()

    for district in District.objects.filter(is_active=True):
        link = reverse("community:district", args=[district.pk])
        assert f'<a href="{link}">{district.name}</a>' in html
    links = re.findall(r'href="(/community/\d+/)"', html)
    assert links
    assert client.get(links[0]).status_code == 200
    assert "/partners/?area=" in html


def test_places_page_makes_two_queries_however_many_districts(client, django_assert_num_queries):
    client.get(reverse("core:places"))  # session, language, content-type and municipality caches
    with django_assert_num_queries(2):  # areas, districts
        client.get(reverse("core:places"))


def test_a_renamed_municipality_shows_at_once_despite_the_cache(client, administrator):
    from tsunagaru.core import services
    from tsunagaru.core.models import Municipality

    client.get(reverse("core:places"))  # the name is now cached
    municipality = Municipality.objects.get()
    municipality.name = "奥州市役所テスト"
    services.place_save(place=municipality, by=administrator)
    assert "奥州市役所テスト" in client.get(reverse("core:places")).content.decode()


def test_healthz_answers_ok_when_the_database_does(client):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json()["status"] == "ok"
    assert response.json()["database"] == "ok"


def test_healthz_says_when_no_matching_index_is_stored_yet(client, db):
    assert client.get("/healthz").json()["matching_index"] is None


def test_healthz_reports_the_matching_index_version_and_age(client, db):
    from tsunagaru.matching import index, services

    last = services.index_change_record(kind="glossary")
    index.build()

    report = client.get("/healthz").json()["matching_index"]

    assert report["version"] == last.pk  # the last change the stored index contains
    assert 0 <= report["age_seconds"] < 60
    assert report["groups"] == 0


def test_healthz_answers_503_when_the_database_does_not(client, monkeypatch):
    # The outside world fails here, not our code: the database connection is cut.
    from django.db import connection

    def broken_cursor(*args, **kwargs):
        raise OSError("connection refused")

    monkeypatch.setattr(connection, "cursor", broken_cursor)

    response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json()["database"] == "unreachable"


def test_robots_txt_keeps_private_pages_out_of_search_engines(client):
    response = client.get("/robots.txt")

    assert response["Content-Type"].startswith("text/plain")
    body = response.content.decode()
    assert "Disallow: /accounts/" in body
    assert "Disallow: /audit/" in body


@pytest.mark.parametrize("language", ["ja", "en", "ja-easy"])
@pytest.mark.parametrize(
    ("handler", "status"),
    [
        (views.bad_request, 400),
        (views.permission_denied, 403),
        (views.page_not_found, 404),
        (views.csrf_failure, 403),
    ],
)
def test_error_pages_render_in_every_language(rf: RequestFactory, handler, status, language):
    from django.contrib.auth.models import AnonymousUser

    request = rf.get("/x")
    request.user = AnonymousUser()
    with translation.override(language):
        response = handler(request)

    assert response.status_code == status
    html = response.content.decode()
    assert '<main id="main"' in html
    assert 'href="/"' in html


@pytest.mark.parametrize(("language", "lang"), [("ja", "ja"), ("en", "en"), ("ja-easy", "ja")])
def test_server_error_page_needs_neither_request_context_nor_database(
    rf: RequestFactory, language, lang, django_assert_num_queries
):
    with translation.override(language), django_assert_num_queries(0):
        response = views.server_error(rf.get("/x"))

    assert response.status_code == 500
    assert f'<html lang="{lang}">' in response.content.decode()


def test_unknown_address_gets_the_404_page(client, settings):
    settings.DEBUG = False

    response = client.get("/no-such-page/", HTTP_ACCEPT_LANGUAGE="ja")

    assert response.status_code == 404
    assert '<main id="main"' in response.content.decode()
