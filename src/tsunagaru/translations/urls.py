from __future__ import annotations

from django.urls import path

from tsunagaru.translations import views

app_name = "translations"

urlpatterns = [
    path("", views.queue, name="queue"),
    path("translators/", views.translators, name="translators"),
    path("translators/<int:pk>/retire/", views.translator_retire, name="translator_retire"),
    path("<slug:kind>/<int:pk>/<str:language>/", views.version_edit, name="edit"),
]
