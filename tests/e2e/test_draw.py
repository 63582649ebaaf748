"""The Draw panel: drawing changes the prediction, test digits and mistakes are shown, Korean works."""
from playwright.sync_api import expect

UNSTICK = ".topbar { position: static !important; }"

ONE = [(0.5, 0.12), (0.52, 0.5), (0.5, 0.88)]
SEVEN = [(0.2, 0.18), (0.8, 0.18), (0.45, 0.88)]


def draw(pg, points):
    box = pg.get_by_test_id("draw-canvas").bounding_box()
    xy = [(box["x"] + box["width"] * u, box["y"] + box["height"] * v) for u, v in points]
    pg.mouse.move(*xy[0])
    pg.mouse.down()
    for x, y in xy[1:]:
        pg.mouse.move(x, y, steps=10)
    pg.mouse.up()


def probabilities(pg) -> list[float]:
    """All ten bars read at once (answers can still arrive while a stroke's requests drain)."""
    return pg.evaluate("[...document.querySelectorAll('[data-testid=prediction] [data-digit]')]"
                       ".map((b) => Number(b.dataset.prob))")


def wait_prediction(pg, not_equal: str | None = None):
    pg.wait_for_function("(old) => { const p = document.querySelector('[data-testid=prediction]').dataset.prediction;"
                         " return p !== undefined && p !== old; }", arg=not_equal, timeout=10_000)
    return pg.get_by_test_id("prediction").get_attribute("data-prediction")


def test_drawing_changes_the_prediction_and_probabilities_sum_to_one(page, open_playground, screenshots):
    open_playground(page)
    page.get_by_test_id("draw-canvas").scroll_into_view_if_needed()
    expect(page.get_by_test_id("prediction").locator("[data-digit]")).to_have_count(10)
    draw(page, ONE)
    first = wait_prediction(page)
    probs = probabilities(page)
    assert abs(sum(probs) - 1) < 1e-3 and len(probs) == 10
    page.get_by_test_id("clear-drawing").click()
    draw(page, SEVEN)
    second = wait_prediction(page, first)
    assert second != first and abs(sum(probabilities(page)) - 1) < 1e-3
    seen = page.evaluate("""() => { const c = document.querySelector('[data-testid=seen-image]');
        const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
        let dark = 0; for (let i = 0; i < d.length; i += 4) if (d[i] < 128) dark++; return [c.width, dark]; }""")
    assert seen[0] == 28 and 10 < seen[1] < 400
    assert page.locator("[data-testid=hidden-activations] canvas").count() == 2
    expect(page.get_by_test_id("step-cropped")).to_be_visible()
    assert page.get_by_test_id("step-scaled").evaluate("c => Math.max(c.width, c.height)") == 20
    layer1 = page.locator("[data-testid=hidden-activations] canvas").first
    box = layer1.bounding_box()
    page.mouse.move(box["x"] + box["width"] * 0.9, box["y"] + box["height"] * 0.9)
    expect(layer1).to_have_attribute("data-selected", "15")
    expect(page.get_by_test_id("contribution-note")).to_contain_text("neuron 16")
    # The default model's weights are served, so the input × weight map of that neuron shows.
    expect(page.get_by_test_id("contribution")).to_be_visible()
    inked = page.get_by_test_id("contribution").evaluate("""c => { const d = c.getContext('2d')
        .getImageData(0, 0, c.width, c.height).data; const first = d.slice(0, 4).join();
        let differ = 0; for (let i = 0; i < d.length; i += 4) if (d.slice(i, i + 4).join() !== first) differ++;
        return differ; }""")
    assert inked > 10
    page.locator("#panel-draw").screenshot(style=UNSTICK, path=screenshots / "draw-en.png")


def test_random_test_digit_is_predicted_and_mistakes_are_listed(page, open_playground, screenshots):
    open_playground(page)
    page.get_by_test_id("random-digit").scroll_into_view_if_needed()
    page.get_by_test_id("random-digit").click()
    wait_prediction(page)
    expect(page.get_by_test_id("draw-note")).to_contain_text("true label is")
    expect(page.get_by_test_id("mistakes").locator("button").first).to_be_visible(timeout=20_000)
    expect(page.get_by_test_id("confusion").locator("tbody tr")).to_have_count(10)
    diagonal = sum(int(page.get_by_test_id("confusion").locator("tbody tr").nth(i).locator("td").nth(i).inner_text())
                   for i in range(10))
    assert diagonal > 8000
    mistake = page.get_by_test_id("mistakes").locator("button").first
    label, guess = mistake.get_attribute("data-label"), mistake.get_attribute("data-prediction")
    mistake.click()
    page.wait_for_function(f"() => document.querySelector('[data-testid=prediction]').dataset.prediction === '{guess}'"
                           f" && document.querySelector('[data-testid=draw-note]').textContent.includes('{label}')")
    page.get_by_test_id("lang-toggle").click()
    expect(page.get_by_test_id("random-digit")).to_have_text("테스트 숫자 하나 가져오기")
    expect(page.get_by_test_id("draw-note")).to_contain_text("정답:")
    page.locator("#panel-draw").screenshot(style=UNSTICK, path=screenshots / "draw-ko.png")


def test_the_test_set_results_arriving_move_nothing_below_them(page, open_playground):
    held = []
    page.route("**/api/evaluation*", lambda route: held.append(route))
    open_playground(page)
    page.wait_for_function("() => document.querySelector('[data-testid=eval-network]').textContent.length > 0")
    boxes = "[document.querySelector('#panel-draw').getBoundingClientRect().height," \
            " document.querySelector('#panel-downhill').getBoundingClientRect().top]"
    before = page.evaluate(boxes)
    assert held, "the page asked for the test-set results"
    for route in held:
        route.continue_()
    expect(page.get_by_test_id("test-accuracy")).to_contain_text("%")
    expect(page.get_by_test_id("mistakes").locator("button").first).to_be_visible()
    assert page.evaluate(boxes) == before


def test_the_mistakes_gallery_is_one_tab_stop_and_a_pick_brings_the_pad_into_view(page, open_playground):
    open_playground(page)
    gallery = page.get_by_test_id("mistakes")
    gallery.scroll_into_view_if_needed()
    expect(gallery.locator("button").nth(5)).to_be_visible(timeout=20_000)
    assert gallery.locator("button[tabindex='0']").count() == 1, "one tab stop"
    gallery.locator("button").first.focus()
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    focused = page.evaluate("document.activeElement.closest('[data-testid=mistakes]') && "
                            "[...document.querySelectorAll('[data-testid=mistakes] button')].indexOf(document.activeElement)")
    assert focused == 2
    page.keyboard.press("Tab")
    assert page.evaluate("!document.activeElement.closest('[data-testid=mistakes]')"), "Tab leaves the gallery at once"
    third = gallery.locator("button").nth(2)
    guess = third.get_attribute("data-prediction")
    page.keyboard.press("Shift+Tab")
    assert page.evaluate("[...document.querySelectorAll('[data-testid=mistakes] button')].indexOf(document.activeElement)") == 2
    page.keyboard.press("Enter")
    page.wait_for_function(f"() => document.querySelector('[data-testid=prediction]').dataset.prediction === '{guess}'")
    expect(page.get_by_test_id("draw-canvas")).to_be_in_viewport()
