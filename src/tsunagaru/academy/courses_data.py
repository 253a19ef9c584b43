"""The guideline's four courses of measure ア (協働の担い手育成の強化) and 地区振興会長等研修会,
as data: aim, audience, curriculum and completion rule. Staff edit them later in the admin.

Written in Japanese with an English version, like the other seeded data (info's EventKind).
"""

from __future__ import annotations

from typing import Any

# ruff: noqa: E501 - one course per entry reads best as data
COURSES: list[dict[str, Any]] = [
    {
        "code": "beginner",
        "name": "協働のまちづくりアカデミー（初級編）",
        "name_en": "Collaborative Community Building Academy (Beginner)",
        "program": "協働のまちづくりアカデミー（初級編）開講事業",
        "aim": "協働のまちづくりの考え方と進め方を基礎から学び、自分の地区で取り組みたいことを行動計画にまとめます。",
        "aim_en": "Learn the basics of collaborative community building and turn what you want to do in your district into an action plan.",
        "audience": "これから地域活動や市民活動に関わりたい方、始めて間もない方",
        "audience_en": "People who want to start, or have just started, community or civic activities",
        "min_sessions": 5,
        "requires_assignment": True,
        "assignment_prompt": "自分の地区で取り組みたいことの行動計画",
        "assignment_prompt_en": "An action plan for what you want to do in your district",
        "sessions": [
            (
                "協働とは何か",
                "What collaboration is",
                "協働の意義と原則\n奥州市協働推進ガイドライン",
            ),
            ("地域を知る", "Getting to know the district", "地区の統計と地図\n地域資源の見つけ方"),
            ("地域の課題を見つける", "Finding local issues", "聞き取りの方法\n課題の整理"),
            ("協働の相手を探す", "Finding partners", "協働の担い手\n協働の形態"),
            ("事例に学ぶ", "Learning from cases", "事例集の事例\n先輩の話"),
            ("行動計画をつくる", "Making an action plan", "計画の立て方\n発表と講評"),
        ],
    },
    {
        "code": "tsunagaru",
        "name": "協働のまちづくりアカデミー（『つながる』編）",
        "name_en": "Collaborative Community Building Academy (Tsunagaru)",
        "program": "協働のまちづくりアカデミー（『つながる』編）開講事業",
        "aim": "初級編の修了者などが、地区や団体と実際につながり、協働の事業を企画します。",
        "aim_en": "Graduates of the beginner course and others connect with districts and groups and plan a collaborative project.",
        "audience": "初級編の修了者、地域活動や市民活動の経験がある方",
        "audience_en": "Graduates of the beginner course and people with experience of community or civic activities",
        "min_sessions": 3,
        "requires_assignment": True,
        "assignment_prompt": "地区や団体と取り組む協働事業の企画書",
        "assignment_prompt_en": "A plan for a collaborative project with a district or a group",
        "sessions": [
            ("つながるための対話", "Dialogue that connects", "対話の進め方\nファシリテーション"),
            ("地区を訪ねる", "Visiting a district", "地区振興会の活動\n現地での聞き取り"),
            (
                "協働の企画を立てる",
                "Planning collaboration",
                "提案テーブルの使い方\n役割分担と予算",
            ),
            ("企画を発表する", "Presenting the plan", "発表\n地区と団体からの講評"),
        ],
    },
    {
        "code": "skillup",
        "name": "協働推進スキルアップ研修",
        "name_en": "Skill-up training for collaboration",
        "program": "協働推進スキルアップ研修開催事業",
        "aim": "活動の段階や分野に応じて、会議の進め方、広報、会計など協働に必要な技能を身につけます。",
        "aim_en": "Gain the skills collaboration needs, by stage of activity or field: running meetings, publicity, accounting.",
        "audience": "地区振興会、自治会、NPO、ボランティア団体で活動している方",
        "audience_en": "People active in district councils, neighbourhood associations, NPOs and volunteer groups",
        "min_sessions": 2,
        "requires_assignment": False,
        "assignment_prompt": "",
        "assignment_prompt_en": "",
        "sessions": [
            ("会議の進め方", "Running meetings", "合意のつくり方\n記録の取り方"),
            ("伝わる広報", "Publicity that works", "チラシとSNS\nやさしい日本語"),
            ("団体の会計", "Accounts of a group", "会計報告\n補助金の収支"),
        ],
    },
    {
        "code": "district-chairs",
        "name": "地区振興会長等研修会",
        "name_en": "Training for district council chairs",
        "program": "地区振興会長等研修会開催事業",
        "aim": "地区振興会の会長と役員が、自立した地域運営と市との協働について学び、情報を交換します。",
        "aim_en": "Chairs and officers of district councils learn about self-reliant local management and collaboration with the city, and exchange information.",
        "audience": "地区振興会の会長、副会長、事務局長",
        "audience_en": "Chairs, vice-chairs and secretaries of district councils",
        "min_sessions": 2,
        "requires_assignment": False,
        "assignment_prompt": "",
        "assignment_prompt_en": "",
        "sessions": [
            ("自立した地域運営", "Self-reliant local management", "地域計画\n担い手の確保"),
            (
                "地区の情報交換",
                "Exchange between districts",
                "各地区の取組\n市の地区担当職員との連携",
            ),
        ],
    },
]


def add_courses(apps: Any, schema_editor: Any) -> None:
    Course = apps.get_model("academy", "Course")
    CourseSession = apps.get_model("academy", "CourseSession")
    Program = apps.get_model("guideline", "Program")
    for order, entry in enumerate(COURSES, start=1):
        fields = {k: v for k, v in entry.items() if k not in ("code", "program", "sessions")}
        course, _created = Course.objects.update_or_create(
            code=entry["code"],
            defaults={
                **fields,
                "order": order,
                "program": Program.objects.filter(name=entry["program"]).first(),
            },
        )
        for number, (title, title_en, topics) in enumerate(entry["sessions"], start=1):
            CourseSession.objects.update_or_create(
                course=course,
                number=number,
                defaults={"title": title, "title_en": title_en, "topics": topics},
            )
