from __future__ import annotations

from django.urls import path

from tsunagaru.proposals import views

app_name = "proposals"

urlpatterns = [
    path("<int:pk>/", views.proposal_detail, name="detail"),
]
