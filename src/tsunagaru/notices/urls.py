from __future__ import annotations

from django.urls import path

from tsunagaru.notices import views

app_name = "notices"

urlpatterns = [
    path("", views.notice_list, name="list"),
]
