"""Furigana on pages (core.furigana): on by default in やさしい日本語, off in Japanese, switched
by each reader and kept in the reading cookie; readings over the body's texts only, with the
places data's readings; scripts, form fields and the head untouched."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tsunagaru.core.furigana import add_ruby
from tsunagaru.core.models import District

pytestmark = pytest.mark.django_db

RUBY = '<ruby>稲瀬<rp>(</rp><rt aria-hidden="true">いなせ</rt><rp>)</rp></ruby>'


def district_page(client):
    return client.get(
        reverse("community:district", args=[District.objects.get(slug="inase").pk])
    ).content.decode()


def test_easy_japanese_has_furigana_by_default_and_japanese_has_none(client):
    assert RUBY not in district_page(client)
    client.cookies["tsunagaru_language"] = "ja-easy"
    page = district_page(client)
    assert RUBY in page
    assert "<title>稲瀬" in page  # the title (and all of <head>) is left as it is


def test_a_reader_switches_furigana_on_in_japanese_and_off_in_easy_japanese(client):
    client.post(reverse("core:reading"), {"furigana": "on", "next": "/"})
    assert RUBY in district_page(client)
    client.cookies["tsunagaru_language"] = "ja-easy"
    client.post(reverse("core:reading"), {"furigana": "off", "next": "/"})
    assert RUBY not in district_page(client)


def test_the_places_data_gives_oshus_readings():
    # Sudachi alone reads 真城 まき; the places data says しんじょう.
    assert '<ruby>真城<rp>(</rp><rt aria-hidden="true">しんじょう</rt>' in add_ruby(
        "<body><p>真城地区</p></body>"
    )


def test_only_texts_of_the_body_change():
    page = (
        "<html><head><title>協働</title></head><body>"
        '<p title="協働">協働 &amp; 参加</p><script>var a = "協働";</script>'
        "<textarea>協働</textarea><select><option>協働</option></select></body></html>"
    )
    result = add_ruby(page)
    assert "<title>協働</title>" in result
    assert '<p title="協働"><ruby>協働' in result
    assert "&amp; <ruby>参加" in result
    assert 'var a = "協働";' in result
    assert "<textarea>協働</textarea>" in result
    assert "<option>協働</option>" in result
