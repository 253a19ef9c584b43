from __future__ import annotations

from django.urls import path

from tsunagaru.community import facility_views, income_views, inventory_views, plan_views, views

app_name = "community"

urlpatterns = [
    path("figures/import/", views.figure_import, name="figure_import"),
    path("overview/", views.district_overview, name="overview"),
    path("overview.csv", views.district_overview_csv, name="overview_csv"),
    path("contacts/<int:pk>/remove/", views.contact_remove, name="contact_remove"),
    path("<int:pk>/", views.district_detail, name="district"),
    path("<int:pk>/figures/new/", views.figure_add, name="figure_add"),
    path("<int:pk>/centre/", views.centre_edit, name="centre"),
    path("<int:pk>/contacts/", views.contact_add, name="contact_add"),
    path("<int:pk>/rooms/", facility_views.room_add, name="room_add"),
    path("rooms/<int:pk>/remove/", facility_views.room_remove, name="room_remove"),
    path("<int:pk>/centre/reports/", facility_views.centre_reports, name="centre_reports"),
    path("centre-reports/<int:pk>/file/", facility_views.report_file, name="report_file"),
    path("<int:pk>/halls/new/", facility_views.hall_edit, name="hall_new"),
    path("<int:pk>/halls/<int:hall>/edit/", facility_views.hall_edit, name="hall_edit"),
    path("halls/<int:pk>/", facility_views.hall_detail, name="hall"),
    path("repairs/<int:pk>/status/", facility_views.repair_status, name="repair_status"),
    path("income/<int:pk>/", income_views.income, name="income"),
    path("income/lines/<int:pk>/remove/", income_views.income_remove, name="income_remove"),
    path("plans/new/<int:organisation>/", plan_views.plan_new, name="plan_new"),
    path("plans/<int:pk>/", plan_views.plan_detail, name="plan"),
    path("plans/<int:pk>/versions/<int:number>/", plan_views.version_detail, name="plan_version"),
    path("plans/<int:pk>/draft/", plan_views.plan_draft, name="plan_draft"),
    path("plans/<int:pk>/edit/", plan_views.plan_edit, name="plan_edit"),
    path("plans/<int:pk>/adopt/", plan_views.plan_adopt, name="plan_adopt"),
    path("plans/<int:pk>/plan.pdf", plan_views.plan_pdf, name="plan_pdf"),
    path("plans/<int:pk>/issues/", plan_views.issue_add, name="plan_issue_add"),
    path("plans/<int:pk>/goals/", plan_views.goal_add, name="plan_goal_add"),
    path("plans/<int:pk>/actions/new/", plan_views.action_edit, name="plan_action_new"),
    path("plans/<int:pk>/actions/<int:action>/", plan_views.action_edit, name="plan_action"),
    path("plans/goals/<int:pk>/indicators/", plan_views.indicator_add, name="plan_indicator_add"),
    path("plans/actions/<int:pk>/progress/", plan_views.progress_record, name="plan_progress"),
    path("plans/<str:kind>/<int:pk>/remove/", plan_views.part_remove, name="plan_part_remove"),
    path("inventory/<int:pk>/", inventory_views.inventory, name="inventory"),
    path("inventory/<int:pk>/<int:year>/", inventory_views.review_year, name="review_year"),
    path("inventory/<int:pk>/activities/new/", inventory_views.activity_edit, name="activity_new"),
    path(
        "inventory/<int:pk>/activities/<int:activity>/",
        inventory_views.activity_edit,
        name="activity_edit",
    ),
    path(
        "inventory/activities/<int:pk>/<int:year>/",
        inventory_views.activity_review,
        name="activity_review",
    ),
    path(
        "inventory/activities/<int:pk>/<int:year>/seek/",
        inventory_views.seek_partner,
        name="seek_partner",
    ),
]
