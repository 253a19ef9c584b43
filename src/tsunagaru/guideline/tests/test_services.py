import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.template import Context, Template
from django.utils import translation

from tsunagaru.audit.models import AuditEvent
from tsunagaru.guideline import selectors, services
from tsunagaru.guideline.models import ActivityField, Edition, Measure, Program

pytestmark = pytest.mark.django_db


@pytest.fixture
def stage4(administrator):
    return services.edition_create(
        code="stage4",
        number=4,
        name="第4ステージ",
        title="協働のまちづくり指針《第4版》",
        published_on=datetime.date(2027, 3, 1),
        published_label="令和9年3月",
        by=administrator,
    )


def in_force(model, edition):
    return list(model.objects.in_edition(edition).values_list("name", flat=True))


def test_a_new_edition_must_follow_the_existing_ones(administrator):
    with pytest.raises(ValidationError) as error:
        services.edition_create(
            code="again",
            number=3,
            name="x",
            title="x",
            published_on=datetime.date(2021, 3, 1),
            published_label="x",
            by=administrator,
        )

    assert error.value.code == "edition_order"


def test_renaming_a_measure_keeps_the_old_row_for_old_records(administrator, stage4):
    academy = Measure.objects.get(code="ア")
    old_program = academy.programs.get(name="協働推進スキルアップ研修開催事業")

    renamed = services.item_rename(
        item=academy,
        name="協働の担い手育成と『つながる』人づくり",
        edition=stage4,
        by=administrator,
    )

    academy.refresh_from_db()
    assert academy.retired_in == stage4
    assert (renamed.code, renamed.replaces, renamed.introduced_in) == ("ア", academy, stage4)
    stage3 = Edition.objects.get(code="stage3")
    assert "協働の担い手育成の強化" in in_force(Measure, stage3)
    assert "協働の担い手育成の強化" not in in_force(Measure, stage4)
    assert "協働の担い手育成と『つながる』人づくり" in in_force(Measure, stage4)
    # The programs come along, as continued; the old program still points at the old measure.
    carried = Program.objects.in_edition(stage4).filter(measure=renamed)
    assert sorted(p.name for p in carried) == sorted(p.name for p in academy.programs.all())
    assert {p.status for p in carried} == {Program.Status.CONTINUED}
    old_program.refresh_from_db()
    assert old_program.measure == academy
    assert AuditEvent.objects.filter(action="measure.rename").count() == 1


def test_a_record_filed_under_a_retired_item_shows_it_with_its_edition(administrator, stage4):
    program = Program.objects.get(name="協働の提案テーブル制度の運用")
    services.item_retire(item=program, edition=stage4, by=administrator)
    program.refresh_from_db()

    template = Template("{% load guideline %}{{ item|filed_under }}|{{ current|filed_under }}")
    current = Program.objects.get(name="市民参画手続研修開催事業")
    with translation.override("en"):
        shown = template.render(Context({"item": program, "current": current}))

    assert shown == (
        "Operating the Collaboration Proposal Table system (Stage 3; no longer in force)"
        "|Holding training on citizen participation procedures"
    )
    with translation.override("ja"):
        japanese = template.render(Context({"item": program, "current": current}))
    assert japanese.startswith("協働の提案テーブル制度の運用")
    assert "第3ステージ" in japanese


def test_retiring_a_measure_retires_its_programs_in_that_edition(administrator, stage4):
    measure = Measure.objects.get(code="ス")

    services.item_retire(item=measure, edition=stage4, by=administrator)

    assert "協働推進のための関連経費の確保" not in in_force(Measure, stage4)
    assert not Program.objects.in_edition(stage4).filter(measure=measure).exists()
    assert (
        Program.objects.in_edition(selectors.edition_current()).filter(measure=measure).count() == 2
    )
    assert AuditEvent.objects.get(action="measure.retire").after == {"retired_in": "stage4"}


def test_rename_or_retire_must_happen_in_a_later_edition(administrator):
    stage3 = selectors.edition_current()
    measure = Measure.objects.get(code="ア")

    with pytest.raises(ValidationError) as error:
        services.item_retire(item=measure, edition=stage3, by=administrator)

    assert error.value.code == "edition_order"
    measure.refresh_from_db()
    assert measure.retired_in is None


def test_past_editions_cannot_be_changed(administrator, stage4):
    services.edition_make_current(edition=stage4, by=administrator)
    stage3 = Edition.objects.get(code="stage3")

    with pytest.raises(ValidationError) as error:
        services.program_add(
            measure=Measure.objects.get(code="ア"),
            name="遡って追加",
            status="new",
            edition=stage3,
            by=administrator,
        )

    assert error.value.code == "edition_order"


def test_an_item_already_retired_cannot_be_renamed(administrator, stage4):
    program = Program.objects.get(name="市民参画手続研修開催事業")
    services.item_retire(item=program, edition=stage4, by=administrator)

    with pytest.raises(ValidationError) as error:
        services.item_rename(item=program, name="新しい名前", edition=stage4, by=administrator)

    assert error.value.code == "not_in_force"


def test_renaming_to_the_same_name_is_refused(administrator, stage4):
    program = Program.objects.get(name="市民参画手続研修開催事業")

    with pytest.raises(ValidationError) as error:
        services.item_rename(item=program, name=program.name, edition=stage4, by=administrator)

    assert error.value.code == "unchanged"


def test_a_new_program_in_a_new_edition_is_added_with_its_status(administrator, stage4):
    measure = Measure.objects.get(code="イ")

    program = services.program_add(
        measure=measure,
        name="『つながる』ポータル運用事業",
        status=Program.Status.NEW,
        edition=stage4,
        by=administrator,
    )

    assert program.name in in_force(Program, stage4)
    assert program.name not in in_force(Program, selectors.edition_current())
    assert AuditEvent.objects.get(action="program.add").after["edition"] == "stage4"


def test_only_one_edition_is_current(administrator, stage4):
    services.edition_make_current(edition=stage4, by=administrator)

    assert list(Edition.objects.filter(is_current=True).values_list("code", flat=True)) == [
        "stage4"
    ]
    event = AuditEvent.objects.get(action="edition.make_current")
    assert (event.before, event.after) == ({"current": "stage3"}, {"current": "stage4"})
    with pytest.raises(IntegrityError):
        Edition.objects.filter(code="stage3").update(is_current=True)


def test_corrections_change_wording_in_place_and_are_audited(administrator):
    principle = selectors.principles(selectors.edition_current()).get(number=1)

    services.item_correct(
        item=principle,
        data={"name_en": "Shared purpose and goals", "name": "ignored"},
        by=administrator,
    )

    principle.refresh_from_db()
    assert (principle.name, principle.name_en) == ("目的・目標の共有", "Shared purpose and goals")
    assert AuditEvent.objects.get(action="principle.correct").after == {
        "name_en": "Shared purpose and goals"
    }


def test_activity_fields_are_added_and_retired_with_an_audit_trail(administrator):
    field = services.activity_field_save(
        field=ActivityField(code="snow", name="除雪", name_en="Snow clearing", order=99),
        by=administrator,
    )
    field.is_active = False
    services.activity_field_save(field=field, by=administrator)

    actions = list(AuditEvent.objects.order_by("pk").values_list("action", flat=True))
    assert actions == ["activityfield.add", "activityfield.update"]
