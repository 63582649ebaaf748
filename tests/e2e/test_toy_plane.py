"""A toy set's plane, drawn from what the server computed: the data points before training, the
decision regions as it learns, a point's answer from the server, and a saved run's regions."""
from playwright.sync_api import expect

from test_panels_more import NEAR

MOONS = "#dataset=moons&layers=2-16-16-2&activation=tanh&optimizer=adam&lr=0.03&batch_size=16&epochs=15&seed=2&speed=max"
POINT_COLOURS = ["#2166ac", "#b35806"]   # class 0 and class 1 at the ends of the diverging scale


def test_the_plane_shows_the_data_before_training_and_the_regions_after(page, open_playground, screenshots):
    open_playground(page, MOONS)
    toy = page.get_by_test_id("toy-map")
    expect(toy).to_have_attribute("data-points", "200")          # 160 training + 40 validation points
    expect(toy).to_have_attribute("data-trained", "false")
    page.wait_for_function(f"(a) => ({NEAR})(a).every((n) => n > 20)",
                           arg=["[data-testid=toy-regions-points]", POINT_COLOURS, 30])
    expect(page.get_by_test_id("boundary-note")).to_contain_text("rings = validation points")
    with page.expect_request(lambda r: r.url.endswith("/api/predict") and '"point"' in (r.post_data or "")):
        page.get_by_test_id("train-start").click()
        expect(page.get_by_test_id("status")).to_have_attribute("data-state", "done", timeout=90_000)
        expect(toy).to_have_attribute("data-trained", "true")
        box = toy.bounding_box()
        page.mouse.click(box["x"] + box["width"] * 0.25, box["y"] + box["height"] * 0.25)
    bars = page.get_by_test_id("prediction")
    expect(bars.locator("[data-digit]")).to_have_count(2)
    page.wait_for_function("() => document.querySelector('[data-testid=prediction]').dataset.prediction !== undefined")
    # The regions the server sent cover the plane in both classes' colours.
    page.wait_for_function(f"(a) => ({NEAR})(a).every((n) => n > 100)", arg=["[data-testid=toy-regions]", ["#60a2cc", "#eb9c3a"], 40])
    page.locator("#panel-story").screenshot(path=screenshots / "first-screen-moons-trained-en.png")


def test_a_saved_toy_run_shows_its_regions_and_answers_in_draw(page, open_playground):
    open_playground(page, MOONS.replace("epochs=15", "epochs=5"))
    page.get_by_test_id("train-start").click()
    expect(page.get_by_test_id("status")).to_have_attribute("data-state", "done", timeout=90_000)
    page.get_by_test_id("train-reset").click()
    expect(page.get_by_test_id("toy-map")).to_have_attribute("data-trained", "false")
    page.locator(".panel-nav a[href='#panel-runs']").click()
    page.locator("[data-testid=runs-table] tr[data-run] button").first.click()
    detail = page.get_by_test_id("run-detail")
    expect(detail.locator(".plane")).to_have_attribute("data-drawn", "true")
    expect(detail.locator(".plane")).to_have_attribute("data-points", "200")
    page.get_by_test_id("run-draw").click()
    toy = page.get_by_test_id("toy-map")
    expect(toy).to_have_attribute("data-trained", "true")
    toy.scroll_into_view_if_needed()
    box = toy.bounding_box()
    with page.expect_response(lambda r: r.url.endswith("/api/predict")) as answer:
        page.mouse.click(box["x"] + box["width"] * 0.8, box["y"] + box["height"] * 0.8)
    assert answer.value.json()["run"]["live"] is False
