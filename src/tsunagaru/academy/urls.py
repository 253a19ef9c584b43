from __future__ import annotations

from django.urls import path

from tsunagaru.academy import staff_views, views

app_name = "academy"

urlpatterns = [
    path("", views.course_list, name="courses"),
    path("mine/", views.my_applications, name="mine"),
    path("courses/<slug:code>/", views.course_detail, name="course"),
    path("cohorts/", staff_views.cohort_staff_list, name="cohorts"),
    path("cohorts/new/", staff_views.cohort_new, name="cohort_new"),
    path("cohorts/<int:pk>/", views.cohort_detail, name="cohort"),
    path("cohorts/<int:pk>/apply/", views.cohort_apply, name="apply"),
    path("cohorts/<int:pk>/manage/", staff_views.cohort_manage, name="manage"),
    path("cohorts/<int:pk>/sessions/", staff_views.session_add, name="session_add"),
    path("applications/<int:pk>/", views.application_detail, name="application"),
    path("applications/<int:pk>/withdraw/", views.application_withdraw, name="withdraw"),
    path("applications/<int:pk>/assignment/", views.assignment_submit, name="assignment"),
    path(
        "applications/<int:pk>/assignment/file/",
        views.assignment_download,
        name="assignment_file",
    ),
    path("applications/<int:pk>/decide/", staff_views.application_decide, name="decide"),
    path("applications/<int:pk>/feedback/", staff_views.feedback_add, name="feedback"),
    path("applications/<int:pk>/makeup/", staff_views.makeup_record, name="makeup"),
    path("applications/<int:pk>/complete/", staff_views.completion_confirm, name="complete"),
    path("certificates/<str:code>.pdf", views.certificate_download, name="certificate"),
    path("certificates/<str:code>/consent/", views.certificate_consent, name="consent"),
    path("verify/<str:code>/", views.verify, name="verify"),
    path("graduates/", views.graduates, name="graduates"),
]
