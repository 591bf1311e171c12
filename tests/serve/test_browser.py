"""The dashboard in a real headless Chromium, against `eventwire serve` started as a process.

Skips only when no Chromium (and its chromedriver) can be found; CI installs Debian's
(`.ci/run`). Screenshots go to tests/serve/artifacts/ (ignored by git) for a person to look at.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.serve.articles import XSS_TITLE

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver")
ARTIFACTS = Path(__file__).parent / "artifacts"

if not (CHROMIUM and CHROMEDRIVER):
    pytest.skip("no chromium/chromedriver found (Debian: apt-get install chromium "
                "chromium-driver): browser tests skipped", allow_module_level=True)
webdriver = pytest.importorskip("selenium.webdriver",
                                reason="the browser tests drive Chromium with selenium: "
                                       "pip install selenium")
from selenium.common.exceptions import NoAlertPresentException  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

CHROME_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
               "--disable-background-networking", "--disable-component-update",
               "--disable-sync", "--window-size=1440,1000"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(filled_db, tmp_path_factory) -> Iterator[str]:
    """`eventwire serve` on a free loopback port over a copy of the filled store."""
    db = tmp_path_factory.mktemp("browser") / "events.db"
    shutil.copyfile(filled_db, db)
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k != "EVENTWIRE_TOKEN"}
    log = (tmp_path_factory.mktemp("browser-log") / "serve.log").open("w")
    process = subprocess.Popen(
        [sys.executable, "-c", "from eventwire.cli import main; main()", "serve", "--db", str(db),
         "--port", str(port), "--log-level", "warning"],
        stdout=log, stderr=subprocess.STDOUT, env=env)
    base = f"http://127.0.0.1:{port}/"
    deadline = time.monotonic() + 30
    try:
        while True:
            try:
                if httpx.get(base + "api/health", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"eventwire serve did not start: see {log.name}")
            time.sleep(0.2)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()


@pytest.fixture(scope="module")
def browser(tmp_path_factory) -> Iterator["webdriver.Chrome"]:
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for arg in CHROME_ARGS:
        options.add_argument(arg)
    options.add_argument(f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}")
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    service = webdriver.ChromeService(executable_path=CHROMEDRIVER)
    driver = webdriver.Chrome(service=service, options=options)
    driver.set_page_load_timeout(30)
    try:
        yield driver
    finally:
        driver.quit()


def open_page(driver, url: str) -> None:
    driver.get(url)
    wait_ready(driver)


def wait_ready(driver, timeout: float = 20) -> None:
    WebDriverWait(driver, timeout).until(
        lambda d: d.execute_script("return document.body.dataset.state") in ("ready", "error"))
    state = driver.execute_script("return document.body.dataset.state")
    assert state == "ready", driver.find_element(By.ID, "status").text


def shot(driver, name: str) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    driver.save_screenshot(str(path))
    return path


def no_alert(driver) -> bool:
    try:
        driver.switch_to.alert
    except NoAlertPresentException:
        return True
    return False


def severe_console_messages(driver) -> list[str]:
    return [entry["message"] for entry in driver.get_log("browser")
            if entry["level"] == "SEVERE" and "favicon" not in entry["message"]]


def table_rows(driver) -> list:
    return driver.find_elements(By.CSS_SELECTOR, "#events-table tbody tr")


def test_dashboard_loads_map_timeline_table_and_stories(browser, server):
    open_page(browser, server)
    rows = table_rows(browser)
    assert len(rows) == 50  # the first page
    total = httpx.get(server + "api/meta").json()["counts"]["events"]
    count_line = browser.find_element(By.CSS_SELECTOR, ".count-line").text
    assert count_line.startswith(f"{total} events match no filters; showing 50")
    map_box = browser.find_element(By.ID, "map")
    assert int(map_box.get_attribute("data-markers")) >= 6
    assert len(browser.find_elements(By.CSS_SELECTOR, "#map path.place-marker")) == \
        int(map_box.get_attribute("data-markers"))
    # Country boundaries drawn from the bundled Natural Earth file: well over 100 shapes.
    assert len(browser.find_elements(By.CSS_SELECTOR, "#map path.leaflet-interactive")) > 150
    assert int(browser.find_element(By.ID, "timeline").get_attribute("data-buckets")) > 10
    stories = browser.find_elements(By.CSS_SELECTOR, "#stories li[data-story]")
    assert len(stories) == 1 and "3 articles" in stories[0].text  # only one told twice or more
    shot(browser, "dashboard")
    assert severe_console_messages(browser) == []


def test_filter_updates_table_map_and_timeline(browser, server):
    open_page(browser, server)
    before = int(browser.find_element(By.ID, "map").get_attribute("data-markers"))
    country = browser.find_element(By.ID, "f-country")
    country.clear()
    country.send_keys("ken")
    browser.find_element(By.ID, "apply").click()
    WebDriverWait(browser, 10).until(lambda d: "country=KEN" in d.current_url)
    wait_ready(browser)
    rows = table_rows(browser)
    assert len(rows) == 4
    assert {r.get_attribute("data-country") for r in rows} == {"KEN"}
    map_box = browser.find_element(By.ID, "map")
    assert int(map_box.get_attribute("data-markers")) == 1 < before  # Nairobi only
    assert browser.find_element(By.CSS_SELECTOR, ".count-line").text.startswith(
        "4 events match country KEN")
    # Then narrow by type with the select, as an analyst would.
    from selenium.webdriver.support.ui import Select

    Select(browser.find_element(By.ID, "f-type")).select_by_value("ACCUSE")
    browser.find_element(By.ID, "apply").click()
    WebDriverWait(browser, 10).until(lambda d: "type=ACCUSE" in d.current_url)
    wait_ready(browser)
    assert [r.get_attribute("data-type") for r in table_rows(browser)] == ["ACCUSE"]
    assert browser.find_element(By.ID, "map").get_attribute("data-markers") == "0"
    shot(browser, "dashboard-filtered")


def test_article_view_highlights_each_coded_field(browser, server):
    event = httpx.get(server + "api/events", params={"q": "El Fasher", "type": "ASSAULT"}
                      ).json()["items"][0]
    open_page(browser, f"{server}#/event/{event['id']}")
    WebDriverWait(browser, 10).until(lambda d: d.find_elements(By.ID, "article-view"))
    wait_ready(browser)
    marks = {}
    for mark in browser.find_elements(By.CSS_SELECTOR, "#article-text mark.hl"):
        marks.setdefault(mark.get_attribute("class").split()[1], []).append(mark.text)
    assert marks["hl-trigger"] == ["drone strike"]
    assert marks["hl-place"] == ["El Fasher"]
    assert "Rapid Support Forces" in " ".join(marks["hl-actor"])
    assert marks["hl-recipient"] == ["12 civilians"]
    assert "hl-time" in marks and "hl-attribution" in marks
    # The selected event's whole sentence is shaded; the other event's is offered for clicking.
    evidence = "".join(m.text for m in browser.find_elements(
        By.CSS_SELECTOR, "#article-text mark[data-roles~='evidence']"))
    assert evidence == event["evidence"]["text"]
    legend = browser.find_element(By.CSS_SELECTOR, ".role-legend").text
    for word in ("trigger", "actor", "recipient", "time", "place", "attribution"):
        assert word in legend
    assert browser.find_element(By.ID, "event-fields").get_attribute("data-event") == event["id"]
    shot(browser, "article-view")
    # Clicking the other event's sentence selects it.
    other = browser.find_element(By.CSS_SELECTOR, "#article-text mark[data-event]")
    other_id = other.get_attribute("data-event")
    other.click()
    WebDriverWait(browser, 10).until(
        lambda d: d.find_element(By.ID, "event-fields").get_attribute("data-event") == other_id)
    assert [m.text for m in browser.find_elements(By.CSS_SELECTOR, "#article-text .hl-trigger")
            ] == ["accused"]


def test_highlights_stay_on_their_words_after_an_emoji(browser, server):
    open_page(browser, f"{server}#/article/wire-emoji-1")
    assert [m.text for m in browser.find_elements(By.CSS_SELECTOR, "#article-text .hl-trigger")
            ] == ["protested"]
    assert [m.text for m in browser.find_elements(By.CSS_SELECTOR, "#article-text .hl-place")
            ] == ["Kampala"]


def test_stored_markup_renders_as_text(browser, server):
    open_page(browser, f"{server}#/article/wire-xss-1")
    assert no_alert(browser)
    title = browser.find_element(By.ID, "article-title")
    assert title.text == XSS_TITLE
    assert browser.execute_script("return window.__xss") is None
    app = browser.find_element(By.ID, "app")
    # Nothing from the data became an element: no <img>, <script> or <b> inside the page body.
    assert app.find_elements(By.CSS_SELECTOR, "img, script, b:not(.trigger)") == []
    assert "<img src=x" in browser.find_element(By.ID, "article-text").text
    meta = browser.find_element(By.CSS_SELECTOR, ".article-view .meta")
    assert "<b>Evil</b> Wire" in meta.text
    # The javascript: URL is shown as text, never as a link.
    assert meta.find_elements(By.TAG_NAME, "a") == []
    shot(browser, "xss-article")
    # In the dashboard's table, map popups and stories the same strings stay text.
    open_page(browser, f"{server}#/?q=Harare")
    assert no_alert(browser)
    links = browser.find_elements(By.CSS_SELECTOR, "#events-table a.article-link")
    assert links and {link.text for link in links} == {XSS_TITLE}
    assert browser.execute_script("return window.__xss") is None
    assert browser.find_element(By.ID, "app").find_elements(By.CSS_SELECTOR, "img, script") == []
    marker = browser.find_element(By.CSS_SELECTOR, "#map path.place-marker")
    browser.execute_script(
        "arguments[0].dispatchEvent(new MouseEvent('click', {bubbles: true}))", marker)
    popup = WebDriverWait(browser, 5).until(
        lambda d: d.find_element(By.CSS_SELECTOR, ".map-popup"))
    WebDriverWait(browser, 5).until(lambda d: popup.is_displayed())  # Leaflet fades it in
    assert XSS_TITLE in popup.get_attribute("textContent")
    assert popup.find_elements(By.CSS_SELECTOR, "img, script") == []
    assert browser.execute_script("return window.__xss") is None
    shot(browser, "xss-dashboard")
    assert severe_console_messages(browser) == []


def test_story_view_shows_reports_and_the_denial_in_sequence(browser, server):
    story = httpx.get(server + "api/stories", params={"min_reports": 2}).json()["items"][0]
    open_page(browser, f"{server}#/story/{story['id']}")
    assert browser.find_element(By.CSS_SELECTOR, "#corroboration strong").text == "3"
    assert browser.find_element(By.ID, "story-status").text.lower() == "denied"
    rows = browser.find_elements(By.CSS_SELECTOR, "#claims-table tbody tr")
    cells = [[td.text for td in row.find_elements(By.TAG_NAME, "td")] for row in rows]
    assert [c[2] for c in cells] == ["Alpha Wire", "Beta News", "Gamma Post"]
    assert [c[1] for c in cells] == ["2025-06-03", "2025-06-03", "2025-06-04"]
    assert rows[-1].get_attribute("class") == "denial"
    assert "negated" in cells[-1][4]
    shot(browser, "story-view")
    # Each claim links to its article view.
    rows[0].find_element(By.TAG_NAME, "a").click()
    WebDriverWait(browser, 10).until(lambda d: d.find_elements(By.ID, "article-view"))
    wait_ready(browser)
    assert browser.find_element(By.ID, "article-title").text == \
        "Police arrest protesters in Nairobi"


def test_api_docs_render_offline(browser, server):
    browser.get(server + "docs")
    title = WebDriverWait(browser, 20).until(
        lambda d: d.find_elements(By.CSS_SELECTOR, ".swagger-ui .info .title"))
    assert "eventwire API" in title[0].text or "eventwire" in title[0].text
    operations = browser.find_elements(By.CSS_SELECTOR, ".opblock-summary-path")
    assert any("/api/events" in op.text for op in operations)
    # Every resource came from this server: nothing was fetched from elsewhere.
    origins = browser.execute_script(
        "return performance.getEntriesByType('resource').map(e => new URL(e.name).origin)")
    assert set(origins) <= {server.rstrip("/")}
    shot(browser, "api-docs")
    assert severe_console_messages(browser) == []
