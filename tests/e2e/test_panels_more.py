"""More of what a user sees: editing layers, the schedule curve, toy sets and their regions, the race's colours."""
from playwright.sync_api import expect

UNSTICK = ".topbar { position: static !important; }"

# How many pixels of a canvas lie within `tol` (per channel) of each colour: [count per colour].
NEAR = """([sel, hexes, tol]) => { const c = document.querySelector(sel);
  const g = document.createElement('canvas'); g.width = c.width; g.height = c.height;
  const x = g.getContext('2d'); x.drawImage(c, 0, 0);
  const d = x.getImageData(0, 0, g.width, g.height).data;
  const rgb = hexes.map((h) => [1, 3, 5].map((i) => parseInt(h.slice(i, i + 2), 16)));
  const counts = rgb.map(() => 0);
  for (let i = 0; i < d.length; i += 4) rgb.forEach(([r, gg, b], k) => {
    if (Math.abs(d[i] - r) <= tol && Math.abs(d[i + 1] - gg) <= tol && Math.abs(d[i + 2] - b) <= tol) counts[k]++; });
  return counts; }"""

# Distinct colours (to 4 bits a channel) among the canvas's pixels.
DISTINCT = """(sel) => { const c = document.querySelector(sel);
  const g = document.createElement('canvas'); g.width = c.width; g.height = c.height;
  const x = g.getContext('2d'); x.drawImage(c, 0, 0);
  const d = x.getImageData(0, 0, g.width, g.height).data; const seen = new Set();
  for (let i = 0; i < d.length; i += 4) if (d[i + 3]) seen.add((d[i] >> 4) * 256 + (d[i + 1] >> 4) * 16 + (d[i + 2] >> 4));
  return seen.size; }"""

RACE_COLOURS = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00"]


def test_removing_a_layer_and_changing_one_layers_activation(page, open_playground):
    open_playground(page)
    params = page.get_by_test_id("param-count")
    expect(params).to_contain_text("13,002")
    page.get_by_role("button", name="Remove hidden layer 2").click()
    expect(params).to_contain_text(f"{784 * 16 + 16 + 16 * 10 + 10:,}")
    expect(page.get_by_test_id("layer-1-neurons")).to_have_count(0)
    page.get_by_test_id("layer-0-activation").select_option("relu")
    page.wait_for_function("() => location.hash.includes('layers=784-16-10') && location.hash.includes('activation=relu')")
    page.get_by_test_id("layer-add").click()
    page.get_by_test_id("layer-1-activation").select_option("tanh")
    page.wait_for_function("() => decodeURIComponent(location.hash).includes('activation=relu,tanh')"
                           " || decodeURIComponent(location.hash).includes('activation=relu-tanh')")
    expect(params).to_contain_text("13,002")


def test_the_schedule_curve_is_drawn_before_training(page, open_playground):
    open_playground(page, "#schedule=constant&lr=0.5&epochs=10")
    curve = page.get_by_test_id("lr-curve")
    curve.scroll_into_view_if_needed()
    note = page.locator(".lr-curve-note")
    expect(note).to_contain_text("0.5")
    page.get_by_test_id("schedule").select_option("step")
    expect(note).not_to_have_text(note.inner_text(), timeout=10_000)
    expect(note).to_contain_text("0.0005")     # step_size 3, γ 0.1: 0.5·0.1³ at the tenth epoch (e = 9)
    assert page.evaluate(DISTINCT, "[data-testid=lr-curve] canvas") > 2
    assert page.get_by_test_id("status").get_attribute("data-state") == "idle"


def test_a_toy_set_trains_and_its_decision_regions_are_drawn(page, open_playground, screenshots):
    open_playground(page, "#dataset=moons&layers=2-8-8-2&activation=tanh&lr=0.3&batch_size=16&epochs=40&seed=0")
    page.get_by_test_id("train-start").click()
    expect(page.get_by_test_id("status")).to_have_attribute("data-state", "done", timeout=60_000)
    summary = page.get_by_test_id("watch-summary").inner_text()
    accuracy = float(summary.split("validation accuracy")[1].split("%")[0])
    assert accuracy >= 85, summary
    boundary = page.get_by_test_id("boundary")
    boundary.scroll_into_view_if_needed()
    # two classes on the diverging scale: both ends (blue and orange) must cover part of the plane
    colours = ["[data-testid=boundary]", ["#60a2cc", "#eb9c3a"], 40]
    page.wait_for_function(f"(a) => ({NEAR})(a).every((n) => n > 200)", arg=colours, timeout=5_000)
    page.locator("#panel-watch").screenshot(style=UNSTICK, path=screenshots / "watch-moons-en.png")


def test_the_race_draws_each_optimizer_in_its_own_colour(page, open_playground):
    open_playground(page)
    contour = page.get_by_test_id("contour-map")
    contour.scroll_into_view_if_needed()
    page.get_by_test_id("toy-function").select_option("bowl")
    expect(contour).to_have_attribute("data-paths", "8", timeout=15_000)
    page.wait_for_timeout(500)
    counts = page.evaluate(NEAR, ["[data-testid=contour-map]", RACE_COLOURS, 12])
    assert sum(c > 10 for c in counts) >= 5, dict(zip(RACE_COLOURS, counts))


def test_drawing_fills_the_saliency_map_and_the_slice(page, open_playground):
    open_playground(page)
    pad = page.get_by_test_id("draw-canvas")
    pad.scroll_into_view_if_needed()
    box = pad.bounding_box()
    page.mouse.move(box["x"] + box["width"] * 0.5, box["y"] + box["height"] * 0.15)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] * 0.5, box["y"] + box["height"] * 0.85, steps=15)
    page.mouse.up()
    page.wait_for_function("() => document.querySelector('[data-testid=prediction] [data-digit=\"1\"]')"
                           ".dataset.prob > 0.3", timeout=10_000)
    assert page.evaluate(DISTINCT, "[data-testid=saliency]") > 8
    page.get_by_test_id("contour-map").scroll_into_view_if_needed()
    expect(page.get_by_test_id("contour-map")).to_have_attribute("data-paths", "8", timeout=15_000)
    assert page.evaluate(DISTINCT, "[data-testid=slice-1d]") > 3


def test_a_toy_set_chosen_in_build_learns_with_its_preset_and_replaces_the_pad(page, open_playground, screenshots):
    open_playground(page, "#speed=max")
    page.get_by_test_id("dataset").select_option("moons")
    expect(page.get_by_test_id("layer-0-activation")).to_have_value("tanh")
    expect(page.get_by_test_id("optimizer")).to_have_value("adam")
    expect(page.get_by_test_id("dataset-about")).to_contain_text("half circles")
    assert "dataset=moons" in page.url
    page.get_by_test_id("speed").select_option("max")
    page.get_by_test_id("train-start").click()
    expect(page.get_by_test_id("status")).to_have_attribute("data-state", "done", timeout=90_000)
    summary = page.get_by_test_id("watch-summary").inner_text()
    assert float(summary.split("validation accuracy")[1].split("%")[0]) >= 90, summary
    toy = page.get_by_test_id("toy-map")
    toy.scroll_into_view_if_needed()
    expect(toy).to_have_attribute("data-trained", "true", timeout=10_000)
    expect(page.get_by_test_id("draw-canvas")).to_be_hidden()
    box = toy.bounding_box()
    page.mouse.click(box["x"] + box["width"] * 0.2, box["y"] + box["height"] * 0.2)
    expect(page.get_by_test_id("prediction").locator("[data-digit]")).to_have_count(2)
    page.wait_for_function("() => document.querySelector('[data-testid=prediction]').dataset.prediction !== undefined")
    page.locator("#panel-story").screenshot(path=screenshots / "first-screen-moons-en.png")
