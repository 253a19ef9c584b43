"""The site menu: grouped, per role, never a link its reader cannot open; works without JS."""

from __future__ import annotations

import re

import pytest
from django.contrib.staticfiles import finders
from django.core.checks import Error
from django.urls import reverse

from tsunagaru.accounts.models import Role
from tsunagaru.core import navigation
from tsunagaru.core.checks import site_logo_exists
from tsunagaru.partners.tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db

PERSONAS = [
    "anonymous",
    Role.RESIDENT,
    "group_member",
    Role.COORDINATOR,
    Role.CITY_STAFF,
    Role.REVIEWER,
    Role.ADMINISTRATOR,
]


@pytest.fixture
def reader(request, client, make_user):
    """Log `client` in as the persona named by the parameter (a listed group's member for
    "group_member")."""
    role = request.param
    if role == "anonymous":
        return None
    user = make_user(Role.PARTNER_MEMBER if role == "group_member" else role)
    if role == "group_member":
        MembershipFactory(user=user)
    client.force_login(user)
    return user


def menu_html(client, url: str = "/") -> str:
    html = client.get(url).content.decode()
    return html.split('<nav class="site-nav"', 1)[1].split("</nav>", 1)[0]


def menu_links(client, url: str = "/") -> list[str]:
    return re.findall(r'<a href="([^"]+)"', menu_html(client, url))


def group_titles(client) -> list[str]:
    return re.findall(r'class="site-nav__title" id="nav-([a-z]+)"', menu_html(client))


@pytest.mark.parametrize("reader", PERSONAS, indirect=True)
def test_no_menu_link_answers_403_or_404_for_its_reader(client, reader):
    links = menu_links(client)

    assert len(links) >= 6
    answers = {link: client.get(link).status_code for link in links}
    assert {link: code for link, code in answers.items() if code != 200} == {}


@pytest.mark.parametrize(
    ("reader", "groups"),
    [
        ("anonymous", ["public", "account"]),
        (Role.RESIDENT, ["public", "mine"]),
        ("group_member", ["public", "mine"]),
        (Role.REVIEWER, ["public", "mine"]),
        (Role.COORDINATOR, ["public", "mine", "admin"]),
        (Role.CITY_STAFF, ["public", "mine", "admin"]),
        (Role.ADMINISTRATOR, ["public", "mine", "admin"]),
    ],
    indirect=["reader"],
)
def test_the_menu_is_grouped_into_public_my_work_and_administration(client, reader, groups):
    assert group_titles(client) == groups


@pytest.mark.parametrize(
    ("reader", "shown", "hidden"),
    [
        ("anonymous", ["account_login", "account_signup"], ["partners:mine", "audit:list"]),
        (Role.RESIDENT, ["partners:mine", "notices:list"], ["partners:review", "audit:list"]),
        (
            Role.COORDINATOR,
            ["partners:review", "matching:unmatched", "matching:glossary"],
            ["audit:list", "admin:index"],
        ),
        (Role.CITY_STAFF, ["proposals:dashboard", "audit:list"], ["admin:index"]),
        (Role.ADMINISTRATOR, ["audit:list", "admin:index"], []),
    ],
    indirect=["reader"],
)
def test_each_role_sees_its_own_pages_in_the_menu(client, reader, shown, hidden):
    links = menu_links(client)

    assert [name for name in shown if reverse(name) not in links] == []
    assert [name for name in hidden if reverse(name) in links] == []


def test_every_app_registers_its_menu_entries_and_each_resolves():
    names = {entry.url_name for entry in navigation.entries()}

    # One entry from each app that adds itself (core knows none of them).
    assert {
        "core:places",
        "partners:directory",
        "cases:list",
        "proposals:list",
        "guideline:index",
        "matching:network",
        "notices:list",
        "accounts:profile",
        "audit:list",
    } <= names
    for name in names:
        reverse(name)


def test_an_entry_in_an_unknown_group_is_refused():
    with pytest.raises(ValueError, match="unknown menu group"):
        navigation.register(navigation.Entry("core:places", "x", "elsewhere", 1))


def test_the_current_page_is_marked_in_the_menu(client):
    menu = menu_html(client, reverse("cases:list"))

    assert f'<a href="{reverse("cases:list")}" aria-current="page">' in menu
    assert menu.count('aria-current="page"') == 1


def test_unread_notices_are_counted_beside_the_menu_entry(client, resident):
    from tsunagaru.notices.models import Notice

    Notice.objects.create(user=resident, message="招待が届きました", url="/")
    client.force_login(resident)

    menu = menu_html(client)

    assert re.search(r'<span class="badge">[^<]*1', menu)


def test_the_menu_folds_behind_a_button_that_needs_no_javascript(client):
    html = client.get("/").content.decode()

    header = html.split('<header class="site-header">', 1)[1].split("</header>", 1)[0]
    assert '<details class="site-menu">' in header
    assert header.index("<summary") < header.index('<nav class="site-nav"')
    assert "<script" not in header


def test_the_language_switch_is_one_button_per_language_without_javascript(client, settings):
    html = client.get(reverse("core:places")).content.decode()

    switcher = html.split('<div class="language-switcher">', 1)[1].split("</ul>", 1)[0]
    buttons = re.findall(r'<button type="submit" name="language" value="([^"]+)"', switcher)
    assert sorted(buttons) == ["en", "ja-easy"]  # the current language is not a button
    assert 'aria-current="true">日本語</span>' in switcher
    assert switcher.count(f'action="{reverse("set_language")}"') == 2
    assert "<select" not in switcher

    response = client.post(reverse("set_language"), {"language": "en", "next": "/places/"})
    assert response["Location"] == "/places/"
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"


def test_every_page_links_a_favicon_that_exists(client):
    html = client.get("/").content.decode()

    icons = re.findall(r'<link rel="(?:icon|apple-touch-icon)" href="/static/([^"]+)"', html)
    assert sorted(icons) == ["img/apple-touch-icon.png", "img/favicon.ico", "img/favicon.svg"]
    assert all(finders.find(icon) for icon in icons)


def test_the_city_replaces_the_logo_with_a_setting(client, settings):
    settings.SITE_LOGO = "https://www.city.example.jp/logo.png"

    html = client.get("/").content.decode()

    assert '<img class="site-name__logo" src="https://www.city.example.jp/logo.png"' in html


def test_a_logo_file_that_does_not_exist_stops_start_up(settings):
    settings.SITE_LOGO = "city/missing-logo.svg"

    errors = site_logo_exists()

    assert [e.id for e in errors if isinstance(e, Error)] == ["core.E001"]
    settings.SITE_LOGO = "img/logo.svg"
    assert site_logo_exists() == []


def test_favicon_ico_at_the_root_leads_to_the_static_icon(client):
    response = client.get("/favicon.ico")

    assert response.status_code == 301
    assert response["Location"] == "/static/img/favicon.ico"
