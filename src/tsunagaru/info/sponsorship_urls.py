"""後援名義 requests, at /sponsorship/ (included from tsunagaru.urls)."""

from __future__ import annotations

from django.urls import path

from tsunagaru.info import sponsorship_views as views

app_name = "sponsorship"

urlpatterns = [
    path("", views.sponsorship_mine, name="mine"),
    path("new/", views.sponsorship_edit, name="new"),
    path("queue/", views.sponsorship_queue, name="queue"),
    path("<int:pk>/", views.sponsorship_detail, name="detail"),
    path("<int:pk>/edit/", views.sponsorship_edit, name="edit"),
    path("<int:pk>/report/", views.sponsorship_report, name="report"),
    path("<int:pk>/letter.pdf", views.sponsorship_letter_download, name="letter"),
    path("<int:pk>/<str:action>/", views.sponsorship_action, name="action"),
]
