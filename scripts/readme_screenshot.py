"""Retake the README's screenshot (docs/dashboard.png) from a running dashboard.

    make serve PORT=8866 &            # in another shell
    .venv/bin/python scripts/readme_screenshot.py [--url http://127.0.0.1:8866/] [--lang en|sk]

Drives Debian's Chromium (CHROMIUM=/path to use another) through playwright, waits until the
options map has its cells and the status line its row count, and saves a 1366 x 900 window.
"""

from __future__ import annotations

import argparse
import os
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[1]
WAIT_S = 180


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", default="http://127.0.0.1:8866/")
    parser.add_argument("--lang", choices=("en", "sk"), default="en")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "dashboard.png")
    args = parser.parse_args()
    url = args.url + ("&" if "?" in args.url else "?") + f"lang={args.lang}"
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=os.environ.get("CHROMIUM", "/usr/bin/chromium"),
                                    args=["--headless", "--no-sandbox", "--disable-gpu"])
        page = browser.new_page(viewport={"width": 1366, "height": 900})
        page.set_default_timeout(WAIT_S * 1000)
        page.goto(url)
        page.locator(".rx-map .js-plotly-plot").first.wait_for(state="visible")
        deadline = time.monotonic() + WAIT_S
        while time.monotonic() < deadline:
            ready = page.evaluate("() => { const p = document.querySelector('.rx-map .js-plotly-plot');"
                                  " const s = document.querySelector('.rx-status');"
                                  " return !!(p && p.data && p.data[0].z && p.data[0].z.length > 1"
                                  " && s && /\\d/.test(s.innerText)); }")
            if ready:
                break
            time.sleep(0.25)
        else:
            raise SystemExit(f"the dashboard at {url} did not draw its map within {WAIT_S} s")
        time.sleep(1.0)  # let plotly finish its transition before the picture
        args.out.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(args.out))
        browser.close()
    print(f"saved {args.out}")


if __name__ == "__main__":
    main()
