"""Place names in the reader's language (issue 18): the romaji of the places data (Hepburn) on
English pages with the Japanese name beside it, the Japanese name and its reading otherwise."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation

from tsunagaru.core.models import District

pytestmark = pytest.mark.django_db


def test_a_place_is_named_in_romaji_in_english_and_in_japanese_otherwise():
    district = District.objects.get(slug="inase")
    with translation.override("en"):
        assert (district.label, district.area.label) == ("Inase", "Esashi")
    with translation.override("ja"):
        assert (district.label, district.area.label) == ("稲瀬", "江刺区")


def test_the_places_and_a_district_page_read_in_english(client):
    district = District.objects.get(slug="inase")
    client.cookies["tsunagaru_language"] = "en"
    places = client.get(reverse("core:places")).content.decode()
    page = client.get(reverse("community:district", args=[district.pk])).content.decode()

    assert 'Inase</a> <small lang="ja">(稲瀬)</small>' in places
    assert "<h1>Inase district</h1>" in page
    assert '<span lang="ja">(稲瀬)</span>' in page


def test_japanese_pages_keep_the_japanese_name_and_its_reading(client):
    places = client.get(reverse("core:places")).content.decode()
    assert "稲瀬</a> <small>(いなせ)</small>" in places


def test_choices_of_a_place_read_in_english(client):
    client.cookies["tsunagaru_language"] = "en"
    html = client.get(reverse("info:events")).content.decode()
    assert ">Esashi</option>" in html
    assert ">江刺区</option>" not in html
