from __future__ import annotations

from django.urls import path

from tsunagaru.core import views

app_name = "core"

urlpatterns = [
    path("", views.home, name="home"),
    path("search/", views.search, name="search"),
    path("places/", views.places, name="places"),
    path("reading/", views.reading_choose, name="reading"),
    path("workspace/", views.workspace_page, name="workspace"),
    path("favicon.ico", views.favicon, name="favicon"),
    path("core/postcode/", views.postcode, name="postcode"),
    path("jobs/<uuid:pk>/", views.job_detail, name="job_detail"),
    path("jobs/<uuid:pk>/download/", views.job_download, name="job_download"),
]
