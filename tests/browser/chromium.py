"""How to launch Debian's chromium under Playwright (never `playwright install`): the browser tests and
benchmarks/bench_browser.py use the same. No Django here, so a benchmark can import it without settings."""

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-quic",
    "--disable-dev-shm-usage",
]
