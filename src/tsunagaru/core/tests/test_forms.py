"""Every form of the project reads as a designed service: no 「---------」, no Ctrl-click list
box, radio buttons without an empty choice; and the postcode fills an address offline."""

from __future__ import annotations

import importlib
import inspect
import json
import pkgutil
import re
from typing import Any

import pytest
from django import forms
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

import tsunagaru
from tsunagaru.core.forms import DesignedFormMixin, clean_postcode
from tsunagaru.core.postcode import address_for
from tsunagaru.proposals.models import Proposal

pytestmark = pytest.mark.django_db


def _proposal_stub() -> Proposal:
    return Proposal(pk=1)


def _event_stub() -> Any:
    from tsunagaru.info.models import Event

    return Event(pk=1, questions=["託児を希望しますか"])


def _no_cases() -> Any:
    from tsunagaru.cases.models import Case

    return Case.objects.none()


def _programme_stub() -> Any:
    from tsunagaru.grants.models import Programme

    return Programme(pk=1)


def _no_groups() -> Any:
    from tsunagaru.partners.models import Organisation

    return Organisation.objects.none()


def _no_programmes() -> Any:
    from tsunagaru.grants.models import Programme

    return Programme.objects.none()


# Forms whose constructor needs arguments, and those arguments.
ARGS: dict[str, dict[str, Any]] = {
    "proposals.forms.ProposalStepForm": {"step": "table"},
    "proposals.forms.GroupChoiceForm": {"groups": []},
    "proposals.forms.MeetingForm": {"proposal": _proposal_stub},
    "proposals.forms.ReportForm": {"goals": []},
    "info.forms.AttendanceForm": {"choices": [(1, "奥州 花子")]},
    "info.forms.RegistrationForm": {"event": _event_stub, "guest": True},
    "info.forms.ContributionForm": {"kind": "presentation", "groups": [], "cases": _no_cases},
    "info.forms.SeriesForm": {"groups": []},
    "academy.forms.MakeupForm": {"sessions": []},
    "support.forms.AskForm": {"guest": True},
    "grants.forms.ApplicationForm": {"light": False, "actions": []},
    "grants.forms.CopyForm": {"years": [(2027, "令和9年度")]},
    "grants.forms.ExpenseForm": {"programme": _programme_stub},
    "grants.forms.CostForm": {"programme": _programme_stub},
    "grants.forms.SelfCheckForm": {"codes": ["registered", "governance"]},
    "grants.forms.StartForm": {"programme": _programme_stub, "organisations": _no_groups},
    "grants.forms.ScoreForm": {"criteria": []},
    "grants.forms.ScreeningFilter": {"programmes": _no_programmes},
    "translations.forms.VersionForm": {
        "originals": {"title": "除雪", "description": "地区の\n除雪"},
        "labels": {"title": "題", "description": "説明"},
        "easy": True,
    },
}
MIXINS = {"matching.forms.GroupChoiceMixin"}


def project_form_classes() -> list[type[forms.BaseForm]]:
    """Every form class defined in a module of the project (forms.py, admin.py, ...)."""
    found: dict[str, type[forms.BaseForm]] = {}
    for module_info in pkgutil.walk_packages(tsunagaru.__path__, "tsunagaru."):
        name = module_info.name
        if ".tests" in name or ".migrations" in name or name.endswith(("settings", "wsgi", "asgi")):
            continue
        if not (name.endswith((".forms", ".admin")) or ".forms." in name):
            continue
        module = importlib.import_module(name)
        for _n, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, forms.BaseForm) and cls.__module__ == name:
                found[f"{name.removeprefix('tsunagaru.')}.{cls.__name__}"] = cls
    return [found[key] for key in sorted(found)]


def _key(cls: type) -> str:
    return f"{cls.__module__.removeprefix('tsunagaru.')}.{cls.__name__}"


def _build(cls: type[forms.BaseForm]) -> forms.BaseForm:
    kwargs = {k: v() if callable(v) else v for k, v in ARGS.get(_key(cls), {}).items()}
    return cls(**kwargs)


def test_the_project_has_forms_to_check():
    assert len(project_form_classes()) > 30


@pytest.mark.parametrize("form_class", project_form_classes(), ids=_key)
def test_every_form_is_designed_and_shows_no_django_defaults(form_class):
    assert issubclass(form_class, DesignedFormMixin), f"{_key(form_class)} skips the design"
    with translation.override("ja"):
        form = _build(form_class)
        html = render_to_string("_form_fields.html", {"form": form})
        filters = render_to_string("_filter_fields.html", {"form": form})
    for rendered in (html, filters):
        assert "---------" not in rendered
        assert not re.search(r"<select[^>]*\bmultiple\b", rendered), "a Ctrl-click list box"


def test_an_empty_choice_says_what_to_do_and_filters_say_all():
    from tsunagaru.audit.forms import AuditFilterForm
    from tsunagaru.partners.forms import OrganisationForm
    from tsunagaru.proposals.forms import InviteForm

    with translation.override("en"):
        assert '<option value="" selected>Choose one</option>' in str(InviteForm())
        assert '<option value="">Choose one</option>' in str(OrganisationForm()["parent"]) or (
            '<option value="" selected>Choose one</option>' in str(OrganisationForm()["parent"])
        )
        assert ">All</option>" in str(AuditFilterForm()["target_type"])


def test_radio_buttons_offer_no_empty_choice():
    from tsunagaru.proposals.forms import EvaluationForm

    html = str(EvaluationForm()["continue_project"])
    assert 'value=""' not in html
    assert 'type="radio"' in html


def test_the_screening_pages_invited_groups_are_a_checkbox_list_with_a_filter_hook():
    from tsunagaru.proposals.forms import AcceptForm

    html = str(AcceptForm()["partners"])
    assert 'class="choice-list"' in html
    assert "data-choice-filter" in html
    assert "<select" not in html


# --- 郵便番号 ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "postcode", "town", "rest"),
    [
        ("023-8501", "023-8501", "水沢大手町", "1丁目1"),  # 奥州市役所 (an office's own code)
        ("〒０２３－００５３", "023-0053", "水沢大手町", ""),
        ("0231192", "023-1192", "江刺大通り", "1-8"),  # 江刺総合支所
        ("023-0000", "023-0000", "", ""),  # the whole city (以下に掲載がない場合)
    ],
)
def test_a_postcode_gives_the_address_in_oshu(written, postcode, town, rest):
    address = address_for(written)
    assert address is not None
    assert (address.postcode, address.prefecture, address.city) == (postcode, "岩手県", "奥州市")
    assert (address.town, address.rest) == (town, rest)


@pytest.mark.parametrize("written", ["", "023", "0000000", "abcdefg", "023-85011"])
def test_a_postcode_that_is_not_one_gives_no_address(written):
    assert address_for(written) is None


def test_a_postcode_is_stored_as_written_by_japan_post_or_refused():
    assert clean_postcode("０２３８５０１") == "023-8501"
    assert clean_postcode("") == ""
    with pytest.raises(forms.ValidationError) as refused:
        clean_postcode("023-85")
    assert refused.value.code == "bad_postcode"


def test_the_postcode_endpoint_answers_in_json(client):
    url = reverse("core:postcode")
    found = json.loads(client.get(url, {"code": "0238501"}).content)
    assert found["found"] is True
    assert (found["prefecture"], found["city"], found["town"]) == ("岩手県", "奥州市", "水沢大手町")
    missing = client.get(url, {"code": "9" * 30})
    assert missing.status_code == 200
    assert json.loads(missing.content)["found"] is False
