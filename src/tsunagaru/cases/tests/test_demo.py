"""The demo library: the guideline's cases, and an example for every form and suited field."""

import html
import re

import pytest
from django.urls import reverse

from tsunagaru.cases import selectors
from tsunagaru.cases.models import Case, CasePhoto
from tsunagaru.guideline.models import Form, SuitableField
from tsunagaru.partners.models import Organisation

pytestmark = pytest.mark.django_db


def test_the_demo_has_a_published_case_for_every_form_and_suited_field(demo_data, client):
    published = Case.objects.filter(status=Case.Status.PUBLISHED)
    assert published.count() == Case.objects.count() >= 20
    for form in Form.objects.all():
        assert published.filter(forms=form).exists(), form.name
    for field in SuitableField.objects.all():
        assert published.filter(suitable_fields=field).exists(), field.label
    # Every registered partner confirmed its own part before publication.
    assert not published.filter(
        partners__organisation__isnull=False, partners__confirmed_at__isnull=True
    ).exists()
    # Each published case carries a picture described for people who cannot see it, and each
    # listed group a logo (drawn for the demo: core.demo_pictures).
    assert not published.filter(photos__isnull=True).exists()
    assert all(p.alt_text.startswith("イメージイラスト：") for p in CasePhoto.objects.all())
    listed = Organisation.objects.filter(status=Organisation.Status.VERIFIED)
    assert not listed.filter(logo="").exists()
    assert not listed.filter(logo_alt="").exists()
    public_pages = [
        "/",
        reverse("cases:list"),
        reverse("partners:directory"),
        *(case.get_absolute_url() for case in published),
        *(group.get_absolute_url() for group in listed),
    ]
    assert_every_picture_is_served(client, public_pages)
    grant = published.get(title="市民提案型協働支援事業による子育て広場")
    assert grant.program.label == "市民提案型協働支援事業補助金制度の運用"
    _cases, ranked = selectors.find(selectors.CaseFilter(query="花火"))
    assert Case.objects.get(pk=ranked[0]).title == "地区で初めての花火の打ち上げ"


def assert_every_picture_is_served(client, urls):
    """Each <img> in each page's content has a description and answers 200 with a picture
    (the site logo in the header is decoration beside the site's name, alt="")."""
    seen = 0
    for url in urls:
        main = client.get(url).content.decode().split("<main", 1)[1].split("</main>", 1)[0]
        for tag in re.findall(r"<img [^>]*>", main):
            assert re.search(r'alt="[^"]+"', tag), (url, tag)
            src = html.unescape(re.search(r'src="([^"]+)"', tag).group(1))
            response = client.get(src)
            assert response.status_code == 200, (url, src)
            assert response["Content-Type"].startswith("image/"), (url, src)
            seen += 1
    assert seen >= len(urls) - 3  # nearly every page shows one (not the home or list pages)
