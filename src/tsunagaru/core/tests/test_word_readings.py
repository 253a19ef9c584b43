"""The furigana dictionary (issue 18): staff add the readings Sudachi gets wrong, the service
refuses a reading that does not read its word, every change is audited, and pages use it."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from tsunagaru.audit.models import AuditEvent
from tsunagaru.core import furigana, services
from tsunagaru.core.models import WordReading

pytestmark = pytest.mark.django_db

TEMPLE = '<ruby>黒石寺<rp>(</rp><rt aria-hidden="true">こくせきじ</rt>'


@pytest.fixture(autouse=True)
def _pages_forget_the_dictionary():
    # The pages' table lives in the process: read it again once the test's rows are gone.
    yield
    furigana.refresh()


def codes(error: ValidationError) -> set[str]:
    return {e.code for errors in error.error_dict.values() for e in errors}


def test_a_word_added_is_read_as_written_on_every_page(city_staff):
    assert "くろいし" in furigana.add_ruby("<body><p>黒石寺蘇民祭</p></body>")
    services.word_reading_save(entry=None, surface="黒石寺", reading="こくせきじ", by=city_staff)
    assert TEMPLE in furigana.add_ruby("<body><p>黒石寺蘇民祭</p></body>")


def test_katakana_and_full_width_input_is_kept_as_hiragana(city_staff):
    entry = services.word_reading_save(
        entry=None,
        surface=" 原体剣舞 ",
        reading="ハラタイ ケンバイ",
        note="郷土芸能",
        by=city_staff,
    )
    assert (entry.surface, entry.reading) == ("原体剣舞", "はらたいけんばい")


@pytest.mark.parametrize(
    ("surface", "reading", "code"),
    [
        ("取り組み", "とくみ", "reading_mismatch"),  # the り of the word is missing
        ("黒石寺", "kokusekiji", "reading_mismatch"),
        ("黒石寺", "", "reading_mismatch"),
        ("ひらがな", "ひらがな", "no_kanji"),
    ],
)
def test_a_reading_that_does_not_read_the_word_is_refused(city_staff, surface, reading, code):
    with pytest.raises(ValidationError) as caught:
        services.word_reading_save(entry=None, surface=surface, reading=reading, by=city_staff)
    assert codes(caught.value) == {code}
    assert not WordReading.objects.exists()
    assert not AuditEvent.objects.filter(action="word_reading.create").exists()


def test_the_same_word_twice_is_refused_and_the_first_kept(city_staff):
    services.word_reading_save(entry=None, surface="黒石寺", reading="こくせきじ", by=city_staff)
    with pytest.raises(ValidationError) as caught:
        services.word_reading_save(
            entry=None, surface="黒石寺", reading="くろいしでら", by=city_staff
        )
    assert codes(caught.value) == {"duplicate"}
    assert WordReading.objects.get().reading == "こくせきじ"


def test_changes_and_removals_are_audited_and_reach_the_pages(city_staff):
    entry = services.word_reading_save(
        entry=None, surface="黒石寺", reading="くろいしでら", by=city_staff
    )
    services.word_reading_save(entry=entry, surface="黒石寺", reading="こくせきじ", by=city_staff)
    assert TEMPLE in furigana.add_ruby("<body><p>黒石寺</p></body>")
    services.word_reading_delete(entry=entry, by=city_staff)
    assert "こくせきじ" not in furigana.add_ruby("<body><p>黒石寺</p></body>")
    events = AuditEvent.objects.filter(action__startswith="word_reading.").order_by("pk")
    assert [(e.action, e.actor_id) for e in events] == [
        ("word_reading.create", city_staff.pk),
        ("word_reading.update", city_staff.pk),
        ("word_reading.delete", city_staff.pk),
    ]
    assert (events[1].before["reading"], events[1].after["reading"]) == (
        "くろいしでら",
        "こくせきじ",
    )


def test_staff_add_a_word_and_check_a_sentence_on_the_page(client, city_staff):
    client.force_login(city_staff)
    url = reverse("core:word_readings")
    response = client.post(
        url, {"surface": "黒石寺", "reading": "こくせきじ", "note": ""}, follow=True
    )
    assert "「黒石寺」を追加しました。" in response.content.decode()
    page = client.get(url, {"sample": "黒石寺蘇民祭に行く"}).content.decode()
    assert TEMPLE in page.split('class="reading-sample"')[1]


def test_a_wrong_reading_is_answered_beside_the_field_and_nothing_is_kept(client, city_staff):
    client.force_login(city_staff)
    response = client.post(
        reverse("core:word_readings"), {"surface": "取り組み", "reading": "とくみ"}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["reading"]
    assert not WordReading.objects.exists()


def test_staff_change_and_remove_a_word(client, city_staff):
    entry = services.word_reading_save(
        entry=None, surface="黒石寺", reading="くろいしでら", by=city_staff
    )
    client.force_login(city_staff)
    edit = reverse("core:word_reading_edit", args=[entry.pk])
    assert client.get(edit).status_code == 200
    client.post(edit, {"surface": "黒石寺", "reading": "こくせきじ"})
    assert WordReading.objects.get().reading == "こくせきじ"
    delete = reverse("core:word_reading_delete", args=[entry.pk])
    assert client.get(delete).status_code == 405
    assert client.post(delete).status_code == 302
    assert not WordReading.objects.exists()


@pytest.mark.parametrize("persona", ["resident", "coordinator", "reviewer"], indirect=True)
def test_only_the_citys_staff_open_or_change_the_dictionary(client, persona, city_staff):
    entry = services.word_reading_save(
        entry=None, surface="黒石寺", reading="こくせきじ", by=city_staff
    )
    client.force_login(persona)
    assert client.get(reverse("core:word_readings")).status_code == 403
    post = client.post(reverse("core:word_reading_edit", args=[entry.pk]), {"reading": "くろ"})
    assert post.status_code == 403
    assert client.post(reverse("core:word_reading_delete", args=[entry.pk])).status_code == 403
    assert WordReading.objects.get().reading == "こくせきじ"


def test_anonymous_visitors_are_sent_to_log_in(client):
    response = client.get(reverse("core:word_readings"))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]
