"""The shared matching index at scale, over HTTP (issue 13 §4–5).

    DATABASE_URL=sqlite:///var/bench.sqlite3 python bench/matching_http.py --seconds 20

On the database of bench/generate.py (10,000 groups):
1. builds the stored index (`manage.py matching_index`): time and peak memory;
2. times a new process: Django set up, the stored index loaded and a first ranking;
3. starts gunicorn (2 workers, DEBUG off) on 127.0.0.1:--port, and measures the first need
   page after the (re)start (from launching gunicorn, and the request itself);
4. runs --clients concurrent clients (threads with http.client, a new connection per page, as
   gunicorn's sync workers close them) on random open needs' pages for --seconds: pages/s,
   p50/p99, errors; meanwhile samples both workers' memory from /proc: the peak of their RSS
   summed (shared pages of the mapped index counted in each) and of their PSS (shared pages
   divided between them: what they really cost together).
Targets: first need page ≤ 3 s; ≥ 60 pages/s; p99 ≤ 250 ms; two workers ≤ 800 MB.
The index directory is var/bench-matching-index unless MATCHING_INDEX_DIR says otherwise.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

from _django import ROOT, setup

PYTHON = sys.executable
LOAD_SCRIPT = """
import json, os, time
started = time.perf_counter()
import django
django.setup()
from tsunagaru.matching import index, selectors
from tsunagaru.partners.models import Need
ready = time.perf_counter()
engine = index.engine()
loaded = time.perf_counter()
need = Need.objects.get(pk=int(os.environ["BENCH_NEED"]))
selectors.suggestions_for_need(need)
ranked = time.perf_counter()
print(json.dumps({"django_s": ready - started, "load_s": loaded - ready,
                  "first_ranking_s": ranked - loaded, "total_s": ranked - started,
                  "groups": len(engine)}))
"""


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, default=8713)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--needs", type=int, default=200, help="how many needs to draw from")
    parser.add_argument("--seed", type=int, default=5)
    parser.add_argument("--skip-build", action="store_true", help="use the stored index")
    args = parser.parse_args()
    os.environ.setdefault("MATCHING_INDEX_DIR", str(ROOT / "var" / "bench-matching-index"))
    setup()
    from django.urls import reverse

    from tsunagaru.partners.models import Need

    pks = list(
        Need.objects.filter(status="open", organisation__status="verified")
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    paths = [
        reverse("matching:need", args=[pk])
        for pk in random.Random(args.seed).sample(pks, min(args.needs, len(pks)))
    ]
    env = child_environment()
    if not args.skip_build:
        build(env)
    load = json.loads(
        run([PYTHON, "-c", LOAD_SCRIPT], {**env, "BENCH_NEED": paths[0].split("/")[-2]})
    )
    print(
        f"new process: Django {load['django_s']:.2f} s, index loaded in {load['load_s']:.2f} s "
        f"({load['groups']} groups), first ranking {load['first_ranking_s'] * 1000:.0f} ms, "
        f"in all {load['total_s']:.2f} s"
    )
    run([PYTHON, "manage.py", "collectstatic", "--noinput", "-v0"], env)
    serve(args, env, paths)


def child_environment() -> dict[str, str]:
    return {
        **os.environ,
        "PYTHONPATH": str(ROOT / "src"),
        "DEBUG": "false",
        "SECRET_KEY": "bench-only-" + "x" * 40,
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "false",
    }


def run(command: list[str], env: dict[str, str]) -> str:
    done = subprocess.run(  # noqa: S603 - our own interpreter, manage.py and gunicorn
        command, env=env, cwd=ROOT, capture_output=True, text=True, check=False
    )
    if done.returncode:
        sys.exit(f"{' '.join(command[:3])} failed:\n{done.stderr[-3000:]}")
    return done.stdout


def build(env: dict[str, str]) -> None:
    started = time.perf_counter()
    peak = ROOT / "var" / "bench-build-peak.txt"
    command = ["/usr/bin/time", "-o", str(peak), "-f", "%M", PYTHON, "manage.py", "matching_index"]
    out = run(command, env)
    print(
        f"build: {out.strip()} (wall {time.perf_counter() - started:.1f} s, "
        f"peak {int(peak.read_text().split()[-1]) / 1024:.0f} MB)"
    )


def serve(args: argparse.Namespace, env: dict[str, str], paths: list[str]) -> None:
    gunicorn = str(Path(PYTHON).parent / "gunicorn")
    command = [gunicorn, "tsunagaru.wsgi", "-w", str(args.workers), "-b", f"127.0.0.1:{args.port}"]
    started = time.perf_counter()
    master = subprocess.Popen(command, env=env, cwd=ROOT, stderr=subprocess.DEVNULL)  # noqa: S603
    try:
        request_time = first_page(args.port, paths[0])
        print(
            f"first need page after a restart: {time.perf_counter() - started:.2f} s from "
            f"launching gunicorn (the request itself {request_time:.2f} s)"
        )
        memory = Memory(master.pid)
        memory.start()
        for path in paths[:10]:  # the other worker's first page, too
            get(args.port, path)
        ticks = cpu_ticks(master.pid)
        results = load(args, paths)
        results["cpu_s"] = (cpu_ticks(master.pid) - ticks) / os.sysconf("SC_CLK_TCK")
        memory.stop()
        report(results, args, memory)
    finally:
        master.terminate()
        master.wait(timeout=30)


def first_page(port: int, path: str) -> float:
    """Wait until gunicorn accepts connections, then time the first need page."""
    deadline = time.time() + 120
    while True:
        try:
            request_started = time.perf_counter()
            status = get(port, path)
            break
        except OSError:
            if time.time() > deadline:
                sys.exit("gunicorn did not start")
            time.sleep(0.02)
    if status != 200:
        sys.exit(f"first need page answered {status}")
    return time.perf_counter() - request_started


def get(port: int, path: str) -> int:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        response.read()
        return response.status
    finally:
        connection.close()


def load(args: argparse.Namespace, paths: list[str]) -> dict[str, object]:
    times: list[float] = []
    errors: list[int] = []
    lock = threading.Lock()
    stop = time.perf_counter() + args.seconds

    def client(seed: int) -> None:
        rng = random.Random(seed)
        while time.perf_counter() < stop:
            started = time.perf_counter()
            status = get(args.port, rng.choice(paths))
            elapsed = time.perf_counter() - started
            with lock:
                (times if status == 200 else errors).append(elapsed if status == 200 else status)

    threads = [threading.Thread(target=client, args=(n,)) for n in range(args.clients)]
    began = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return {"times": sorted(times), "errors": errors, "elapsed": time.perf_counter() - began}


class Memory(threading.Thread):
    """Samples the workers' (the gunicorn master's children) RSS and PSS every 0.2 s."""

    def __init__(self, master: int) -> None:
        super().__init__(daemon=True)
        self.master = master
        self.peak_rss = 0
        self.peak_pss = 0
        self._stop_event = threading.Event()

    def run(self) -> None:
        while not self._stop_event.wait(0.2):
            rss = pss = 0
            for pid in children(self.master):
                rss += field(f"/proc/{pid}/status", "VmRSS:")
                pss += field(f"/proc/{pid}/smaps_rollup", "Pss:")
            self.peak_rss = max(self.peak_rss, rss)
            self.peak_pss = max(self.peak_pss, pss)

    def stop(self) -> None:
        self._stop_event.set()
        self.join()


def children(pid: int) -> list[int]:
    found = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        found += [int(c) for c in (task / "children").read_text().split()]
    return found


def cpu_ticks(master: int) -> int:
    """User and system CPU time the workers used so far, in clock ticks."""
    total = 0
    for pid in children(master):
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        total += int(fields[11]) + int(fields[12])  # utime, stime
    return total


def field(path: str, name: str) -> int:
    """A kB figure from a /proc file (0 if the process is gone)."""
    try:
        for line in Path(path).read_text().splitlines():
            if line.startswith(name):
                return int(line.split()[1])
    except OSError:
        return 0
    return 0


def report(results: dict[str, object], args: argparse.Namespace, memory: Memory) -> None:
    times = results["times"]
    errors = results["errors"]
    elapsed = results["elapsed"]
    assert isinstance(times, list)
    assert isinstance(errors, list)
    assert isinstance(elapsed, float)
    p99 = times[min(len(times) - 1, round(0.99 * len(times)) - 1)] if times else 0.0
    print(
        f"{args.clients} clients, {args.seconds:.0f} s, {args.workers} workers: "
        f"{len(times) / elapsed:.1f} pages/s, p50 {statistics.median(times) * 1000:.0f} ms, "
        f"p99 {p99 * 1000:.0f} ms, {len(errors)} errors; the workers' CPU per page "
        f"{float(str(results['cpu_s'])) / max(1, len(times)) * 1000:.0f} ms "
        f"(load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores)"
    )
    print(
        f"peak memory of the workers together: RSS {memory.peak_rss / 1024:.0f} MB "
        f"(mapped index pages counted in each), PSS {memory.peak_pss / 1024:.0f} MB"
    )


if __name__ == "__main__":
    main()
