from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.utils import translation

LOCALE = Path(settings.BASE_DIR) / "locale"


@pytest.mark.parametrize("locale", ["ja", "ja_Easy"])
def test_every_message_has_a_translation_and_none_is_fuzzy(locale):
    # `make messages` refreshes the .po files; this stops a release that would show English
    # (or a guessed "fuzzy" match) to Japanese readers.
    po = polib.pofile(str(LOCALE / locale / "LC_MESSAGES" / "django.po"))

    missing = [e.msgid for e in po if not e.obsolete and not e.translated()]
    fuzzy = [e.msgid for e in po if "fuzzy" in e.flags]

    assert missing == []
    assert fuzzy == []


@pytest.mark.parametrize("locale", ["ja", "ja_Easy"])
def test_placeholders_survive_translation(locale):
    po = polib.pofile(str(LOCALE / locale / "LC_MESSAGES" / "django.po"))
    broken = []
    for entry in po:
        if entry.obsolete:
            continue
        pairs = [(entry.msgid, entry.msgstr)]
        if entry.msgid_plural:
            pairs = [(entry.msgid_plural, text) for text in entry.msgstr_plural.values()]
        for source, text in pairs:
            for placeholder in ("%(", "{"):
                if source.count(placeholder) != text.count(placeholder):
                    broken.append(entry.msgid)
    assert broken == []


def test_easy_japanese_differs_from_japanese_and_falls_back_to_it():
    with translation.override("ja"):
        japanese = translation.gettext("Audit log")
    with translation.override("ja-easy"):
        easy = translation.gettext("Audit log")
        # A Django string we never translate into Easy Japanese comes from the ja catalogue.
        django_string = translation.gettext("This field is required.")

    assert japanese == "監査ログ"
    assert easy not in ("Audit log", japanese)
    assert django_string == "このフィールドは必須です。"
