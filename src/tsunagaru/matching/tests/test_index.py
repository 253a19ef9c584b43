"""The shared matching index: stored once, loaded by every process, kept in step by the
numbered changes, and never built while a page is being answered."""

from __future__ import annotations

import datetime
import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from tsunagaru.accounts.models import Role
from tsunagaru.matching import index, selectors
from tsunagaru.matching.engine import store
from tsunagaru.matching.models import IndexChange
from tsunagaru.partners import services as partner_services
from tsunagaru.partners.models import Need, Offer
from tsunagaru.partners.tests.factories import MembershipFactory

SRC = Path(__file__).resolve().parents[3]
DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def need_of(organisation, by, title):
    return partner_services.need_save(
        need=Need(organisation=organisation),
        data={
            "category": "trouble",
            "title": title,
            "description": "",
            "status": "open",
            "activity_fields": [],
        },
        by=by,
    )


def offer_of(organisation, by, title):
    return partner_services.offer_save(
        offer=Offer(organisation=organisation),
        data={"category": "skill", "title": title, "description": "", "activity_fields": []},
        by=by,
    )


@pytest.fixture
def groups(make_user):
    asker = make_user(Role.PARTNER_MEMBER)
    helper = make_user(Role.PARTNER_MEMBER)
    other = make_user(Role.PARTNER_MEMBER)
    village = MembershipFactory(user=asker, organisation__name="大森自治会").organisation
    students = MembershipFactory(user=helper, organisation__name="みなみ学生ボランティア")
    photos = MembershipFactory(user=other, organisation__name="写真サークル").organisation
    return village, students.organisation, photos, asker, helper, other


def test_without_a_stored_index_the_page_says_suggestions_are_being_prepared(
    client, groups, settings
):
    settings.TASKS = DATABASE_TASKS  # a worker process would build it, not this request
    village, _students, _photos, asker, *_ = groups
    need = need_of(village, asker, "雪かきの人手が足りない")
    client.force_login(asker)

    page = client.get(reverse("matching:need", args=[need.pk])).content.decode()

    assert 'id="suggestions-preparing"' in page
    assert store.current(index.root()) is None  # nothing was built during the request
    assert (
        DBTaskResult.objects.filter(task_path="tsunagaru.matching.tasks.build_index").count() == 1
    )
    client.get(reverse("matching:need", args=[need.pk]))
    assert DBTaskResult.objects.count() == 1  # asked for once, not on every page


def test_an_index_stored_by_another_version_of_the_code_is_built_again_not_used(
    client, groups, settings
):
    village, _students, _photos, asker, *_ = groups
    need = need_of(village, asker, "雪かきの人手が足りない")
    stored = index.build()
    about = store.meta(stored)
    (stored / "meta.json").write_text(json.dumps({**about, "format": 0}), encoding="utf-8")
    settings.TASKS = DATABASE_TASKS
    client.force_login(asker)

    page = client.get(reverse("matching:need", args=[need.pk])).content.decode()

    assert 'id="suggestions-preparing"' in page
    assert (
        DBTaskResult.objects.filter(task_path="tsunagaru.matching.tasks.build_index").count() == 1
    )


def test_with_a_stored_index_the_page_shows_suggestions(client, groups, settings):
    village, students, _photos, asker, helper, _other = groups
    need = need_of(village, asker, "雪かきの人手が足りない")
    offer_of(students, helper, "学生が除雪ボランティアに出ます")
    index.build()
    settings.TASKS = DATABASE_TASKS
    client.force_login(asker)

    page = client.get(reverse("matching:need", args=[need.pk])).content.decode()

    assert 'id="suggestions-preparing"' not in page
    assert "みなみ学生ボランティア" in page


def test_changes_after_the_stored_version_are_applied_before_ranking(groups):
    village, students, photos, asker, helper, other = groups
    need = need_of(village, asker, "雪かきの人手が足りない")
    offer_of(photos, other, "写真の撮影")
    stored = index.build()
    assert store.meta(stored)["version"] == IndexChange.objects.latest("pk").pk
    # Its name may bring the students up for a call for hands, but nothing they offer yet.
    assert not offers_of(students, selectors.suggestions_for_need(need))

    offer_of(students, helper, "学生が除雪ボランティアに出ます")

    assert store.current(index.root()) == stored  # not rebuilt: the change was applied
    suggestions = selectors.suggestions_for_need(need)
    assert suggestions[0].organisation == students
    assert offers_of(students, suggestions)


def offers_of(group, suggestions):
    """The words the suggestions say `group` can do."""
    return [
        word
        for s in suggestions
        if s.organisation == group
        for r in s.reasons
        if r.kind == "offers"
        for word in r.words
    ]


def test_a_group_that_is_no_longer_listed_leaves_the_stored_index(groups, city_staff):
    village, students, _photos, asker, helper, _other = groups
    need = need_of(village, asker, "雪かきの人手が足りない")
    offer_of(students, helper, "除雪ボランティアの派遣")
    index.build()
    assert [s.organisation for s in selectors.suggestions_for_need(need)] == [students]

    partner_services.organisation_suspend(organisation=students, reason="確認中", by=city_staff)

    assert selectors.suggestions_for_need(need) == []


def test_a_glossary_change_reaches_the_loaded_engine(groups, coordinator):
    from tsunagaru.matching import services

    index.build()
    before = index.engine()
    assert before is not None
    assert len(before.glossary) == 0
    services.glossary_save(
        group=None, words="雪はね、雪かき", note="", is_active=True, by=coordinator
    )

    engine = index.engine()

    assert engine is before  # not rebuilt: the glossary was read again
    assert len(engine.glossary) == 2


def test_a_published_case_teaches_the_loaded_engine_and_taking_it_back_unteaches(
    groups, make_user, coordinator
):
    from tsunagaru.cases import services as case_services
    from tsunagaru.guideline.models import Form

    village, _students, _photos, asker, *_ = groups
    author = make_user(Role.PARTNER_MEMBER)
    fireworks_member = make_user(Role.PARTNER_MEMBER)
    inase = MembershipFactory(user=author, organisation__name="稲瀬振興会").organisation
    fireworks = MembershipFactory(
        user=fireworks_member, organisation__name="江刺藤里ファイヤーワークス"
    ).organisation
    need = need_of(village, asker, "地区で花火を打ち上げたい")
    index.build()
    assert not learned_reason_for(need, fireworks)
    case = case_services.case_save(
        case=None,
        data={
            "title": "地区で初めての花火",
            "summary": "花火の経験がある団体とつながり、地区で初めて花火を打ち上げました。",
            "fiscal_year": 2020,
            "forms": [Form.objects.get(name="事業協力")],
        },
        partners=[
            {"name": "稲瀬振興会", "role": "会場"},
            {"name": fireworks.name, "role": "打ち上げ"},
        ],
        by=author,
        author_organisation=inase,
    )
    case_services.case_submit(case=case, by=author)
    partner = case.partners.get(organisation=fireworks)
    case_services.case_confirm(case=case, partner=partner, by=fireworks_member)

    case_services.case_publish(case=case, by=coordinator)
    assert learned_reason_for(need, fireworks)

    case_services.case_unpublish(case=case, reason="写真の差し替え", by=coordinator)
    assert not learned_reason_for(need, fireworks)


def learned_reason_for(need, organisation):
    return any(
        reason.kind == "learned"
        for s in selectors.suggestions_for_need(need)
        if s.organisation == organisation
        for reason in s.reasons
    )


def test_the_command_builds_and_stores_the_index(groups):
    from io import StringIO

    from django.core.management import call_command

    village, *_rest, asker, _helper, _other = groups
    need_of(village, asker, "雪かきの人手が足りない")
    out = StringIO()

    call_command("matching_index", stdout=out)

    stored = store.current(index.root())
    assert stored is not None
    assert store.meta(stored)["count"] == 3
    assert "3 groups" in out.getvalue()


def test_a_build_forgets_the_changes_it_contains_once_they_are_a_day_old(groups):
    from tsunagaru.matching import services

    old = services.index_change_record(kind="glossary")
    recent = services.index_change_record(kind="glossary")
    IndexChange.objects.filter(pk=old.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=2)
    )

    index.build()
    after = services.index_change_record(kind="glossary")

    assert list(IndexChange.objects.filter(kind="glossary")) == [recent, after]


def _database_url(tmp_path: Path) -> str:
    """The test database as a URL another process can open."""
    if connection.vendor == "sqlite":
        # The test database lives in this process's memory: copy it to a file.
        path = tmp_path / "shared.sqlite3"
        copy = sqlite3.connect(path)
        connection.ensure_connection()
        connection.connection.backup(copy)
        copy.close()
        return f"sqlite:///{path}"
    s = connection.settings_dict
    password = f":{s['PASSWORD']}" if s["PASSWORD"] else ""
    return f"postgres://{s['USER']}{password}@{s['HOST']}:{s['PORT']}/{s['NAME']}"


class Worker:
    """Another process serving pages from the same database and stored index."""

    def __init__(self, database_url: str, index_dir: Path, var_dir: Path) -> None:
        env = {
            **os.environ,
            "PYTHONPATH": str(SRC),
            "DEBUG": "true",
            "DATABASE_URL": database_url,
            "MATCHING_INDEX_DIR": str(index_dir),
            "VAR_DIR": str(var_dir),
        }
        self.process = subprocess.Popen(
            [sys.executable, "-m", "tsunagaru.matching.tests.rank_worker"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            env=env,
            text=True,
            encoding="utf-8",
        )
        assert self.read() == {"ready": True}

    def read(self) -> object:
        assert self.process.stdout is not None
        line = self.process.stdout.readline()
        assert line, "the worker process stopped"
        return json.loads(line)

    def ask(self, command: dict[str, object]) -> object:
        assert self.process.stdin is not None
        self.process.stdin.write(json.dumps(command) + "\n")
        self.process.stdin.flush()
        return self.read()

    def stop(self) -> None:
        if self.process.stdin is not None:
            self.process.stdin.close()
        self.process.wait(timeout=30)


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("guideline", "oshu")  # an earlier transactional test flushed them
def test_two_processes_load_one_index_and_rank_a_changed_group_alike(groups, tmp_path, settings):
    village, students, photos, asker, helper, other = groups
    need = need_of(village, asker, "雪かきの人手が足りない")
    offer_of(photos, other, "写真の撮影")
    index.build()
    workers = [
        Worker(_database_url(tmp_path), Path(settings.MATCHING_INDEX_DIR), tmp_path / f"var{n}")
        for n in (1, 2)
    ]
    try:
        before = [w.ask({"rank": need.pk}) for w in workers]
        assert before[0] == before[1]
        # Its name may bring the students up for a call for hands, but nothing they offer yet.
        assert not [
            reason
            for group, reasons in before[0]
            if group == students.pk
            for reason in reasons
            if reason[0] == "offers"
        ]

        # The first process saves an offer (a page's form); the second only ranks.
        workers[0].ask({"offer": [students.pk, helper.pk, "学生が除雪ボランティアに出ます"]})

        after = [w.ask({"rank": need.pk}) for w in reversed(workers)]
    finally:
        for w in workers:
            w.stop()
    assert after[0] == after[1]
    best, reasons = after[0][0]
    assert best == students.pk
    assert "offers" in [kind for kind, *_words in reasons]
