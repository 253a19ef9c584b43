from __future__ import annotations

from django.urls import path

from tsunagaru.info import (
    contribution_views,
    feed_views,
    feeds,
    registration_views,
    series_views,
    views,
)

app_name = "info"

urlpatterns = [
    path("", views.event_list, name="events"),
    path("calendar/", views.event_calendar, name="calendar"),
    path("new/", views.event_edit, name="new"),
    path("mine/", views.my_events, name="mine"),
    path("series/new/", series_views.series_new, name="series_new"),
    path("series/<int:pk>/", series_views.series_detail, name="series"),
    path("series/<int:pk>/materials/", series_views.material_add, name="material_add"),
    path("materials/<int:pk>/", series_views.material_download, name="material"),
    path("materials/<int:pk>/remove/", series_views.material_remove, name="material_remove"),
    path("place/<str:token>/cancel/", registration_views.cancel_by_link, name="cancel_place"),
    path("place/<str:token>/confirm/", registration_views.confirm_by_link, name="confirm"),
    path("<int:pk>/", views.event_detail, name="event"),
    path("<int:pk>/edit/", views.event_edit, name="edit"),
    path("<int:pk>/picture/", views.event_picture, name="picture"),
    path("<int:pk>/thumbnail/", views.event_picture, {"size": "thumbnail"}, name="thumbnail"),
    path("<int:pk>/register/", registration_views.register, name="register"),
    path("<int:pk>/cancel-my-place/", registration_views.cancel_mine, name="cancel_mine"),
    path("<int:pk>/participants/", registration_views.participants, name="participants"),
    path(
        "<int:pk>/participants/<int:registration_pk>/cancel/",
        registration_views.cancel_other,
        name="cancel_other",
    ),
    path(
        "<int:pk>/participants.<str:fmt>",
        registration_views.participants_download,
        name="participants_download",
    ),
    path("<int:pk>/take-part/<str:kind>/", contribution_views.contribute, name="contribute"),
    path("<int:pk>/applications/", contribution_views.contributions, name="contributions"),
    path(
        "applications/<int:pk>/<str:action>/",
        contribution_views.contribution_action,
        name="contribution_action",
    ),
    path("<int:pk>/<str:action>/", views.event_action, name="action"),
    # Calendar feeds and open data (feed_views.py).
    path("<int:pk>.ics", feed_views.event_ics, name="event_ics"),
    path("group/<int:pk>.ics", feed_views.group_ics, name="group_ics"),
    path("area/<int:pk>.ics", feed_views.area_ics, name="area_ics"),
    path("calendar/<str:token>.ics", feed_views.personal_ics, name="personal_ics"),
    path("mine/calendar/", feed_views.calendar_address, name="calendar_address"),
    path("feed/", feeds.LatestEvents(), name="feed"),
    path("opendata.csv", feed_views.opendata_csv, name="opendata_csv"),
    path("opendata.json", feed_views.opendata_json, name="opendata_json"),
]
