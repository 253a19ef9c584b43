import datetime

import pytest
from django.urls import reverse

from tsunagaru.audit.models import AuditEvent
from tsunagaru.guideline import services
from tsunagaru.guideline.models import Measure, Program

pytestmark = pytest.mark.django_db


@pytest.fixture
def stage4(administrator):
    return services.edition_create(
        code="stage4",
        number=4,
        name="第4ステージ",
        title="指針《第4版》",
        published_on=datetime.date(2027, 3, 1),
        published_label="令和9年3月",
        by=administrator,
    )


def test_administrator_renames_a_program_in_a_new_edition_from_the_admin(
    client, administrator, stage4
):
    program = Program.objects.get(name="協働の提案テーブル制度の運用")
    client.force_login(administrator)

    response = client.post(
        reverse("admin:guideline_program_changelist"),
        {
            "action": "rename_in_edition",
            "_selected_action": [program.pk],
            "apply": "1",
            "edition": stage4.pk,
            "name": "協働の提案テーブル制度の運用と改善",
        },
    )

    assert response.status_code == 302
    program.refresh_from_db()
    assert program.retired_in == stage4
    assert program.replaced_by.get().name == "協働の提案テーブル制度の運用と改善"
    assert AuditEvent.objects.filter(action="program.rename", actor=administrator).exists()


def test_the_admin_cannot_edit_a_name_in_place(client, administrator):
    measure = Measure.objects.get(code="サ")
    client.force_login(administrator)
    url = reverse("admin:guideline_measure_change", args=[measure.pk])

    client.post(
        url,
        {
            "name": "書き換え",
            "name_en": "Improving the proposal table",
            "order": 11,
            "description": measure.description,
            "description_en": "",
            "heading_name": "",
        },
    )

    measure.refresh_from_db()
    assert measure.name == "協働の提案テーブルの機能向上"
    assert measure.name_en == "Improving the proposal table"
    assert AuditEvent.objects.filter(action="measure.correct").exists()


@pytest.mark.parametrize("role_fixture", ["city_staff", "coordinator"])
def test_only_administrators_edit_the_guideline(client, request, role_fixture):
    client.force_login(request.getfixturevalue(role_fixture))

    response = client.get(reverse("admin:guideline_measure_changelist"))

    assert response.status_code == 302
