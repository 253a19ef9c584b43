from __future__ import annotations

from typing import Any, ClassVar

from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    """Platform roles. A person has one; what each may do is decided in accounts.permissions."""

    RESIDENT = "resident", _("Resident")
    PARTNER_MEMBER = "partner_member", _("Partner member")
    COORDINATOR = "coordinator", _("Coordinator")
    CITY_STAFF = "city_staff", _("City staff")
    REVIEWER = "reviewer", _("Reviewer")
    ADMINISTRATOR = "administrator", _("Administrator")


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **fields: Any) -> User:
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **fields: Any) -> User:
        fields.update(role=Role.ADMINISTRATOR, is_staff=True, is_superuser=True)
        return self.create_user(email, password, **fields)


class User(AbstractBaseUser, PermissionsMixin):
    """A person with an account. Logs in with the e-mail address.

    The real name is private; only `display_name` is shown to other users. Names are kept as
    typed; so are ふりがな (hiragana stays hiragana: accounts.kana).
    """

    email = models.EmailField(_("e-mail address"), unique=True)
    family_name = models.CharField(_("family name"), max_length=50)
    given_name = models.CharField(
        _("given name"),
        max_length=50,
        blank=True,
        help_text=_("Leave empty if your name is written as one name."),
    )
    family_name_kana = models.CharField(_("family name (furigana)"), max_length=100, blank=True)
    given_name_kana = models.CharField(_("given name (furigana)"), max_length=100, blank=True)
    display_name = models.CharField(
        _("display name"),
        max_length=50,
        help_text=_("Shown to other users instead of your real name."),
    )
    role = models.CharField(_("role"), max_length=32, choices=Role.choices, default=Role.RESIDENT)
    is_active = models.BooleanField(_("active"), default=True)
    # Django admin access; kept in step with the administrator role by accounts.services.
    is_staff = models.BooleanField(_("admin site access"), default=False)
    date_joined = models.DateTimeField(_("joined"), default=timezone.now)
    # Text size, colours and furigana as core.reading keeps them in its cookie, so the choice
    # follows the person to another device once they log in.
    reading = models.CharField(_("reading settings"), max_length=32, blank=True)

    objects: ClassVar[UserManager] = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = ["family_name", "display_name"]

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["family_name_kana", "family_name", "pk"]

    def __str__(self) -> str:
        return self.display_name or self.email

    @property
    def full_name(self) -> str:
        # Japanese order: family name first, no space for names written in kanji.
        return f"{self.family_name} {self.given_name}".strip()

    @property
    def full_name_kana(self) -> str:
        return f"{self.family_name_kana} {self.given_name_kana}".strip()

    def get_full_name(self) -> str:
        return self.full_name

    def get_short_name(self) -> str:
        return self.display_name
