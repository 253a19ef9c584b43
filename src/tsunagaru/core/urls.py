from __future__ import annotations

from django.urls import path

from tsunagaru.core import views

app_name = "core"

urlpatterns = [
    path("", views.home, name="home"),
    path("search/", views.search, name="search"),
    path("places/", views.places, name="places"),
    path("reading/", views.reading_choose, name="reading"),
    path("easy-japanese/", views.easy_check, name="easy_check"),
    path("readings/", views.word_readings, name="word_readings"),
    path("readings/<int:pk>/", views.word_reading_edit, name="word_reading_edit"),
    path("readings/<int:pk>/delete/", views.word_reading_delete, name="word_reading_delete"),
    path("workspace/", views.workspace_page, name="workspace"),
    path("favicon.ico", views.favicon, name="favicon"),
    path("core/postcode/", views.postcode, name="postcode"),
    path("jobs/<uuid:pk>/", views.job_detail, name="job_detail"),
    path("jobs/<uuid:pk>/download/", views.job_download, name="job_download"),
]
