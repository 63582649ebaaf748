"""The first screen tells the story at 1440×900; a phone gets one column; navigation never hides a heading."""
import re

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


def test_the_first_screen_holds_the_story_at_1440_by_900(fresh_page, server_url, screenshots):
    with fresh_page(viewport={"width": 1440, "height": 900}, locale="en-US") as pg:
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


def test_a_phone_gets_one_column_with_the_pad_in_reach(fresh_page, server_url, screenshots):
    with fresh_page(viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True, locale="en-US") as pg:
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


def test_navigation_never_hides_a_heading_under_the_sticky_bar(page, open_playground):
    open_playground(page)
    for name in ("watch", "draw", "downhill", "runs", "build"):
        page.locator(f".panel-nav a[href='#panel-{name}']").click()
        heading = page.locator(f"#h-{name}")
        page.wait_for_function("(h) => { const r = document.getElementById(h).getBoundingClientRect();"
                               " return r.top >= document.querySelector('.topbar').getBoundingClientRect().bottom; }",
                               arg=f"h-{name}")
        expect(heading).to_be_in_viewport()


def test_the_page_opens_in_korean_from_the_link(fresh_page, server_url):
    with fresh_page(locale="en-US") as pg:
        fonts = []
        pg.on("response", lambda r: fonts.append(r.url) if "/vendor/noto-sans-kr/files/" in r.url and r.ok else None)
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


def test_the_language_button_reads_in_korean_on_an_english_page_too(fresh_page, server_url):
    """"한국어" on the English page is drawn with the served Korean web font (after the first
    screen), so a machine without a Korean font shows the word, not boxes."""
    with fresh_page(locale="en-US") as pg:
        pg.goto(server_url)
        pg.wait_for_function("() => document.body.dataset.panels === 'all'")
        expect(pg.get_by_test_id("lang-toggle")).to_have_text("한국어")
        pg.wait_for_function("() => [...document.fonts].some((f) => f.family.includes('Noto Sans KR') && f.status === 'loaded')",
                             timeout=15_000)
        expect(pg.locator("html")).to_have_attribute("lang", "en")


def test_before_anything_the_first_screen_invites_and_shows_this_networks_surface(page, open_playground):
    sent = []
    page.on("websocket", lambda ws: ws.on("framesent", lambda f: sent.append(f if isinstance(f, str) else "")))
    open_playground(page, "#layers=784-16-16-10&seed=3")
    layers = page.get_by_test_id("hidden-activations")
    expect(layers).to_have_attribute("data-idle", "true")
    expect(page.get_by_test_id("layers-invite")).to_have_text("One box per neuron, waiting for input: draw a digit to see them light up.")
    # The 3-D card shows this network at its starting weights (the ball where Play starts it), not the toy race.
    view = page.get_by_test_id("surface-view")
    expect(view).to_have_attribute("data-shown-field", "start:random", timeout=60_000)
    expect(view).to_have_attribute("data-shows", "start")
    expect(page.get_by_test_id("surface-caption")).to_have_text("Your network's loss, before training")
    expect(page.get_by_test_id("surface-caption-help")).to_contain_text("Press Play")
    draw(page, ONE)
    wait_prediction(page)
    expect(layers).to_have_attribute("data-idle", "false")
    expect(page.get_by_test_id("layers-invite")).to_be_hidden()
    page.get_by_test_id("clear-drawing").click()
    expect(layers).to_have_attribute("data-idle", "true")
    # Other settings: the surface of that other untrained network is asked for.
    page.get_by_role("button", name="Remove hidden layer 2").click()
    page.get_by_test_id("layer-0-neurons").fill("8")
    page.get_by_test_id("layer-0-neurons").press("Tab")
    asked = lambda: [f for f in sent if '"type":"surface"' in f and '"layers":[784,8,10]' in f]
    deadline = 200
    while not asked() and deadline:
        page.wait_for_timeout(100)
        deadline -= 1
    assert asked(), sent
    expect(view).to_have_attribute("data-shown-field", "start:random")


def test_training_replaces_the_starting_surface_with_the_runs_own(page, open_playground):
    open_playground(page, QUICK + "&epochs=1")
    view = page.get_by_test_id("surface-view")
    expect(view).to_have_attribute("data-shown-field", "start:random", timeout=60_000)
    page.get_by_test_id("train-start").click()
    expect(view).to_have_attribute("data-shown-field", re.compile(r"^network:"), timeout=60_000)
    expect(page.get_by_test_id("surface-caption")).to_have_text("Your network's loss surface")
    page.get_by_test_id("train-reset").click()
    expect(view).to_have_attribute("data-shown-field", "start:random", timeout=30_000)
    # In its own panel the 3-D view shows the panel's choice: the toy race.
    page.get_by_test_id("mode-toy").click()
    page.locator(".panel-nav a[href='#panel-downhill']").click()
    expect(view).to_have_attribute("data-shows", "toy")
    expect(view).to_have_attribute("data-shown-field", "himmelblau", timeout=30_000)
