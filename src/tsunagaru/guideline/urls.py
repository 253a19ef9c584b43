from __future__ import annotations

from django.urls import path

from tsunagaru.guideline import views

app_name = "guideline"

urlpatterns = [
    path("", views.index, name="index"),
    path("why/", views.why, name="why"),
    path("what/", views.what, name="what"),
    path("rules/", views.rules, name="rules"),
    path("rules/<int:number>/", views.principle, name="principle"),
    path("methods/", views.methods, name="methods"),
    path("domains/<str:code>/", views.domain, name="domain"),
    path("forms/<int:number>/", views.form, name="form"),
    path("fields/<int:number>/", views.suitable_field, name="field"),
    path("measures/", views.measures, name="measures"),
]
