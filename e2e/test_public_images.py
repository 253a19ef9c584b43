"""Every <img> on the public pages a visitor goes through is served (the browser decodes it),
and a draft's photo is refused to a stranger. Pictures as the demo draws them."""

import pytest
from playwright.sync_api import Page

from e2e.conftest import assert_accessible
from tsunagaru.accounts.models import Role
from tsunagaru.cases import services as case_services
from tsunagaru.core import demo_pictures
from tsunagaru.partners import services as partner_services
from tsunagaru.partners.tests.factories import MembershipFactory

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("guideline")]

# Lazy pictures load only near the viewport: ask for each now, then wait until it is decoded.
BROKEN_IMAGES = """async () => {
  const images = [...document.images];
  images.forEach((img) => { img.loading = "eager"; });
  await Promise.all(images.map((img) => img.decode().catch(() => null)));
  return images.filter((img) => img.naturalWidth === 0).map((img) => img.src);
}"""


@pytest.fixture
def inase(make_user):
    author = make_user(Role.PARTNER_MEMBER, email="inase@example.jp")
    return MembershipFactory(user=author, organisation__name="稲瀬振興会").organisation, author


def draft_with_picture(inase, author, title):
    case = case_services.case_save(
        case=None,
        data={"title": title, "summary": "地区の有志で取り組みました。", "fiscal_year": 2025},
        partners=[{"name": "稲瀬振興会", "role": "企画と運営"}],
        by=author,
        author_organisation=inase,
    )
    picture = demo_pictures.case_illustration(title)
    case_services.case_photo_add(
        case=case, image=picture.upload, alt_text=picture.description, caption="", by=author
    )
    return case


def test_every_image_on_the_public_pages_loads(page: Page, inase, coordinator):
    group, author = inase
    logo = demo_pictures.group_logo(group.name)
    partner_services.organisation_update(
        organisation=group, data={"logo": logo.upload, "logo_alt": logo.description}, by=author
    )
    case = draft_with_picture(group, author, "地区で初めての花火")
    case_services.case_submit(case=case, by=author)
    case.refresh_from_db()
    case_services.case_publish(case=case, by=coordinator)

    for path in ("/", "/cases/", case.get_absolute_url(), group.get_absolute_url()):
        page.goto(path)
        assert page.locator("img").count() > 0 or path == "/", path
        assert page.evaluate(BROKEN_IMAGES) == [], path
        assert_accessible(page)


def test_a_drafts_photo_is_refused_to_a_stranger(page: Page, inase):
    photo = draft_with_picture(*inase, "下書きの事例").photos.get()

    response = page.goto(f"/cases/photos/{photo.pk}/")

    assert response is not None
    assert response.status == 404
