from __future__ import annotations

from django.urls import path

from tsunagaru.proposals import file_views, views

app_name = "proposals"

urlpatterns = [
    path("", views.project_list, name="list"),
    path("new/", views.proposal_new, name="new"),
    path("mine/", views.my_proposals, name="mine"),
    path("table/", views.dashboard, name="dashboard"),
    path("not-adopted/", views.not_adopted, name="not_adopted"),
    path("<int:pk>/", views.proposal_detail, name="detail"),
    path("<int:pk>/step/<str:step>/", views.proposal_step, name="step"),
    path("<int:pk>/screen/", views.proposal_screen, name="screen"),
    path("<int:pk>/meetings/", views.meetings, name="meetings"),
    path("<int:pk>/meetings/<int:meeting_pk>/reply/", views.meeting_reply, name="reply"),
    path("<int:pk>/thread/", views.thread, name="thread"),
    path("<int:pk>/agreement/", views.agreement, name="agreement"),
    path("<int:pk>/agreement/edit/", views.agreement_edit, name="agreement_edit"),
    path("<int:pk>/agreement/approve/", views.agreement_approve, name="approve"),
    path("<int:pk>/reports/", views.reports, name="reports"),
    path("<int:pk>/documents/<int:document_pk>/", file_views.document, name="document"),
    path("<int:pk>/reports/photos/<int:photo_pk>/", file_views.report_photo, name="report_photo"),
    path(
        "<int:pk>/reports/photos/<int:photo_pk>/thumbnail/",
        file_views.report_photo,
        {"size": "thumbnail"},
        name="report_photo_thumbnail",
    ),
    path("<int:pk>/evaluate/", views.evaluate, name="evaluate"),
    path("<int:pk>/<str:action>/", views.proposal_action, name="action"),
]
