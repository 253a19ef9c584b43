"""While partners confirm a case: it is not public, and a change asks every partner again."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tsunagaru.accounts.models import Role
from tsunagaru.cases import services
from tsunagaru.cases.models import Case
from tsunagaru.cases.tests.test_services import draft
from tsunagaru.guideline.models import Form
from tsunagaru.partners.tests.factories import MembershipFactory
from tsunagaru.search.models import Entry

pytestmark = pytest.mark.django_db


@pytest.fixture
def brigade(make_user):
    """A third registered partner: the case's 地元の消防団 is then a listed group too."""
    captain = make_user(Role.PARTNER_MEMBER, email="brigade@example.jp")
    MembershipFactory(user=captain, organisation__name="地元の消防団")
    return captain


def confirm(case, organisation_name, by):
    partner = case.partners.get(organisation__name=organisation_name)
    return services.case_confirm(case=case, partner=partner, by=by)


def test_editing_a_case_while_partners_confirm_clears_earlier_confirmations(partners, brigade):
    inase, _fireworks, author, other = partners
    case = draft(inase, author)
    services.case_submit(case=case, by=author)
    confirm(case, "地元の消防団", brigade)
    assert case.status == Case.Status.CONFIRMING  # 江刺藤里ファイヤーワークス has not yet

    services.case_save(
        case=case,
        data={"results": "当日は500人が集まりました。"},
        partners=[{"name": p.name, "role": p.role} for p in case.partners.all()],
        by=author,
    )

    confirmed = {
        p.name: p.confirmed_at is not None for p in case.partners.exclude(organisation=None)
    }
    assert confirmed == {
        "稲瀬振興会": True,  # the author's group confirms by writing
        "江刺藤里ファイヤーワークス": False,
        "地元の消防団": False,  # confirmed the old text: asked again
    }
    # Re-indexed with the new text, and still not public.
    assert not Entry.objects.get(object_id=case.pk, content_type__model="case").is_public
    case = confirm(case, "江刺藤里ファイヤーワークス", other)
    assert case.status == Case.Status.CONFIRMING  # still waiting for the brigade
    case = confirm(case, "地元の消防団", brigade)
    assert case.status == Case.Status.READY


def test_saving_the_same_text_keeps_the_confirmations(partners, brigade):
    inase, _fireworks, author, _other = partners
    case = draft(inase, author)
    services.case_submit(case=case, by=author)
    confirm(case, "地元の消防団", brigade)

    services.case_save(
        case=case,
        data={"title": case.title},
        partners=[{"name": p.name, "role": p.role} for p in case.partners.all()],
        by=author,
    )

    assert case.partners.get(name="地元の消防団").confirmed_at is not None


def public_views(client, case, organisation):
    """What anyone reads about cases: the case's page, lists, search, feed and the pages
    of the guideline form and of the group."""
    form = Form.objects.get(name="事業協力")
    pages = {
        "list": reverse("cases:list"),
        "search": reverse("cases:list") + "?q=花火",
        "feed": reverse("cases:feed"),
        "form": reverse("guideline:form", args=[form.number]),
        "group": organisation.get_absolute_url(),
    }
    seen = {name: case.title in client.get(url).content.decode() for name, url in pages.items()}
    seen["detail"] = client.get(reverse("cases:detail", args=[case.pk])).status_code == 200
    seen["similar"] = client.get(reverse("cases:similar", args=[case.pk])).status_code == 200
    seen["index"] = Entry.objects.get(object_id=case.pk, content_type__model="case").is_public
    return seen


@pytest.mark.parametrize("viewer", ["anonymous", Role.RESIDENT, Role.PARTNER_MEMBER])
def test_cases_awaiting_confirmation_or_publication_are_not_public(
    client, partners, coordinator, make_user, viewer
):
    inase, fireworks, author, other = partners
    if viewer != "anonymous":
        client.force_login(make_user(viewer))
    case = draft(inase, author)
    services.case_submit(case=case, by=author)
    hidden = dict.fromkeys(
        ["list", "search", "feed", "form", "group", "detail", "similar", "index"], False
    )

    assert case.status == Case.Status.CONFIRMING
    assert public_views(client, case, fireworks) == hidden

    confirm(case, "江刺藤里ファイヤーワークス", other)
    assert case.status == Case.Status.READY
    assert public_views(client, case, fireworks) == hidden

    services.case_publish(case=case, by=coordinator)
    assert public_views(client, case, fireworks) == dict.fromkeys(hidden, True)
