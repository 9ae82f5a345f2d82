"""The workshop app in a real browser: ``sim app`` is started as a user would, opened in headless
Chromium, played for some weeks, stepped and reset. The server is given no way to reach a CDN,
and every request the page makes must stay on this machine. A screenshot is saved under
results/app/. Chromium comes from the system (Debian's ``chromium``; ``.ci/run`` installs it)."""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlparse

import pytest

ROOT = Path(__file__).resolve().parent.parent
SCREENSHOT = ROOT / "results" / "app" / "screenshot.png"
LOCAL = {"localhost", "127.0.0.1", "[::1]", "::1"}
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def chromium() -> str:
    for name in ("chromium", "chromium-browser"):
        path = shutil.which(name)
        if path:
            return path
    pytest.fail("the browser test needs Chromium: apt-get install chromium (.ci/run installs it)")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("localhost", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def running_app(log_path: Path):
    """`sim app` on a free port; stopped with Ctrl+C (SIGINT) afterwards, also on failure."""
    port = free_port()
    # the server may not fetch JavaScript from a CDN: point the CDN at a closed local port
    env = dict(os.environ, SOLARA_ASSETS_CDN="http://127.0.0.1:9/")
    with open(log_path, "w+", encoding="utf-8") as log:
        proc = subprocess.Popen([sys.executable, "-m", "sim", "app", "--port", str(port),
                                 "--no-browser"], cwd=ROOT, env=env, stdout=log,
                                stderr=subprocess.STDOUT)
        url = f"http://localhost:{port}/"
        try:
            deadline = time.monotonic() + 40
            while True:
                if proc.poll() is not None:
                    pytest.fail(f"sim app exited with {proc.returncode}:\n{log_path.read_text()}")
                with contextlib.suppress(OSError), urllib.request.urlopen(url, timeout=2) as response:
                    if response.status == 200:
                        break
                if time.monotonic() > deadline:
                    pytest.fail(f"sim app did not answer within 40 s:\n{log_path.read_text()}")
                time.sleep(0.3)
            yield url, proc
        finally:
            if proc.poll() is None:
                proc.send_signal(signal.SIGINT)
                try:
                    proc.wait(timeout=15)
                except subprocess.TimeoutExpired:
                    proc.kill()
                    proc.wait()


def number(page, selector: str) -> str:
    return page.locator(selector).first.inner_text().strip()


def week(page) -> int:
    return int(re.search(r"Week (\d+)", number(page, ".sim-week")).group(1))


def wait_for_week(page, condition, timeout: float = 45) -> int:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        w = week(page)
        if condition(w):
            return w
        time.sleep(0.25)
    pytest.fail(f"the week shown stayed at {week(page)}")


def test_app_runs_both_worlds_in_a_browser_offline(tmp_path):
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.fail('the browser test needs playwright: python -m pip install -e ".[test]"')
    browser_path = chromium()
    requests, failed, bad_status = [], [], []
    with running_app(tmp_path / "server.log") as (url, proc), sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=browser_path, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1600, "height": 2200})
            page.on("request", lambda r: requests.append(r.url))
            page.on("requestfailed", lambda r: failed.append(r.url))
            page.on("response", lambda r: bad_status.append((r.status, r.url)) if r.status >= 400
                    else None)
            page.goto(url)
            page.wait_for_selector(".sim-week", timeout=45_000)
            # both panels, with their labels and numbers
            for side, label in (("baseline", "Baseline"), ("reform", "Reform: Fixed case director")):
                panel = page.locator(f".sim-panel-{side}")
                panel.wait_for(timeout=20_000)
                assert label in panel.inner_text()
                for key in ("households", "handoffs_mean", "waiting", "cost_total"):
                    assert number(page, f".sim-{side}-{key}")
                page.wait_for_function(  # every chart drawn: survival, handoffs, queues, cost, journey
                    f"document.querySelectorAll('.sim-panel-{side} .solara-echarts canvas').length >= 5",
                    timeout=20_000)
            assert week(page) == 0
            before = {side: (number(page, f".sim-{side}-households"),
                             number(page, f".sim-{side}-cost_total")) for side in ("baseline", "reform")}
            assert number(page, ".sim-baseline-journey").startswith("Hans:")

            page.get_by_role("button", name="▶").click()  # play
            wait_for_week(page, lambda w: w >= 10)
            page.get_by_role("button", name="❚❚").click()  # pause
            time.sleep(1.0)
            paused = week(page)
            time.sleep(1.0)
            assert week(page) == paused
            for side in ("baseline", "reform"):
                after = (number(page, f".sim-{side}-households"), number(page, f".sim-{side}-cost_total"))
                assert after[0] != before[side][0] and after[1] != before[side][1], side
            assert "vs baseline" in page.locator(".sim-panel-reform").inner_text()

            page.locator(".v-btn-toggle button", has_text="Sharon").click()  # follow another household
            page.wait_for_function("document.querySelector('.sim-reform-journey')"
                                   ".innerText.startsWith('Sharon:')", timeout=10_000)
            SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(SCREENSHOT), full_page=True)

            page.get_by_role("button", name="Step").click()
            wait_for_week(page, lambda w: w == paused + 1, timeout=20)
            page.get_by_role("button", name="Reset").click()
            wait_for_week(page, lambda w: w == 0, timeout=30)
        finally:
            browser.close()
        proc.send_signal(signal.SIGINT)  # Ctrl+C stops the server
        assert proc.wait(timeout=15) == 0
    assert SCREENSHOT.stat().st_size > 50_000
    assert requests
    outside = sorted({u for u in requests if urlparse(u).hostname not in LOCAL
                      and not u.startswith(("data:", "blob:"))})
    assert outside == [], "requests left this machine"
    assert failed == [] and bad_status == []
