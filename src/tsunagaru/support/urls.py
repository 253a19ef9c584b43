from __future__ import annotations

from django.urls import path

from tsunagaru.support import registration_views, views

app_name = "support"

urlpatterns = [
    path("", views.index, name="index"),
    path("ask/", views.ask, name="ask"),
    path("questions/mine/", views.mine, name="mine"),
    path("questions/<str:token>/", views.question, name="question"),
    path("consultations/", views.queue, name="queue"),
    path("consultations/new/", views.log_new, name="log"),
    path("consultations/<int:pk>/", views.detail, name="detail"),
    path("consultations/<int:pk>/answer/", views.answer, name="answer"),
    path("consultations/<int:pk>/follow-up/", views.follow_up, name="follow_up"),
    path("consultations/<int:pk>/referrals/", views.refer, name="refer"),
    path("consultations/<int:pk>/articles/", views.article_used, name="article_used"),
    path("consultations/<int:pk>/<str:action>/", views.transition, name="transition"),
    path("registrations/", registration_views.registrations, name="registrations"),
    path(
        "registrations/apply/<int:organisation_pk>/",
        registration_views.registration_apply,
        name="registration_apply",
    ),
    path(
        "registrations/<int:pk>/decide/",
        registration_views.registration_decide,
        name="registration_decide",
    ),
]
