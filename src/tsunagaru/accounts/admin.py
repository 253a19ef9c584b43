"""Admin for accounts: every change goes through accounts.services, so it is audited."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from tsunagaru.accounts import permissions, services
from tsunagaru.accounts.models import User


@admin.register(User)
class UserAdmin(admin.ModelAdmin[User]):
    list_display = ("email", "display_name", "role", "is_active", "date_joined")
    list_filter = ("role", "is_active")
    search_fields = ("email", "display_name", "family_name", "family_name_kana")
    fields = (
        "email",
        "display_name",
        "family_name",
        "given_name",
        "family_name_kana",
        "given_name_kana",
        "role",
        "is_active",
        "date_joined",
        "last_login",
    )
    readonly_fields = ("email", "date_joined", "last_login")

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> tuple[str, ...]:
        if obj is not None and not permissions.can_change_role(request.user, obj):
            return (*self.readonly_fields, "role")
        return self.readonly_fields

    def has_add_permission(self, request: HttpRequest) -> bool:
        # New accounts come from sign-up or `manage.py createadmin`, which verify the address.
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        # Accounts are suspended, not deleted: the audit log keeps pointing at them.
        return False

    def save_model(self, request: HttpRequest, obj: User, form: Any, change: bool) -> None:
        by = request.user
        current = User.objects.get(pk=obj.pk)
        profile = {
            f: form.cleaned_data[f] for f in services.PROFILE_FIELDS if f in form.cleaned_data
        }
        services.user_update_profile(user=current, data=profile, by=by)  # type: ignore[arg-type]
        if obj.role != current.role and permissions.can_change_role(by, current):
            services.user_set_role(user=current, role=obj.role, by=by)  # type: ignore[arg-type]
        if obj.is_active != current.is_active:
            services.user_set_active(user=current, active=obj.is_active, by=by)  # type: ignore[arg-type]
