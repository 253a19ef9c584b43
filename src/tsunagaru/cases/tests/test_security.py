"""A case's title goes into mail subjects: it stays on one line, in the form and the service."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from tsunagaru.cases.forms import CaseForm
from tsunagaru.cases.models import Case
from tsunagaru.cases.tests.test_services import draft

pytestmark = pytest.mark.django_db


def test_a_case_title_with_a_line_break_is_refused_and_nothing_is_saved(partners):
    inase, _fireworks, author, _other = partners

    with pytest.raises(ValidationError) as error:
        draft(inase, author, title="地区で初めての花火\r\nBcc: victim@example.com")

    assert error.value.error_dict["title"][0].code == "line_break"
    assert not Case.objects.exists()


def test_the_case_form_refuses_a_title_with_a_line_break():
    form = CaseForm(data={"title": "一行目\n二行目"})

    form.is_valid()

    assert "line_break" in [e.code for e in form.errors.as_data()["title"]]
