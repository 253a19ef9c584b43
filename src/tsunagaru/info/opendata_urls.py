"""/opendata/: the list of the site's open data sets (included from tsunagaru.urls)."""

from __future__ import annotations

from django.urls import path

from tsunagaru.info import feed_views

app_name = "opendata"

urlpatterns = [
    path("", feed_views.opendata_index, name="index"),
]
