"""HTTP load against the production shape: gunicorn (DEBUG off) on PostgreSQL and Redis, with the demo data.

`serve()` builds a scratch database (`<DATABASE_URL's name>_bench`: migrate + load_demo), collects static files and
starts gunicorn on a free port. `drive()` runs N simulated users for T seconds over a weighted list of pages: each
user is a thread that signs in through the real sign-in form as a demo login (its own session), then, on its own
keep-alive connection, picks that login's next page by weight and sends it at once (a closed loop, no think time).
Each user may pause a think time between its requests (a person reads a page before the next click); with none, the
users form a closed loop that finds the server's capacity. A page with `save` fields is a form: the user opens it
(counted under its name without `_save`: `competency_save` opens a `competency`), then posts it back with those
fields, its CSRF token and its version, as a person editing their answer does; a redirect (302) is success.
It returns throughput, errors and p50/p95/p99 per page type.

Requests carry `X-Forwarded-Proto: https`, as the TLS proxy in front of the app would send, so the production
settings (HTTPS redirect, secure cookies, HSTS) apply unchanged.

The load generator is Python threads with http.client in a separate process from the server. It reports its own CPU
use (`client_cpu_percent`, of one core) so a reader can tell whether it, not the server, was the limit.
"""

import contextlib
import http.client
import os
import random
import re
import secrets
import socket
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode, urlsplit, urlunsplit

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
DEMO_PASSWORD = "commissioning-demo"
PROXY_HEADERS = {"X-Forwarded-Proto": "https"}


@dataclass(frozen=True)
class Page:
    """One page type in the mix: its name in the results, its path, who asks for it (None: anonymous), its weight."""

    name: str
    path: str
    user: str | None
    weight: int = 1
    save: dict | None = None  # a form to post back: these fields, plus the CSRF token and version read from the page

    def path_for(self, rank: int) -> str:
        """The path for the `rank`th simulated user of this login: `{n}` becomes 1 to 11, one competency each."""
        return self.path.replace("{n}", str(1 + rank % 11))


@dataclass
class Server:
    host: str
    port: int
    database_url: str

    @property
    def origin(self) -> str:
        return f"https://{self.host}:{self.port}"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def scratch_database_url(database_url: str, suffix: str = "bench") -> str:
    parts = urlsplit(database_url)
    return urlunsplit(parts._replace(path=f"{parts.path.rstrip('/')}_{suffix}"))


def _recreate_database(database_url: str) -> None:
    import psycopg2
    from psycopg2 import sql

    parts = urlsplit(database_url)
    name = parts.path.lstrip("/")
    connection = psycopg2.connect(urlunsplit(parts._replace(path="/postgres")))
    connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
        cursor.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    connection.close()


def server_environment(database_url: str) -> dict:
    """The production settings: DEBUG off, a throwaway secret key, the scratch database, Redis from REDIS_URL."""
    env = {k: v for k, v in os.environ.items() if k not in ("DJANGO_ALLOW_ASYNC_UNSAFE", "DJANGO_SETTINGS_MODULE")}
    env.update(
        DEBUG="false",
        SECRET_KEY=secrets.token_urlsafe(50),
        DATABASE_URL=database_url,
        ALLOWED_HOSTS="127.0.0.1,localhost",
        LOG_LEVEL="ERROR",
    )
    return env


@contextlib.contextmanager
def serve(workers: int | None = None, prepare=None, suffix: str = "bench"):
    """Yield a running gunicorn on a fresh demo database; stop it and drop the database afterwards.

    `prepare(database_url, env)` may add data after load_demo (a feature's own demo or a bigger data set).
    """
    base = os.environ.get("DATABASE_URL", "")
    if not base.startswith("postgres"):
        raise RuntimeError("The HTTP load benchmark needs PostgreSQL: set DATABASE_URL (make bench does).")
    if not os.environ.get("REDIS_URL"):
        raise RuntimeError("The HTTP load benchmark needs Redis: set REDIS_URL (make bench does).")
    database_url = scratch_database_url(base, suffix)
    _recreate_database(database_url)
    env = server_environment(database_url)
    manage = [sys.executable, "manage.py"]
    commands = [["migrate", "--no-input", "-v0"], ["load_demo"]]
    if not _static_is_current():
        commands.append(["collectstatic", "--no-input", "-v0"])  # slow (compresses every file): only when needed
    for command in commands:
        subprocess.run(manage + command, cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)
    if prepare:
        prepare(database_url, env)
    port = _free_port()
    workers = workers or int(os.environ.get("BENCH_WORKERS", 2 * (os.cpu_count() or 1) + 1))
    out = ROOT / "benchmarks" / "out"
    out.mkdir(parents=True, exist_ok=True)
    log = (out / "gunicorn.log").open("w")
    process = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "gunicorn"),
            "assurance.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--log-level",
            "warning",
        ],  # fmt: skip
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    server = Server("127.0.0.1", port, database_url)
    try:
        _wait_until_up(server, process)
        yield server
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()
        with contextlib.suppress(Exception):
            _drop_database(database_url)


def _static_is_current() -> bool:
    """Whether staticfiles/ was collected after the last change to the project's own static files."""
    manifest = ROOT / "staticfiles" / "staticfiles.json"
    if not manifest.exists():
        return False
    newest = max((p.stat().st_mtime for p in (ROOT / "static").rglob("*") if p.is_file()), default=0)
    return manifest.stat().st_mtime >= newest


def _drop_database(database_url: str) -> None:
    import psycopg2
    from psycopg2 import sql

    parts = urlsplit(database_url)
    connection = psycopg2.connect(urlunsplit(parts._replace(path="/postgres")))
    connection.autocommit = True
    with connection.cursor() as cursor:
        name = sql.Identifier(parts.path.lstrip("/"))
        cursor.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(name))
    connection.close()


def _wait_until_up(server: Server, process: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError("gunicorn exited; see benchmarks/out/gunicorn.log")
        with contextlib.suppress(OSError):
            status, _, _ = request(http.client.HTTPConnection(server.host, server.port, timeout=2), "GET", "/health/")
            if status == 200:
                return
        time.sleep(0.2)
    raise RuntimeError("gunicorn did not answer /health/ in time")


def request(connection, method: str, path: str, headers: dict | None = None, body: str | None = None):
    """Send one request on a keep-alive connection; return (status, headers, body bytes)."""
    connection.request(method, path, body=body, headers={**PROXY_HEADERS, **(headers or {})})
    response = connection.getresponse()
    return response.status, response.headers, response.read()


def _cookies(headers) -> dict[str, str]:
    found = {}
    for value in headers.get_all("Set-Cookie") or []:
        name, _, rest = value.partition("=")
        found[name.strip()] = rest.split(";", 1)[0]
    return found


def _cookie_header(cookies: dict[str, str]) -> str:
    return "; ".join(f"{name}={value}" for name, value in cookies.items())


def sign_in(server: Server, username: str, password: str = DEMO_PASSWORD) -> str:
    """Sign in through the sign-in form (CSRF token and all); return the Cookie header for the session."""
    connection = http.client.HTTPConnection(server.host, server.port, timeout=30)
    status, headers, body = request(connection, "GET", "/accounts/login/")
    cookies = _cookies(headers)
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', body).group(1).decode()
    form = urlencode({"username": username, "password": password, "csrfmiddlewaretoken": token, "next": "/"})
    status, headers, _ = request(
        connection,
        "POST",
        "/accounts/login/",
        headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": _cookie_header(cookies),
            "Origin": server.origin,
            "Referer": f"{server.origin}/accounts/login/",
        },
        body=form,
    )
    cookies.update(_cookies(headers))
    connection.close()
    if status != 302 or "sessionid" not in cookies:
        raise RuntimeError(f"Sign-in as {username} failed (status {status})")
    return _cookie_header(cookies)


def assign(pages: list[Page], users: int) -> list[str | None]:
    """Give each simulated user a login (None: anonymous): one each first, the rest in proportion to page weights."""
    weight: dict[str | None, int] = {}
    for page in pages:
        weight[page.user] = weight.get(page.user, 0) + page.weight
    if users < len(weight):
        raise ValueError(f"{users} simulated users cannot cover {len(weight)} logins")
    spare, total = users - len(weight), sum(weight.values())
    shares = {user: spare * w / total for user, w in weight.items()}
    counts = {user: 1 + int(share) for user, share in shares.items()}
    for user in sorted(shares, key=lambda u: shares[u] % 1, reverse=True)[: users - sum(counts.values())]:
        counts[user] += 1  # largest remainders
    return [user for user in sorted(counts, key=str) for _ in range(counts[user])]


def _hidden(body: bytes, name: str) -> str:
    found = re.search(rb'name="' + name.encode() + rb'"[^>]*value="([^"]*)"', body)
    if found is None:
        found = re.search(rb'value="([^"]*)"[^>]*name="' + name.encode() + rb'"', body)
    return found.group(1).decode() if found else ""


def _save(server: Server, connection, page: Page, path: str, headers: dict, body: bytes) -> int:
    """Post the form on `body` back to `path` with the page's fields; return the status."""
    form = {"csrfmiddlewaretoken": _hidden(body, "csrfmiddlewaretoken"), "version": _hidden(body, "version")}
    form.update(page.save)
    post_headers = {
        **headers,
        "Content-Type": "application/x-www-form-urlencoded",
        "Origin": server.origin,
        "Referer": f"{server.origin}{path}",
    }
    status, _, _ = request(connection, "POST", path, post_headers, urlencode(form))
    return status


def drive(
    server: Server,
    pages: list[Page],
    users: int,
    seconds: float,
    warmup: float = 2.0,
    think: tuple[float, float] = (0.0, 0.0),
    in_turn: bool = False,
) -> dict:
    """Run `users` concurrent simulated users for `seconds` over the weighted pages; return the figures.

    Each simulated user signs in with its own session (as real people do: no two share a session row), as the
    demo login `assign` gives it, and requests that login's pages by weight, pausing a think time drawn uniformly
    from `think` (seconds) after each page. With `in_turn`, each user takes its pages in turn rather than by
    weight, and takes each at least once even past `seconds`, so a short run on a busy machine still visits every
    page.
    """
    logins = assign(pages, users)
    with ThreadPoolExecutor(max_workers=8) as pool:
        cookies = list(pool.map(lambda user: sign_in(server, user) if user else "", logins))
    results: list[list[tuple[str, float, bool]]] = [[] for _ in range(users)]
    start = threading.Barrier(users + 1)
    stop_at = [0.0]
    measure_from = [0.0]

    def user(index: int) -> None:
        rng = random.Random(index)
        mine_pages = [page for page in pages if page.user == logins[index]]
        rank = logins[:index].count(logins[index])  # more than 11 editors of one login would share competencies
        weights = [page.weight for page in mine_pages]
        headers = {"Cookie": cookies[index]} if cookies[index] else {}
        connection = http.client.HTTPConnection(server.host, server.port, timeout=30)
        mine = results[index]
        start.wait()
        sent = 0
        # In turn, every page is taken once however long that takes (a busy machine must not leave pages out).
        while (now := time.perf_counter()) < stop_at[0] or (in_turn and sent < len(mine_pages)):
            page = mine_pages[sent % len(mine_pages)] if in_turn else rng.choices(mine_pages, weights)[0]
            sent += 1
            path = page.path_for(rank)
            try:
                status, _, body = request(connection, "GET", path, headers)
                ok = status == 200
                if page.save and ok:
                    if now >= measure_from[0]:
                        mine.append((page.name.removesuffix("_save"), time.perf_counter() - now, ok))
                    now = time.perf_counter()
                    ok = _save(server, connection, page, path, headers, body) == 302
            except (OSError, http.client.HTTPException):
                ok = False
                connection.close()
                connection = http.client.HTTPConnection(server.host, server.port, timeout=30)
            if now >= measure_from[0]:
                mine.append((page.name, time.perf_counter() - now, ok))
            if think[1] > 0:
                time.sleep(min(rng.uniform(*think), max(0.0, stop_at[0] - time.perf_counter())))
        connection.close()

    threads = [threading.Thread(target=user, args=(i,), daemon=True) for i in range(users)]
    for thread in threads:
        thread.start()
    cpu_before = time.process_time()
    began = time.perf_counter()
    measure_from[0] = began + warmup
    stop_at[0] = began + warmup + seconds
    start.wait()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - measure_from[0]
    client_cpu = (time.process_time() - cpu_before) / (time.perf_counter() - began)
    return summarise([row for rows in results for row in rows], elapsed, client_cpu)


def summarise(rows: list[tuple[str, float, bool]], elapsed: float, client_cpu: float) -> dict:
    """Throughput, errors and per-page latency percentiles (milliseconds) of the measured requests."""
    figures: dict = {
        "requests": len(rows),
        "rps": round(len(rows) / elapsed, 1),
        "errors": sum(1 for _, _, ok in rows if not ok),
        "client_cpu_percent": round(100 * client_cpu, 1),
        "pages": {},
    }
    for name in sorted({row[0] for row in rows}):
        latencies = np.array([seconds for page, seconds, _ in rows if page == name]) * 1000
        p50, p95, p99 = np.percentile(latencies, [50, 95, 99])
        figures["pages"][name] = {
            "count": len(latencies),
            "errors": sum(1 for page, _, ok in rows if page == name and not ok),
            "p50_ms": round(float(p50), 1),
            "p95_ms": round(float(p95), 1),
            "p99_ms": round(float(p99), 1),
        }
    return figures
