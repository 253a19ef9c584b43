from __future__ import annotations

from django.urls import path

from tsunagaru.community import views

app_name = "community"

urlpatterns = [
    path("figures/import/", views.figure_import, name="figure_import"),
    path("contacts/<int:pk>/remove/", views.contact_remove, name="contact_remove"),
    path("<int:pk>/", views.district_detail, name="district"),
    path("<int:pk>/figures/new/", views.figure_add, name="figure_add"),
    path("<int:pk>/centre/", views.centre_edit, name="centre"),
    path("<int:pk>/contacts/", views.contact_add, name="contact_add"),
]
