from __future__ import annotations

from django.urls import path

from tsunagaru.audit import views

app_name = "audit"

urlpatterns = [
    path("", views.event_list, name="list"),
    path("export/", views.event_export, name="export"),
]
