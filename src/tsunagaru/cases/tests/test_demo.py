"""The demo library: the guideline's cases, and an example for every form and suited field."""

import pytest

from tsunagaru.cases import selectors
from tsunagaru.cases.models import Case, CasePhoto
from tsunagaru.core import demo
from tsunagaru.guideline.models import Form, SuitableField
from tsunagaru.partners.models import Organisation

pytestmark = pytest.mark.django_db


def test_the_demo_has_a_published_case_for_every_form_and_suited_field():
    demo.load()

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
    grant = published.get(title="市民提案型協働支援事業による子育て広場")
    assert grant.program.label == "市民提案型協働支援事業補助金制度の運用"
    _cases, ranked = selectors.find(selectors.CaseFilter(query="花火"))
    assert Case.objects.get(pk=ranked[0]).title == "地区で初めての花火の打ち上げ"
