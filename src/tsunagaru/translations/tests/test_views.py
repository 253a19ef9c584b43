"""The pages of the translations app: who may write a version (role × state), writing one
without JavaScript, the reader's page with its note, the queue and the translators."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tsunagaru.accounts.models import Role
from tsunagaru.info.models import Event
from tsunagaru.info.tests.factories import EventFactory
from tsunagaru.partners.tests.factories import MembershipFactory
from tsunagaru.translations import services
from tsunagaru.translations.models import TextVersion, Translator

pytestmark = pytest.mark.django_db


def edit_url(event, language):
    return reverse("translations:edit", args=["event", event.pk, language])


@pytest.fixture
def people(make_user, city_staff):
    member = make_user(Role.PARTNER_MEMBER)
    event = EventFactory(
        title="除雪ボランティア",
        description="地区の除雪をします。",
        organiser=MembershipFactory(user=member).organisation,
    )
    translator = make_user(Role.RESIDENT)
    services.translator_appoint(user=translator, languages=["en"], by=city_staff)
    stopped = make_user(Role.RESIDENT)
    services.translator_retire(
        translator=services.translator_appoint(user=stopped, languages=["en"], by=city_staff),
        by=city_staff,
    )
    return {
        "member": member,
        "translator": translator,
        "stopped": stopped,
        "resident": make_user(Role.RESIDENT),
        "event": event,
    }


# Who may open the form for the event's version, by the event's state and the language.
TABLE = [
    ("member", Event.Status.DRAFT, "ja-easy", 200),
    ("member", Event.Status.PUBLISHED, "en", 200),
    ("translator", Event.Status.PUBLISHED, "en", 200),
    ("translator", Event.Status.DRAFT, "en", 403),  # not public yet: only its group
    ("translator", Event.Status.PUBLISHED, "ja-easy", 403),  # not one of their languages
    ("stopped", Event.Status.PUBLISHED, "en", 403),
    ("resident", Event.Status.PUBLISHED, "en", 403),
]


def test_who_may_write_a_version(client, people):
    event = people["event"]
    for who, status, language, expected in TABLE:
        Event.objects.filter(pk=event.pk).update(status=status)
        client.force_login(people[who])
        got = client.get(edit_url(event, language)).status_code
        assert got == expected, (who, status, language)
    # The event's page offers the link to those the form lets in, and to nobody else.
    Event.objects.filter(pk=event.pk).update(status=Event.Status.PUBLISHED)
    client.force_login(people["resident"])
    assert "/translations/" not in client.get(event.get_absolute_url()).content.decode()
    client.force_login(people["translator"])
    page = client.get(event.get_absolute_url()).content.decode()
    assert edit_url(event, "en") in page
    assert edit_url(event, "ja-easy") not in page
    client.logout()
    assert client.get(edit_url(event, "en")).status_code == 302
    client.force_login(people["member"])
    assert client.get(edit_url(event, "ja")).status_code == 404  # the original's own language
    assert client.get(reverse("translations:edit", args=["proposal", 1, "en"])).status_code == 404


def test_the_group_writes_an_easy_japanese_version_and_readers_of_it_see_it(client, people):
    event = people["event"]
    client.force_login(people["member"])
    page = client.get(event.get_absolute_url()).content.decode()
    assert edit_url(event, "ja-easy") in page  # the group is offered the link
    response = client.post(
        edit_url(event, "ja-easy"),
        {"title": "ゆきかきの 会", "description": "みんなで ゆきかきを します。"},
    )
    assert response.status_code == 302
    assert response["Location"] == event.get_absolute_url()

    reader = client.__class__()
    reader.cookies["tsunagaru_language"] = "ja-easy"
    reader.cookies["reading"] = "normal.normal.off"
    easy = reader.get(event.get_absolute_url()).content.decode()
    assert '<h1 lang="ja">ゆきかきの 会</h1>' in easy
    assert "みんなで ゆきかきを します。" in easy
    assert "/translations/" not in easy  # a reader is offered no link to write one
    reader.cookies["tsunagaru_language"] = "en"
    english = reader.get(event.get_absolute_url()).content.decode()
    assert '<h1 lang="ja">除雪ボランティア</h1>' in english
    assert "This was written in Japanese: there is no version in your language yet." in english


def test_a_part_left_empty_is_answered_beside_it_and_nothing_is_kept(client, people):
    client.force_login(people["member"])
    response = client.post(
        edit_url(people["event"], "en"), {"title": "Snow clearing", "description": ""}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["description"] == ["この部分も書いてください。"]
    assert not TextVersion.objects.exists()


def test_the_queue_is_for_translators_and_staff(client, people, city_staff):
    url = reverse("translations:queue")
    client.force_login(people["translator"])
    page = client.get(url).content.decode()
    assert edit_url(people["event"], "en") in page
    assert client.get(url, {"language": "ja-easy"}).status_code == 404  # not theirs
    client.force_login(city_staff)
    assert client.get(url, {"language": "ja-easy"}).status_code == 200
    for who in ("resident", "stopped"):
        client.force_login(people[who])
        assert client.get(url).status_code == 403


def test_staff_appoint_a_translator_by_e_mail_and_stop_them(client, people, city_staff):
    url = reverse("translations:translators")
    client.force_login(city_staff)
    resident = people["resident"]
    refused = client.post(url, {"email": "nobody@example.jp", "languages": ["en"]})
    assert refused.context["form"].errors["email"]
    client.post(url, {"email": resident.email.upper(), "languages": ["ja-easy"]})
    translator = Translator.objects.get(user=resident)
    assert translator.language_codes == ["ja-easy"]
    client.post(reverse("translations:translator_retire", args=[translator.pk]))
    translator.refresh_from_db()
    assert not translator.is_active
    client.force_login(resident)
    assert client.get(url).status_code == 403
    post = client.post(reverse("translations:translator_retire", args=[translator.pk]))
    assert post.status_code == 403


def test_a_knowledge_articles_version_is_read_with_its_headings_and_lists(client, coordinator):
    from tsunagaru.knowledge.tests.factories import published

    article = published(coordinator)
    services.versions_save(
        record=article,
        language="en",
        texts={
            "title": "Setting up an NPO",
            "summary": "From the application to the prefecture to registration.",
            "body": "## Documents\n- Articles of association",
        },
        by=coordinator,
    )
    client.cookies["tsunagaru_language"] = "en"
    page = client.get(article.get_absolute_url()).content.decode()
    assert '<h1 lang="en">Setting up an NPO</h1>' in page
    assert "<h2" in page.split('<div lang="en">')[1].split("</div>")[0]
    assert "<li>Articles of association</li>" in page


def test_a_groups_introduction_is_read_in_english_and_its_name_stays_its_own(client, people):
    group = people["event"].organiser
    services.versions_save(
        record=group,
        language="en",
        texts={"description": "We clean the district together."},
        by=people["member"],
    )
    client.cookies["tsunagaru_language"] = "en"
    page = client.get(group.get_absolute_url()).content.decode()
    assert '<div lang="en"><p>We clean the district together.</p></div>' in page
    assert f'<h1 lang="ja">{group.name}</h1>' in page


def test_a_groups_offers_and_needs_are_read_in_english_in_one_query_each(
    client, people, django_assert_max_num_queries
):
    from tsunagaru.partners.models import Need, Offer

    group = people["event"].organiser

    def add(count: int) -> None:
        for n in range(count):
            offer = Offer.objects.create(
                organisation=group,
                category="skill",
                title=f"草刈り{n}",
                description="草を刈ります。",
            )
            need = Need.objects.create(
                organisation=group,
                category="trouble",
                title=f"人手{n}",
                description="手伝ってください。",
            )
            for record, texts in (
                (offer, {"title": f"Mowing {n}", "description": "We mow grass."}),
                (need, {"title": f"Hands {n}", "description": "Please help."}),
            ):
                services.versions_save(
                    record=record, language="en", texts=texts, by=people["member"]
                )

    client.cookies["tsunagaru_language"] = "en"
    add(1)
    client.get(group.get_absolute_url())  # warm up
    with django_assert_max_num_queries(100) as one:
        page = client.get(group.get_absolute_url()).content.decode()
    add(4)
    with django_assert_max_num_queries(len(one.captured_queries)):
        page = client.get(group.get_absolute_url()).content.decode()
    assert '<strong lang="en">Mowing 3</strong> (Skill)' in page
    assert '<span lang="en">Please help.</span>' in page
    # The member writes them from each offer's and need's own edit page.
    client.force_login(people["member"])
    need = Need.objects.filter(organisation=group).first()
    edit = client.get(reverse("partners:item_edit", args=[group.pk, "needs", need.pk]))
    assert reverse("translations:edit", args=["need", need.pk, "ja-easy"]) in edit.content.decode()
