"""Demo academy: a 令和7年度 cohort of each of the guideline's courses, run through the real
workflow — applications, acceptance, sessions held as events with attendance taken, an
assignment handed in, feedback, a make-up, completions with certificates — and a 令和8年度
beginner cohort open for applications, full, with people on its waiting list.

A past year is replayed: people apply while the cohort is open, and the close date is then set
to its real day in that year (the only write here that is not a service: applying after the
close date is, rightly, refused by the service).
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from django.utils import timezone

from tsunagaru.academy import services
from tsunagaru.academy.models import Application, Certificate, Cohort, Course
from tsunagaru.accounts import services as account_services
from tsunagaru.accounts.models import User
from tsunagaru.core.models import District
from tsunagaru.info import services as info_services
from tsunagaru.info.models import Event, Registration
from tsunagaru.matching import people_services
from tsunagaru.matching.models import PersonIntroduction
from tsunagaru.partners import services as partner_services
from tsunagaru.partners.models import Need, Organisation

DEPARTMENT = "奥州市 協働まちづくり部 地域づくり推進課"
PAST_YEAR = 2025  # 令和7年度
# (email, family name, given name, kana family, kana given, display name, district). They
# came to the site as volunteers (a private volunteer profile) before taking a course.
PEOPLE = [
    ("academy1@example.jp", "及川", "直子", "オイカワ", "ナオコ", "江刺の及川", "ide"),
    ("academy2@example.jp", "菅原", "孝", "スガワラ", "タカシ", "前沢の菅原", "shirotori"),
    ("academy3@example.jp", "千田", "恵美", "チダ", "エミ", "胆沢の千田", "wakayanagi"),
    ("academy4@example.jp", "高橋", "大輔", "タカハシ", "ダイスケ", "水沢の高橋", "hidaka"),
    ("academy5@example.jp", "佐々木", "陽子", "ササキ", "ヨウコ", "衣川の佐々木", "kitamata"),
    ("academy6@example.jp", "小野寺", "学", "オノデラ", "マナブ", "小野寺", "sakurakawa"),
]
# Graduates who answered the invitation on their certificate page and published a profile.
PUBLISHING = ("academy1@example.jp", "academy2@example.jp")
# Per course: first session's month, how many sessions each person attended (in the order of
# PEOPLE; the demo resident first), and whether the resident takes part.
PLAN: dict[str, dict[str, Any]] = {
    "beginner": {"month": 6, "attended": [6, 5, 6, 3, 5], "resident": True},
    "tsunagaru": {"month": 9, "attended": [4, 3, 2], "resident": False},
    "skillup": {"month": 7, "attended": [3, 2, 2, 1], "resident": False},
    "district-chairs": {"month": 5, "attended": [2, 2, 1], "resident": False},
}


def load(report: Any) -> None:
    if Cohort.objects.exists() or not Organisation.objects.filter(name=DEPARTMENT).exists():
        return
    staff = User.objects.get(email="staff@example.jp")
    resident = User.objects.get(email="resident@example.jp")
    people = [_person(*entry) for entry in PEOPLE]
    for course in Course.objects.filter(is_active=True):
        plan = PLAN.get(course.code)
        if plan is None:
            continue
        members = ([resident] if plan["resident"] else []) + people
        _past_cohort(course, plan, members[: len(plan["attended"])], staff)
        report.created += 1
    _open_cohort(staff, people)
    report.created += 1
    for email in PUBLISHING:
        _connect(User.objects.get(email=email))


def _connect(graduate: User) -> None:
    """A district group in the graduate's area asked them for help and they said yes, some
    weeks after the course (replayed: the answer is dated then)."""
    volunteer = graduate.volunteer_profile
    area = volunteer.area or (volunteer.district.area if volunteer.district else None)
    needs = Need.objects.filter(
        status=Need.Status.OPEN,
        organisation__status=Organisation.Status.VERIFIED,
        organisation__memberships__isnull=False,
    ).select_related("organisation")
    need = needs.filter(organisation__area=area).first() or needs.first()
    if need is None:
        return
    member = need.organisation.memberships.select_related("user").first()
    if member is None:
        return
    request = people_services.person_introduction_request(
        need=need,
        volunteer=volunteer,
        message="アカデミー修了生の方と聞きました。地区の取組を一緒に考えていただけませんか。",
        by=member.user,
    )
    people_services.person_introduction_answer(
        introduction=request,
        accept=True,
        response="ぜひ。まずは次の役員会に伺います。",
        by=graduate,
    )
    completed = Certificate.objects.filter(application__user=graduate).order_by("completed_on")
    first = completed.values_list("completed_on", flat=True).first()
    if first is not None:
        answered = _at(first + timedelta(days=45), 10)
        PersonIntroduction.objects.filter(pk=request.pk).update(
            answered_at=answered, created_at=answered - timedelta(days=3)
        )


def _person(
    email: str, family: str, given: str, kana: str, given_kana: str, shown: str, district: str
) -> User:
    found = User.objects.filter(email=email).first()
    if found is not None:
        return found
    user = account_services.user_create(
        email=email,
        password=None,  # only the demo accounts of core.demo sign in
        family_name=family,
        given_name=given,
        family_name_kana=kana,
        given_name_kana=given_kana,
        display_name=shown,
        by=None,
    )
    partner_services.volunteer_profile_save(
        user=user,
        data={
            "skills": "地区の行事の手伝い、会計の経験",
            "availability": "土日の日中",
            "district": District.objects.get(slug=district),
            "is_public": False,
        },
    )
    return user


def _publish(user: User, course: Course) -> None:
    """The graduate accepts the invitation: a public profile naming the course taken, and
    consent to be suggested to groups (given by the graduate, never by the academy)."""
    partner_services.volunteer_profile_save(
        user=user,
        data={
            "skills": f"地区の行事の手伝い、会計の経験。{course.name}修了。",
            "wishes": "地区の話し合いの進行役や、若い人を呼び込む企画を手伝いたいです。",
            "is_public": True,
            "suggest": True,
        },
    )


def _at(day: date, hour: int) -> datetime:
    return timezone.make_aware(datetime(day.year, day.month, day.day, hour))


def _past_cohort(course: Course, plan: dict[str, Any], members: list[User], staff: User) -> None:
    cohort = services.cohort_create(
        course=course,
        fiscal_year=PAST_YEAR,
        organiser=Organisation.objects.get(name=DEPARTMENT),
        capacity=20,
        applications_close_at=timezone.now() + timedelta(minutes=5),
        by=staff,
    )
    for person in members:
        application = services.application_apply(
            cohort=cohort, user=person, motivation=_motivation(course)
        )
        services.application_decide(application=application, accept=True, by=staff)
    first = date(PAST_YEAR, plan["month"], 10)
    Cohort.objects.filter(pk=cohort.pk).update(applications_close_at=_at(first, 0))
    for session in course.sessions.all():
        day = first + timedelta(weeks=2 * (session.number - 1))
        event = services.session_add(
            cohort=cohort,
            session=session,
            starts_at=_at(day, 13),
            ends_at=_at(day, 16),
            place_name="奥州市役所 本庁舎 4階 会議室",
            address="岩手県奥州市水沢大手町1-1",
            by=staff,
        )
        came = [p for p, n in zip(members, plan["attended"], strict=True) if session.number <= n]
        _attendance(event, came, staff)
    _finish(cohort, staff)


def _attendance(event: Event, came: list[User], staff: User) -> None:
    present = Registration.objects.filter(
        event=event, user__in=came, status=Registration.Status.REGISTERED
    ).values_list("pk", flat=True)
    info_services.attendance_record(event=event, attended=list(present), by=staff)


def _finish(cohort: Cohort, staff: User) -> None:
    """Hand in the plans, give feedback, make up one missed session, confirm completions."""
    from tsunagaru.academy import selectors

    for progress in selectors.cohort_progress(cohort):
        application = progress.application
        if cohort.course.requires_assignment and progress.attended >= cohort.course.min_sessions:
            services.assignment_submit(
                application=application,
                text="地区の空き家を、子どもと高齢者が集う交流の場にする計画です。",
                file=None,
                by=application.user,
            )
            services.feedback_add(
                application=application,
                text="目標と役割分担が具体的です。地区振興会に一度相談してみてください。",
                by=staff,
            )
        missed = progress.missed_sessions
        if len(missed) == 1 and progress.attended == cohort.course.min_sessions - 1:
            session = selectors.cohort_sessions(cohort)[missed[0]]
            services.makeup_record(application=application, event=session, by=staff)
    for progress in selectors.cohort_progress(cohort):
        if progress.meets_rule and progress.application.status == Application.Status.ACCEPTED:
            certificate = services.completion_confirm(application=progress.application, by=staff)
            # Replayed: the completion was confirmed after the last session, in that year.
            last = selectors.cohort_sessions(cohort)[-1].starts_at
            Certificate.objects.filter(pk=certificate.pk).update(
                completed_on=timezone.localdate(last) + timedelta(days=7)
            )
            graduate = progress.application.user
            if graduate.email != "resident@example.jp":
                services.certificate_consent(
                    certificate=certificate,
                    show_name=True,
                    on_profile=graduate.email in PUBLISHING,
                    by=graduate,
                )
            if graduate.email in PUBLISHING:
                _publish(graduate, cohort.course)


def _open_cohort(staff: User, people: list[User]) -> None:
    course = Course.objects.get(code="beginner")
    today = timezone.localdate()
    cohort = services.cohort_create(
        course=course,
        fiscal_year=PAST_YEAR + 1,
        organiser=Organisation.objects.get(name=DEPARTMENT),
        capacity=2,
        applications_close_at=_at(today + timedelta(days=21), 23),
        note="託児があります。申し込みの際にお知らせください。",
        by=staff,
    )
    for session in course.sessions.all()[:2]:
        day = today + timedelta(days=28 + 14 * (session.number - 1))
        services.session_add(
            cohort=cohort,
            session=session,
            starts_at=_at(day, 13),
            ends_at=_at(day, 16),
            place_name="奥州市 江刺総合支所 2階 大会議室",
            address="岩手県奥州市江刺大通り1-8",
            by=staff,
        )
    # Two places: two accepted, the next people go on the waiting list.
    for person in people[3:5]:
        accepted = services.application_apply(
            cohort=cohort, user=person, motivation=_motivation(course)
        )
        services.application_decide(application=accepted, accept=True, by=staff)
    for person in (people[5], people[2]):
        services.application_apply(cohort=cohort, user=person, motivation=_motivation(course))


def _motivation(course: Course) -> str:
    if course.code == "district-chairs":
        return "振興会の役員の成り手を増やす方法を、他の地区と話し合いたいです。"
    return "地区の行事に若い人が来なくなりました。協働の進め方を学び、地区で生かしたいです。"
