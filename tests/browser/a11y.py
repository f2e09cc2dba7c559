"""axe-core in Chromium: the accessibility audit the browser tests run on each tab.

axe.min.js comes from the PyPI package axe-playwright-python (a test extra); it is put into the
page as an inline script, so nothing is fetched.
"""

from __future__ import annotations

from pathlib import Path

import axe_playwright_python
from playwright.sync_api import Page

AXE_JS = (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text(encoding="utf-8")
BLOCKING = ("critical", "serious")
RUN_JS = """
async () => {
  const result = await axe.run(document, { resultTypes: ["violations"] });
  return result.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.slice(0, 4).map(n => n.target.join(" ") + " :: " + (n.failureSummary || "")),
  }));
}
"""


def axe_violations(page: Page, impacts: tuple[str, ...] = BLOCKING) -> list[dict]:
    """axe-core's violations on the page as it is now, those of the given impacts only."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(content=AXE_JS)
    return [v for v in page.evaluate(RUN_JS) if v["impact"] in impacts]


def describe(violations: list[dict]) -> str:
    """Violations as readable lines for an assertion message."""
    return "\n".join(f"{v['impact']} {v['id']}: {v['help']}\n    " + "\n    ".join(v["nodes"])
                     for v in violations)
