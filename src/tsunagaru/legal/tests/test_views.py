import pytest
from django.conf import settings
from django.urls import reverse

from tsunagaru.accounts.models import Role, User
from tsunagaru.audit.models import AuditEvent
from tsunagaru.core.tests.text import without_ruby
from tsunagaru.legal import services
from tsunagaru.legal.models import ConsentRecord, Page, PageVersion

pytestmark = pytest.mark.django_db

# A sentence of each seeded page in each language (legal/data/pages/).
SEEDED = {
    ("terms", "ja"): "この利用規約は、奥州市",
    ("terms", "en"): "These terms govern the use of",
    ("terms", "ja-easy"): "この きまりは",
    ("privacy", "ja"): "個人情報の保護に関する法律",
    ("privacy", "en"): "Act on the Protection of Personal Information",
    ("privacy", "ja-easy"): "大切に あつかいます",
    ("accessibility", "ja"): "JIS X 8341-3:2016 の適合レベルAA",
    ("accessibility", "en"): "Conformance level AA of JIS X 8341-3:2016",
    ("accessibility", "ja-easy"): "レベルAA を 目標",
    ("contact", "ja"): "どこに問い合わせればよいか",
    ("contact", "en"): "Where to ask",
    ("contact", "ja-easy"): "どこに 聞けば いいか",
    ("operator", "ja"): "奥州市（担当：地域づくり推進課）",
    ("operator", "en"): "Oshu City (Community Development Promotion Division)",
    ("operator", "ja-easy"): "サイトを うごかして いる ところ",
}
PATHS = {
    "terms": "/terms/",
    "privacy": "/privacy/",
    "accessibility": "/accessibility/",
    "contact": "/contact/",
    "operator": "/operator/",
}


def in_language(client, language):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client


@pytest.mark.parametrize(("page", "language"), list(SEEDED))
def test_service_pages_answer_in_three_languages_with_their_text(client, page, language):
    response = in_language(client, language).get(PATHS[page])

    assert response.status_code == 200
    assert SEEDED[(page, language)] in without_ruby(response.content.decode())


def test_contact_page_shows_the_city_desk_from_the_municipality_data(client):
    html = client.get("/contact/").content.decode()

    assert "奥州市 地域づくり推進課" in html
    assert 'href="tel:0197-24-2111"' in html


def test_every_page_links_the_service_pages_in_its_footer(client):
    html = client.get(reverse("core:home")).content.decode()
    footer = html[html.index("<footer") :]

    for path in PATHS.values():
        assert f'href="{path}"' in footer


def test_a_page_without_english_text_falls_back_to_japanese(client, city_staff):
    services.page_version_publish(
        page=Page.OPERATOR, body_ja="運営は奥州市です。", reason="体制の変更", by=city_staff
    )

    html = in_language(client, "en").get("/operator/").content.decode()

    assert "運営は奥州市です。" in html


def edit(client, page="terms", **data):
    values = {
        "body_ja": "## 第1条\n新しい規約です。<script>x</script>",
        "body_en": "New terms.",
        "body_ja_easy": "あたらしい きまりです。",
        "reason": "第4条を改めたため",
        "change": "editorial",
        **data,
    }
    return client.post(reverse("legal:edit", args=[page]), values)


def test_staff_edit_publishes_a_new_version_with_who_when_why_and_an_audit_entry(
    client, city_staff
):
    client.force_login(city_staff)

    response = edit(client)

    assert response.status_code == 302
    version = PageVersion.objects.filter(page="terms").first()
    assert (version.number, version.created_by, version.reason) == (
        2,
        city_staff,
        "第4条を改めたため",
    )
    assert PageVersion.objects.filter(page="terms", number=1).exists()  # the old one stays
    assert AuditEvent.objects.filter(action="legal_page.publish", actor=city_staff).count() == 1
    html = client.get("/terms/").content.decode()
    assert "<h2>第1条</h2>" in html
    assert "&lt;script&gt;x&lt;/script&gt;" in html
    assert "<script>x" not in html


@pytest.mark.parametrize("role", [Role.RESIDENT, Role.PARTNER_MEMBER, Role.COORDINATOR])
def test_others_may_not_edit_pages(client, make_user, role):
    client.force_login(make_user(role))

    assert edit(client).status_code == 403
    assert client.get(reverse("legal:history", args=["terms"])).status_code == 403
    assert PageVersion.objects.filter(page="terms").count() == 1


def test_anonymous_is_sent_to_log_in_to_edit(client):
    response = edit(client)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert PageVersion.objects.filter(page="terms").count() == 1


def test_edit_without_a_reason_is_refused_by_the_field_and_saves_nothing(client, city_staff):
    client.force_login(city_staff)

    response = edit(client, reason="")

    assert response.status_code == 200
    assert response.context["form"].errors["reason"]
    assert PageVersion.objects.filter(page="terms").count() == 1


def test_history_lists_every_version_for_staff(client, city_staff):
    client.force_login(city_staff)
    edit(client)

    html = client.get(reverse("legal:history", args=["terms"])).content.decode()

    assert "第4条を改めたため" in html
    assert "初版" in html


SIGNUP = {
    "email": "hanako@example.jp",
    "family_name": "佐藤",
    "family_name_kana": "さとう",
    "password1": "奥州の-correct-horse",
    "password2": "奥州の-correct-horse",
}


def test_sign_up_without_agreeing_is_refused_and_saves_nothing(client):
    response = client.post(reverse("account_signup"), SIGNUP)

    assert response.status_code == 200
    assert response.context["form"].errors["agree_terms"]
    assert 'href="/terms/"' in response.content.decode()
    assert not User.objects.exists()
    assert not ConsentRecord.objects.exists()


def test_sign_up_with_agreement_records_the_current_versions(client):
    response = client.post(reverse("account_signup"), {**SIGNUP, "agree_terms": "on"})

    assert response.status_code == 302
    record = ConsentRecord.objects.get(user__email="hanako@example.jp")
    assert (record.terms.page, record.terms.number) == ("terms", 1)
    assert (record.privacy.page, record.privacy.number) == ("privacy", 1)
    assert AuditEvent.objects.filter(action="consent.agree").count() == 1


def publish(page, *, needs_consent, by):
    return services.page_version_publish(
        page=page, body_ja="改定後の本文", reason="改定", needs_consent=needs_consent, by=by
    )


def test_a_new_version_sends_signed_in_people_to_agree_and_then_on(client, resident, administrator):
    client.force_login(resident)
    publish(Page.PRIVACY, needs_consent=True, by=administrator)

    response = client.get("/places/")

    assert response.status_code == 302
    assert response["Location"] == "/consent/?next=%2Fplaces%2F"
    page = client.get(response["Location"])
    assert 'href="/privacy/"' in page.content.decode()

    refused = client.post("/consent/", {"next": "/places/"})
    assert refused.status_code == 200
    assert refused.context["form"].errors["agree"]

    agreed = client.post("/consent/", {"agree": "on", "next": "/places/"})

    assert agreed["Location"] == "/places/"
    record = ConsentRecord.objects.get(user=resident)
    assert (record.terms.number, record.privacy.number) == (1, 2)
    assert client.get("/places/").status_code == 200


def test_an_editorial_fix_asks_nobody_again(client, resident, administrator):
    client.force_login(resident)
    publish(Page.TERMS, needs_consent=False, by=administrator)

    assert client.get("/places/").status_code == 200


def test_someone_who_agreed_to_an_older_version_is_asked_again(client, resident, administrator):
    services.consent_record(user=resident)
    publish(Page.TERMS, needs_consent=True, by=administrator)
    client.force_login(resident)

    assert client.get("/places/")["Location"].startswith("/consent/")


def test_legal_pages_logout_and_static_stay_open_before_agreeing(client, resident, administrator):
    client.force_login(resident)
    publish(Page.TERMS, needs_consent=True, by=administrator)

    for path in PATHS.values():
        assert client.get(path).status_code == 200
    assert client.get("/static/css/site.css").status_code in (200, 404)  # never a redirect
    assert client.post(reverse("account_logout"))["Location"] != "/consent/"


def test_the_consent_page_does_not_send_people_to_another_site(client, resident, administrator):
    client.force_login(resident)
    publish(Page.TERMS, needs_consent=True, by=administrator)

    response = client.post("/consent/", {"agree": "on", "next": "https://evil.example/"})

    assert response["Location"] == reverse("core:home")


def test_htmx_requests_are_told_to_navigate_to_the_consent_page(client, resident, administrator):
    client.force_login(resident)
    publish(Page.TERMS, needs_consent=True, by=administrator)

    response = client.get("/places/", headers={"HX-Request": "true"})

    assert response["HX-Redirect"].startswith("/consent/")


def test_staff_choose_a_new_version_that_asks_everyone_again(client, city_staff, resident):
    client.force_login(city_staff)

    edit(client, page="privacy", change="new_version")

    version = PageVersion.objects.filter(page="privacy").first()
    assert (version.number, version.needs_consent) == (2, True)
    client.force_login(resident)
    assert client.get("/places/")["Location"].startswith("/consent/")


def test_only_terms_and_privacy_can_ask_for_consent(city_staff):
    version = publish(Page.ACCESSIBILITY, needs_consent=True, by=city_staff)

    assert version.needs_consent is False
