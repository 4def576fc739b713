"""The Streamlit app in a real headless browser: Debian's chromium driven by Selenium.

The app runs as `streamlit run app.py` on a free loopback port with the random-weight test packages;
the browser types an article, translates it, checks the side-by-side view and downloads the JSON.
Needs the Debian packages chromium and chromium-driver (skipped without them, failed on CI).
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.enable_socket]

ROOT = Path(__file__).resolve().parent.parent
GLOSSARY_FILE = ROOT / "glossaries" / "immigration.en-ru.tsv"
SCREENSHOT = ROOT / "tests" / "output" / "browser" / "app.png"
CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")

SERVER_START_TIMEOUT = 60
PAGE_TIMEOUT = 30
TRANSLATE_TIMEOUT = 60
DOWNLOAD_TIMEOUT = 30

ARTICLE = (
    "A federal immigration judge in Texas ordered the release of two Russian asylum seekers on Monday. "
    "Both men had been held for more than five months.\n"
    "\n"
    "Their lawyer said each of them passed a credible fear interview soon after crossing the border. "
    "The government appealed the decision the same day.\n"
    "\n"
    "Advocates say detention times have grown this year. They urge families to keep copies of every "
    "court notice.\n"
)
HOSTILE_ARTICLE = (
    "The court hearing was postponed <script>alert(1)</script> until next spring.\n"
    "\n"
    'Lawyers filed a motion <img src="x" onerror="window.translitInjected = 1; alert(2)"> the same week.\n'
)


def missing_browser_message() -> str | None:
    import importlib.util

    missing = [str(path) for path in (CHROMIUM, CHROMEDRIVER) if not path.is_file()]
    if missing:
        return (
            f"{' and '.join(missing)} not found: install Debian's chromium and chromium-driver "
            "(`apt-get install chromium chromium-driver`) to run the browser tests."
        )
    if importlib.util.find_spec("selenium") is None:
        return "selenium is not installed: `pip install -r requirements-dev.txt` to run the browser tests."
    return None


def require_browser() -> None:
    message = missing_browser_message()
    if message is None:
        return
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def http_get(url: str, timeout: float = 2.0) -> tuple[int, str]:
    # No proxy: a proxy from the environment must not see (or break) loopback requests.
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    with opener.open(url, timeout=timeout) as response:
        return response.status, response.read().decode("utf-8", "replace")


@dataclass(frozen=True)
class AppServer:
    url: str
    process: subprocess.Popen
    log_path: Path

    def log_tail(self, chars: int = 4000) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")[-chars:]


def wait_until_healthy(server: AppServer, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    last_error = ""
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            pytest.fail(f"streamlit exited with code {server.process.returncode}:\n{server.log_tail()}")
        try:
            status, body = http_get(f"{server.url}/_stcore/health", timeout=1.0)
            if status == 200 and body.strip() == "ok":
                return
            last_error = f"HTTP {status}: {body[:200]}"
        except (OSError, urllib.error.URLError) as exc:
            last_error = repr(exc)
        time.sleep(0.2)  # polling interval, not a wait for an event
    pytest.fail(f"streamlit did not answer on {server.url} within {timeout} s ({last_error}):\n{server.log_tail()}")


def stop(process: subprocess.Popen) -> None:
    if process.poll() is not None:
        return
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)


@pytest.fixture(scope="module")
def app_server(package_dir, tmp_path_factory) -> Iterator[AppServer]:
    require_browser()
    port = free_port()
    log_path = tmp_path_factory.mktemp("streamlit") / "server.log"
    # conftest already put XDG_* into a private home and tests/no_network on PYTHONPATH.
    env = {**os.environ, "ARGOS_PACKAGES_DIR": str(package_dir), "PYTHONUNBUFFERED": "1"}
    command = [
        sys.executable, "-m", "streamlit", "run", "app.py",
        "--server.headless", "true",
        "--server.port", str(port),
        "--server.address", "127.0.0.1",
        "--browser.gatherUsageStats", "false",
        "--server.fileWatcherType", "none",
    ]  # fmt: skip
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )
    server = AppServer(f"http://127.0.0.1:{port}", process, log_path)
    try:
        wait_until_healthy(server, SERVER_START_TIMEOUT)
        yield server
    finally:
        stop(process)


@pytest.fixture
def download_dir(tmp_path) -> Path:
    folder = tmp_path / "downloads"
    folder.mkdir()
    return folder


def new_browser(profile: Path, download_dir: Path, size: tuple[int, int] = (1400, 2600)):
    """A headless Debian chromium with its own profile folder, downloading into download_dir."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in (
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-default-apps",
        "--disable-extensions",
        "--disable-sync",
        "--disable-quic",
        "--no-first-run",
        "--no-default-browser-check",
        "--no-proxy-server",
        f"--window-size={size[0]},{size[1]}",
        f"--user-data-dir={profile}",
    ):
        options.add_argument(flag)
    options.add_experimental_option(
        "prefs",
        {
            "download.default_directory": str(download_dir),
            "download.prompt_for_download": False,
            "download.directory_upgrade": True,
            "safebrowsing.enabled": False,
        },
    )
    # An explicit driver path: Selenium Manager is never asked to find or download anything.
    service = Service(executable_path=str(CHROMEDRIVER), log_output=str(profile.parent / f"{profile.name}.log"))
    browser = webdriver.Chrome(service=service, options=options)
    browser.set_page_load_timeout(PAGE_TIMEOUT)
    browser.execute_cdp_cmd("Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(download_dir)})
    return browser


@pytest.fixture
def driver(app_server, tmp_path, download_dir):
    browser = new_browser(tmp_path / "chromium-profile", download_dir)
    try:
        yield browser
    finally:
        browser.quit()


def wait(browser, timeout: float = PAGE_TIMEOUT):
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(browser, timeout, poll_frequency=0.1)


def app_errors(browser) -> list[str]:
    from selenium.webdriver.common.by import By

    alerts = browser.find_elements(By.CSS_SELECTOR, '[data-testid="stAlertContentError"], [data-testid="stException"]')
    return [alert.text for alert in alerts if alert.text.strip()]


def wait_for(browser, condition, what: str, timeout: float = PAGE_TIMEOUT):
    """wait(...).until(condition), failing at once with the app's message if it shows an error."""
    from selenium.common.exceptions import TimeoutException

    def done_or_failed(b):
        return condition(b) or app_errors(b)

    try:
        outcome = wait(browser, timeout).until(done_or_failed)
    except TimeoutException:
        pytest.fail(f"timed out after {timeout} s waiting for {what} (the app shows no error)")
    errors = app_errors(browser)
    if errors:
        pytest.fail(f"the app shows an error while waiting for {what}: {errors}")
    return outcome


def open_app(browser, url: str) -> None:
    from selenium.webdriver.common.by import By

    browser.get(url)
    wait_for(
        browser,
        lambda b: app_is_idle(b) and b.find_elements(By.XPATH, "//*[contains(text(), 'Paste an article')]"),
        "the start page",
    )


def paste_article(browser, text: str) -> None:
    """Type into the article box with real key events and commit it with Ctrl+Enter."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    area = wait_for(
        browser,
        lambda b: next(iter(b.find_elements(By.CSS_SELECTOR, 'textarea[aria-label="Article text"]')), None),
        "the article text area",
    )
    area.click()
    area.send_keys(text)
    area.send_keys(Keys.CONTROL, Keys.ENTER)
    # The commit starts a rerun; clicking Translate before that rerun has shown the detected
    # language can lose the click, so wait for the text to have reached the app.
    wait_for(
        browser,
        lambda b: app_is_idle(b) and b.find_elements(By.XPATH, "//*[contains(text(), 'Detected language')]"),
        "the app to take the pasted article",
    )


def translate_button(browser):
    from selenium.webdriver.common.by import By

    if not app_is_idle(browser):
        return None
    for button in browser.find_elements(By.CSS_SELECTOR, 'button[data-testid="stBaseButton-primary"]'):
        if button.text.strip() == "Translate" and button.is_enabled():
            return button
    return None


ALIGNED_TABLES = "//div[contains(@class, 'tl-aligned')]//table[contains(@class, 'tl-table')]"


def aligned_rows(browser) -> list:
    from selenium.webdriver.common.by import By

    return browser.find_elements(By.XPATH, ALIGNED_TABLES + "//tr")


def app_is_idle(browser) -> bool:
    """The script has finished its run (Streamlit marks its root element with the run state)."""
    from selenium.webdriver.common.by import By

    return bool(browser.find_elements(By.CSS_SELECTOR, '[data-testid="stApp"][data-test-script-state="notRunning"]'))


def translate(browser) -> float:
    """Click Translate; seconds until the side-by-side view and the download button are rendered."""
    from selenium.webdriver.common.by import By

    button = wait_for(browser, translate_button, "the Translate button")
    started = time.perf_counter()
    button.click()
    wait_for(
        browser,
        lambda b: (
            aligned_rows(b)
            and b.find_elements(By.CSS_SELECTOR, '[data-testid="stDownloadButton"] button')
            and app_is_idle(b)
        ),
        "the side-by-side view",
        TRANSLATE_TIMEOUT,
    )
    return time.perf_counter() - started


def wait_for_download(folder: Path, suffix: str, timeout: float = DOWNLOAD_TIMEOUT) -> Path:
    """The one finished file ending in suffix (the app names it after the article and the date)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        finished = [path for path in folder.glob(f"*{suffix}") if path.stat().st_size > 0]
        if finished and not list(folder.glob("*.crdownload")):
            assert len(finished) == 1, finished
            return finished[0]
        time.sleep(0.1)  # polling interval
    pytest.fail(f"no {suffix} file appeared in {folder} within {timeout} s (found {sorted(os.listdir(folder))})")


def download_button(browser, label: str):
    from selenium.webdriver.common.by import By

    buttons = browser.find_elements(By.CSS_SELECTOR, '[data-testid="stDownloadButton"] button')
    matching = [button for button in buttons if button.text.strip() == label]
    assert matching, f"no {label} download button among {[button.text for button in buttons]}"
    return matching[0]


def expected_sentences(text: str) -> list[str]:
    from translit.document import Document
    from translit.segment import segment

    return [sentence.text for sentence in segment(Document.from_text(text), "en")]


def normalize(text: str) -> str:
    return " ".join(text.split())


def shown_translation(cell) -> str:
    """A translation cell's text without the flags shown under it."""
    from selenium.webdriver.common.by import By

    text = cell.text
    for flag in cell.find_elements(By.CSS_SELECTOR, ".tl-flag"):
        text = text.replace(flag.text, "")
    return normalize(text)


def test_translate_in_the_browser(app_server, driver, download_dir):
    from selenium.webdriver.common.by import By

    open_app(driver, app_server.url)
    paste_article(driver, ARTICLE)
    seconds = translate(driver)
    print(f"\nbrowser: Translate click -> side-by-side view rendered in {seconds:.2f} s")

    assert not app_errors(driver)
    sentences = expected_sentences(ARTICLE)
    rows = aligned_rows(driver)
    assert len(rows) == len(sentences), [row.text for row in rows]
    sources = [normalize(row.find_elements(By.TAG_NAME, "td")[0].text) for row in rows]
    assert sources == [normalize(s) for s in sentences]
    shown_targets = [shown_translation(row.find_elements(By.TAG_NAME, "td")[1]) for row in rows]
    shown_flags = [len(row.find_elements(By.CSS_SELECTOR, ".tl-flag")) for row in rows]
    assert all(shown_targets), f"an empty translation: {shown_targets}"

    if GLOSSARY_FILE.is_file():
        terms = driver.find_elements(By.XPATH, ALIGNED_TABLES + "//span[contains(@class, 'tl-term')]")
        highlighted = [normalize(term.text).lower() for term in terms]
        assert any("credible fear" in term for term in highlighted), highlighted
        assert any("immigration judge" in term for term in highlighted), highlighted

    expanders = driver.find_elements(By.CSS_SELECTOR, '[data-testid="stExpander"] summary')
    assert sum("Edit the translation" in e.text for e in expanders) == 1, [e.text for e in expanders]

    # The screenshot shows the settled page; the download click below starts another script run.
    SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
    assert driver.save_screenshot(str(SCREENSHOT))
    print(f"browser: screenshot saved to {SCREENSHOT}")

    download_button(driver, "JSON").click()  # this starts a script run that replaces the elements found above
    downloaded = wait_for_download(download_dir, ".json")
    print(f"browser: downloaded {downloaded.name}")
    payload = json.loads(downloaded.read_text(encoding="utf-8"))
    assert payload["source_lang"] == "en" and payload["target_lang"] == "ru"
    exported = [s["source"] for p in payload["paragraphs"] for s in p["sentences"]]
    assert exported == sentences
    assert all(s["target"] for p in payload["paragraphs"] for s in p["sentences"])
    assert shown_targets == [normalize(s["target"]) for p in payload["paragraphs"] for s in p["sentences"]]
    # Every flag the export lists is shown under its sentence.
    assert shown_flags == [len(s.get("flags", [])) for p in payload["paragraphs"] for s in p["sentences"]]


def test_article_markup_is_shown_as_text(app_server, driver):
    from selenium.common.exceptions import NoAlertPresentException
    from selenium.webdriver.common.by import By

    open_app(driver, app_server.url)
    paste_article(driver, HOSTILE_ARTICLE)
    translate(driver)

    with pytest.raises(NoAlertPresentException):
        driver.switch_to.alert  # noqa: B018 - the property raises when no alert is open
    assert driver.execute_script("return window.translitInjected === undefined")
    sources = " ".join(row.find_elements(By.TAG_NAME, "td")[0].text for row in aligned_rows(driver))
    assert "<script>alert(1)</script>" in sources
    assert 'onerror="window.translitInjected = 1; alert(2)"' in sources
    assert not driver.find_elements(By.CSS_SELECTOR, ".tl-table script, .tl-table img")


READERS = {
    "deportations": (
        "Officials said two Russian citizens were deported from Texas last week.\n"
        "\n"
        "Their families learned of it from a lawyer.\n"
    ),
    "tps": (
        "Ukrainians with temporary protected status can re-register this spring.\n"
        "\n"
        "The notice lists the documents they need.\n"
    ),
    "backlog": (
        "The asylum backlog in immigration court passed three million cases.\n"
        "\n"
        "Judges now schedule hearings years ahead.\n"
    ),
}


def test_three_readers_at_once_each_see_their_own_article(app_server, tmp_path):
    """Three real browser sessions translate different articles at the same time on one app."""
    from concurrent.futures import ThreadPoolExecutor

    from selenium.webdriver.common.by import By

    def read(name: str) -> tuple[list[str], list[str], list[str]]:
        browser = new_browser(tmp_path / f"profile-{name}", tmp_path / f"downloads-{name}")
        try:
            open_app(browser, app_server.url)
            paste_article(browser, READERS[name])
            translate(browser)
            sources = [normalize(row.find_elements(By.TAG_NAME, "td")[0].text) for row in aligned_rows(browser)]
            targets = [shown_translation(row.find_elements(By.TAG_NAME, "td")[1]) for row in aligned_rows(browser)]
            return sources, targets, app_errors(browser)
        finally:
            browser.quit()

    with ThreadPoolExecutor(max_workers=len(READERS)) as pool:
        seen = dict(zip(READERS, pool.map(read, READERS)))
    for name, (sources, targets, errors) in seen.items():
        assert errors == [], (name, errors)
        assert sources == [normalize(s) for s in expected_sentences(READERS[name])], name
        assert all(targets), (name, targets)


LONG_ARTICLE = (
    "The asylum seeker had a credible fear interview, and the judge set a bond hearing for Monday.\n"
    "\n"
    "Read more at https://www.uscis.gov/humanitarian/refugees-and-asylum/asylum/obtaining-asylum-in-the-united-states"
    "?page=2&lang=ru&ref=averyveryveryverylongunbrokenidentifierthatmustwrapinsteadofwideningthepage today.\n"
)


def overflow(browser) -> int:
    """How many pixels the page is wider than the window (0: nothing runs off the screen)."""
    return int(browser.execute_script(
        "return Math.max(document.documentElement.scrollWidth, document.body.scrollWidth) - window.innerWidth"
    ))


@pytest.mark.parametrize(("width", "height"), [(390, 844), (1400, 900)])
def test_no_horizontal_overflow_and_the_reader_view(app_server, tmp_path, width, height):
    from selenium.webdriver.common.by import By

    browser = new_browser(tmp_path / "profile", tmp_path / "downloads", size=(width, height))
    try:
        open_app(browser, app_server.url)
        paste_article(browser, LONG_ARTICLE)
        translate(browser)
        assert not app_errors(browser)
        assert overflow(browser) <= 1, f"{overflow(browser)} px wider than the {width} px window"
        reader = browser.find_elements(By.CSS_SELECTOR, ".tl-reader")
        aligned = browser.find_elements(By.CSS_SELECTOR, ".tl-aligned")
        if width < 640:  # a phone: the reader view is shown, the side-by-side table is not
            assert reader[0].is_displayed() and not aligned[0].is_displayed()
        else:  # a wide screen: side by side, until the toggle switches to the reader view
            assert aligned[0].is_displayed() and not reader[0].is_displayed()
            toggle = browser.find_element(By.XPATH, "//label[contains(., 'Reader view')]")
            toggle.click()
            wait_for(browser, lambda b: b.find_elements(By.CSS_SELECTOR, ".tl-reader")
                     and b.find_elements(By.CSS_SELECTOR, ".tl-reader")[0].is_displayed()
                     and not b.find_elements(By.CSS_SELECTOR, ".tl-aligned"), "the reader view")
        sentence = browser.find_elements(By.CSS_SELECTOR, ".tl-reader summary")[0]
        sentence.click()
        source = browser.find_elements(By.CSS_SELECTOR, ".tl-reader details[open] .tl-source")
        assert source and "credible fear interview" in source[0].text
        assert overflow(browser) <= 1
        SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
        assert browser.save_screenshot(str(SCREENSHOT.parent / f"app-{width}x{height}.png"))
    finally:
        browser.quit()
