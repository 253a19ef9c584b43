from __future__ import annotations

from django.contrib import admin
from django.urls import include, path

from tsunagaru.core import views as core_views

admin.site.site_header = "つながる"
admin.site.site_title = "つながる"

urlpatterns = [
    path("", include("tsunagaru.core.urls")),
    path("healthz", core_views.healthz, name="healthz"),
    path("robots.txt", core_views.robots_txt, name="robots_txt"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("accounts/", include("allauth.urls")),
    path("profile/", include("tsunagaru.accounts.urls")),
    path("audit/", include("tsunagaru.audit.urls")),
    path("admin/", admin.site.urls),
]

handler400 = "tsunagaru.core.views.bad_request"
handler403 = "tsunagaru.core.views.permission_denied"
handler404 = "tsunagaru.core.views.page_not_found"
handler500 = "tsunagaru.core.views.server_error"
