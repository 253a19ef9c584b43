"""Fixtures shared by every app's tests: personas for each role, TOTP and mail helpers, and a
real SMTP server (aiosmtpd) for tests of what the site mails."""

from __future__ import annotations

import importlib
import re
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pyotp
import pytest
from aiosmtpd.controller import Controller
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP
from django.apps import apps

from tsunagaru.accounts.models import Role, User
from tsunagaru.accounts.tests.factories import UserFactory

TOTP_SECRET = pyotp.random_base32()


def with_totp(user: User) -> User:
    """Give `user` an active TOTP authenticator with the known TOTP_SECRET."""
    if not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
        TOTP.activate(user, TOTP_SECRET)
    return user


@pytest.fixture
def make_user(db: None) -> Callable[..., User]:
    def make(role: str = Role.RESIDENT, *, totp: bool | None = None, **fields: object) -> User:
        user = UserFactory(role=role, **fields)
        # Staff and administrators have two-factor set up unless a test says otherwise.
        if totp or (totp is None and role in (Role.CITY_STAFF, Role.ADMINISTRATOR)):
            with_totp(user)
        return user

    return make


@pytest.fixture
def resident(make_user: Callable[..., User]) -> User:
    return make_user(Role.RESIDENT)


@pytest.fixture
def partner_member(make_user: Callable[..., User]) -> User:
    return make_user(Role.PARTNER_MEMBER)


@pytest.fixture
def coordinator(make_user: Callable[..., User]) -> User:
    return make_user(Role.COORDINATOR)


@pytest.fixture
def city_staff(make_user: Callable[..., User]) -> User:
    return make_user(Role.CITY_STAFF)


@pytest.fixture
def reviewer(make_user: Callable[..., User]) -> User:
    return make_user(Role.REVIEWER)


@pytest.fixture
def administrator(make_user: Callable[..., User]) -> User:
    return make_user(Role.ADMINISTRATOR)


@pytest.fixture
def persona(request: pytest.FixtureRequest, make_user: Callable[..., User]) -> User | None:
    """Indirect parametrisation by role name; "anonymous" gives None."""
    if request.param == "anonymous":
        return None
    return make_user(request.param)


def totp_now(secret: str = TOTP_SECRET) -> str:
    return pyotp.TOTP(secret).now()


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings: pytest.FixtureRequest) -> None:
    # PBKDF2's deliberate slowness protects real passwords; in tests it only costs minutes.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # type: ignore[attr-defined]


@pytest.fixture(autouse=True)
def _media_in_a_temporary_folder(
    request: pytest.FixtureRequest, settings: pytest.FixtureRequest, tmp_path: Path
) -> None:
    # Uploaded and generated files (the demo's pictures too) never land in var/media. A demo
    # loaded once for a module keeps its files in the module's folder.
    if "demo_data" in request.fixturenames:
        settings.MEDIA_ROOT = request.getfixturevalue("demo_data") / "media"  # type: ignore[attr-defined]
    else:
        settings.MEDIA_ROOT = tmp_path / "media"  # type: ignore[attr-defined]


class SharedDemo:
    """The Oshu demo, loaded once per test process into a transaction that is rolled back when
    a test that does not read it comes next (or the session ends). Loading takes seconds, and
    some ten modules read it: pytest_collection_modifyitems runs their tests one after the
    other, so each process loads it about once instead of once per module."""

    def __init__(self, blocker: Any, folder: Path) -> None:
        self.blocker = blocker
        self.folder = folder
        self.atomic: Any = None

    def ensure(self) -> None:
        from django.db import transaction
        from django.test import override_settings

        from tsunagaru.core import demo

        if self.atomic is not None:
            return
        shutil.rmtree(self.folder, ignore_errors=True)
        self.folder.mkdir(parents=True)
        with (
            self.blocker.unblock(),
            override_settings(
                MEDIA_ROOT=self.folder / "media",
                MATCHING_INDEX_DIR=self.folder / "matching-index",
                OPENDATA_DIR=self.folder / "opendata",
                PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
            ),
        ):
            self.atomic = transaction.atomic()
            self.atomic.__enter__()
            try:
                demo.load()
            except BaseException:
                self.release()
                raise

    def release(self) -> None:
        from django.db import transaction

        if self.atomic is None:
            return
        atomic, self.atomic = self.atomic, None
        with self.blocker.unblock():
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


_shared_demo: SharedDemo | None = None


@pytest.fixture(scope="session")
def _demo_state(
    django_db_setup: None, django_db_blocker: Any, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[SharedDemo]:
    global _shared_demo
    _shared_demo = SharedDemo(django_db_blocker, tmp_path_factory.mktemp("demo"))
    yield _shared_demo
    _shared_demo.release()
    _shared_demo = None


@pytest.fixture(scope="module")
def demo_data(_demo_state: SharedDemo) -> Path:
    """The Oshu demo for the tests of a module that only read it (with `django_db`); each
    test's own changes are rolled back as always. Returns the folder of the demo's files."""
    _demo_state.ensure()
    return _demo_state.folder


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item: pytest.Item) -> None:
    # Before the test's fixtures open its transaction: a test that reads the demo finds it
    # loaded, any other finds the database as the migrations left it.
    if _shared_demo is None:
        return
    if "demo_data" in getattr(item, "fixturenames", ()):
        _shared_demo.ensure()
    else:
        _shared_demo.release()


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    # After pytest-django's ordering (rolled-back tests first, then transactional ones): the
    # tests that read the demo, all of them in the first group, run one after the other.
    readers = [item for item in items if "demo_data" in getattr(item, "fixturenames", ())]
    if not readers:
        return
    at = items.index(readers[0])
    others = [item for item in items if "demo_data" not in getattr(item, "fixturenames", ())]
    items[:] = others[:at] + readers + others[at:]


@pytest.fixture(autouse=True)
def _matching_index_in_a_temporary_folder(settings: pytest.FixtureRequest, tmp_path: Path) -> None:
    # Each test's database starts anew: so does the stored matching index (never var/'s).
    settings.MATCHING_INDEX_DIR = tmp_path / "matching-index"  # type: ignore[attr-defined]


@pytest.fixture(autouse=True)
def _opendata_files_in_a_temporary_folder(settings: pytest.FixtureRequest, tmp_path: Path) -> None:
    # Written open data belongs to one test's database (two workers may have equal stamps).
    settings.OPENDATA_DIR = tmp_path / "opendata"  # type: ignore[attr-defined]


@pytest.fixture(autouse=True)
def _fresh_local_cache() -> None:
    # Reference data cached per process (settings.CACHES["local"]) must not leak between tests.
    from django.core.cache import caches

    caches["local"].clear()


def _is_xdist_worker(config: pytest.Config) -> bool:
    """True in a worker process of pytest-xdist (scripts/test.sh runs the suite with `-n`)."""
    return hasattr(config, "workerinput")


def pytest_sessionstart(session: pytest.Session) -> None:
    # Tests read the real catalogues, compiled from the .po files as they are now. Under
    # pytest-xdist the main process compiles them once, before it starts the workers.
    from pathlib import Path

    from django.conf import settings

    from tsunagaru.core.management.commands.compile_translations import compile_all

    if not _is_xdist_worker(session.config):
        compile_all([Path(p) for p in settings.LOCALE_PATHS])
    # Catalogues read while Django started (before this hook) are cached by Django and by the
    # gettext module: drop them, or the first run after a .po change reads the old .mo.
    import gettext

    from django.utils.translation import trans_real

    gettext._translations.clear()  # type: ignore[attr-defined]
    trans_real._translations = {}
    trans_real._default = None


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--db-label", default="", help="name of the database, for the summary line")


def pytest_terminal_summary(
    terminalreporter: pytest.TerminalReporter, config: pytest.Config
) -> None:
    """Say how many tests ran on which database, and leave the counts for scripts/test.sh.

    Under pytest-xdist only the main process, which receives every worker's reports, counts:
    one line per run of the suite."""
    import os
    from pathlib import Path

    from django.db import connection

    if _is_xdist_worker(config):
        return
    counts = {
        key: len(terminalreporter.stats.get(key, []))
        for key in ("passed", "failed", "error", "skipped")
    }
    label = config.getoption("--db-label") or connection.vendor
    terminalreporter.write_line(
        f"{label} ({connection.vendor}): {counts['passed']} passed, "
        f"{counts['failed'] + counts['error']} failed, {counts['skipped']} skipped"
    )
    counts_file = os.environ.get("TEST_COUNTS_FILE")
    if counts_file:
        with Path(counts_file).open("a", encoding="utf-8") as out:
            out.write(f"{counts['passed']} {counts['failed'] + counts['error']}\n")


@pytest.fixture
def oshu(transactional_db: None) -> None:
    """Reload Oshu's places: a transactional test's flush removed what the migration loaded
    (browser tests, and races that need real transactions)."""
    migration = importlib.import_module("tsunagaru.core.migrations.0002_load_oshu")
    migration.load(apps, None)
    importlib.import_module("tsunagaru.core.migrations.0003_municipality_contact").load(apps, None)
    importlib.import_module("tsunagaru.info.migrations.0002_event_kinds").add_kinds(apps, None)
    # The data other apps' migrations load: the support centre's topics, the academy's courses.
    importlib.import_module("tsunagaru.support.migrations.0002_topics").add_topics(apps, None)
    importlib.import_module("tsunagaru.academy.courses_data").add_courses(apps, None)
    # The service pages too; dated long ago, so people made by a test count as having joined
    # after them (agreed at sign-up) and are not sent to the consent page.
    importlib.import_module("tsunagaru.legal.migrations.0002_initial_pages").load(apps, None)
    apps.get_model("legal", "PageVersion").objects.update(
        created_at=datetime(2021, 4, 1, tzinfo=UTC)
    )


@pytest.fixture
def guideline(transactional_db: None) -> None:
    """Reload the guideline: a transactional test's flush removed what the migration loaded."""
    importlib.import_module("tsunagaru.guideline.loader").load(apps)
    # The academy's courses name the guideline's programmes they belong to.
    importlib.import_module("tsunagaru.academy.courses_data").add_courses(apps, None)


@dataclass
class Mailbox:
    messages: list[EmailMessage] = field(default_factory=list)

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.messages.append(message_from_bytes(envelope.content, policy=policy.default))  # type: ignore[arg-type]
        return "250 Message accepted for delivery"

    def last_to(self, address: str) -> EmailMessage:
        for message in reversed(self.messages):
            if address in message["To"]:
                return message
        raise AssertionError(f"no mail to {address}; got {[m['To'] for m in self.messages]}")

    def link_in_last_to(self, address: str, pattern: str) -> str:
        body = self.last_to(address).get_body(preferencelist=("plain",)).get_content()
        match = re.search(pattern, body)
        assert match, body
        return match.group(0)


class SMTPOnAFreePort(Controller):
    """aiosmtpd's server on a port the system picks (port 0) while it binds: picking a free port
    first and binding it later leaves a moment in which another process (a pytest-xdist worker
    starting its own server) can take it. On start aiosmtpd connects to `self.port`, so the
    port it was given is kept there."""

    def _create_server(self) -> Any:
        return self._listen()

    async def _listen(self) -> Any:
        server = await self.loop.create_server(
            self._factory_invoker, host=self.hostname, port=0, ssl=self.ssl_context
        )
        self.port = int(server.sockets[0].getsockname()[1])
        return server


@pytest.fixture
def smtp(settings: Any) -> Iterator[Mailbox]:
    """A real SMTP server on 127.0.0.1; the site's mail goes to it over the network."""
    mailbox = Mailbox()
    controller = SMTPOnAFreePort(mailbox, hostname="127.0.0.1")
    controller.start()
    settings.EMAIL_BACKEND = "tsunagaru.core.mail.RetryingSMTPBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = controller.port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    yield mailbox
    controller.stop()
