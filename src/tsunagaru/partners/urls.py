from __future__ import annotations

from django.urls import path

from tsunagaru.partners import views

app_name = "partners"

urlpatterns = [
    path("", views.directory, name="directory"),
    path("register/", views.register, name="register"),
    path("review/", views.review, name="review"),
    path("import/", views.import_upload, name="import"),
    path("import/confirm/", views.import_confirm, name="import_confirm"),
    path("export/", views.export, name="export"),
    path("mine/", views.my_groups, name="mine"),
    path("volunteer/", views.volunteer, name="volunteer"),
    path("volunteers/", views.volunteers, name="volunteers"),
    path("districts/<int:pk>/", views.district, name="district"),
    path("invitations/<str:token>/", views.invitation_accept, name="invitation_accept"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/edit/", views.edit, name="edit"),
    path("<int:pk>/logo/", views.logo, name="logo"),
    path("<int:pk>/contact/", views.contact, name="contact"),
    path("<int:pk>/members/", views.members, name="members"),
    path("<int:pk>/members/<int:membership_pk>/", views.member_change, name="member_change"),
    path("<int:pk>/status/<str:action>/", views.change_status, name="change_status"),
    path("<int:pk>/<str:kind>/new/", views.item_edit, name="item_new"),
    path("<int:pk>/<str:kind>/<int:item_pk>/", views.item_edit, name="item_edit"),
    path("<int:pk>/needs/<int:need_pk>/status/", views.need_status, name="need_status"),
]
