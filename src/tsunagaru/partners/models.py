"""The partner registry (協働の担い手): organisations, their members, offers and needs."""

from __future__ import annotations

from typing import Any, ClassVar

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from tsunagaru.accounts.kana import kana_key
from tsunagaru.core.models import TimeStampedModel
from tsunagaru.partners.validators import validate_corporate_number


class Organisation(TimeStampedModel):
    """A group that collaborates: a 地区振興会, an NPO, a business, a city department, …

    Listed publicly only once a coordinator has verified it. A sub-team (課題解決型特命チーム)
    has its parent organisation.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for verification")
        VERIFIED = "verified", _("Verified")
        REJECTED = "rejected", _("Not verified")
        SUSPENDED = "suspended", _("Suspended")

    TRANSITIONS: ClassVar[dict[str, frozenset[str]]] = {
        Status.PENDING: frozenset({Status.VERIFIED, Status.REJECTED}),
        # Back to pending when its name, kind or parent changes (services.organisation_update).
        Status.VERIFIED: frozenset({Status.SUSPENDED, Status.PENDING}),
        Status.REJECTED: frozenset({Status.PENDING}),
        Status.SUSPENDED: frozenset({Status.VERIFIED}),
    }

    kind = models.ForeignKey(
        "guideline.OrganisationKind", on_delete=models.PROTECT, verbose_name=_("kind")
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="sub_teams",
        verbose_name=_("parent organisation"),
        help_text=_("For a sub-team such as a 課題解決型特命チーム inside a 地区振興会."),
    )
    name = models.CharField(_("name"), max_length=200)
    name_kana = models.CharField(_("name (furigana)"), max_length=300, blank=True)
    # The furigana (or the name) in katakana, for sorting in あいうえお order: name_kana is kept
    # as typed, and hiragana and katakana sort apart. Derived in save().
    name_sort = models.CharField(max_length=300, blank=True, editable=False)
    area = models.ForeignKey(
        "core.Area", on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("area")
    )
    district = models.ForeignKey(
        "core.District", on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("district")
    )
    activity_fields = models.ManyToManyField(
        "guideline.ActivityField", blank=True, verbose_name=_("activity fields")
    )
    description = models.TextField(_("description"), blank=True)
    corporate_number = models.CharField(
        _("corporate number (法人番号)"),
        max_length=13,
        blank=True,
        validators=[validate_corporate_number],
    )
    founded_year = models.PositiveSmallIntegerField(_("founded in"), null=True, blank=True)
    member_count = models.PositiveIntegerField(_("number of members"), null=True, blank=True)
    website = models.URLField(_("website"), blank=True)
    sns_links = models.JSONField(_("social media links"), default=list, blank=True)
    logo = models.ImageField(_("logo"), upload_to="logos/%Y/", blank=True)
    logo_alt = models.CharField(_("logo description"), max_length=200, blank=True)
    # The size of the kept logo (a copy made at upload, core.images); empty for older logos.
    logo_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    logo_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    contact_email = models.EmailField(
        _("contact e-mail"),
        blank=True,
        help_text=_("Messages from the contact form go here. Shown only if you choose."),
    )
    show_contact_email = models.BooleanField(_("show the e-mail address publicly"), default=False)
    # The group's postal address (所在地). Private unless the group chooses to show it: many
    # small groups are run from a member's home.
    postcode = models.CharField(_("postcode (郵便番号)"), max_length=8, blank=True)
    address_prefecture = models.CharField(_("prefecture"), max_length=10, blank=True)
    address_city = models.CharField(_("city, town or village"), max_length=50, blank=True)
    address_town = models.CharField(_("district or town (町域)"), max_length=100, blank=True)
    address_rest = models.CharField(_("street number and building"), max_length=200, blank=True)
    show_address = models.BooleanField(_("show the address publicly"), default=False)
    # The guideline's three resources: people, goods and places, money (ひと・もの・かね).
    resources_people = models.TextField(_("people (ひと)"), blank=True)
    resources_goods = models.TextField(_("goods and places (もの)"), blank=True)
    resources_money = models.TextField(_("money (かね)"), blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.PENDING
    )
    status_reason = models.TextField(_("reason"), blank=True)
    verified_at = models.DateTimeField(_("verified at"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    # Set on the groups of a list page by selectors.mark_open_needs; not a column.
    has_open_needs: bool

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name_sort", "name", "pk"]
        indexes = [
            models.Index(fields=["status", "name_sort", "name"], name="partners_org_status_kana"),
            models.Index(fields=["status", "district"], name="partners_org_status_district"),
            models.Index(fields=["status", "kind"], name="partners_org_status_kind"),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args: Any, **kwargs: Any) -> None:
        # A derived column, not a side effect: kept in step however the row is written.
        self.name_sort = kana_key(self.name_kana or self.name)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "name_kana" in update_fields:
            kwargs["update_fields"] = {*update_fields, "name_sort"}
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("partners:detail", args=[self.pk])

    @property
    def is_listed(self) -> bool:
        return self.status == self.Status.VERIFIED

    def can_move_to(self, status: str) -> bool:
        return status in self.TRANSITIONS[self.status]


class Membership(TimeStampedModel):
    """A person's place in an organisation. One person may belong to several."""

    class Role(models.TextChoices):
        REPRESENTATIVE = "representative", _("Representative")
        CONTACT = "contact", _("Contact person")
        MEMBER = "member", _("Member")

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="memberships"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.MEMBER)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["organisation", "role", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "user"], name="partners_member_once"),
        ]

    def __str__(self) -> str:
        return f"{self.user} @ {self.organisation}"


class Invitation(TimeStampedModel):
    """An invitation by e-mail to join an organisation, accepted by following its link."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="invitations"
    )
    email = models.EmailField(_("e-mail address"))
    role = models.CharField(
        _("role"), max_length=20, choices=Membership.Role.choices, default=Membership.Role.MEMBER
    )
    token = models.CharField(max_length=64, unique=True)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    expires_at = models.DateTimeField(_("expires at"))
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.email} → {self.organisation}"


class Offer(TimeStampedModel):
    """Something the organisation can do or lend: a strength, skill, know-how, equipment, place."""

    class Category(models.TextChoices):
        STRENGTH = "strength", _("Strength")
        SKILL = "skill", _("Skill")
        KNOWHOW = "knowhow", _("Know-how")
        EQUIPMENT = "equipment", _("Equipment")
        PLACE = "place", _("Place")

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="offers")
    category = models.CharField(_("category"), max_length=20, choices=Category.choices)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    activity_fields = models.ManyToManyField(
        "guideline.ActivityField", blank=True, verbose_name=_("activity fields")
    )
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("offer")
        verbose_name_plural = _("offers")
        ordering = ["organisation", "-is_active", "pk"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        # Offers are read on their group's page.
        return f"{reverse('partners:detail', args=[self.organisation_id])}#offer-{self.pk}"


class Need(TimeStampedModel):
    """Something the organisation needs or wants to do: a local issue, a wish, a difficulty."""

    class Category(models.TextChoices):
        LOCAL_ISSUE = "local_issue", _("Local issue")
        WANT_TO_DO = "want_to_do", _("Something we want to do")
        TROUBLE = "trouble", _("Something we are struggling with")

    class Status(models.TextChoices):
        OPEN = "open", pgettext_lazy("need status", "Open")
        CLOSED = "closed", pgettext_lazy("need status", "Closed")

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="needs")
    category = models.CharField(_("category"), max_length=20, choices=Category.choices)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    activity_fields = models.ManyToManyField(
        "guideline.ActivityField", blank=True, verbose_name=_("activity fields")
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("need")
        verbose_name_plural = _("needs")
        ordering = ["organisation", "status", "-created_at"]
        indexes = [
            models.Index(fields=["status", "organisation"], name="partners_need_status_org"),
            # Open needs oldest first (the workspace's "needs without a partner"): read in
            # index order up to the first few instead of sorting every open need.
            models.Index(
                fields=["status", "created_at", "id"], name="partners_need_status_created"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        # Needs are read on their group's page.
        return f"{reverse('partners:detail', args=[self.organisation_id])}#need-{self.pk}"


class VolunteerProfile(TimeStampedModel):
    """An individual volunteer's skills and availability; shown only if they opt in."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="volunteer_profile"
    )
    skills = models.TextField(_("skills and experience"), blank=True)
    activity_fields = models.ManyToManyField(
        "guideline.ActivityField", blank=True, verbose_name=_("activity fields")
    )
    area = models.ForeignKey(
        "core.Area", on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("area")
    )
    availability = models.TextField(_("when you can help"), blank=True)
    wishes = models.TextField(_("what you would like to do"), blank=True)
    district = models.ForeignKey(
        "core.District",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        verbose_name=_("district"),
    )
    is_public = models.BooleanField(
        _("show my volunteer profile to registered groups"), default=False
    )
    # The person's consent to be suggested, without their name, to groups whose need asks for
    # help, and when they gave it; None when they have not or took it back (then they are
    # suggested to nobody). Separate from is_public, which shows the name in the list.
    suggest_consented_at = models.DateTimeField(
        _("agreed to be suggested to groups at"), null=True, blank=True
    )

    class Meta:
        verbose_name = _("volunteer profile")
        verbose_name_plural = _("volunteer profiles")
        indexes = [
            models.Index(fields=["suggest_consented_at"], name="partners_volunteer_suggest"),
        ]

    def __str__(self) -> str:
        return str(self.user)

    def clean(self) -> None:
        district = self.district
        if district is not None and self.area_id and district.area_id != self.area_id:
            raise ValidationError(
                {"district": _("This district is not in the area you chose.")},
                code="district_area",
            )

    @property
    def suggested(self) -> bool:
        """Whether the person agreed to be suggested to groups (and has not taken it back)."""
        return self.suggest_consented_at is not None
