"""The index answers the same on SQLite and PostgreSQL (this suite runs on both)."""

import pytest
from django.db import connection

from tsunagaru.core.models import Area, District
from tsunagaru.search import selectors, services
from tsunagaru.search.models import Entry

pytestmark = pytest.mark.django_db


@pytest.fixture
def districts():
    area = Area.objects.get(slug="esashi")
    texts = {
        "稲瀬": "地区内で初の花火の打ち上げを目指しています。",
        "藤里": "打ち上げ花火の経験があります。子ども食堂も運営しています。",
        "伊手": "夏まつりを初めて開催したい。",
        "米里": "障がい児の支援と高齢者の見守り。",
    }
    found = {}
    for district in District.objects.filter(area=area, name__in=texts):
        services.index_object(obj=district, name=district.name, texts=[texts[district.name]])
        found[district.name] = district
    return found


def names(hits):
    return {District.objects.get(pk=h.object_id).name for h in hits}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("花火", {"稲瀬", "藤里"}),
        ("打ち上げ花火", {"稲瀬", "藤里"}),
        ("こども食堂", {"藤里"}),
        ("障害", {"米里"}),
        ("夏祭り", {"伊手"}),
        ("いなせ", {"稲瀬"}),
        ("花火 まつり", set()),
    ],
)
def test_search_finds_what_the_words_mean(districts, query, expected):
    assert names(selectors.search_ids(model=District, query=query)) == expected


def test_a_name_containing_the_query_ranks_first(districts):
    hits = selectors.search_ids(model=District, query="藤里")

    assert District.objects.get(pk=hits[0].object_id).name == "藤里"


def test_reindexing_replaces_the_old_terms(districts):
    inase = districts["稲瀬"]
    services.index_object(obj=inase, name="稲瀬", texts=["花壇の手入れ"])

    assert names(selectors.search_ids(model=District, query="花火")) == {"藤里"}
    assert names(selectors.search_ids(model=District, query="花壇")) == {"稲瀬"}


def test_removed_and_private_objects_are_not_found(districts):
    services.remove_object(obj=districts["稲瀬"])
    services.index_object(obj=districts["藤里"], name="藤里", texts=["花火"], is_public=False)

    assert selectors.search_ids(model=District, query="花火") == []
    assert names(selectors.search_ids(model=District, query="花火", public_only=False)) == {"藤里"}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ('"花火', {"稲瀬", "藤里"}),
        ("花火*", {"稲瀬", "藤里"}),
        ("'花火'", {"稲瀬", "藤里"}),
        ("(花火", {"稲瀬", "藤里"}),
        # Operators are ordinary words the texts do not contain, not query syntax.
        ("花火 OR", set()),
        ("NOT 花火", set()),
    ],
)
def test_quotes_and_operators_in_a_query_are_not_query_syntax(districts, query, expected):
    assert names(selectors.search_ids(model=District, query=query)) == expected


def test_empty_query_finds_nothing(districts):
    assert selectors.search_ids(model=District, query="  ") == []


def test_bulk_indexing_gives_the_same_answers_as_one_by_one(districts):
    inase, ide = districts["稲瀬"], districts["伊手"]

    count = services.index_many(
        model=District,
        items=[(inase.pk, "稲瀬", ["子ども食堂"], True), (ide.pk, "伊手", ["花火大会"], True)],
    )

    assert count == 2
    assert names(selectors.search_ids(model=District, query="こども食堂")) == {"稲瀬", "藤里"}
    assert names(selectors.search_ids(model=District, query="花火")) == {"伊手", "藤里"}


def test_more_matches_than_the_limit_still_put_the_name_match_first(districts):
    for name in ("稲瀬", "伊手", "米里"):
        services.index_object(
            obj=districts[name], name=name, texts=["藤里の皆さんと交流しています"]
        )

    hits = selectors.search_ids(model=District, query="藤里", limit=2)

    assert len(hits) == 2
    assert District.objects.get(pk=hits[0].object_id).name == "藤里"


def test_a_word_in_every_entry_gives_the_first_entries_on_both_databases():
    # Enough entries for PostgreSQL's statistics to see a word in all of them: it then walks
    # the entries in order instead of collecting every match (selectors._in_most_entries).
    everyone = list(District.objects.order_by("pk"))
    for district in everyone:
        services.index_object(
            obj=district, name=district.name, texts=["地域の行事", f"{district.slug}"]
        )
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE search_entry")
        assert selectors._in_most_entries("('地域')")
        assert not selectors._in_most_entries(f"('{everyone[0].slug}')")

    hits = selectors.search_ids(model=District, query="地域", limit=5)

    first = Entry.objects.filter(content_type__model="district").order_by("pk")[:5]
    assert [h.object_id for h in hits] == [e.object_id for e in first]


def test_a_word_in_every_entry_gives_the_latest_entries_when_asked_newest_first():
    everyone = list(District.objects.order_by("pk"))
    for district in everyone:
        services.index_object(obj=district, name=district.name, texts=["地域の行事"])

    hits = selectors.search_ids(model=District, query="地域", limit=5, newest_first=True)

    last = Entry.objects.filter(content_type__model="district").order_by("-pk")[:5]
    assert {h.object_id for h in hits} == {e.object_id for e in last}
