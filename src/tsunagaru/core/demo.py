"""The Oshu demo: accounts for every role (and, as later issues add them, groups, cases, ...).

Each loader looks records up by a natural key before creating them, so `manage.py demo` can
run on every `make demo` without duplicating anything. Each app adds its own records in its
`demo.py` (see _app_loaders).
"""

from __future__ import annotations

import base64
import importlib
from collections.abc import Callable
from dataclasses import dataclass, field

from django.apps import apps

from tsunagaru.accounts import services as account_services
from tsunagaru.accounts.models import Role, User
from tsunagaru.core import services
from tsunagaru.core.models import WordReading

DEMO_PASSWORD = "tsunagaru-demo"  # noqa: S105 - published on purpose: demo accounts only

# The demo's fixed TOTP secret (base32), so the demo staff can log in with any authenticator app.
DEMO_TOTP_SECRET = base64.b32encode(b"tsunagaru-demo-totp!").decode()


@dataclass(frozen=True)
class DemoAccount:
    email: str
    role: str
    family_name: str
    given_name: str
    family_name_kana: str
    given_name_kana: str
    display_name: str
    totp_secret: str = ""


@dataclass
class Report:
    accounts: list[DemoAccount] = field(default_factory=list)
    created: int = 0


ACCOUNTS = [
    DemoAccount("resident@example.jp", Role.RESIDENT, "佐藤", "花子", "サトウ", "ハナコ", "はなこ"),
    DemoAccount(
        "partner@example.jp",
        Role.PARTNER_MEMBER,
        "菊池",
        "健一",
        "キクチ",
        "ケンイチ",
        "稲瀬の菊池",
    ),
    DemoAccount(
        "coordinator@example.jp",
        Role.COORDINATOR,
        "千葉",
        "美穂",
        "チバ",
        "ミホ",
        "支援センター千葉",
    ),
    DemoAccount(
        "staff@example.jp",
        Role.CITY_STAFF,
        "及川",
        "誠",
        "オイカワ",
        "マコト",
        "地域づくり推進課 及川",
        DEMO_TOTP_SECRET,
    ),
    # A technical intern from Vietnam who translates into English and やさしい日本語 as a
    # volunteer (translations/demo.py appoints her).
    DemoAccount(
        "translator@example.jp",
        Role.RESIDENT,
        "グエン",
        "ラン",
        "グエン",
        "ラン",
        "翻訳ボランティア ラン",
    ),
    DemoAccount(
        "reviewer@example.jp", Role.REVIEWER, "高橋", "由美", "タカハシ", "ユミ", "審査員 高橋"
    ),
    DemoAccount(
        "admin@example.jp",
        Role.ADMINISTRATOR,
        "阿部",
        "剛",
        "アベ",
        "ツヨシ",
        "管理者",
        DEMO_TOTP_SECRET,
    ),
]


def load_accounts(report: Report) -> None:
    for account in ACCOUNTS:
        report.accounts.append(account)
        if User.objects.filter(email=account.email).exists():
            continue
        user = account_services.user_create(
            email=account.email,
            password=DEMO_PASSWORD,
            family_name=account.family_name,
            given_name=account.given_name,
            family_name_kana=account.family_name_kana,
            given_name_kana=account.given_name_kana,
            display_name=account.display_name,
            role=account.role,
            by=None,
        )
        report.created += 1
        if account.totp_secret:
            # Staff must use two-factor sign-in; the demo gives them a known secret.
            account_services.user_activate_totp(user=user, secret=account.totp_secret, by=None)


# Names Sudachi reads wrongly that the city's staff have put in the furigana dictionary.
WORD_READINGS = [
    ("黒石寺", "こくせきじ", "黒石寺蘇民祭の寺。辞書では「くろいしてら」"),
    ("日高火防祭", "ひたかひぶせまつり", "水沢の春の祭り"),
    ("原体剣舞", "はらたいけんばい", "江刺の郷土芸能"),
]


def load_word_readings() -> None:
    staff = User.objects.get(email="staff@example.jp")
    for surface, reading, note in WORD_READINGS:
        if not WordReading.objects.filter(surface=surface).exists():
            services.word_reading_save(
                entry=None, surface=surface, reading=reading, note=note, by=staff
            )


def _app_loaders() -> list[Callable[[Report], None]]:
    """Each app may add its demo records in `<app>/demo.py` with a `load(report)` function,
    run in INSTALLED_APPS order after the accounts."""
    loaders = []
    for config in apps.get_app_configs():
        if config.name.startswith("tsunagaru.") and config.label != "core":
            try:
                module = importlib.import_module(f"{config.name}.demo")
            except ModuleNotFoundError as error:
                if error.name != f"{config.name}.demo":
                    raise
                continue
            loaders.append(module.load)
    return loaders


def load() -> Report:
    report = Report()
    # The demo's workflows notify people by e-mail; nobody reads the demo's mail, so it is
    # kept in memory rather than printed or sent.
    from django.conf import settings

    backend = settings.EMAIL_BACKEND
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    try:
        load_accounts(report)
        load_word_readings()
        for loader in _app_loaders():
            loader(report)
    finally:
        settings.EMAIL_BACKEND = backend
    return report
