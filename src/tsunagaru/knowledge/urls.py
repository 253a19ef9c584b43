from __future__ import annotations

from django.urls import path

from tsunagaru.knowledge import views

app_name = "knowledge"

urlpatterns = [
    path("", views.article_list, name="list"),
    path("manage/", views.article_manage, name="manage"),
    path("new/", views.article_edit, name="new"),
    path("files/<int:pk>/", views.attachment, name="attachment"),
    path("<int:pk>/", views.article_detail, name="detail"),
    path("<int:pk>/edit/", views.article_edit, name="edit"),
    path("<int:pk>/files/", views.article_files, name="files"),
    path("<int:pk>/<str:action>/", views.article_action, name="action"),
]
