"""Ranking rules of the search: best first, and a group named in the query first of all."""

import pytest

from tsunagaru.core.models import District
from tsunagaru.partners.models import Organisation
from tsunagaru.partners.tests.factories import OrganisationFactory
from tsunagaru.search import selectors, services

pytestmark = pytest.mark.django_db


def ranked_names(model, query, **options):
    hits = selectors.search_ids(model=model, query=query, **options)
    names = dict(model.objects.filter(pk__in=[h.object_id for h in hits]).values_list("pk", "name"))
    return [names[h.object_id] for h in hits]


def test_the_ranking_is_best_first():
    # Names that do not contain the query: only the texts decide.
    inase, fujisato, ide = (District.objects.get(name=n) for n in ("稲瀬", "藤里", "伊手"))
    # 花火 once in a longer text, twice, three times in a short one.
    services.index_object(
        obj=ide,
        name="伊手",
        texts=["夏まつりの準備で、会場の設営、屋台の手配、交通整理、花火の話も少し出ました。"],
    )
    services.index_object(obj=fujisato, name="藤里", texts=["花火の打ち上げ。花火の許可。"])
    services.index_object(obj=inase, name="稲瀬", texts=["花火、花火、花火。"])

    hits = selectors.search_ids(model=District, query="花火")

    assert ranked_names(District, "花火") == ["稲瀬", "藤里", "伊手"]
    assert hits[0].rank > hits[1].rank > hits[2].rank


def test_a_group_named_in_the_query_comes_first_among_ranked_matches():
    OrganisationFactory(name="花火愛好会", description="夏に集まって夜空を眺める会です。" * 5)
    OrganisationFactory(name="夏まつり実行委員会", description="花火、花火、花火の打ち上げ。")

    assert ranked_names(Organisation, "花火")[0] == "花火愛好会"


@pytest.mark.parametrize("query", ["地域", "ちいき"])
def test_a_query_naming_a_group_puts_it_first_even_for_common_words(query):
    # More matches than the limit: the search stops ranking (the word says little), yet the
    # group whose name is the query, indexed last, still comes first.
    for number in range(12):
        OrganisationFactory(name=f"清掃ボランティア{number}", description="地域の清掃活動です。")
    OrganisationFactory(name="地域", description="地域の活動を支えます。")

    names = ranked_names(Organisation, query, limit=5)

    assert len(names) == 5
    assert names[0] == "地域"
