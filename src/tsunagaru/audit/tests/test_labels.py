"""Every action the code records has words for auditors, and the log page uses them."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from tsunagaru.audit import labels
from tsunagaru.audit.services import audit_record
from tsunagaru.cases.models import Case
from tsunagaru.community.facility_models import HallRepair
from tsunagaru.core.models import Area, District
from tsunagaru.info.sponsorship_models import SponsorshipRequest
from tsunagaru.partners.models import Need, Organisation
from tsunagaru.proposals.models import Party, Proposal

SRC = Path(__file__).resolve().parents[2]
RECORDERS = {"audit_record", "audit_record_many"}

# Actions built at run time (f-strings), each with every value it can take.
FAMILIES: dict[str, list[str]] = {
    "introduction.{}": ["introduction.accept", "introduction.decline"],
    "case.{}": [f"case.{s}" for s in Case.Status.values],
    "need.{}": [f"need.{s}" for s in Need.Status.values],
    "organisation.{}": [
        f"organisation.{a}" for a in ("verify", "reject", "suspend", "resubmit", "reinstate")
    ],
    "party.{}": [f"party.{s}" for s in Party.Answer.values],
    "proposal.{}": [f"proposal.{s}" for s in Proposal.Status.values],
    "sponsorshiprequest.{}": [f"sponsorshiprequest.{s}" for s in SponsorshipRequest.Status.values],
    "event.{}": [f"event.{a}" for a in ("submit", "publish", "cancel", "postpone")],
    "contribution.{}": ["contribution.accept", "contribution.decline"],
    "hallrepair.{}": [f"hallrepair.{s}" for s in HallRepair.Status.values],
    "contribution.apply_{}": [f"contribution.apply_{k}" for k in ("exhibitor", "presentation")],
    "{}.rename": ["measure.rename", "program.rename"],
    "{}.retire": ["measure.retire", "program.retire"],
    "{}.add": ["measure.add", "program.add"],
    "{}.correct": [
        f"{m}.correct"
        for m in ("principle", "domain", "collaborationtype", "form", "suitablefield", "measure")
    ],
    "{}.{}": [
        f"{m}.{v}"
        for m in ("offer", "need", "municipality", "area", "district")
        for v in ("add", "update", "create")
    ],
}


def _action_arguments(tree: ast.AST) -> list[ast.expr]:
    """The `action=` argument of every audit_record*/audit_record_many call in a module."""
    return [
        keyword.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and getattr(node.func, "id", getattr(node.func, "attr", "")) in RECORDERS
        for keyword in node.keywords
        if keyword.arg == "action"
    ]


def _strings(expression: ast.expr) -> tuple[set[str], set[str]]:
    """(plain strings, f-string patterns with {} for each hole) an expression can give."""
    if isinstance(expression, ast.JoinedStr):
        pattern = "".join(
            v.value if isinstance(v, ast.Constant) else "{}" for v in expression.values
        )
        return set(), {pattern}
    if isinstance(expression, ast.Constant) and isinstance(expression.value, str):
        return {expression.value}, set()
    literals: set[str] = set()
    patterns: set[str] = set()
    for child in ast.iter_child_nodes(expression):
        if isinstance(child, ast.expr):
            more, more_patterns = _strings(child)
            literals |= more
            patterns |= more_patterns
    return literals, patterns


def _recorded_actions() -> tuple[set[str], set[str]]:
    """(literal action codes, f-string patterns) passed to audit_record* in the source."""
    literals: set[str] = set()
    patterns: set[str] = set()
    for path in SRC.rglob("*.py"):
        if "tests" in path.parts or "migrations" in path.parts:
            continue
        for argument in _action_arguments(ast.parse(path.read_text(encoding="utf-8"))):
            more, more_patterns = _strings(argument)
            literals |= more
            patterns |= more_patterns
    return literals, patterns


def test_the_source_records_actions_this_test_can_see():
    literals, patterns = _recorded_actions()

    assert "agreement.approve" in literals
    assert "user.suspend" in literals  # the else branch of a conditional expression
    assert "proposal.{}" in patterns


def test_every_action_string_used_in_the_code_has_a_label():
    literals, _patterns = _recorded_actions()

    missing = sorted(a for a in literals if labels.action_label(a) == a)

    assert missing == [], "add these to audit.labels.ACTIONS"


def test_every_action_built_at_run_time_is_known_here_and_has_a_label():
    _literals, patterns = _recorded_actions()

    assert patterns <= set(FAMILIES), "list the new f-string action's values in FAMILIES"
    missing = sorted(a for p in patterns for a in FAMILIES[p] if labels.action_label(a) == a)
    assert missing == []


@pytest.mark.django_db
def test_status_actions_read_as_kind_and_status():
    with_words = labels.action_label("proposal.submitted")

    assert str(Proposal._meta.verbose_name) in with_words
    assert str(Proposal.Status.SUBMITTED.label) in with_words


@pytest.mark.django_db
def test_the_log_page_shows_actions_kinds_and_changes_in_words(client, city_staff):
    organisation_type = ContentType.objects.get_for_model(Organisation)
    district = District.objects.get(slug="ide")
    audit_record(
        actor=city_staff,
        action="district.update",
        target=district,
        before={"name": "伊手", "is_active": True, "name_en": None, "area": None},
        after={"name": "伊手地区", "is_active": False, "name_en": "", "area": district.area_id},
    )
    client.force_login(city_staff)

    response = client.get(reverse("audit:list"), HTTP_ACCEPT_LANGUAGE="ja")

    html = response.content.decode()
    assert "district.update" not in html.split('id="audit-results"')[1]
    assert labels.action_label("district.update") in html
    assert "地区 #" in html  # the kind as its Japanese name
    assert "<code>" not in html.split('id="audit-results"')[1]
    assert str(District._meta.get_field("is_active").verbose_name) in html
    assert "伊手 → 伊手地区" in html
    assert "はい → いいえ" in html
    assert "— → —" not in html  # nothing to say when empty became blank
    assert f"{Area._meta.verbose_name} #{district.area_id}" in html  # another object, by kind
    # Only kinds that entries are about are offered in the filter.
    kinds = list(response.context["form"].fields["target_type"].queryset)
    assert kinds == [ContentType.objects.get_for_model(District)]
    assert organisation_type not in kinds


@pytest.mark.django_db
def test_the_tables_scroll_region_can_be_reached_by_keyboard(client, city_staff):
    client.force_login(city_staff)

    html = client.get(reverse("audit:list")).content.decode()

    assert '<div class="table-wrap" tabindex="0" role="region" aria-label="' in html


@pytest.mark.django_db
def test_a_kind_of_actions_can_be_chosen_whole(client, city_staff):
    audit_record(actor=city_staff, action="user.role_change")
    audit_record(actor=city_staff, action="user.signup")
    audit_record(actor=None, action="job.start")
    client.force_login(city_staff)

    response = client.get(reverse("audit:list"), {"action": "user."})

    assert sorted(e.action for e in response.context["page"]) == ["user.role_change", "user.signup"]
    choices = dict(response.context["form"].fields["action"].choices)
    assert any(value == "user." for value, _label in choices[labels.prefix_label("user")])


@pytest.mark.django_db
def test_a_day_recorded_under_a_key_that_is_no_field_reads_in_wareki():
    plan_type = ContentType.objects.get(app_label="community", model="communityplan")

    assert labels.value_label(plan_type, "general_meeting_on", "2025-04-20") == "令和7年4月20日"
    assert labels.field_label(plan_type, "general_meeting_on") == "総会の日"
    assert labels.value_label(plan_type, "changes", "2025-04-20に改訂") == "2025-04-20に改訂"
