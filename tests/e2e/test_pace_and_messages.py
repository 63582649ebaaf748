"""A pace you can watch, and the page saying what is happening: speed, Step, stalled runs, bad input."""
import json

from playwright.sync_api import expect

from test_draw import ONE, draw, wait_prediction

QUICK = "#layers=784-16-16-10&activation=sigmoid&optimizer=sgd&lr=0.5&batch_size=32&seed=1&snapshot_every=5"


def last_step(pg) -> int:
    return int(pg.get_by_test_id("watch-summary").inner_text().split("step ")[1].split(" ")[0])


def test_the_speed_control_slows_a_run_and_changes_while_training(page, open_playground):
    # 3,000 examples in batches of 30: 100 updates an epoch, 300 in all.
    open_playground(page, QUICK + "&batch_size=30&train_size=3000&epochs=3&speed=10")
    speed = page.get_by_test_id("speed")
    expect(speed).to_have_value("10")
    expect(page.get_by_test_id("speed-hint")).to_contain_text("30 s")
    page.get_by_test_id("train-start").click()
    expect(page.get_by_test_id("status")).to_have_attribute("data-state", "training", timeout=30_000)
    page.wait_for_function("() => document.querySelector('[data-testid=watch-summary]').textContent.includes('step')", timeout=30_000)
    start = last_step(page)
    page.wait_for_timeout(3000)
    moved = last_step(page) - start
    assert moved <= 60, f"at 10 updates a second, 3 s took {moved} updates"
    assert page.get_by_test_id("status").get_attribute("data-state") == "training"
    speed.select_option("max")
    assert "speed=max" in page.url, "the speed is kept in the link"
    expect(page.get_by_test_id("status")).to_have_attribute("data-state", "done", timeout=30_000)


def step_from_fresh(page, open_playground, button: str, shown: str) -> None:
    """Open a fresh page, press a Step button, and check Watch, the diagram and the pad show the stepped network."""
    open_playground(page, QUICK + "&train_size=3000&epochs=3")
    summary = page.get_by_test_id("watch-summary")
    expect(summary).to_contain_text("No training yet")
    page.get_by_test_id(button).click()
    expect(summary).to_contain_text(shown, timeout=30_000)
    expect(page.get_by_test_id("status")).to_have_attribute("data-state", "paused")
    page.wait_for_function("() => JSON.parse(document.querySelector('[data-testid=network-diagram]').dataset.clickPoints || '[]').length > 0",
                           timeout=15_000)
    assert page.get_by_test_id("weight-images").locator("canvas").count() == 16
    draw(page, ONE)
    wait_prediction(page)
    page.wait_for_function("() => document.querySelector('[data-testid=answered-by]').dataset.source === 'run'", timeout=15_000)


def test_step_from_a_fresh_start_moves_watch_and_the_pad(page, open_playground):
    step_from_fresh(page, open_playground, "train-step", "step 1 ")


def test_step_epoch_from_a_fresh_start_moves_watch_and_the_pad_then_step_moves_them_again(page, open_playground):
    step_from_fresh(page, open_playground, "train-step-epoch", "Epoch 1.00 · step 94")
    page.wait_for_function("() => document.querySelector('[data-testid=answered-by]').dataset.epoch === '1'", timeout=15_000)
    page.get_by_test_id("train-step").click()
    expect(page.get_by_test_id("watch-summary")).to_contain_text("step 95", timeout=15_000)
    page.wait_for_function("() => Number(document.querySelector('[data-testid=answered-by]').dataset.epoch) > 1", timeout=15_000)


def test_a_run_that_does_not_learn_says_so_and_what_to_try(page, open_playground):
    # The course's network at learning rate 10 (seed 0): an epoch later it still guesses (10 % of digits).
    open_playground(page, "#lr=10&epochs=1&seed=0&speed=max")
    page.get_by_test_id("train-start").click()
    message = page.get_by_test_id("status-message")
    expect(message).to_contain_text("Not learning", timeout=60_000)
    expect(message).to_contain_text("smaller learning rate, such as 1")
    assert message.get_attribute("data-state") == "stalled"
    page.get_by_test_id("lang-toggle").click()
    expect(message).to_contain_text("학습이 안 되고 있어요")


def test_out_of_range_input_is_kept_explained_and_holds_play_back(page, open_playground):
    open_playground(page)
    lr = page.get_by_test_id("lr-input")
    lr.fill("1000")
    lr.press("Enter")
    expect(page.get_by_test_id("lr-input-note")).to_contain_text("0 < x ≤ 10")
    expect(lr).to_have_value("1000")
    expect(lr).to_have_attribute("aria-invalid", "true")
    start = page.get_by_test_id("train-start")
    expect(start).to_be_disabled()
    expect(page.get_by_test_id("play-why")).to_contain_text("Learning rate")
    epochs = page.get_by_test_id("epochs")
    epochs.fill("0")
    epochs.press("Enter")
    expect(page.get_by_test_id("epochs-note")).to_contain_text("whole numbers")
    expect(page.get_by_test_id("play-why")).to_contain_text("Epochs")
    lr.fill("0.3")
    lr.press("Enter")
    epochs.fill("2")
    epochs.press("Enter")
    expect(start).to_be_enabled()
    expect(page.get_by_test_id("play-why")).to_have_text("")
    assert "lr=0.3" in page.url and "epochs=2" in page.url


def test_the_runs_list_opens_downloads_and_deletes_a_saved_run(page, open_playground, screenshots):
    open_playground(page, QUICK + "&layers=784-12-10&train_size=2000&epochs=2&speed=max")
    page.get_by_test_id("train-start").click()
    expect(page.get_by_test_id("status")).to_have_attribute("data-state", "done", timeout=60_000)
    run_id = page.get_by_test_id("answered-by").get_attribute("data-run")
    row = page.locator(f"[data-testid=runs-table] tr[data-run='{run_id}']")
    row.scroll_into_view_if_needed()
    expect(row).to_contain_text("784-12-10")
    expect(row).to_contain_text("%")
    row.get_by_test_id("run-open").click()
    detail = page.get_by_test_id("run-detail")
    expect(detail).to_be_visible()
    expect(page.get_by_test_id("run-loss-chart")).to_have_attribute("data-points", "2")
    expect(page.get_by_test_id("run-weights").locator("canvas")).to_have_count(12)
    config = page.request.get(page.base_url + page.get_by_test_id("run-config").get_attribute("href"))
    assert json.loads(config.body())["layers"] == [784, 12, 10]
    weights = page.request.get(page.base_url + page.get_by_test_id("run-weights-file").get_attribute("href"))
    assert weights.ok and weights.body()[:2] == b"PK", "an .npz is a zip archive"
    page.locator("#panel-runs").screenshot(path=screenshots / "README-runs-en.png")
    page.get_by_test_id("train-reset").click()
    page.get_by_test_id("run-draw").click()
    expect(page.get_by_test_id("draw-canvas")).to_be_in_viewport()
    draw(page, ONE)
    page.wait_for_function(f"() => document.querySelector('[data-testid=answered-by]').textContent.includes('{run_id}')", timeout=15_000)
    row.get_by_test_id("run-delete").click()
    expect(row).to_have_count(0)
    assert page.request.get(f"{page.base_url}/api/runs/{run_id}").status == 404
