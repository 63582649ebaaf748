"""The first screen tells the story at 1440×900; a phone gets one column; navigation never hides a heading."""
from playwright.sync_api import expect

from test_draw import ONE, draw, wait_prediction

STORY = ["draw-canvas", "prediction", "hidden-activations", "train-start", "loss-chart", "surface-view"]
QUICK = "#layers=784-16-16-10&optimizer=sgd&lr=0.5&batch_size=32&seed=1&snapshot_every=20&train_size=20000&speed=max"

# Elements (other than the contents of a box that scrolls sideways by itself) reaching past the right edge.
OVERFLOW = """() => { const W = document.documentElement.clientWidth; const out = [];
  const scrolls = (el) => { for (let p = el.parentElement; p; p = p.parentElement) {
    const s = getComputedStyle(p); if (s.overflowX === 'auto' || s.overflowX === 'scroll' || s.overflowX === 'hidden') return true; } return false; };
  for (const el of document.querySelectorAll('body *')) { const r = el.getBoundingClientRect();
    if (r.width && r.right > W + 1 && !scrolls(el)) out.push(`${el.tagName}.${el.className} ${Math.round(r.right)}`); }
  return out; }"""


def boxes(pg, testids):
    return {t: pg.get_by_test_id(t).bounding_box() for t in testids}


def within(box, top, width, height):
    return box and box["x"] >= 0 and box["y"] >= top and box["x"] + box["width"] <= width and box["y"] + box["height"] <= height


def test_the_first_screen_holds_the_story_at_1440_by_900(browser, server_url, screenshots):
    context = browser.new_context(viewport={"width": 1440, "height": 900}, locale="en-US")
    pg = context.new_page()
    try:
        pg.goto(f"{server_url}/{QUICK}&epochs=3")
        pg.wait_for_selector("body[data-ready=true]")
        top = pg.locator(".topbar").bounding_box()["height"]
        found = boxes(pg, STORY)
        assert all(within(b, top, 1440, 900) for b in found.values()), found
        assert pg.evaluate("window.scrollY") == 0
        # Nothing is a blank box: the pad and the charts say what will appear.
        expect(pg.locator(".pad-hint")).to_be_visible()
        expect(pg.locator("#panel-story .empty-note")).to_be_visible()
        expect(pg.get_by_test_id("hidden-activations").locator("canvas")).to_have_count(2)
        pg.get_by_test_id("train-start").click()
        # The ball rolls on this network's surface, still on the first screen, and the loss falls beside it.
        pg.wait_for_selector("[data-testid=surface-view][data-shown-field^='network:']", timeout=60_000)
        pg.wait_for_function("() => Number(document.querySelector('[data-testid=loss-chart]').dataset.points) > 3", timeout=60_000)
        draw(pg, ONE)
        wait_prediction(pg)
        assert all(within(b, top, 1440, 900) for b in boxes(pg, STORY).values())
        assert pg.evaluate("window.scrollY") == 0
        pg.screenshot(path=screenshots / "README-first-screen-en.png")
        pg.get_by_test_id("lang-toggle").click()
        expect(pg.locator("#panel-watch h2")).to_have_text("지켜보기")
        assert all(within(b, top, 1440, 900) for b in boxes(pg, STORY).values()), "Korean labels fit the same screen"
        pg.screenshot(path=screenshots / "README-first-screen-ko.png")
    finally:
        context.close()


def test_a_phone_gets_one_column_with_the_pad_in_reach(browser, server_url, screenshots):
    context = browser.new_context(viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True, locale="en-US")
    pg = context.new_page()
    try:
        pg.goto(f"{server_url}/")
        pg.wait_for_selector("body[data-ready=true]")
        pad = pg.get_by_test_id("draw-canvas").bounding_box()
        assert pad["y"] + pad["height"] <= 844, "the pad is on the first screen of a phone"
        assert pg.evaluate(OVERFLOW) == []
        pg.screenshot(path=screenshots / "README-first-screen-phone-en.png")
        for testid in ("contour-map", "surface-view", "weight-images", "runs-table", "mistakes"):
            pg.get_by_test_id(testid).scroll_into_view_if_needed()
            assert pg.evaluate(OVERFLOW) == [], testid
            expect(pg.locator(".panel-nav")).to_be_in_viewport()
        assert pg.evaluate("document.documentElement.scrollWidth") <= 390
        pg.locator(".panel-nav a[href='#panel-draw']").tap()
        expect(pg.get_by_test_id("draw-canvas")).to_be_in_viewport()
    finally:
        context.close()


def test_navigation_never_hides_a_heading_under_the_sticky_bar(page, open_playground):
    open_playground(page)
    for name in ("watch", "draw", "downhill", "runs", "build"):
        page.locator(f".panel-nav a[href='#panel-{name}']").click()
        heading = page.locator(f"#h-{name}")
        page.wait_for_function("(h) => { const r = document.getElementById(h).getBoundingClientRect();"
                               " return r.top >= document.querySelector('.topbar').getBoundingClientRect().bottom; }",
                               arg=f"h-{name}")
        expect(heading).to_be_in_viewport()


def test_the_page_opens_in_korean_from_the_link(browser, server_url):
    context = browser.new_context(locale="en-US")
    pg = context.new_page()
    fonts = []
    pg.on("response", lambda r: fonts.append(r.url) if "/vendor/noto-sans-kr/files/" in r.url and r.ok else None)
    try:
        for link in ("/?lang=ko", "/#ko", "/#epochs=3&lang=ko"):
            pg.goto(f"{server_url}{link}")
            pg.wait_for_selector("body[data-ready=true]")
            expect(pg.locator("html")).to_have_attribute("lang", "ko")
            expect(pg.locator("#panel-watch h2")).to_have_text("지켜보기")
        # Korean renders on any machine: the web font's slices for the glyphs on the page are fetched.
        pg.evaluate("document.fonts.ready")
        assert pg.evaluate("document.fonts.check('16px \"Noto Sans KR\"', '학습')")
        assert any(u.endswith(".woff2") for u in fonts), fonts
        pg.get_by_test_id("lang-toggle").click()
        expect(pg.locator("html")).to_have_attribute("lang", "en")
        assert "lang=en" in pg.url
    finally:
        context.close()
