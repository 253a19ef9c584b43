from __future__ import annotations

from django.urls import path

from tsunagaru.legal import views
from tsunagaru.legal.models import Page

app_name = "legal"

urlpatterns = [
    *[path(f"{page}/", views.page_detail, {"page": page}, name=page) for page in Page.values],
    path("consent/", views.consent, name="consent"),
    path("legal/<slug:page>/edit/", views.page_edit, name="edit"),
    path("legal/<slug:page>/history/", views.page_history, name="history"),
]
