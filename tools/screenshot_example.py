"""Take the README's picture of the example's web page: Chromium screenshots at 1280 and
320 pixels wide, side by side in ``docs/example-page.png``.

Needs the test extra (Playwright, Pillow) and Chromium on PATH. Run from the repository
root:

    python tools/screenshot_example.py [--full OUT_DIR]

``--full`` also writes full-page screenshots at both widths into OUT_DIR, for looking the
whole page over.
"""

from __future__ import annotations

import argparse
import io
import shutil
import sys
import tempfile
from pathlib import Path

from PIL import Image
from playwright.sync_api import sync_playwright

from measurekit.cli.main import main as measurekit

FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
OUT = Path("docs/example-page.png")
#: What the README shows at each width, in CSS pixels: the first measure's section (its
#: figures and chart) on a wide screen, the top of the page on a phone.
VIEWS = ((1280, 1000, "#section-1"), (320, 1000, None))
GAP = 24


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--full", type=Path, metavar="OUT_DIR")
    arguments = parser.parse_args()
    chromium = shutil.which("chromium")
    if chromium is None:
        print("chromium is not on PATH", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as folder:
        if measurekit(["example", "-f", "html", "-o", folder]) != 0:
            return 1
        page_path = Path(folder) / "cheshire-2023-24-q1.html"
        shots = []
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium, args=FLAGS)
            for width, height, anchor in VIEWS:
                page = browser.new_page(viewport={"width": width, "height": height})
                page.goto(page_path.as_uri())
                if anchor:
                    page.evaluate(f"document.querySelector('{anchor}').scrollIntoView()")
                shots.append(Image.open(io.BytesIO(page.screenshot())))
                if arguments.full:
                    arguments.full.mkdir(parents=True, exist_ok=True)
                    page.screenshot(path=arguments.full / f"page-{width}.png", full_page=True)
                page.close()
            browser.close()
    wide, narrow = shots
    picture = Image.new("RGB", (wide.width + GAP + narrow.width, wide.height), "#b1b4b6")
    picture.paste(wide, (0, 0))
    picture.paste(narrow, (wide.width + GAP, 0))
    picture.save(OUT, optimize=True)
    print(f"wrote {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
