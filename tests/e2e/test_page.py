"""The page itself: loads cleanly, speaks Korean and English, reads and writes its config in the URL."""
from playwright.sync_api import expect



def test_page_loads_with_panels_and_no_console_errors(page, open_playground):
    open_playground(page)
    expect(page.get_by_test_id("status")).to_have_attribute("data-state", "idle", timeout=15_000)
    expect(page.locator("#panel-build h2")).to_have_text("Build")
    for testid in ("train-start", "train-pause", "train-step", "train-reset", "loss-chart", "lang-toggle"):
        expect(page.get_by_test_id(testid)).to_be_visible()
    expect(page.get_by_test_id("dataset").locator("option[value=mnist]")).to_have_count(1)
    expect(page.get_by_test_id("optimizer").locator("option")).not_to_have_count(0)
    assert page.locator("#draw-root").count() == 1 and page.locator("#downhill-root").count() == 1


def test_korean_and_back_and_the_choice_is_remembered(page, open_playground):
    open_playground(page)
    start = page.get_by_test_id("train-start")
    expect(start).to_have_text("▶ Play")
    page.get_by_test_id("lang-toggle").click()
    expect(page.locator("html")).to_have_attribute("lang", "ko")
    expect(page.locator("#panel-build h2")).to_have_text("만들기")
    expect(start).to_have_text("▶ 학습 시작")
    expect(page.locator("label[for=lr-input]")).to_have_text("학습률")
    expect(page.get_by_test_id("status")).to_have_text("준비됨")
    page.reload()
    page.wait_for_selector("body[data-panels=all]")
    expect(page.locator("#panel-build h2")).to_have_text("만들기")
    page.get_by_test_id("lang-toggle").click()
    expect(page.locator("#panel-build h2")).to_have_text("Build")
    expect(start).to_have_text("▶ Play")


def test_browser_language_picks_korean_first(browser, server_url):
    context = browser.new_context(locale="ko-KR")
    pg = context.new_page()
    pg.goto(server_url)
    pg.wait_for_selector("body[data-panels=all]")
    expect(pg.locator("#panel-watch h2")).to_have_text("지켜보기")
    context.close()


def test_a_link_with_a_config_is_applied(page, open_playground):
    open_playground(page, "#layers=784-32-10&activation=relu&optimizer=adam&lr=0.003&batch_size=64&epochs=2&seed=42")
    expect(page.get_by_test_id("layer-0-neurons")).to_have_value("32")
    expect(page.get_by_test_id("layer-1-neurons")).to_have_count(0)
    expect(page.get_by_test_id("layer-0-activation")).to_have_value("relu")
    expect(page.get_by_test_id("optimizer")).to_have_value("adam")
    expect(page.get_by_test_id("lr-input")).to_have_value("0.003")
    expect(page.get_by_test_id("batch-size")).to_have_value("64")
    expect(page.get_by_test_id("seed")).to_have_value("42")
    expect(page.get_by_test_id("param-count")).to_contain_text("25,450")


def test_changing_a_setting_updates_the_link(page, open_playground):
    open_playground(page)
    page.get_by_test_id("layer-add").click()
    page.get_by_test_id("batch-sgd").click()
    page.get_by_test_id("seed").fill("7")
    page.get_by_test_id("seed").press("Enter")
    url = page.url
    assert "layers=784-16-16-16-10" in url and "batch_size=1" in url and "seed=7" in url
    other = page.context.new_page()
    other.goto(url)
    other.wait_for_selector("body[data-panels=all]")
    expect(other.get_by_test_id("layer-2-neurons")).to_have_value("16")
    expect(other.get_by_test_id("batch-size")).to_have_value("1")
    expect(other.get_by_test_id("seed")).to_have_value("7")


def test_training_starts_from_the_keyboard_with_a_visible_focus_ring(page, open_playground):
    open_playground(page, "#epochs=1&train_size=2000")
    for _ in range(20):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.dataset.testid") == "train-start":
            break
    else:
        raise AssertionError("Play cannot be reached with Tab")
    ring = page.evaluate("(() => { const s = getComputedStyle(document.activeElement);"
                         " return [s.outlineStyle, parseFloat(s.outlineWidth)]; })()")
    assert ring[0] != "none" and ring[1] >= 2, ring
    page.keyboard.press("Enter")
    expect(page.get_by_test_id("status")).not_to_have_attribute("data-state", "idle")


def test_a_link_with_unreadable_values_says_which_and_keeps_the_rest(page, open_playground):
    open_playground(page, "#lr=fast&seed=9")
    expect(page.get_by_test_id("status-message")).to_contain_text("lr")
    expect(page.get_by_test_id("seed")).to_have_value("9")
    expect(page.get_by_test_id("lr-input")).to_have_value("0.5")


def test_fits_a_tablet_and_a_laptop_without_sideways_scrolling(browser, server_url):
    for width, height, touch in ((820, 1180, True), (1280, 800, False)):
        context = browser.new_context(viewport={"width": width, "height": height}, has_touch=touch)
        pg = context.new_page()
        pg.goto(server_url)
        pg.wait_for_selector("body[data-panels=all]")
        assert pg.evaluate("document.documentElement.scrollWidth") <= width
        box = pg.get_by_test_id("train-start").bounding_box()
        assert box["height"] >= 32 and box["width"] >= 44, "Play is big enough to tap"
        context.close()
