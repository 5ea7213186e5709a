"""Helpers for the browser tests: the docs/accessibility.md measurements and the axe-core audit."""

from pathlib import Path

from axe_playwright_python.sync_playwright import Axe

UX_AUDIT = (Path(__file__).parent / "ux_audit.js").read_text()
WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
_axe = Axe()


def ux_problems(page):
    """Return what on the page breaks the senior page's numbers (size, line height, contrast,
    targets)."""
    return page.evaluate(UX_AUDIT)


def axe_violations(page):
    """Return axe-core's WCAG 2.2 A/AA violations on the page, as (rule, first target) pairs."""
    results = _axe.run(
        page,
        options={"runOnly": {"type": "tag", "values": WCAG_22_AA}, "resultTypes": ["violations"]},
    )
    return [
        (violation["id"], violation["nodes"][0]["target"] if violation["nodes"] else None)
        for violation in results.response["violations"]
    ]


def page_weights(page):
    """Return a dict that fills with the bytes of each document, stylesheet and script `page`
    loads, by URL."""
    sizes = {}
    page.on(
        "response",
        lambda response: (
            sizes.__setitem__(response.url, len(response.body()))
            if response.request.resource_type in ("document", "stylesheet", "script")
            and response.status == 200
            else None
        ),
    )
    return sizes
