"""The Roll-downhill panel: the toy race works without training; training draws the real surface."""
from playwright.sync_api import expect

UNSTICK = ".topbar { position: static !important; }"

QUICK = "#layers=784-16-16-10&activation=sigmoid&optimizer=sgd&lr=0.5&batch_size=32&seed=1&snapshot_every=20&train_size=20000"

NONBLANK = """(sel) => { const c = document.querySelector(sel);
  const g = document.createElement('canvas'); g.width = c.width; g.height = c.height;
  const x = g.getContext('2d'); x.drawImage(c, 0, 0);
  const d = x.getImageData(0, 0, g.width, g.height).data; const seen = new Set();
  for (let i = 0; i < d.length; i += 4 * 37) seen.add((d[i] >> 4) * 256 + (d[i + 1] >> 4) * 16 + (d[i + 2] >> 4));
  return seen.size; }"""


def expect_surface_drawn(page, timeout: int = 10_000) -> None:
    """The 3-D view shows a coloured surface (more than 20 distinct colours), within `timeout` ms."""
    page.wait_for_function(f"(sel) => ({NONBLANK})(sel) > 20", arg="[data-testid=surface-view] canvas", timeout=timeout)


def test_toy_race_draws_one_path_per_optimizer_and_steps(page, open_playground, screenshots):
    open_playground(page)
    contour = page.get_by_test_id("contour-map")
    contour.scroll_into_view_if_needed()
    expect(contour).to_have_attribute("data-paths", "8", timeout=15_000)   # AdaDelta and AdamW race too
    expect(page.get_by_test_id("race-legend").locator("li")).to_have_count(8)
    expect_surface_drawn(page)
    page.get_by_test_id("race-reset").click()
    expect(contour).to_have_attribute("data-step", "0")
    page.get_by_test_id("race-step").click()
    page.get_by_test_id("race-step").click()
    expect(contour).to_have_attribute("data-step", "2")
    page.get_by_test_id("race-play").click()
    page.wait_for_function("() => Number(document.querySelector('[data-testid=contour-map]').dataset.step) > 5")
    page.locator("#panel-downhill").screenshot(style=UNSTICK, path=screenshots / "README-downhill-en.png")
    page.get_by_test_id("lang-toggle").click()
    expect(page.get_by_test_id("race-step")).to_have_text("한 걸음")
    expect(page.get_by_test_id("race-legend").locator("li[data-optimizer=momentum]")).to_contain_text("모멘텀")
    page.locator("#panel-downhill").screenshot(style=UNSTICK, path=screenshots / "downhill-toy-ko.png")


def test_dragging_the_start_point_reruns_the_race_from_there(page, open_playground):
    open_playground(page)
    page.get_by_test_id("toy-function").select_option("bowl")
    contour = page.get_by_test_id("contour-map")
    contour.scroll_into_view_if_needed()
    expect(contour).to_have_attribute("data-paths", "8", timeout=15_000)
    box = contour.bounding_box()
    with page.expect_request("**/api/toy/race") as req:
        page.mouse.move(box["x"] + box["width"] * 0.5, box["y"] + box["height"] * 0.5)
        page.mouse.down()
        page.mouse.move(box["x"] + box["width"] * 0.85, box["y"] + box["height"] * 0.2, steps=5)
        page.mouse.up()
    start = req.value.post_data_json["start"]
    assert start[0] > 4 and start[1] > 2          # bowl view: x in [-10, 10], y in [-5, 5]
    with page.expect_request("**/api/toy/race") as req:
        contour.focus()
        page.keyboard.press("ArrowLeft")
    moved = req.value.post_data_json["start"]
    assert abs(moved[0] - (start[0] - 0.6)) < 1e-6 and moved[1] == start[1]


def test_changing_a_learning_rate_reruns_the_race(page, open_playground):
    open_playground(page)
    contour = page.get_by_test_id("contour-map")
    contour.scroll_into_view_if_needed()
    expect(contour).to_have_attribute("data-paths", "8", timeout=15_000)
    with page.expect_request("**/api/toy/race") as req:
        page.get_by_test_id("race-lr-adam").fill("0.02")
        page.get_by_test_id("race-lr-adam").press("Enter")
    adam = [o for o in req.value.post_data_json["optimizers"] if o["name"] == "adam"]
    assert adam[0]["lr"] == 0.02


def test_training_draws_the_real_surface_with_the_path(page, open_playground, screenshots):
    open_playground(page, QUICK + "&epochs=1")
    view = page.get_by_test_id("surface-view")
    page.get_by_test_id("train-start").click()
    expect(page.get_by_test_id("mode-net")).to_have_attribute("aria-pressed", "true")
    view.scroll_into_view_if_needed()
    expect(view).to_have_attribute("data-has-surface", "true", timeout=60_000)
    page.wait_for_timeout(500)
    expect_surface_drawn(page)
    expect(page.get_by_test_id("explained-variance")).to_contain_text("%")
    expect(page.get_by_test_id("surface-gap")).to_contain_text("Gap")
    expect(page.get_by_test_id("contour-map")).to_have_attribute("data-paths", "2")
    page.locator("#panel-downhill").screenshot(style=UNSTICK, path=screenshots / "downhill-net-en.png")
    expect(page.get_by_test_id("status")).to_have_attribute("data-state", "done", timeout=60_000)
    page.get_by_test_id("surface-plane").select_option("weights")
    page.get_by_test_id("surface-w2").fill("406,0")
    page.get_by_test_id("surface-w2").press("Enter")
    expect(page.get_by_test_id("surface-note")).to_contain_text("two different weights")
    page.get_by_test_id("surface-w2").fill("300,5")
    page.get_by_test_id("surface-w2").press("Enter")
    expect(page.get_by_test_id("net-controls")).to_have_attribute("data-plane", "weights", timeout=30_000)
    expect(page.get_by_test_id("explained-variance")).to_have_text("")
    expect(page.get_by_test_id("status")).to_have_attribute("data-state", "done")
    page.get_by_test_id("lang-toggle").click()
    expect(page.get_by_test_id("mode-net")).to_have_text("이 신경망의 손실 지형")
    page.locator("#panel-downhill").screenshot(style=UNSTICK, path=screenshots / "downhill-net-ko.png")


def test_the_3d_view_still_turns_and_shows_the_chosen_function_after_ten_switches(page, open_playground):
    open_playground(page)
    page.locator(".panel-nav a[href='#panel-downhill']").click()   # on the first screen it shows the network
    view = page.get_by_test_id("surface-view")
    expect(view).to_have_attribute("data-has-surface", "true", timeout=15_000)
    chooser = page.get_by_test_id("toy-function")
    for name in ["rosenbrock", "saddle", "bowl", "himmelblau", "beale", "camel", "rastrigin", "rosenbrock", "bowl", "saddle"]:
        chooser.select_option(name)
        page.wait_for_timeout(400)
    view.scroll_into_view_if_needed()
    expect(view).to_have_attribute("data-shown-field", "saddle", timeout=15_000)
    pixels = "document.querySelector('[data-testid=surface-view] canvas').toDataURL()"
    page.wait_for_timeout(500)
    before = page.evaluate(pixels)
    view.focus()
    for key in ("ArrowLeft", "ArrowLeft", "ArrowLeft", "ArrowUp"):
        page.keyboard.press(key)
    page.wait_for_function("(old) => document.querySelector('[data-testid=surface-view] canvas').toDataURL() !== old",
                           arg=before, timeout=10_000)
    expect(view).to_have_attribute("data-shown-field", "saddle")
