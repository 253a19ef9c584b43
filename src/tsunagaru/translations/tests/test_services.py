"""Versions of what people wrote in other languages (translations.services and selectors):
every part written or none, the original kept to tell when a version is out of date, the
reader's language chosen, translators appointed, and the queue's order."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from tsunagaru.audit.models import AuditEvent
from tsunagaru.core.models import District
from tsunagaru.info.models import Event
from tsunagaru.info.tests.factories import EventFactory
from tsunagaru.translations import selectors, services
from tsunagaru.translations.models import ReadCount, TextVersion

pytestmark = pytest.mark.django_db

EASY = {"title": "ゆきかきの 会", "description": "みんなで ゆきかきを します。"}


def codes(error: ValidationError) -> dict[str, list[str]]:
    return {name: [e.code for e in errors] for name, errors in error.error_dict.items()}


def test_every_part_is_kept_with_the_original_it_translates_and_audited(resident):
    event = EventFactory(title="除雪ボランティア", description="地区の除雪をします。")
    services.versions_save(record=event, language="ja-easy", texts=EASY, by=resident)
    kept = {v.field: (v.text, v.source) for v in TextVersion.objects.all()}
    assert kept == {
        "title": ("ゆきかきの 会", "除雪ボランティア"),
        "description": ("みんなで ゆきかきを します。", "地区の除雪をします。"),
    }
    events = AuditEvent.objects.filter(action="text_version.save")
    assert sorted(e.after["field"] for e in events) == ["description", "title"]
    assert {e.actor_id for e in events} == {resident.pk}


def test_a_part_left_empty_is_refused_and_nothing_is_kept(resident):
    event = EventFactory()
    with pytest.raises(ValidationError) as caught:
        services.versions_save(
            record=event, language="en", texts={"title": "Snow", "description": "  "}, by=resident
        )
    assert codes(caught.value) == {"description": ["empty"]}
    assert not TextVersion.objects.exists()


def test_a_language_the_site_lacks_or_a_text_without_versions_is_refused(resident):
    with pytest.raises(ValidationError) as caught:
        services.versions_save(record=EventFactory(), language="vi", texts=EASY, by=resident)
    assert caught.value.code == "unknown_language"
    with pytest.raises(ValidationError) as caught:
        services.versions_save(
            record=District.objects.first(), language="en", texts={}, by=resident
        )
    assert caught.value.code == "not_translatable"


def test_readers_see_their_language_and_a_changed_original_marks_the_version(resident):
    event = EventFactory(title="除雪ボランティア", description="地区の除雪をします。")
    services.versions_save(record=event, language="ja-easy", texts=EASY, by=resident)

    easy = selectors.versions_of(event, "ja-easy")
    assert (str(easy["title"]), easy["title"].lang, easy.in_original) == (
        "ゆきかきの 会",
        "ja",
        False,
    )
    english = selectors.versions_of(event, "en")
    assert (str(english["title"]), english["title"].lang) == ("除雪ボランティア", "ja")
    assert english.in_original
    assert not selectors.versions_of(event, "ja").in_original

    Event.objects.filter(pk=event.pk).update(description="地区の除雪と見守りをします。")
    event.refresh_from_db()
    changed = selectors.versions_of(event, "ja-easy")
    assert (changed["title"].out_of_date, changed["description"].out_of_date) == (False, True)


def test_writing_again_replaces_the_version(resident, coordinator):
    event = EventFactory()
    services.versions_save(
        record=event, language="en", texts={"title": "A", "description": "B"}, by=resident
    )
    services.versions_save(
        record=event, language="en", texts={"title": "C", "description": "B"}, by=coordinator
    )
    assert selectors.version_texts(event, "en") == {"title": "C", "description": "B"}
    assert TextVersion.objects.get(field="title").written_by == coordinator


def test_translators_are_appointed_for_languages_and_stopped(resident, city_staff):
    with pytest.raises(ValidationError) as caught:
        services.translator_appoint(user=resident, languages=["ja", "vi"], by=city_staff)
    assert codes(caught.value) == {"languages": ["no_language"]}
    translator = services.translator_appoint(user=resident, languages=["en"], by=city_staff)
    services.translator_appoint(user=resident, languages=["en", "ja-easy"], by=city_staff)
    translator.refresh_from_db()
    assert translator.language_codes == ["en", "ja-easy"]
    services.translator_retire(translator=translator, by=city_staff)
    translator.refresh_from_db()
    assert not translator.is_active
    actions = list(
        AuditEvent.objects.filter(action__startswith="translator.")
        .order_by("pk")
        .values_list("action", flat=True)
    )
    assert actions == ["translator.appoint", "translator.appoint", "translator.retire"]


def test_the_queue_starts_with_the_most_read_and_leaves_out_done_and_private_texts(resident):
    read_once, read_twice, done, changed = EventFactory.create_batch(4)
    draft = EventFactory(status=Event.Status.DRAFT)
    for record in (read_once, read_twice, read_twice, done, done, done, draft):
        services.read_note(record)
    services.versions_save(
        record=done, language="en", texts={"title": "A", "description": "B"}, by=resident
    )
    services.versions_save(
        record=changed, language="en", texts={"title": "A", "description": "B"}, by=resident
    )
    Event.objects.filter(pk=changed.pk).update(title="変わった題")

    items = [item for item in selectors.queue(language="en") if item.kind.key == "event"]

    assert ReadCount.objects.get(object_id=done.pk).count == 3
    assert [(i.record.pk, i.reads, i.out_of_date) for i in items] == [
        (read_twice.pk, 2, False),
        (read_once.pk, 1, False),
        (changed.pk, 0, True),
    ]
    # Another language's queue still has the translated one.
    assert done.pk in [i.record.pk for i in selectors.queue(language="ja-easy")]
