from __future__ import annotations

from django.urls import path

from tsunagaru.grants import application_views, follow_up_views, review_views, views

app_name = "grants"

urlpatterns = [
    path("", views.index, name="index"),
    path("check/", views.self_check, name="check"),
    path("results/", views.results, name="results"),
    path("results.csv", views.results_csv, name="results_csv"),
    path("mine/", application_views.my_applications, name="mine"),
    path("from-plan/<int:action>/", application_views.from_plan_action, name="from_plan_action"),
    path("screening/", review_views.screening, name="screening"),
    path("reviews/", review_views.reviews, name="reviews"),
    path("follow-up/", follow_up_views.follow_up, name="follow_up"),
    path("programmes/<int:pk>/", views.programme_detail, name="programme"),
    path("programmes/<int:pk>/edit/", views.programme_edit, name="programme_edit"),
    path("programmes/<int:pk>/copy/", views.programme_copy, name="programme_copy"),
    path("programmes/<int:pk>/rounds/new/", views.round_add, name="round_add"),
    path("programmes/<int:pk>/rounds/<int:number>/", views.round_edit, name="round_edit"),
    path("programmes/<int:pk>/apply/", application_views.application_start, name="start"),
    path("applications/<int:pk>/", application_views.application_detail, name="application"),
    path("applications/<int:pk>/edit/", application_views.application_edit, name="edit"),
    path(
        "applications/<int:pk>/autosave/", application_views.application_autosave, name="autosave"
    ),
    path("applications/<int:pk>/expenses/", application_views.expense_add, name="expense_add"),
    path("applications/<int:pk>/incomes/", application_views.income_add, name="income_add"),
    path(
        "applications/<int:pk>/lines/<int:line>/remove/",
        application_views.line_remove,
        name="line_remove",
    ),
    path("applications/<int:pk>/files/", application_views.file_add, name="file_add"),
    path("applications/<int:pk>/files/<int:file>/", application_views.file_download, name="file"),
    path(
        "applications/<int:pk>/files/<int:file>/remove/",
        application_views.file_remove,
        name="file_remove",
    ),
    path("applications/<int:pk>/submit/", application_views.application_submit, name="submit"),
    path(
        "applications/<int:pk>/withdraw/", application_views.application_withdraw, name="withdraw"
    ),
    path(
        "applications/<int:pk>/versions/<int:number>.pdf",
        application_views.version_pdf,
        name="version_pdf",
    ),
    path("applications/<int:pk>/accept/", review_views.application_accept, name="accept"),
    path("applications/<int:pk>/return/", review_views.application_return, name="return"),
    path("applications/<int:pk>/decide/", review_views.application_decide, name="decide"),
    path("applications/<int:pk>/score/", review_views.score, name="score"),
    path("applications/<int:pk>/conflict/", review_views.conflict, name="conflict"),
    path("applications/<int:pk>/decision.pdf", review_views.decision_pdf, name="decision_pdf"),
    path("applications/<int:pk>/changes/", follow_up_views.change_add, name="change_add"),
    path(
        "applications/<int:pk>/changes/<int:change>/",
        follow_up_views.change_decide,
        name="change_decide",
    ),
    path("applications/<int:pk>/progress/", follow_up_views.progress_add, name="progress_add"),
    path("applications/<int:pk>/report/", follow_up_views.report_edit, name="report"),
    path("applications/<int:pk>/report/costs/", follow_up_views.cost_add, name="cost_add"),
    path(
        "applications/<int:pk>/report/costs/<int:cost>/remove/",
        follow_up_views.cost_remove,
        name="cost_remove",
    ),
    path(
        "applications/<int:pk>/report/costs/<int:cost>/receipt/",
        follow_up_views.receipt,
        name="receipt",
    ),
    path("applications/<int:pk>/report/photos/", follow_up_views.photo_add, name="photo_add"),
    path(
        "applications/<int:pk>/report/photos/<int:photo>/",
        follow_up_views.photo,
        name="photo",
    ),
    path(
        "applications/<int:pk>/report/photos/<int:photo>/remove/",
        follow_up_views.photo_remove,
        name="photo_remove",
    ),
    path("applications/<int:pk>/report/send/", follow_up_views.report_submit, name="report_submit"),
    path(
        "applications/<int:pk>/report/return/",
        follow_up_views.report_return,
        name="report_return",
    ),
    path(
        "applications/<int:pk>/report/confirm/",
        follow_up_views.report_confirm,
        name="report_confirm",
    ),
    path("applications/<int:pk>/claim/", follow_up_views.payment_claim, name="claim"),
    path(
        "applications/<int:pk>/payments/<int:payment>/paid/",
        follow_up_views.payment_record,
        name="payment_record",
    ),
    path("applications/<int:pk>/refund/", follow_up_views.refund_record, name="refund"),
]
