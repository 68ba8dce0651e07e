"""Benchmark the review-day workspace under 20 concurrent simulated users against gunicorn on PostgreSQL.

Run: ``.venv/bin/python -m benchmarks.bench_review_day``. It migrates and loads the demo data into
``BENCH_DATABASE_URL`` (default: the ``assurance_bench_panels`` database on 127.0.0.1), starts gunicorn with DEBUG off,
signs in as the demo panel chair, and for ``BENCH_SECONDS`` (default 10) per page keeps 20 users requesting, each
waiting for its answer before asking again. Prints JSON with ``pages.review_day.p50_ms``, ``pages.review_day.p95_ms``
and ``pages.floor.p50_ms`` (a bare Django view returning a short text, measured the same way: the floor).
"""

import http.client
import json
import os
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PORT = int(os.environ.get("BENCH_PORT", "8791"))
USERS = int(os.environ.get("BENCH_USERS", "20"))
SECONDS = float(os.environ.get("BENCH_SECONDS", "10"))
DATABASE_URL = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/assurance_bench_panels")
WORKSPACE = "/panel/2009-10/5HQ/workspace/"  # Bolton, in review in the demo: every member's ratings, half agreed
ENV = {
    **os.environ,
    "DATABASE_URL": DATABASE_URL,
    "DJANGO_SETTINGS_MODULE": "benchmarks.floor_settings",
    "DEBUG": "false",
    "SECRET_KEY": "benchmark-only",
    "SECURE_COOKIES": "false",
    "ALLOWED_HOSTS": "127.0.0.1,localhost",
}


def _manage(*args: str) -> None:
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=ENV, check=True, stdout=subprocess.DEVNULL)


def _create_database() -> None:
    import psycopg2

    *server, name = DATABASE_URL.rsplit("/", 1)
    connection = psycopg2.connect(f"{server[0]}/postgres")
    connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if cursor.fetchone() is None:
            cursor.execute(f'CREATE DATABASE "{name}"')
    connection.close()


def _session_cookie(username: str) -> str:
    """A signed-in session for the user, made in this process against the same database."""
    os.environ.update({k: v for k, v in ENV.items() if k != "DJANGO_SETTINGS_MODULE"})
    os.environ["DJANGO_SETTINGS_MODULE"] = ENV["DJANGO_SETTINGS_MODULE"]
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.test import Client

    client = Client()
    client.force_login(get_user_model().objects.get(username=username))
    return f"sessionid={client.cookies['sessionid'].value}"


def _wait_for_server() -> None:
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", PORT), timeout=0.2).close()
            return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError("gunicorn did not start")


def _user(path: str, cookie: str, until: float, timings: list, errors: list) -> None:
    connection = http.client.HTTPConnection("127.0.0.1", PORT, timeout=10)
    while time.perf_counter() < until:
        started = time.perf_counter()
        connection.request("GET", path, headers={"Cookie": cookie, "Host": "127.0.0.1"})
        response = connection.getresponse()
        response.read()
        elapsed = (time.perf_counter() - started) * 1000
        (timings if response.status == 200 else errors).append(elapsed)
    connection.close()


def measure(path: str, cookie: str) -> dict:
    """Latencies of `path` with USERS users requesting back to back for SECONDS."""
    timings, errors = [], []
    until = time.perf_counter() + SECONDS
    threads = [threading.Thread(target=_user, args=(path, cookie, until, timings, errors)) for _ in range(USERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if errors or not timings:
        raise RuntimeError(f"{path}: {len(errors)} requests failed")
    cuts = statistics.quantiles(timings, n=100)
    return {"p50_ms": round(cuts[49], 1), "p95_ms": round(cuts[94], 1), "requests": len(timings)}


def main() -> dict:
    _create_database()
    _manage("migrate", "--no-input", "-v0")
    _manage("load_demo")
    _manage("collectstatic", "--no-input", "-v0")
    cookie = _session_cookie("panel.chair")
    workers = os.environ.get("BENCH_WORKERS", "3")
    server = subprocess.Popen(
        [str(ROOT / ".venv/bin/gunicorn"), "assurance.wsgi", "--bind", f"127.0.0.1:{PORT}", "--workers", workers],
        cwd=ROOT,
        env=ENV,
        stderr=subprocess.DEVNULL,
    )
    try:
        _wait_for_server()
        measure(WORKSPACE, cookie)  # warm the workers
        page, floor = measure(WORKSPACE, cookie), measure("/bench/floor/", cookie)
    finally:
        server.terminate()
        server.wait(10)
    return {
        "pages.review_day.p50_ms": page["p50_ms"],
        "pages.review_day.p95_ms": page["p95_ms"],
        "pages.review_day.requests": page["requests"],
        "pages.floor.p50_ms": floor["p50_ms"],
        "pages.floor.p95_ms": floor["p95_ms"],
    }


if __name__ == "__main__":
    print(json.dumps(main(), indent=2))
