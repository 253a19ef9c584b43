from __future__ import annotations

from allauth.account.decorators import secure_admin_login
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.contrib import admin
from django.contrib.auth.models import Group
from django.urls import include, path

from tsunagaru.core import views as core_views

admin.site.site_header = "つながる"
admin.site.site_title = "つながる"
# The admin's own login form would skip two-factor sign-in; send it through allauth's.
admin.site.login = secure_admin_login(admin.site.login)  # type: ignore[method-assign]
# These libraries' admin pages would change accounts without our services: no audit entry,
# and deleting a staff member's authenticator would undo mandatory two-factor sign-in.
# (Done here because every app's admin module has been imported by the time URLs load.)
for model in (EmailAddress, Authenticator, Group):
    if admin.site.is_registered(model):
        admin.site.unregister(model)

urlpatterns = [
    path("", include("tsunagaru.core.urls")),
    path("healthz", core_views.healthz, name="healthz"),
    path("robots.txt", core_views.robots_txt, name="robots_txt"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("accounts/", include("allauth.urls")),
    path("profile/", include("tsunagaru.accounts.urls")),
    path("audit/", include("tsunagaru.audit.urls")),
    path("guideline/", include("tsunagaru.guideline.urls")),
    path("partners/", include("tsunagaru.partners.urls")),
    path("translations/", include("tsunagaru.translations.urls")),
    path("matching/", include("tsunagaru.matching.urls")),
    path("cases/", include("tsunagaru.cases.urls")),
    path("proposals/", include("tsunagaru.proposals.urls")),
    path("notices/", include("tsunagaru.notices.urls")),
    path("events/", include("tsunagaru.info.urls")),
    path("kiosk/", include("tsunagaru.info.kiosk_urls")),
    path("news/", include("tsunagaru.info.news_urls")),
    path("opendata/", include("tsunagaru.info.opendata_urls")),
    path("sponsorship/", include("tsunagaru.info.sponsorship_urls")),
    path("support/knowledge/", include("tsunagaru.knowledge.urls")),
    path("academy/", include("tsunagaru.academy.urls")),
    path("support/", include("tsunagaru.support.urls")),
    path("community/", include("tsunagaru.community.urls")),
    path("grants/", include("tsunagaru.grants.urls")),
    path("", include("tsunagaru.legal.urls")),
    path("api/", include(("tsunagaru.api.urls", "api"))),
    path("admin/", admin.site.urls),
]

handler400 = "tsunagaru.core.views.bad_request"
handler403 = "tsunagaru.core.views.permission_denied"
handler404 = "tsunagaru.core.views.page_not_found"
handler500 = "tsunagaru.core.views.server_error"
