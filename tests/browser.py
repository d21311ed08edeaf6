"""A real browser for the web page tests: the system's Chromium, driven by Playwright, with
axe-core's rules run inside the page.

Nothing is downloaded here: Playwright launches the Chromium found on PATH (Debian's
``chromium``) through ``executable_path``, and ``axe.min.js`` comes from npm's ``axe-core``
installed into ``tests/.node`` (``.ci/run`` installs both). Where either is missing, the
tests that need them skip, saying how to enable them.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

HERE = Path(__file__).parent
#: Where ``.ci/run`` installs npm's axe-core.
NODE_PREFIX = HERE / ".node"
#: The WCAG 2.0, 2.1 and 2.2 rules at levels A and AA.
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
#: Flags that let Chromium run headless here without reaching out to any network service.
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
HOW_TO_ENABLE = (
    "run .ci/run, or: apt-get install chromium; npm install --prefix tests/.node axe-core; "
    "pip install -e '.[test]'"
)


def chromium_path() -> str | None:
    """Chromium's executable: ``MEASUREKIT_CHROMIUM``, else ``chromium`` on PATH."""
    return os.environ.get("MEASUREKIT_CHROMIUM") or shutil.which("chromium")


def axe_script() -> Path | None:
    """axe-core's ``axe.min.js``, if installed under ``tests/.node``."""
    path = NODE_PREFIX / "node_modules" / "axe-core" / "axe.min.js"
    return path if path.is_file() else None


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """A headless Chromium, shared by the session's tests (each opens its own context, so
    each gets a fresh profile); skips when Playwright or Chromium is missing."""
    sync_api = pytest.importorskip(
        "playwright.sync_api", reason=f"Playwright is not installed ({HOW_TO_ENABLE})"
    )
    executable = chromium_path()
    if executable is None:
        pytest.skip(f"Chromium is not on PATH ({HOW_TO_ENABLE})")
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=executable, headless=True, args=CHROMIUM_FLAGS
        )
        try:
            yield launched
        finally:
            launched.close()


@pytest.fixture(scope="session")
def axe() -> Path:
    """The path of ``axe.min.js``; skips when axe-core is not installed."""
    path = axe_script()
    if path is None:
        pytest.skip(f"npm's axe-core is not installed under tests/.node ({HOW_TO_ENABLE})")
    return path


def open_page(browser: Any, path: Path, width: int, javascript: bool = True) -> Any:
    """``path`` opened at ``width`` CSS pixels wide in a fresh context that may load
    nothing but the file itself (every other request is refused and recorded in
    ``page.refused``)."""
    context = browser.new_context(
        viewport={"width": width, "height": 900}, java_script_enabled=javascript
    )
    page = context.new_page()
    refused: list[str] = []
    page.refused = refused

    def route(request_route: Any) -> None:
        url = request_route.request.url
        if url == path.as_uri() or url.startswith("data:"):
            request_route.continue_()
        else:
            refused.append(url)
            request_route.abort()

    context.route("**/*", route)
    page.goto(path.as_uri())
    return page


def axe_violations(page: Any, axe_path: Path) -> list[dict[str, Any]]:
    """axe-core's violations of the WCAG 2.0-2.2 A and AA rules on ``page``, each as
    ``{"id", "help", "nodes": [target, ...]}``."""
    page.add_script_tag(path=str(axe_path))
    result = page.evaluate(
        """async (tags) => {
            const r = await axe.run(document, {runOnly: {type: 'tag', values: tags}});
            return r.violations.map(v => ({id: v.id, help: v.help,
                nodes: v.nodes.map(n => n.target.join(' '))}));
        }""",
        WCAG_TAGS,
    )
    return list(result)


def sideways_overflow(page: Any) -> int:
    """How many CSS pixels the page is wider than the window (0 when it fits)."""
    return int(
        page.evaluate(
            "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
    )
