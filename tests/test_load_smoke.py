"""The load benchmark's machinery works, and every page in its mix answers 200 under the production settings."""

import pytest

from benchmarks import bench_pages
from benchmarks.http_load import Page, assign, drive, serve, summarise
from tests.conftest import requires_postgres, requires_redis


def test_summarise_gives_throughput_errors_and_percentiles():
    rows = [("home", ms / 1000, True) for ms in range(1, 101)] + [("home", 0.5, False)]
    figures = summarise(rows, elapsed=2.0, client_cpu=0.25)
    assert figures["requests"] == 101 and figures["rps"] == 50.5 and figures["errors"] == 1
    assert figures["pages"]["home"]["p50_ms"] == 51.0
    assert figures["pages"]["home"]["p99_ms"] == pytest.approx(100.0, abs=0.5)
    assert figures["client_cpu_percent"] == 25.0


def test_each_login_gets_a_simulated_user_and_the_rest_follow_the_weights():
    pages = [Page("a", "/", "x", weight=8), Page("b", "/b/", "y", weight=1), Page("c", "/c/", None, weight=1)]
    logins = assign(pages, 12)
    assert len(logins) == 12
    assert (logins.count("x"), logins.count("y"), logins.count(None)) == (8, 2, 2)
    with pytest.raises(ValueError):
        assign(pages, 2)


@requires_postgres()
@requires_redis()
@pytest.mark.gunicorn
def test_every_page_in_the_mix_answers_under_gunicorn_with_debug_off():
    with serve(workers=2, suffix="loadsmoke") as server:
        pages = bench_pages.PAGES + bench_pages.FLOOR
        figures = drive(server, pages, users=len({page.user for page in pages}), seconds=3, warmup=0, in_turn=True)
    assert figures["errors"] == 0, figures
    assert set(figures["pages"]) == {page.name for page in bench_pages.PAGES + bench_pages.FLOOR}
