from __future__ import annotations

import factory
from allauth.account.models import EmailAddress

from tsunagaru.accounts.models import Role, User

FAMILY_NAMES = [
    ("佐藤", "サトウ"),
    ("菊池", "キクチ"),
    ("千葉", "チバ"),
    ("及川", "オイカワ"),
    ("高橋", "タカハシ"),
    ("阿部", "アベ"),
    ("小野寺", "オノデラ"),
    ("鈴木", "スズキ"),
]
GIVEN_NAMES = [
    ("花子", "ハナコ"),
    ("健一", "ケンイチ"),
    ("美穂", "ミホ"),
    ("誠", "マコト"),
    ("由美", "ユミ"),
    ("剛", "ツヨシ"),
    ("陽菜", "ヒナ"),
    ("大翔", "ヒロト"),
]

PASSWORD = "correct-horse-奥州-2026"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.jp")
    family_name = factory.Sequence(lambda n: FAMILY_NAMES[n % len(FAMILY_NAMES)][0])
    family_name_kana = factory.Sequence(lambda n: FAMILY_NAMES[n % len(FAMILY_NAMES)][1])
    given_name = factory.Sequence(lambda n: GIVEN_NAMES[n % len(GIVEN_NAMES)][0])
    given_name_kana = factory.Sequence(lambda n: GIVEN_NAMES[n % len(GIVEN_NAMES)][1])
    display_name = factory.LazyAttribute(lambda u: f"{u.family_name}さん")
    role = Role.RESIDENT
    is_staff = factory.LazyAttribute(lambda u: u.role == Role.ADMINISTRATOR)
    is_superuser = factory.LazyAttribute(lambda u: u.role == Role.ADMINISTRATOR)

    @factory.post_generation
    def password(self, create: bool, extracted: str | None, **kwargs: object) -> None:
        self.set_password(extracted or PASSWORD)
        if create:
            self.save(update_fields=["password"])

    @factory.post_generation
    def verified_email(self, create: bool, extracted: bool | None, **kwargs: object) -> None:
        # allauth refuses login until the address is verified; most tests want a usable account.
        if create and extracted is not False:
            EmailAddress.objects.create(user=self, email=self.email, primary=True, verified=True)
