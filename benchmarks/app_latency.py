"""Seconds from clicking Translate to the rendered side-by-side view, in a real browser.

Usage: python benchmarks/app_latency.py [DATA_DIR] [--sentences 100]

Starts `streamlit run app.py` with the realistic-size random-weight packages (transformer-base,
built by scripts/build_test_package.py), pastes an article of NTREX news sentences into the app in
headless Debian chromium, clicks Translate and times the rendering, then clicks Translate again
for the cached case. The glossary and span protection are on, as for a user. Needs chromium and
chromedriver (Debian packages) and selenium.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "benchmarks"))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data_dir", nargs="?", default=str(ROOT.parent / "shared" / "data"))
    parser.add_argument("--sentences", type=int, default=100)
    args = parser.parse_args()

    home = Path(tempfile.mkdtemp(prefix="translit-app-bench-"))
    for var in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME"):
        os.environ[var] = str(home / var.lower())
    import test_browser as browser_test
    from build_test_package import build_package
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    from translation import ntrex_article

    from translit.mt.argos.packages import install_package

    package_dir = home / "packages"
    for pair in (("en", "ru"), ("ru", "en")):
        install_package(build_package(ROOT / "build" / "bench-packages", *pair, preset="base"), package_dir)
    article = ntrex_article(Path(args.data_dir), args.sentences)

    port = browser_test.free_port()
    env = {**os.environ, "ARGOS_PACKAGES_DIR": str(package_dir)}
    command = [sys.executable, "-m", "streamlit", "run", "app.py", "--server.headless", "true",
               "--server.port", str(port), "--server.address", "127.0.0.1",
               "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none"]
    log = (home / "server.log").open("wb")
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
                               start_new_session=True)
    server = browser_test.AppServer(f"http://127.0.0.1:{port}", process, home / "server.log")
    browser_test.TRANSLATE_TIMEOUT = 1800
    options = webdriver.ChromeOptions()
    options.binary_location = str(browser_test.CHROMIUM)
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-quic", "--no-first-run", "--no-proxy-server", "--window-size=1400,2600",
                 f"--user-data-dir={home / 'profile'}"):
        options.add_argument(flag)
    driver = None
    try:
        browser_test.wait_until_healthy(server, 60)
        driver = webdriver.Chrome(service=Service(executable_path=str(browser_test.CHROMEDRIVER)), options=options)
        browser_test.open_app(driver, server.url)
        browser_test.paste_article(driver, article)
        first = browser_test.translate(driver)
        rows = len(browser_test.aligned_rows(driver))
        cached = browser_test.translate(driver)  # the same article and options again: from the cache
        print(f"{rows} sentences rendered side by side")
        print(f"Translate -> rendered view: {first:.1f} s (first time), {cached:.1f} s (same article again, cached)")
    finally:
        if driver is not None:
            driver.quit()
        browser_test.stop(process)
        log.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
