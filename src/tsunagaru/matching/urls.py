from __future__ import annotations

from django.urls import path

from tsunagaru.matching import people_views, views

app_name = "matching"

urlpatterns = [
    path("help/", views.help_search, name="help"),
    path("give/", views.give_search, name="give"),
    path("needs/<int:pk>/", views.need_suggestions, name="need"),
    path("needs/<int:pk>/feedback/<int:organisation_pk>/", views.feedback, name="feedback"),
    path("needs/<int:pk>/introduce/<int:organisation_pk>/", views.introduce, name="introduce"),
    path("groups/<int:pk>/needs-to-help/", views.needs_to_help, name="needs_to_help"),
    path("introductions/", views.introductions, name="introductions"),
    path("introductions/new/<int:recipient_pk>/", views.introduction_new, name="request"),
    path("introductions/<int:pk>/", views.introduction, name="introduction"),
    path(
        "introductions/<int:pk>/withdraw/",
        views.introduction_withdraw,
        name="introduction_withdraw",
    ),
    path(
        "needs/<int:pk>/people/<int:volunteer_pk>/ask/",
        people_views.person_request,
        name="person_request",
    ),
    path("people/requests/", people_views.person_introductions, name="person_introductions"),
    path(
        "people/requests/<int:pk>/",
        people_views.person_introduction,
        name="person_introduction",
    ),
    path(
        "people/requests/<int:pk>/withdraw/",
        people_views.person_introduction_withdraw,
        name="person_introduction_withdraw",
    ),
    path("unmatched/", views.unmatched, name="unmatched"),
    path("network/", views.network, name="network"),
    path("network/export.<str:fmt>", views.network_export, name="network_export"),
    path("glossary/", views.glossary, name="glossary"),
    path("glossary/<int:pk>/", views.glossary, name="glossary_edit"),
]
