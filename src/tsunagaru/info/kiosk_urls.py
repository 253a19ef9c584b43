from __future__ import annotations

from django.urls import path

from tsunagaru.info import kiosk_views

app_name = "kiosk"

urlpatterns = [
    path("", kiosk_views.kiosk_display, name="display"),
    path("slides/", kiosk_views.kiosk_slides, name="slides"),
]
