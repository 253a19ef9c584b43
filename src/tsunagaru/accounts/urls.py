from __future__ import annotations

from django.urls import path

from tsunagaru.accounts import views

app_name = "accounts"

urlpatterns = [
    path("", views.profile_edit, name="profile"),
]
