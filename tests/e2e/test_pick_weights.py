"""Picking two weights in the Watch diagram (or a weight picture) chooses the Roll-downhill "weights" plane."""
import json

from playwright.sync_api import expect

from test_downhill import QUICK, UNSTICK, expect_surface_drawn


def click_points(pg) -> list[dict]:
    """Link midpoints the diagram offers for clicking, in page coordinates."""
    diagram = pg.get_by_test_id("network-diagram")
    diagram.scroll_into_view_if_needed()
    box = diagram.bounding_box()
    scale = box["width"] / diagram.evaluate("c => c.width / devicePixelRatio")
    points = json.loads(diagram.get_attribute("data-click-points") or "[]")
    return [{**p, "px": box["x"] + p["x"] * scale, "py": box["y"] + p["y"] * scale} for p in points]


def train_then_pause(page, open_playground) -> None:
    """Start a quick run, wait until the diagram has links to click, and pause."""
    open_playground(page, QUICK + "&epochs=20")
    page.get_by_test_id("train-start").click()
    page.wait_for_function("() => JSON.parse(document.querySelector('[data-testid=network-diagram]').dataset.clickPoints || '[]').length > 2",
                           timeout=60_000)
    page.get_by_test_id("train-pause").click()
    expect(page.get_by_test_id("status")).to_have_attribute("data-state", "paused")


def test_two_picked_links_draw_the_surface_over_those_weights(page, open_playground, screenshots):
    train_then_pause(page, open_playground)
    page.wait_for_timeout(800)                      # the last snapshot before the pause has been drawn
    caption = page.get_by_test_id("pick-caption")
    expect(caption).to_have_text("Click a link to pick a weight.")

    second_layer = [p for p in click_points(page) if p["layer"] == 1]
    first = second_layer[0]
    page.mouse.click(first["px"], first["py"])
    expect(caption).to_contain_text(f"Picked: layer 2, w[{first['i']}→{first['j']}]. Pick a second weight")
    expect(page.get_by_test_id("surface-plane")).to_have_value("weights")
    expect(page.get_by_test_id("surface-note")).to_contain_text("pick a second one")

    page.get_by_test_id("mode-toy").click()        # a pair of picks brings the network's surface back
    expect(page.get_by_test_id("mode-toy")).to_have_attribute("aria-pressed", "true")
    a, b = [p for p in click_points(page) if p["layer"] == 0][:2]
    page.mouse.click(a["px"], a["py"])
    expect(caption).to_contain_text("pick in another layer starts a new pair")   # layer 1 dropped the layer-2 pick
    page.mouse.click(b["px"], b["py"])
    expect(caption).to_contain_text(f"Picked: layer 1, w[{a['i']}→{a['j']}] (1) and w[{b['i']}→{b['j']}] (2)")
    expect(page.get_by_test_id("surface-layer")).to_have_value("0")
    expect(page.get_by_test_id("surface-w1")).to_have_value(f"{a['i']},{a['j']}")
    expect(page.get_by_test_id("surface-w2")).to_have_value(f"{b['i']},{b['j']}")

    view = page.get_by_test_id("surface-view")
    view.scroll_into_view_if_needed()
    expect(page.get_by_test_id("mode-net")).to_have_attribute("aria-pressed", "true")
    expect(page.get_by_test_id("net-controls")).to_have_attribute("data-plane", "weights", timeout=30_000)
    expect(view).to_have_attribute("data-has-surface", "true")
    page.wait_for_timeout(500)
    expect_surface_drawn(page)
    expect(page.get_by_test_id("surface-note")).to_have_text("")
    page.locator("#panel-downhill").screenshot(style=UNSTICK, path=screenshots / "downhill-picked-en.png")

    # Clicking the same link twice keeps the "two different weights" note.
    b2 = next(p for p in click_points(page) if (p["i"], p["j"]) == (b["i"], b["j"]))
    page.mouse.click(b2["px"], b2["py"])
    expect(page.get_by_test_id("surface-note")).to_contain_text("two different weights")
    expect(page.get_by_test_id("status")).to_have_attribute("data-state", "paused")


def test_a_weight_picture_pixel_and_the_keyboard_pick_weights_too(page, open_playground, screenshots):
    train_then_pause(page, open_playground)

    picture = page.get_by_test_id("weight-images").locator("canvas").nth(3)
    picture.scroll_into_view_if_needed()
    side = picture.evaluate("c => c.clientWidth")     # Playwright's position is from the padding box
    picture.click(position={"x": side * 5.5 / 28, "y": side * 14.5 / 28})   # row 14, column 5
    expect(page.get_by_test_id("surface-w1")).to_have_value(f"{14 * 28 + 5},3")
    expect(picture).to_have_class("weight-img picked")

    diagram = page.get_by_test_id("network-diagram")
    diagram.focus()
    page.keyboard.press("ArrowRight")
    caption = page.get_by_test_id("pick-caption")
    expect(caption).to_contain_text("Link at the cursor: layer 1")
    page.keyboard.press("Enter")
    expect(caption).to_contain_text("(1) and w[")
    expect(page.get_by_test_id("surface-plane")).to_have_value("weights")
    expect(page.get_by_test_id("net-controls")).to_have_attribute("data-plane", "weights", timeout=30_000)

    page.get_by_test_id("lang-toggle").click()
    expect(caption).to_contain_text("고른 가중치: 1층")
    expect(page.locator("#network-pick-help")).to_contain_text("연결선을 클릭")
    page.locator("#panel-watch").screenshot(style=UNSTICK, path=screenshots / "watch-picked-ko.png")
