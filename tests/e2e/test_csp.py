"""The page runs under the server's Content-Security-Policy (no inline script, connections to
this server and its WebSocket only) without a single violation, while a student draws,
trains, switches language and visits every panel; an inline script injected on purpose is
reported, so the check would see one."""
from __future__ import annotations

from playwright.sync_api import expect

from test_draw import ONE, draw

WATCH = """() => {
  window.__csp = [];
  document.addEventListener('securitypolicyviolation', (e) =>
    window.__csp.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`));
}"""
QUICK = "#layers=784-16-10&activation=sigmoid&optimizer=sgd&lr=0.5&batch_size=64&seed=1&epochs=1&train_size=3000"


def _violations(page, console: list[str]) -> list[str]:
    return page.evaluate("window.__csp || []") + [m for m in console if "Content Security Policy" in m]


def _watched(page) -> list[str]:
    console: list[str] = []
    page.add_init_script(f"({WATCH})()")
    page.on("console", lambda m: console.append(m.text))
    return console


def test_the_page_reports_no_policy_violation_while_it_is_used(page, open_playground):
    console = _watched(page)
    response = page.goto(f"{page.base_url}/{QUICK}")
    policy = response.headers["content-security-policy"]
    assert "script-src 'self' 'sha256-" in policy and "connect-src 'self' ws://" in policy
    page.wait_for_selector("body[data-panels=all]", timeout=30_000)
    page.get_by_test_id("draw-canvas").scroll_into_view_if_needed()
    draw(page, ONE)
    page.wait_for_function("() => document.querySelector('[data-testid=prediction]').dataset.prediction !== undefined",
                           timeout=10_000)
    page.get_by_test_id("train-start").click()
    expect(page.get_by_test_id("status")).to_have_attribute("data-state", "done", timeout=90_000)
    for link in page.locator("nav a[href^='#panel-']").all():
        link.click()
        page.wait_for_timeout(300)
    page.get_by_test_id("lang-toggle").click()
    page.wait_for_timeout(1000)
    assert _violations(page, console) == []


def test_the_api_docs_page_reports_no_policy_violation(page):
    console = _watched(page)
    page.goto(f"{page.base_url}/docs")
    page.wait_for_selector(".swagger-ui .opblock", timeout=30_000)
    assert _violations(page, console) == []


def test_an_inline_script_is_refused_and_reported(page, open_playground):
    """The control: the policy is in force and the watch above sees what it refuses."""
    console = _watched(page)
    open_playground(page)
    page.evaluate("""() => { const s = document.createElement('script');
        s.textContent = 'window.__ran = true'; document.body.appendChild(s); }""")
    page.wait_for_function("() => window.__csp.length > 0", timeout=5_000)
    assert page.evaluate("window.__ran === undefined")
    assert any("script-src" in v for v in _violations(page, console))
    page.console_errors.clear()   # the refusal is logged as an error: expected here
