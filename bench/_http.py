"""Pages timed as users meet them: through gunicorn (3 workers, --preload, DEBUG off) on the
benchmark's database, signed in by session cookies made here, timed at the client; the first
request right after the start timed on its own."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from _django import ROOT


def time_pages(
    people: dict[str, Any],
    pages: dict[str, tuple[str, str]],
    *,
    first: tuple[str, str],
    port: int,
    requests: int,
) -> None:
    """Start gunicorn, time `first` (who, path) as the first request, then each page: 15
    requests for each worker's first look, then `requests` timed ones (median, p95)."""
    from django.conf import settings
    from django.contrib.sessions.backends.db import SessionStore
    from info import _p95, _server_env, _wait_for_port
    from support import _get

    # Sessions are signed: made here with the secret the server checks them with.
    secret = "bench-only-" + "x" * 40
    settings.SECRET_KEY = secret
    cookies = {}
    for who, user in people.items():
        if user is None:
            cookies[who] = ""
            continue
        session = SessionStore()
        session["_auth_user_id"] = str(user.pk)
        session["_auth_user_backend"] = "django.contrib.auth.backends.ModelBackend"
        session["_auth_user_hash"] = user.get_session_auth_hash()
        session.create()
        cookies[who] = f"sessionid={session.session_key}"
    env = _server_env(secret)
    manage = [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"]
    subprocess.run(manage, env=env, cwd=ROOT, check=True)  # noqa: S603
    gunicorn = str(Path(sys.executable).parent / "gunicorn")
    command = [gunicorn, "tsunagaru.wsgi", "--preload", "-w", "3", "-b", f"127.0.0.1:{port}"]
    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    launched = time.perf_counter()
    master = subprocess.Popen(command, env=env, cwd=ROOT, stderr=subprocess.DEVNULL)  # noqa: S603
    try:
        _wait_for_port(port)
        asked = time.perf_counter()
        who, path = first
        _get(port, path, cookies[who])
        done = time.perf_counter()
        print(
            f"first {path} after the start: {(done - launched) * 1000:.0f} ms "
            f"from launch, {(done - asked) * 1000:.0f} ms the request"
        )
        for label, (who, path) in pages.items():
            for _n in range(15):  # each worker's first look (requests go to any worker)
                _get(port, path, cookies[who])
            times = []
            for _n in range(requests):
                started = time.perf_counter()
                _get(port, path, cookies[who])
                times.append((time.perf_counter() - started) * 1000)
            print(
                f"  {label:44s} median {statistics.median(times):7.1f} ms  "
                f"p95 {_p95(times):7.1f} ms"
            )
    finally:
        master.terminate()
        master.wait(timeout=30)
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
