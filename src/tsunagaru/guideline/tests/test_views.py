import json

import pytest
from django.core.management import call_command
from django.urls import reverse

pytestmark = pytest.mark.django_db

PAGES = [
    ("guideline:index", []),
    ("guideline:why", []),
    ("guideline:what", []),
    ("guideline:rules", []),
    ("guideline:principle", [3]),
    ("guideline:methods", []),
    ("guideline:domain", ["C"]),
    ("guideline:form", [4]),
    ("guideline:field", [6]),
    ("guideline:measures", []),
]


@pytest.mark.parametrize("language", ["ja", "en", "ja-easy"])
@pytest.mark.parametrize(("name", "args"), PAGES)
def test_every_guideline_page_renders_in_every_language(client, settings, name, args, language):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language

    response = client.get(reverse(name, args=args))

    assert response.status_code == 200
    assert "<h1>" in response.content.decode()


def test_rules_page_lists_the_six_principles_in_order(client):
    html = client.get(reverse("guideline:rules")).content.decode()

    positions = [
        html.index(name)
        for name in [
            "目的・目標の共有",
            "相互理解",
            "対等な関係",
            "責任と役割分担",
            "公開性・透明性",
            "相互評価",
        ]
    ]
    assert positions == sorted(positions)


def test_measures_page_shows_each_program_with_its_status(client):
    html = client.get(reverse("guideline:measures"), HTTP_ACCEPT_LANGUAGE="ja").content.decode()

    assert "協働の提案テーブル制度の運用" in html
    assert "地区づくり活動拠点施設管理の適正化" in html
    assert html.count('class="status status--new"') == 9
    assert html.count('class="status status--continued"') == 12
    assert html.count('class="status status--revised"') == 11


def test_english_pages_show_the_english_names(client):
    html = client.get(
        reverse("guideline:form", args=[1]), HTTP_ACCEPT_LANGUAGE="en"
    ).content.decode()

    assert "Co-hosting" in html


def test_form_page_lists_its_examples(client):
    html = client.get(reverse("guideline:form", args=[8])).content.decode()

    assert "指定管理者制度" in html
    assert "<li>地区センター指定管理事業</li>" in html


def test_unknown_items_are_404(client):
    assert client.get(reverse("guideline:form", args=[10])).status_code == 404
    assert client.get(reverse("guideline:domain", args=["Z"])).status_code == 404


def test_an_older_edition_can_be_chosen_and_says_so(client):
    html = client.get(reverse("guideline:rules"), {"edition": "stage1"}).content.decode()

    assert "message--warning" in html


def test_measures_page_queries_do_not_grow_with_measures(client, django_assert_max_num_queries):
    client.get(reverse("guideline:measures"))
    with django_assert_max_num_queries(8):
        client.get(reverse("guideline:measures"))


def test_export_command_prints_the_documented_structure(capsys):
    call_command("export_guideline")

    document = json.loads(capsys.readouterr().out)
    assert document["edition"]["name"] == "第3ステージ"
    assert document["principles"][0] == {"number": 1, "name": "目的・目標の共有"}
    assert document["domains"][0] == {"code": "A", "name": "市民単独"}
    assert document["forms"][0] == {"number": 1, "name": "共催"}
    assert len(document["suitable_fields"]) == 6
    first_pillar = document["pillars"][0]
    assert first_pillar["name"] == "多様な主体間の協働推進"
    assert first_pillar["measures"][0]["code"] == "ア"
    assert first_pillar["measures"][0]["name"] == "協働の担い手育成の強化"
    assert first_pillar["measures"][0]["programs"][0] == {
        "name": "協働のまちづくりアカデミー（初級編）開講事業",
        "status": "見直し",
    }
    programs = [g for p in document["pillars"] for m in p["measures"] for g in m["programs"]]
    assert len(programs) == 32


def test_api_serves_the_same_document_to_anyone(client, capsys):
    call_command("export_guideline")
    exported = json.loads(capsys.readouterr().out)

    response = client.get("/api/guideline")

    assert response.status_code == 200
    assert response.json() == exported


def test_export_of_an_unknown_edition_is_an_error():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("export_guideline", edition="stage9")


def test_the_api_publishes_an_openapi_schema(client):
    schema = client.get("/api/openapi.json").json()

    assert "/api/guideline" in schema["paths"]


def _visible_paragraphs(html: str) -> list[str]:
    import re

    return [p for p in re.findall(r"<p>(.*?)</p>", html, flags=re.S) if p.strip()]


def test_why_page_shows_the_guidelines_text_of_situations_and_effects(client):
    html = client.get(reverse("guideline:why"), HTTP_ACCEPT_LANGUAGE="ja").content.decode()

    # Headings with their titles, typed in from 本編 I of the guideline.
    assert "(1) 地方分権の進展" in html
    assert "(3) 行財政改革への対応" in html
    assert "(3) 地域における自治力の向上" in html
    # The body text, paragraph by paragraph.
    assert "<p>当市においても、自己決定と自己責任の原則により" in html
    assert "公共的なサービスの新たな協働の担い手となることにより" in html
    assert "地域コミュニティが生まれ、地域全体として総合力が向上していきます。</p>" in html
    assert len(_visible_paragraphs(html)) >= 3 * 3 + 1 + 2 + 2


def test_why_page_in_english_shows_the_english_text(client):
    html = client.get(reverse("guideline:why"), HTTP_ACCEPT_LANGUAGE="en").content.decode()

    assert "(1) Progress of decentralisation" in html
    assert "Decentralisation reforms let the municipality" in html
    assert "the area as a whole becomes stronger" in html


def test_what_page_shows_the_definition_of_collaboration(client):
    html = client.get(reverse("guideline:what"), HTTP_ACCEPT_LANGUAGE="ja").content.decode()

    assert "互いの自主性を尊重しつつ、それぞれの役割と責任に基づき、対等な立場で" in html
