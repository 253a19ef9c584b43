"""ふりがな are shown as the group wrote them; the directory still sorts in あいうえお order."""

from __future__ import annotations

import pytest

from tsunagaru.partners.selectors import DirectoryFilter, directory
from tsunagaru.partners.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def test_hiragana_furigana_is_shown_as_written(client):
    group = OrganisationFactory(name="胆沢子ども食堂の会", name_kana="いさわこどもしょくどうのかい")
    html = client.get(group.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="ja").content.decode()
    assert "いさわこどもしょくどうのかい" in html
    assert "イサワコドモショクドウノカイ" not in html


def test_the_directory_sorts_hiragana_and_katakana_together():
    for name, kana in (
        ("上野の会", "うえののかい"),
        ("相田の会", "アイダノカイ"),
        ("胆沢の会", "いさわのかい"),
    ):
        OrganisationFactory(name=name, name_kana=kana)
    groups, _ranks = directory(filters=DirectoryFilter(sort="kana"))
    names = [g.name for g in groups if g.name.endswith("の会")]
    assert names == ["相田の会", "胆沢の会", "上野の会"]


def test_the_sort_key_follows_a_changed_furigana():
    group = OrganisationFactory(name="江刺の会", name_kana="えさしのかい")
    assert group.name_sort == "エサシノカイ"
    group.name_kana = "ざ・えさしのかい"
    group.save(update_fields=["name_kana"])
    group.refresh_from_db()
    assert group.name_sort == "ザ・エサシノカイ"
