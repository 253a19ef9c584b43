from __future__ import annotations

from django.urls import path

from tsunagaru.cases import feeds, views

app_name = "cases"

urlpatterns = [
    path("", views.case_list, name="list"),
    path("new/", views.case_edit, name="new"),
    path("mine/", views.my_cases, name="mine"),
    path("feed/", feeds.LatestCases(), name="feed"),
    path("booklet/", views.booklet_make, name="booklet"),
    path("booklet/print/", views.booklet_preview, name="booklet_print"),
    path("photos/<int:pk>/", views.photo, name="photo"),
    path("photos/<int:pk>/thumbnail/", views.photo, {"size": "thumbnail"}, name="photo_thumbnail"),
    path("files/<int:pk>/", views.attachment, name="attachment"),
    path("<int:pk>/", views.case_detail, name="detail"),
    path("<int:pk>/edit/", views.case_edit, name="edit"),
    path("<int:pk>/similar/", views.case_similar, name="similar"),
    path("<int:pk>/photos/", views.case_photos, name="photos"),
    path("<int:pk>/files/", views.case_files, name="files"),
    path("<int:pk>/<str:action>/", views.case_action, name="action"),
]
