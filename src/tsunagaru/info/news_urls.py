from __future__ import annotations

from django.urls import path

from tsunagaru.info import news_feeds, news_views

app_name = "news"

urlpatterns = [
    path("", news_views.news_list, name="list"),
    path("feed/", news_feeds.LatestNews(), name="feed"),
    path("new/", news_views.news_edit, name="new"),
    path("mine/", news_views.my_news, name="mine"),
    path("review/", news_views.news_review, name="review"),
    path("trust/<int:organisation_pk>/<str:action>/", news_views.news_trust, name="trust"),
    path("<int:pk>/", news_views.news_detail, name="detail"),
    path("<int:pk>/edit/", news_views.news_edit, name="edit"),
    path("<int:pk>/picture/", news_views.news_picture, name="picture"),
    path(
        "<int:pk>/thumbnail/",
        news_views.news_picture,
        {"size": "thumbnail"},
        name="thumbnail",
    ),
    path("<int:pk>/<str:action>/", news_views.news_action, name="action"),
]
