"""The Draw panel follows the training run: your network answers, its answer changes as it learns,
the drawn digit colours the Watch diagram, and the test-set results are recomputed for it."""
from playwright.sync_api import expect

from test_draw import ONE, SEVEN, UNSTICK, draw, probabilities, wait_prediction

QUICK = "#layers=784-16-16-10&activation=sigmoid&optimizer=sgd&lr=0.5&batch_size=32&seed=1&snapshot_every=20"


# The Watch diagram's layer-1 activations (of the probe) add up to those the Draw panel shows for the drawing.
MATCHES = """() => {
    const c = document.querySelector('[data-testid=network-diagram]');
    const l = document.querySelector('[data-testid=hidden-activations] canvas');
    return l && c.dataset.probeSum && Math.abs(Number(c.dataset.probeSum) - Number(l.dataset.sum)) < 0.01; }"""


def answered_by(pg) -> dict:
    return pg.get_by_test_id("answered-by").evaluate("e => ({...e.dataset, text: e.textContent})")


def wait_source(pg, source: str, timeout=30_000) -> None:
    pg.wait_for_function(f"() => document.querySelector('[data-testid=answered-by]').dataset.source === '{source}'",
                         timeout=timeout)


def diagram(pg) -> dict:
    return pg.get_by_test_id("network-diagram").evaluate("c => ({sum: c.dataset.probeSum, pred: c.dataset.probePrediction})")


def test_your_network_answers_the_drawing_and_the_answer_changes_as_it_learns(page, open_playground, screenshots):
    open_playground(page, QUICK + "&epochs=30&train_size=20000")
    page.get_by_test_id("draw-canvas").evaluate("e => e.scrollIntoView({block: 'center'})")   # clear of the sticky bar
    draw(page, SEVEN)
    wait_prediction(page)
    assert answered_by(page)["source"] == "default" and "ready-made" in answered_by(page)["text"]
    before = probabilities(page)

    page.get_by_test_id("train-start").click()
    wait_source(page, "run")
    label = answered_by(page)
    assert "your network" in label["text"] and len(label["run"]) == 12
    first = probabilities(page)
    assert first != before
    # New weights keep arriving; the bars follow them (at most twice a second).
    page.wait_for_function("(old) => [...document.querySelectorAll('[data-testid=prediction] [data-digit]')]"
                           ".some((b, i) => Math.abs(Number(b.dataset.prob) - old[i]) > 1e-4)", arg=first, timeout=20_000)
    page.wait_for_function("(e) => Number(document.querySelector('[data-testid=answered-by]').dataset.epoch) > e",
                           arg=float(label["epoch"] or 0), timeout=30_000)
    assert abs(sum(probabilities(page)) - 1) < 1e-3

    # Paused, a new drawing is the probe: the Watch diagram is recoloured by exactly this digit.
    page.get_by_test_id("train-pause").click()
    expect(page.get_by_test_id("status")).to_have_attribute("data-state", "paused")
    page.get_by_test_id("clear-drawing").click()
    draw(page, ONE)
    page.wait_for_timeout(300)
    page.wait_for_function(MATCHES, timeout=15_000)
    assert diagram(page)["pred"] == page.get_by_test_id("prediction").get_attribute("data-prediction")
    page.locator("#panel-draw").screenshot(style=UNSTICK, path=screenshots / "draw-follows-training.png")

    # After reset the ready-made model answers again.
    page.get_by_test_id("train-reset").click()
    wait_source(page, "default")
    assert "ready-made" in answered_by(page)["text"]
    assert diagram(page)["sum"] == ""


def test_the_watch_diagram_follows_the_drawn_digit_while_training(page, open_playground):
    open_playground(page, QUICK + "&epochs=30&train_size=20000")
    page.get_by_test_id("train-start").click()
    page.wait_for_function("() => document.querySelector('[data-testid=network-diagram]').dataset.probeSum", timeout=30_000)
    page.get_by_test_id("train-pause").click()
    expect(page.get_by_test_id("status")).to_have_attribute("data-state", "paused")
    page.wait_for_timeout(400)
    default_probe = diagram(page)["sum"]
    page.get_by_test_id("draw-canvas").scroll_into_view_if_needed()
    draw(page, ONE)
    wait_source(page, "run")
    wait_prediction(page)
    page.wait_for_function(MATCHES, timeout=15_000)   # every stroke's answer is sent as the probe: wait for the last
    assert diagram(page)["sum"] != default_probe
    # The test-set results can be had for the network as it is now, mid-training.
    page.get_by_test_id("eval-run").click()
    expect(page.get_by_test_id("eval-network")).to_contain_text("still training", timeout=20_000)
    expect(page.get_by_test_id("eval-network")).to_have_attribute("data-source", "run")
    page.get_by_test_id("train-reset").click()
    expect(page.get_by_test_id("eval-network")).to_have_attribute("data-source", "default")


def test_the_test_set_results_are_recomputed_for_your_finished_network(page, open_playground):
    open_playground(page, QUICK + "&layers=784-12-10&epochs=1&train_size=3000")
    page.get_by_test_id("eval-network").scroll_into_view_if_needed()
    expect(page.get_by_test_id("eval-network")).to_have_attribute("data-source", "default", timeout=30_000)
    page.get_by_test_id("train-start").click()
    expect(page.get_by_test_id("status")).to_have_attribute("data-state", "done", timeout=60_000)
    network = page.get_by_test_id("eval-network")
    expect(network).to_have_attribute("data-source", "run", timeout=20_000)
    expect(network).to_contain_text("your trained network")
    expect(page.get_by_test_id("test-accuracy")).to_contain_text("%")
    page.get_by_test_id("draw-canvas").evaluate("e => e.scrollIntoView({block: 'center'})")   # clear of the sticky bar
    draw(page, SEVEN)
    wait_prediction(page)
    assert answered_by(page)["source"] == "run" and "trained network" in answered_by(page)["text"]
    assert page.locator("[data-testid=hidden-activations] canvas").first.get_attribute("data-values") == "12"
    page.get_by_test_id("lang-toggle").click()
    expect(network).to_contain_text("내 신경망")
    expect(page.get_by_test_id("answered-by")).to_contain_text("내 신경망")
    page.get_by_test_id("lang-toggle").click()
    page.get_by_test_id("train-reset").click()
    expect(network).to_have_attribute("data-source", "default", timeout=20_000)


def test_a_tap_picks_a_hidden_neuron(browser, server_url):
    context = browser.new_context(viewport={"width": 1024, "height": 768}, has_touch=True, is_mobile=True, locale="en-US")
    pg = context.new_page()
    errors = []
    pg.on("pageerror", lambda e: errors.append(str(e)))
    pg.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    try:
        pg.goto(f"{server_url}/")
        pg.wait_for_selector("body[data-panels=all]", timeout=30_000)
        pg.get_by_test_id("random-digit").scroll_into_view_if_needed()
        pg.get_by_test_id("random-digit").tap()
        pg.wait_for_function("() => document.querySelector('[data-testid=prediction]').dataset.prediction !== undefined")
        layer1 = pg.locator("[data-testid=hidden-activations] canvas").first
        box = layer1.bounding_box()
        layer1.tap(position={"x": box["width"] * 0.1, "y": box["height"] * 0.1})
        expect(layer1).to_have_attribute("data-selected", "0")
        layer1.tap(position={"x": box["width"] * 0.9, "y": box["height"] * 0.9})
        expect(layer1).to_have_attribute("data-selected", "15")
        expect(pg.get_by_test_id("contribution-note")).to_contain_text("neuron 16")
    finally:
        context.close()
    assert not errors, errors


# The image the page sends for what the pad shows now (the pad's own downsampling and encoding).
PAD_IMAGE = """async () => {
    const { compactImage } = await import('/static/views/draw/follow.js');
    const { inkRows, SEND_SIDE } = await import('/static/views/draw/pad.js');
    const pad = document.querySelector('[data-testid=draw-canvas]');
    const small = document.createElement('canvas'); small.width = small.height = SEND_SIDE;
    const g = small.getContext('2d'); g.drawImage(pad, 0, 0, SEND_SIDE, SEND_SIDE);
    return compactImage(inkRows(g.getImageData(0, 0, SEND_SIDE, SEND_SIDE).data, SEND_SIDE, SEND_SIDE)).image_b64; }"""


def test_while_training_every_stroke_ends_with_an_answer_for_the_whole_drawing(page, open_playground):
    # New weights ask for a fresh answer every half second; such a refresh must never stand in
    # for the stroke just finished (it once re-sent the drawing as it was before that stroke).
    sent = []
    page.on("request", lambda r: sent.append(r.post_data_json) if r.url.endswith("/api/predict") else None)
    open_playground(page, QUICK.replace("snapshot_every=20", "snapshot_every=2") + "&epochs=30&train_size=20000")
    page.get_by_test_id("train-start").click()
    wait_source(page, "run")
    page.get_by_test_id("draw-canvas").evaluate("e => e.scrollIntoView({block: 'center'})")
    for k in range(8):
        draw(page, [(0.2 + 0.08 * k, 0.15), (0.25 + 0.08 * k, 0.5), (0.2 + 0.08 * k, 0.85)])
        page.wait_for_timeout(1200)   # long enough for the answer and two refreshes
        images = [b["image_b64"] for b in sent if b and "image_b64" in b]
        assert images and images[-1] == page.evaluate(PAD_IMAGE), f"stroke {k + 1}: the last request is not the drawing"
